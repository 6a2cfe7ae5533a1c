"""Exit codes of every command (README "Exit status", `stigmacheck fix --help`)."""

EXIT_OK = 0  # no finding at or above --fail-on
EXIT_FINDINGS = 1  # findings at or above --fail-on (rules test/validate: a rule fails)
EXIT_ERROR = 2  # usage, configuration, rule or input error (also: one file could not be read or checked)
EXIT_INTERNAL = 3  # an unexpected error in stigmacheck itself: never an ordinary result
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT) or SIGTERM: the run was stopped, workers too
