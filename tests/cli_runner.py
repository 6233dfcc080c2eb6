"""Run the ``agreement-lint`` entry point in-process and return its exit code.

``main`` installs SIGINT/SIGTERM handlers for the real command line; in a test process they
would outlive the call, so they are put back afterwards.
"""

from __future__ import annotations

import signal

import pytest

from agreement_lint.cli import main


def run_main(argv: list[str]) -> int:
    """The exit code ``agreement-lint ARGV`` ends with (``main`` always raises SystemExit)."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with pytest.raises(SystemExit) as info:
            main(argv)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    code = info.value.code
    assert isinstance(code, int)
    return code
