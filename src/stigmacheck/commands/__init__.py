"""Subcommands kept out of cli.py; loaded lazily by cli.LazyGroup."""
