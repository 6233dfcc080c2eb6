"""The README's two commands are the ones CI runs: the README is proven, not promised."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)[:2]


def test_readme_opens_with_an_install_and_run_command_and_a_test_command() -> None:
    first, second = _readme_commands()
    assert "pip install ." in first and "agreement-lint check samples/" in first
    assert 'pip install ".[test]"' in second and "pytest" in second


def test_ci_runs_exactly_the_readme_test_command() -> None:
    _, test_command = _readme_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines
    assert "set -euo pipefail" in ci_lines
