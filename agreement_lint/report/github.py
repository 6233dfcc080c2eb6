"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::warning file=drafts/mou.md,line=14,col=1,title=PAY004 unpaid-partner::Partners are …``.
Values are escaped as the Actions runner expects: in the message ``%``, CR and LF; in
properties also ``:`` and ``,``. Findings about the whole document are annotated on the file
without a line. Levels: error → error, warning → warning, info → notice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..findings import Finding, Severity
from . import FileResult, ReportOptions, RuleCatalogue, place_label

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def clean(value: str) -> str:
    """Make text safe for the Actions log before escaping.

    Line separators other than CR and LF (which are escaped) would split the command, so they
    become spaces; other control characters (terminal escapes) and lone surrogates become
    U+FFFD.
    """
    return _UNSAFE.sub("\ufffd", _LINE_BREAKS.sub(" ", value))


def escape_data(value: str) -> str:
    """Escape a message for a workflow command."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (file, title) for a workflow command."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: str | int | None) -> str:
    """One workflow command line (values cleaned, then escaped); None properties are left out."""
    props = ",".join(
        f"{name}={escape_property(clean(str(value)))}"
        for name, value in properties.items() if value is not None
    )
    head = f"::{level} {props}" if props else f"::{level}"
    return f"{head}::{escape_data(clean(message))}"


def _annotation(finding: Finding, path: str) -> str:
    loc = finding.location
    line = loc.line
    column = loc.column if line is not None else None
    end_line = loc.end_line if line is not None else None
    message = f"{' '.join(finding.message.split())} [{place_label(finding)}]"
    if loc.paragraph is not None and line is None:
        message += f" (Word paragraph {loc.paragraph + 1})"
    if finding.suggestion.strip():
        message += "\n\nSuggestion: " + finding.suggestion.strip()
    return command(
        _LEVEL[finding.severity], message,
        file=path, line=line, endLine=end_line, col=column,
        title=f"{finding.code} {finding.name}",
    )


def render(results: Sequence[FileResult], ruleset: RuleCatalogue, options: ReportOptions) -> str:
    """Every finding (and every file that could not be read) as an annotation line."""
    lines: list[str] = []
    for result in results:
        if result.error is not None:
            lines.append(command("error", f"could not be checked: {result.error}",
                                 file=result.key, title="agreement-lint input error"))
        for finding in result.findings:
            lines.append(_annotation(finding, result.key))
    return "".join(line + "\n" for line in lines)
