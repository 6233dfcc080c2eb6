"""The top-level handler: documented exit codes, one-line errors, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import click
import pytest
from cli_runner import run_main

from agreement_lint import exitcodes
from agreement_lint.cli import cli
from agreement_lint.errors import InputError, ParseError


@pytest.fixture()
def failing_commands() -> Iterator[None]:
    @click.command("boom")
    def boom() -> None:
        raise ZeroDivisionError("division by zero in a rule")

    @click.command("bad-input")
    def bad_input() -> None:
        raise InputError("no such file", path="missing.md")

    @click.command("bad-parse")
    def bad_parse() -> None:
        raise ParseError(
            "front matter is not closed", path="d.md", line=1, column=1, source_line="---"
        )

    for command in (boom, bad_input, bad_parse):
        cli.add_command(command)
    yield
    for name in ("boom", "bad-input", "bad-parse"):
        cli.commands.pop(name, None)


def _run(argv: list[str]) -> int:
    return run_main(argv)


def test_internal_error_is_one_line_and_exit_3(
    failing_commands: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["boom"]) == exitcodes.INTERNAL_ERROR
    err = capsys.readouterr().err
    assert err.startswith("agreement-lint: internal error: ZeroDivisionError")
    assert "please report" in err
    assert "Traceback" not in err


def test_debug_shows_the_traceback(
    failing_commands: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["--debug", "boom"]) == exitcodes.INTERNAL_ERROR
    assert "Traceback" in capsys.readouterr().err


def test_input_error_names_the_file_and_exits_2(
    failing_commands: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["bad-input"]) == exitcodes.USAGE_OR_INPUT_ERROR
    assert capsys.readouterr().err == "agreement-lint: missing.md: no such file\n"


def test_parse_error_shows_the_offending_line(
    failing_commands: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["bad-parse"]) == exitcodes.USAGE_OR_INPUT_ERROR
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "agreement-lint: d.md:1:1: front matter is not closed"
    assert err.splitlines()[1].strip() == "---"


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["no-such-command"]) == exitcodes.USAGE_OR_INPUT_ERROR
    assert "No such command" in capsys.readouterr().err


def test_version_and_help_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["--version"]) == exitcodes.OK
    assert "agreement-lint" in capsys.readouterr().out
    assert _run(["--help"]) == exitcodes.OK
    out = capsys.readouterr().out
    for command in ("check", "parse", "rules", "explain", "annotate", "baseline"):
        assert command in out


def test_module_entry_point_runs_as_a_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "agreement_lint", "--version"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("agreement-lint, version")
