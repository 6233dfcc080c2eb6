"""The ``agreement-lint`` command: a click group whose subcommands load on demand.

Each subcommand lives in its own module (``agreement_lint.cli.<name>``) and is imported only
when it is run, so ``agreement-lint check`` never pays for python-docx or the Word writer.
This module also owns the top-level error handling: no traceback ever reaches the user.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
from types import FrameType
from typing import Any, NoReturn

import click

from .. import __version__, exitcodes
from ..errors import AgreementLintError, ParseError

# name -> (module, attribute, one-line help shown in --help before the module is imported)
_COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": ("check", "check", "Check agreements and report findings (the main job)."),
    "parse": ("parse", "parse", "Show how a draft was read: its outline, or the model as JSON."),
    "rules": ("rules", "rules", "List every rule with its code, severity and principles."),
    "explain": ("explain", "explain", "Explain a rule: the principle behind it, examples, a fix."),
    "annotate": ("annotate", "annotate", "Copy a .docx with a Word comment on each finding."),
    "baseline": ("baseline", "baseline", "Record today's findings so only new ones are reported."),
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(_COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        entry = _COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attribute, _help = entry
        try:
            module = importlib.import_module(f"{__name__}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{module_name}":
                return None
            raise
        command: click.Command = getattr(module, attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _COMMANDS[name][2]) for name in sorted(_COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="agreement-lint")
@click.option("--debug", is_flag=True, help="Show a full traceback for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check draft partnership and civic agreements against published principles of
    equitable partnership (NHS–university, Queen Mary toolkit, Civic University Agreements).

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/input error,
    3 internal error, 130/143 interrupted.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _print_error(message: str) -> None:
    click.echo(f"agreement-lint: {message}", err=True)


_main_pid = os.getpid()
"""The process that installed the handlers; forked workers inherit them but must stay quiet."""


def _stop_workers() -> None:
    """Kill the worker processes of a parallel run, so none outlives an interrupted command."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is None:
        return  # no parallel run was started
    for child in multiprocessing.active_children():
        with contextlib.suppress(Exception):
            child.kill()


def _on_signal(signum: int, _frame: FrameType | None) -> NoReturn:
    """Remove half-written outputs, stop the workers and exit with the conventional 128+N code."""
    code = exitcodes.INTERRUPTED if signum == signal.SIGINT else exitcodes.TERMINATED
    if os.getpid() != _main_pid:
        os._exit(code)  # a worker (Ctrl-C reaches the whole group): the main process reports
    from ..atomic import remove_live_temp_files

    remove_live_temp_files()
    _stop_workers()
    name = "interrupted" if signum == signal.SIGINT else "terminated"
    _print_error(f"{name}; no partial output was left behind")
    os._exit(code)


def main(argv: list[str] | None = None) -> NoReturn:
    """Console-script entry point: run the CLI and map every outcome to a documented exit code."""
    global _main_pid
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    _main_pid = os.getpid()
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    code: Any
    try:
        code = cli.main(args=argv, prog_name="agreement-lint", standalone_mode=False)
    except click.exceptions.Abort:
        _print_error("interrupted")
        code = exitcodes.INTERRUPTED
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.UsageError as exc:  # one line, like every other error, with where to look
        where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        _print_error(" ".join(exc.format_message().split()) + where)
        code = exitcodes.USAGE_OR_INPUT_ERROR
    except click.ClickException as exc:
        exc.show()
        code = exitcodes.USAGE_OR_INPUT_ERROR
    except ParseError as exc:
        click.echo(f"agreement-lint: {exc.render()}", err=True)
        code = exitcodes.USAGE_OR_INPUT_ERROR
    except AgreementLintError as exc:
        _print_error(exc.one_line())
        code = exitcodes.USAGE_OR_INPUT_ERROR
    except BrokenPipeError:
        code = exitcodes.OK
    except OSError as exc:  # the file system refused (disk full, permissions): not a bug
        reason = " ".join(str(exc.strerror or exc).split())
        _print_error(f"{exc.filename}: {reason}" if exc.filename else reason)
        code = exitcodes.USAGE_OR_INPUT_ERROR
    except Exception as exc:  # the last line of defence: never show a traceback by default
        if debug:
            import traceback

            traceback.print_exc()
        detail = " ".join(str(exc).split())[:300]
        _print_error(
            f"internal error: {type(exc).__name__}: {detail} (please report; --debug shows more)"
        )
        code = exitcodes.INTERNAL_ERROR
    sys.stdout.flush()
    sys.exit(code if isinstance(code, int) else exitcodes.OK)
