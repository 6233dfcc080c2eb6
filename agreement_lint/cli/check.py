"""``agreement-lint check``: check drafts and report findings (the main job).

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 a usage,
configuration or input error — including one file that could not be read among good ones,
because then the check is incomplete (every good file's findings are still reported); 3 an
internal error while checking a file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from .. import __version__, exitcodes
from ..config import ConfigFinder, Overrides, check_codes, parse_size, resolve
from ..discovery import Discovered, discover, git_root
from ..errors import ConfigError, UsageError
from ..report import FORMATS, FileResult, ReportOptions
from ..runner import Task, default_jobs, fails, ruleset_for, run

MACHINE_FORMATS = ("json", "sarif", "github", "junit")
PROGRESS_THRESHOLD = 5
"""Show a progress bar (on a terminal) when checking more files than this."""


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """``--select PAY,LANG003 --select STR`` → ``("PAY", "LANG003", "STR")``."""
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


def _size(_ctx: click.Context, _param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_size(value, where="--max-file-size")
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def selection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options shared by ``check`` and ``baseline create``: what to check and how."""
    options = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
                     help="Use this configuration file for every path (no discovery)."),
        click.option("--no-config", is_flag=True,
                     help="Ignore configuration files; use the defaults and the flags."),
        click.option("--kind", metavar="KIND",
                     help="Treat every draft as this kind (e.g. mou, civic-university-agreement)."),
        click.option("--select", multiple=True, metavar="CODES",
                     help="Run only these rules (codes or prefixes, comma-separated)."),
        click.option("--extend-select", multiple=True, metavar="CODES",
                     help="Add rules to the selection from the configuration."),
        click.option("--ignore", multiple=True, metavar="CODES",
                     help="Do not run these rules (added to the configuration's ignore list)."),
        click.option("--rule-pack", "rule_packs", multiple=True,
                     type=click.Path(exists=True, path_type=Path), metavar="DIR",
                     help="Add a directory of your own rules (repeatable)."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Check files in this many processes (default: every core)."),
        click.option("--encoding", metavar="NAME",
                     help="Read text drafts in this encoding (default: UTF-8, or a BOM)."),
        click.option("--max-file-size", callback=_size, metavar="SIZE",
                     help="Largest text draft to read, e.g. 20MB (default 20MB)."),
        click.option("--force-exclude", is_flag=True,
                     help="Apply exclude patterns to files named on the command line too."),
        click.option("--no-cache", is_flag=True,
                     help="Check every file afresh: neither read nor write the results cache "
                          "(.agreement-lint-cache)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@dataclass
class Selection:
    """The parsed selection options."""

    config_file: Path | None
    no_config: bool
    kind: str | None
    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    rule_packs: tuple[Path, ...]
    jobs: int | None
    encoding: str | None
    max_file_size: int | None
    force_exclude: bool
    no_cache: bool = True
    """Skip the results cache (``check`` uses it unless --no-cache is given)."""


@dataclass
class Run:
    """Everything a command needs after checking: results, settings and where things are."""

    results: list[FileResult]
    finder: ConfigFinder
    root: Path
    inputs: list[Path]
    discovered: Discovered


def project_root(cwd: Path) -> Path:
    """Where SARIF and baseline paths start: the git work tree, else the current directory."""
    return git_root(cwd) or cwd


def canonical_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` (absolute when outside the root)."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def _overrides(selection: Selection) -> Overrides:
    return Overrides(
        select=_codes(selection.select) or None,
        extend_select=_codes(selection.extend_select),
        ignore=_codes(selection.ignore),
        kind=selection.kind,
        rule_packs=tuple(p.resolve() for p in selection.rule_packs),
        encoding=selection.encoding,
        max_bytes=selection.max_file_size,
    )


def _validate(tasks: Sequence[Task], finder: ConfigFinder, overrides: Overrides) -> None:
    """Every code and kind named anywhere must exist in the rule set it applies to."""
    checked: set[int] = set()
    for task in tasks:
        ruleset = ruleset_for(task.settings.rule_packs)
        codes = ruleset.codes
        for flag, values in (("--select", overrides.select or ()),
                             ("--extend-select", overrides.extend_select),
                             ("--ignore", overrides.ignore)):
            unknown = [v for v in values if not any(c.startswith(v) for c in codes)]
            if unknown:
                raise UsageError(f"{flag} names no known rule: {', '.join(unknown)} "
                                 "(agreement-lint rules lists them)")
        config = finder.for_file(Path(task.path or task.display))
        if task.settings.kind:
            try:
                ruleset.require_kind(task.settings.kind)
            except ConfigError as exc:
                if overrides.kind:
                    raise UsageError(f"--kind: {exc.message}") from None
                raise ConfigError(exc.message, path=config.label) from None
        if id(config) not in checked:
            checked.add(id(config))
            check_codes(config, codes)


class _Bar:
    """A rich progress bar on standard error."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._progress = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(),
                                  console=Console(stderr=True), transient=True)
        self._task: Any = None

    def start(self, total: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task("check", total=total)

    def advance(self, count: int) -> None:
        self._progress.advance(self._task, count)

    def stop(self) -> None:
        self._progress.stop()


def collect(paths: Sequence[str], selection: Selection, *, stdin_filename: str | None,
            quiet: bool, debug: bool) -> Run:
    """Find the files, resolve their settings and check them all."""
    if selection.config_file is not None and selection.no_config:
        raise UsageError("--config and --no-config cannot be used together")
    cwd = Path.cwd()
    finder = ConfigFinder(explicit=selection.config_file, isolated=selection.no_config, cwd=cwd)
    overrides = _overrides(selection)
    root = project_root(cwd.resolve())

    def excluded(path: Path) -> bool:
        return finder.for_file(path).excludes(path)

    def gitignore(directory: Path) -> bool:
        return finder.for_directory(directory).settings.respect_gitignore

    found = discover(paths, excluded=excluded, respect_gitignore=gitignore,
                     force_exclude=selection.force_exclude)
    if not quiet:
        for path in found.excluded:
            click.echo(f"agreement-lint: {path}: skipped (excluded by configuration)", err=True)
    tasks: list[Task] = []
    order: list[tuple[str, int | str]] = []  # ("task", index) or ("missing", path)
    for raw in paths:
        if raw in found.missing:
            order.append(("missing", raw))
    for path in found.files:
        settings = resolve(finder.for_file(path), path, overrides)
        order.append(("task", len(tasks)))
        tasks.append(Task(display=str(path), canonical=canonical_path(path, root),
                          settings=settings, path=str(path)))
    if found.stdin:
        name = stdin_filename or "-"
        named = Path(stdin_filename) if stdin_filename else cwd / "stdin.md"
        config = finder.for_file(named)
        if selection.force_exclude and stdin_filename and config.excludes(named):
            if not quiet:
                click.echo(f"agreement-lint: {name}: skipped (excluded by configuration)",
                           err=True)
        else:
            order.append(("task", len(tasks)))
            tasks.append(Task(display=name, canonical=canonical_path(named, root)
                              if stdin_filename else "-",
                              settings=resolve(config, named, overrides),
                              data=sys.stdin.buffer.read()))
    _validate(tasks, finder, overrides)
    results_cache = None
    if not selection.no_cache:
        from ..cache import ResultsCache, cache_dir_for

        results_cache = ResultsCache(cache_dir_for(finder.project().path, cwd))
    bar = _Bar() if (sys.stderr.isatty() and not quiet and len(tasks) > PROGRESS_THRESHOLD) \
        else None
    try:
        checked = run(tasks, jobs=selection.jobs or default_jobs(), progress=bar, debug=debug,
                      cache=results_cache)
    finally:
        if bar is not None:
            bar.stop()
    results: list[FileResult] = []
    for what, value in order:
        if what == "missing":
            missing = str(value)
            results.append(FileResult(path=missing, canonical=canonical_path(Path(missing), root),
                                      error="no such file or directory"))
        else:
            results.append(checked[int(value)])
    if not tasks and not found.missing and not found.excluded and not quiet:
        click.echo("agreement-lint: no drafts found (looked for .md, .markdown, .txt, .text "
                   "and .docx files)", err=True)
    return Run(results, finder, root, [Path(p) for p in paths if p != "-"], found)


def use_colour(choice: bool | None, to_file: bool) -> bool:
    """Colour on a terminal only; ``--color``/``--no-color``, ``NO_COLOR``, ``FORCE_COLOR``."""
    if choice is not None:
        return choice
    if to_file or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def exit_code(results: Sequence[FileResult], fail_on: str) -> int:
    """3 for an internal error, 2 for a file that could not be checked, 1 for findings."""
    if any(r.internal_error for r in results):
        return exitcodes.INTERNAL_ERROR
    if any(r.error is not None for r in results):
        return exitcodes.USAGE_OR_INPUT_ERROR
    return exitcodes.FINDINGS if fails(results, fail_on) else exitcodes.OK


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@selection_options
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              help="Exit 1 when a finding is at or above this severity (default: error).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file (atomically) instead of standard output.")
@click.option("--statistics", is_flag=True, help="Count findings per rule (text format).")
@click.option("--show-waived", is_flag=True, help="List waived findings too.")
@click.option("--show-suggestions", is_flag=True,
              help="Print the first line of each finding's suggested wording (text format).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings that this baseline file does not record.")
@click.option("--stdin-filename", metavar="NAME",
              help="The name to give standard input (-): decides format and settings.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary or notes.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a "
              "terminal, unless NO_COLOR is set).")
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], fail_on: str | None, fmt: str,
          output: Path | None, statistics: bool, show_waived: bool, show_suggestions: bool,
          baseline_file: Path | None, stdin_filename: str | None, quiet: bool,
          color: bool | None, **selection: Any) -> None:
    """Check agreements (files, directories, or - for standard input) and report findings."""
    from ..report import render

    options = Selection(**selection)
    if paths.count("-") > 1:
        raise UsageError("standard input (-) can be given only once")
    if output is not None:
        from ..atomic import check_output_path

        check_output_path(output, *[Path(p) for p in paths if p != "-"])
    baseline = None
    if baseline_file is not None:
        from ..baseline import load_baseline

        baseline = load_baseline(baseline_file)
    debug = bool(ctx.obj and ctx.obj.get("debug"))
    outcome = collect(paths, options, stdin_filename=stdin_filename, quiet=quiet, debug=debug)
    results = outcome.results
    if output is not None:
        from ..atomic import check_output_path

        check_output_path(output, *outcome.discovered.files)
    if baseline is not None:
        results = [baseline.filter(r) if r.error is None else r for r in results]
    project = outcome.finder.project()
    threshold = fail_on or project.settings.fail_on or "error"
    packs = tuple(dict.fromkeys([*project.rule_pack_paths,
                                 *(p.resolve() for p in options.rule_packs)]))
    coloured = fmt == "text" and use_colour(color, output is not None)
    report = render(fmt, results, ruleset_for(packs), ReportOptions(
        show_waived=show_waived, show_suggestions=show_suggestions, statistics=statistics,
        color=coloured, quiet=quiet,
        tool_version=__version__, root_uri=outcome.root.as_uri().rstrip("/") + "/",
    ))
    if output is not None:
        from ..atomic import write_text_atomic

        write_text_atomic(output, report)
    else:
        click.echo(report, nl=False, color=coloured)  # click strips ANSI codes unless told
    ctx.exit(exit_code(results, threshold))
