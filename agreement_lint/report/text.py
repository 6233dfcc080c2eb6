"""The default report, for people: findings grouped by file, then a summary.

Each finding is one line a terminal or editor can jump to::

    drafts/mou.md:14:1: PAY004 warning Partners are not paid for their time. [clause 4.2]

A finding about the whole document (something missing) has no line: ``drafts/mou.md: PAY002 …
[whole document]``; a Word file shows the paragraph: ``offer.docx:¶13: …``. Colour comes from
rich and only when asked for (the CLI decides from the terminal, ``NO_COLOR`` and
``FORCE_COLOR``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ..findings import Finding
from . import (
    FileResult,
    ReportOptions,
    RuleCatalogue,
    place_label,
    position,
    printable,
    rule_counts,
    summarise,
)

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _finding_parts(path: str, finding: Finding, waived: bool) -> list[tuple[str, str]]:
    where = position(finding)
    head = f"{path}:{where}:" if where else f"{path}:"
    parts = [
        (head, "bold"),
        (" ", ""),
        (finding.code, "bold"),
        (" ", ""),
        (finding.severity.value, _STYLE[finding.severity.value]),
        (" ", ""),
        (" ".join(finding.message.split()), ""),
        (f" [{place_label(finding)}]", "dim"),
    ]
    if waived:
        parts.append((" (waived)", "dim"))
    return parts


def _suggestion_line(finding: Finding) -> list[tuple[str, str]]:
    first = next((line.strip() for line in finding.suggestion.splitlines() if line.strip()), "")
    return [("    suggestion: ", "dim"), (first, "green")] if first else []


def _summary_lines(results: Sequence[FileResult]) -> list[list[tuple[str, str]]]:
    summary = summarise(results)
    checked = _plural(summary.files - summary.files_with_errors, "file")
    if summary.findings:
        counts = ", ".join(
            _plural(n, sev) if sev != "info" else f"{n} info"
            for sev, n in summary.by_severity.items() if n
        )
        first = [(f"Found {_plural(summary.findings, 'problem')} ({counts}) in {checked}.", "bold")]
    else:
        first = [(f"No problems found in {checked}.", "bold green")]
    lines = [first]
    extras = []
    if summary.waived:
        extras.append(f"{summary.waived} waived")
    if summary.baselined:
        extras.append(f"{summary.baselined} already in the baseline")
    if extras:
        lines.append([("Not shown: " + ", ".join(extras) + ".", "dim")])
    if summary.files_with_errors:
        lines.append([(
            f"{_plural(summary.files_with_errors, 'file')} could not be checked (see above).",
            "bold red",
        )])
    return lines


def _statistics_lines(results: Sequence[FileResult]) -> list[list[tuple[str, str]]]:
    rows = rule_counts(results)
    if not rows:
        return []
    width = max(len(str(count)) for _c, _n, count in rows)
    code_width = max(len(code) for code, _n, _count in rows)
    return [[(f"{count:>{width}}  ", "bold"), (f"{code:<{code_width}}", "bold"), (f"  {name}", "")]
            for code, name, count in rows]


def _lines(results: Sequence[FileResult], options: ReportOptions) -> list[list[tuple[str, str]]]:
    lines: list[list[tuple[str, str]]] = []
    for result in results:
        block: list[list[tuple[str, str]]] = []
        if result.error is not None:
            block.append([(f"{result.path}: ", "bold"), ("could not be checked: ", "bold red"),
                          (result.error, "")])
        shown = [(f, False) for f in result.findings]
        if options.show_waived:
            shown.extend((f, True) for f in result.waived)
            shown.sort(key=lambda pair: pair[0].sort_key())
        for finding, waived in shown:
            block.append(_finding_parts(result.path, finding, waived))
            if options.show_suggestions and (suggestion := _suggestion_line(finding)):
                block.append(suggestion)
        if block:
            if lines:
                lines.append([])
            lines.extend(block)
    if options.statistics:
        stats = _statistics_lines(results)
        if stats:
            lines.append([])
            lines.extend(stats)
    if not options.quiet:
        if lines:
            lines.append([])
        lines.extend(_summary_lines(results))
    return lines


def _safe(lines: list[list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    return [[(printable(text), style) for text, style in line] for line in lines]


def _plain(lines: list[list[tuple[str, str]]]) -> str:
    return "".join("".join(text for text, _style in line) + "\n" for line in lines)


def _coloured(lines: list[list[tuple[str, str]]]) -> str:
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard",
                      highlight=False, soft_wrap=True, width=10_000, emoji=False, markup=False)
    for line in lines:
        parts: list[Any] = [(text, style) if style else text for text, style in line]
        console.print(Text.assemble(*parts))
    return buffer.getvalue()


def render(results: Sequence[FileResult], ruleset: RuleCatalogue, options: ReportOptions) -> str:
    """The text report (coloured with ANSI codes when ``options.color``)."""
    lines = _safe(_lines(results, options))
    return _coloured(lines) if options.color else _plain(lines)
