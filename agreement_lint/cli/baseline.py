"""``agreement-lint baseline create``: record today's findings so that only new ones fail CI.

Adopting the linter on a repository of existing agreements should not mean fixing every old
draft first: record the findings once, commit the baseline, and run
``agreement-lint check --baseline FILE`` so that only findings added later are reported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .. import exitcodes
from ..errors import UsageError
from .check import Selection, collect, selection_options


@click.group("baseline")
def baseline() -> None:
    """Record today's findings so that only new ones are reported."""


@baseline.command("create")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The baseline file to write (JSON; commit it to the repository).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@selection_options
@click.pass_context
def create(ctx: click.Context, paths: tuple[str, ...], output: Path, quiet: bool,
           **selection: Any) -> None:
    """Check PATHS and write every finding to a baseline file.

    The baseline is not written if a file cannot be read: a baseline missing that file's
    findings would report them all as new later.
    """
    from ..atomic import check_output_path
    from ..baseline import write_baseline

    if "-" in paths:
        raise UsageError("a baseline records files by path; standard input (-) has none")
    check_output_path(output, *[Path(p) for p in paths])
    options = Selection(**{k: v for k, v in selection.items() if k != "no_cache"})
    debug = bool(ctx.obj and ctx.obj.get("debug"))
    outcome = collect(paths, options, stdin_filename=None, quiet=quiet, debug=debug)
    check_output_path(output, *outcome.discovered.files)
    failed = [r for r in outcome.results if r.error is not None]
    for result in failed:
        click.echo(f"agreement-lint: {result.path}: could not be checked: {result.error}",
                   err=True)
    if failed:
        click.echo(f"agreement-lint: baseline not written: {len(failed)} file(s) could not be "
                   "checked", err=True)
        ctx.exit(exitcodes.INTERNAL_ERROR if any(r.internal_error for r in failed)
                 else exitcodes.USAGE_OR_INPUT_ERROR)
    recorded = write_baseline(output, outcome.results)
    if not quiet:
        files = len(outcome.results)
        click.echo(f"Recorded {recorded} finding(s) from {files} file(s) in {output}.", err=True)
