"""stigmacheck: a Dutch linter for government communication about sex work."""

__version__ = "0.1.0"
