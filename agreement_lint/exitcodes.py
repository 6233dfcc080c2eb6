"""The process exit codes, in one place, so that scripts and CI can rely on them."""

OK = 0
"""Nothing at or above the --fail-on severity was found."""

FINDINGS = 1
"""At least one finding at or above the --fail-on severity."""

USAGE_OR_INPUT_ERROR = 2
"""Bad command line, configuration, rule pack or input file (the message names it)."""

INTERNAL_ERROR = 3
"""A bug in agreement-lint itself; run again with --debug and please report it."""

INTERRUPTED = 130
"""Stopped by Ctrl-C (SIGINT); no partial output file is left behind."""

TERMINATED = 143
"""Stopped by SIGTERM; no partial output file is left behind."""
