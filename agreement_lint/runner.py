"""Check files, one at a time or in parallel processes, and return results in input order.

:func:`check_task` does everything for one file — read, lint, apply waivers — and never
raises for a bad input: an unreadable or unparsable file becomes a :class:`FileResult` with an
``error``, so the other files are still checked. :func:`run` spreads tasks over a process
pool; results come back in the order the tasks were given, so ``--jobs 4`` prints exactly
what ``--jobs 1`` prints.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .config import Resolved
from .errors import AgreementLintError, InputError, ParseError
from .findings import Severity
from .report import FileResult
from .waivers import apply_waivers

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

    from .cache import ResultsCache
    from .engine import LintOptions, RuleSet
    from .model import Agreement


MIN_PARALLEL = 4
"""Fewer files than this are checked in-process: starting workers would cost more."""


@dataclass(frozen=True)
class Task:
    """One file to check, with the settings that apply to it."""

    display: str
    """The path as the user sees it (also the name given to standard input)."""
    canonical: str
    """The path relative to the project root, with ``/`` (for fingerprints and SARIF)."""
    settings: Resolved
    path: str | None = None
    """Where to read the file; None when ``data`` holds standard input."""
    data: bytes | None = None


class Progress(Protocol):
    """Something that shows progress (the CLI's rich bar)."""

    def start(self, total: int) -> None: ...
    def advance(self, count: int) -> None: ...


@cache
def ruleset_for(packs: tuple[Path, ...]) -> RuleSet:
    """The rule set with these extra packs, loaded once per process."""
    from .engine import load_ruleset

    return load_ruleset(packs)


def lint_options(settings: Resolved) -> LintOptions:
    """The engine's options for a file's resolved settings."""
    from .engine import LintOptions

    return LintOptions(kind=settings.kind, select=settings.select or (),
                       ignore=settings.ignore, severity=dict(settings.severity))


def describe_error(exc: AgreementLintError) -> str:
    """An input error without the path (the report already names the file)."""
    message = " ".join(exc.message.split())
    if exc.line is not None:
        where = f"line {exc.line}" + (f", column {exc.column}" if exc.column is not None else "")
        return f"{where}: {message}"
    return message


def _read(task: Task) -> Agreement:
    from .read import read_agreement, read_agreement_bytes

    settings = task.settings
    if task.data is not None:
        return read_agreement_bytes(task.data, name=task.display, encoding=settings.encoding,
                                    max_bytes=settings.max_bytes)
    assert task.path is not None
    return read_agreement(Path(task.path), encoding=settings.encoding,
                          max_bytes=settings.max_bytes, display_path=task.display)


def _format_of(name: str) -> str:
    from .read import source_format

    return source_format(name)


def check_task(task: Task, *, debug: bool = False) -> FileResult:
    """Read, lint and apply waivers to one file; failures become an error entry."""
    from .engine import lint

    base = FileResult(path=task.display, canonical=task.canonical, format=_format_of(task.display))
    try:
        ruleset = ruleset_for(task.settings.rule_packs)
        options = lint_options(task.settings)
        agreement = _read(task)
        kind = ruleset.resolve_kind(agreement, task.settings.kind)
        findings = lint(agreement, ruleset, options)
        outcome = apply_waivers(agreement, findings, ruleset, enabled=options.is_selected,
                                severity=options.severity_override)
    except (InputError, ParseError) as exc:
        return FileResult(path=base.path, canonical=base.canonical, format=base.format,
                          error=describe_error(exc))
    except AgreementLintError:
        raise  # configuration and rule errors stop the whole run (exit 2)
    except Exception as exc:
        if debug:
            raise
        detail = " ".join(str(exc).split())[:300]
        return FileResult(
            path=base.path, canonical=base.canonical, format=base.format, internal_error=True,
            error=f"internal error: {type(exc).__name__}: {detail} (please report; "
                  "--debug shows more)",
        )
    applied = tuple(r.code for r in ruleset.rules
                    if options.is_selected(r.code) and r.applies_to(kind))
    return FileResult(path=base.path, canonical=base.canonical, kind=kind, format=base.format,
                      findings=outcome.findings, waived=outcome.waived, rules_applied=applied)


def _check_batch(batch: Sequence[Task], debug: bool) -> list[FileResult]:
    return [check_task(task, debug=debug) for task in batch]


def _context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe (Linux): workers inherit the already-loaded rule sets."""
    import multiprocessing  # only a parallel run pays for importing it

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def run(tasks: Sequence[Task], *, jobs: int = 1, progress: Progress | None = None,
        debug: bool = False, cache: ResultsCache | None = None) -> list[FileResult]:
    """Check every task; results are in the order of ``tasks`` whatever ``jobs`` is.

    With a ``cache``, files whose results are stored are not checked again, and the results
    of the others are stored for next time.
    """
    if cache is None:
        return _check_all(tasks, jobs=jobs, progress=progress, debug=debug)
    from .cache import read_for_key

    keys: list[str | None] = []
    results: list[FileResult | None] = []
    for task in tasks:
        content = read_for_key(task.path, task.data)
        key = None if content is None else cache.key(content, task.display, task.settings)
        keys.append(key)
        results.append(None if key is None else
                       cache.get(key, path=task.display, canonical=task.canonical))
    missing = [number for number, result in enumerate(results) if result is None]
    checked = _check_all([tasks[number] for number in missing], jobs=jobs, progress=progress,
                         debug=debug)
    for number, result in zip(missing, checked, strict=True):
        results[number] = result
        key = keys[number]
        if key is not None:
            cache.put(key, result)
    return [result for result in results if result is not None]


def _check_all(tasks: Sequence[Task], *, jobs: int, progress: Progress | None,
               debug: bool) -> list[FileResult]:
    """Check every task, in this process or spread over a pool of worker processes."""
    for packs in dict.fromkeys(task.settings.rule_packs for task in tasks):
        ruleset_for(packs)  # load (and validate) in the parent: forked workers inherit it
    if jobs <= 1 or len(tasks) < MIN_PARALLEL:
        if progress is not None:
            progress.start(len(tasks))
        results = []
        for task in tasks:
            results.append(check_task(task, debug=debug))
            if progress is not None:
                progress.advance(1)
        return results
    workers = min(jobs, len(tasks))
    size = max(1, min(16, len(tasks) // (workers * 4)))
    batches = [list(tasks[i:i + size]) for i in range(0, len(tasks), size)]
    done: dict[int, list[FileResult]] = {}
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        futures: dict[Future[list[FileResult]], int] = {
            pool.submit(_check_batch, batch, debug): number for number, batch in enumerate(batches)
        }
        if progress is not None:
            progress.start(len(tasks))
        for future in as_completed(futures):
            number = futures[future]
            done[number] = future.result()
            if progress is not None:
                progress.advance(len(batches[number]))
    return [result for number in range(len(batches)) for result in done[number]]


def fails(results: Sequence[FileResult], fail_on: str) -> bool:
    """True when a finding is at or above ``fail_on`` (never for ``never``)."""
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for r in results for f in r.findings)
