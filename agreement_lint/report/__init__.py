"""Turn the results of a run into a report: text for people, JSON/SARIF/GitHub/JUnit for machines.

Every reporter takes the same inputs (one :class:`FileResult` per file checked, in input order,
and the rule set for rule metadata) and returns a string. Machine formats put nothing else on
standard output, so the string is the whole of what the command prints.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..findings import Finding, Severity

FORMATS = ("text", "json", "sarif", "github", "junit")
"""The ``--format`` names, matching the ones ruff, SQLFluff and CI systems use."""

_MODULES = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
}


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def without_surrogates(text: str) -> str:
    """Replace lone surrogates (undecodable bytes in a file name) so the report is valid UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def printable(text: str) -> str:
    """One line a terminal shows as-is: control characters become visible ``\\x1b`` escapes."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], without_surrogates(text))


class RuleInfo(Protocol):
    """The rule fields a reporter reads (the engine's rule objects provide them)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def principles(self) -> Sequence[str]: ...
    @property
    def message(self) -> str: ...
    @property
    def rationale(self) -> str: ...
    @property
    def suggestion(self) -> str: ...


class RuleCatalogue(Protocol):
    """What a reporter needs of a rule set: the rules in code order and lookup by code."""

    @property
    def rules(self) -> Sequence[RuleInfo]: ...
    def get(self, code: str) -> RuleInfo | None: ...


@dataclass(frozen=True)
class FileResult:
    """The outcome of checking one file.

    ``path`` is the path as shown to the user; ``canonical`` is the path relative to the
    project root with forward slashes (used in SARIF, baselines and fingerprints). ``error``
    is a one-line message when the file could not be read or parsed; then there are no
    findings. ``waived`` holds findings silenced by a waiver, ``baselined`` the number of
    findings hidden because the baseline already records them.
    """

    path: str
    canonical: str = ""
    kind: str | None = None
    format: str | None = None
    error: str | None = None
    internal_error: bool = False
    findings: tuple[Finding, ...] = ()
    waived: tuple[Finding, ...] = ()
    baselined: int = 0
    rules_applied: tuple[str, ...] | None = None
    """Codes of the rules that were run on this file (None when unknown)."""

    @property
    def key(self) -> str:
        """The path used for fingerprints and machine-readable locations."""
        return self.canonical or self.path.replace("\\", "/")


@dataclass(frozen=True)
class ReportOptions:
    """Switches that change what a report shows, not what was found."""

    show_waived: bool = False
    show_suggestions: bool = False
    statistics: bool = False
    color: bool = False
    quiet: bool = False
    tool_version: str = ""
    root_uri: str | None = None
    """``file://`` URI of the project root, for SARIF's ``%SRCROOT%`` (None to leave it out)."""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Summary:
    """Totals over a run, shared by every format."""

    files: int
    files_with_errors: int
    by_severity: dict[str, int]
    findings: int
    waived: int
    baselined: int


def summarise(results: Iterable[FileResult]) -> Summary:
    """Count files, errors and findings per severity."""
    counts: Counter[str] = Counter()
    files = errors = waived = baselined = 0
    for result in results:
        files += 1
        errors += result.error is not None
        waived += len(result.waived)
        baselined += result.baselined
        counts.update(f.severity.value for f in result.findings)
    by_severity = {s.value: counts.get(s.value, 0) for s in (Severity.ERROR, Severity.WARNING,
                                                          Severity.INFO)}
    return Summary(files, errors, by_severity, sum(by_severity.values()), waived, baselined)


def rule_counts(results: Iterable[FileResult]) -> list[tuple[str, str, int]]:
    """(code, name, count) for every rule that fired, most frequent first, then by code."""
    counts: Counter[tuple[str, str]] = Counter()
    for result in results:
        counts.update((f.code, f.name) for f in result.findings)
    return sorted(((c, n, k) for (c, n), k in counts.items()), key=lambda t: (-t[2], t[0]))


def render(
    fmt: str,
    results: Sequence[FileResult],
    ruleset: RuleCatalogue,
    options: ReportOptions | None = None,
) -> str:
    """Render ``results`` in the named format (one of :data:`FORMATS`)."""
    if fmt not in _MODULES:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    text: str = module.render(results, ruleset, options or ReportOptions())
    return text


def place_label(finding: Finding) -> str:
    """Where in the agreement, in words: ``clause 4.2``, a heading path, or ``whole document``."""
    loc = finding.location
    if loc.clause:
        return f"clause {loc.clause}"
    if loc.heading_path:
        return "under " + " › ".join(loc.heading_path)
    if loc.is_document_level:
        return "whole document"
    return "outside any clause"


def position(finding: Finding) -> str:
    """``12:5`` for text drafts, ``¶13`` for Word paragraphs (1-based), empty for the document."""
    loc = finding.location
    if loc.line is not None:
        return f"{loc.line}:{loc.column or 1}"
    if loc.paragraph is not None:
        return f"¶{loc.paragraph + 1}"
    return ""
