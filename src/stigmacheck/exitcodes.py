"""Exit codes of every command (README, `stigmacheck fix --help`)."""

EXIT_OK = 0  # no finding at or above --fail-on
EXIT_FINDINGS = 1  # findings at or above --fail-on (rules test/validate: a rule fails)
EXIT_ERROR = 2  # usage, configuration, rule or input error
