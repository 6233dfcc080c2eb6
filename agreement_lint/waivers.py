"""Waivers: a drafter's written decision to accept a finding, kept in the draft itself.

In a Markdown or text draft::

    <!-- agreement-lint: disable PAY004 reason="unfunded pilot, agreed 2026-03-01" -->
    ## 4. Payment

silences PAY004 in the clause that follows the comment and in its sub-clauses, and::

    <!-- agreement-lint: disable-file PAY004, LANG003 reason="…" -->

silences the codes for the whole file. In a Word draft the same directive is the text of an
ordinary Word comment (``agreement-lint: disable PAY004 reason="…"``), attached to the clause's
heading or to any paragraph of the clause: it silences the codes in *that* clause and its
sub-clauses (the reader, :mod:`agreement_lint.docx.comments`, finds these comments; Word's
curly quotes are straightened there). Waivers report on themselves, with codes of their own
whose wording lives in ``rules/meta.toml``: LINT001 (no reason given — the waiver still
applies), LINT002 (the waiver silences nothing: the finding is gone, so remove the waiver) and
LINT003 (an ``agreement-lint:`` comment that cannot be understood). These meta findings cannot
themselves be waived.
"""
from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .docx.anchors import clause_at_paragraph, paragraph_span
from .findings import Finding, Severity
from .model import Agreement, Clause, Comment, Location
from .report import RuleCatalogue

WAIVER_WITHOUT_REASON = "LINT001"
UNUSED_WAIVER = "LINT002"
MALFORMED_WAIVER = "LINT003"
META_CODES = (WAIVER_WITHOUT_REASON, UNUSED_WAIVER, MALFORMED_WAIVER)

_PREFIX = re.compile(r"^\s*(?:<!--)?\s*agreement-lint\s*:\s*(?P<body>.*?)\s*(?:-->)?\s*$",
                     re.S | re.I)
_DIRECTIVE = re.compile(
    r"^(?P<directive>disable-file|disable)\s+(?P<codes>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)"
    r"(?:\s+reason\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'))?\s*$",
    re.S,
)


@dataclass
class Waiver:
    """One parsed waiver comment."""

    codes: tuple[str, ...]
    whole_file: bool
    reason: str
    comment: Comment
    used: set[str] = field(default_factory=set)
    """Codes of this waiver that silenced at least one finding."""


@dataclass(frozen=True)
class Malformed:
    """An ``agreement-lint:`` comment that is not a waiver we understand."""

    comment: Comment
    problem: str


@dataclass(frozen=True)
class WaiverOutcome:
    """Findings split into those still reported and those waived, plus the meta findings."""

    findings: tuple[Finding, ...]
    waived: tuple[Finding, ...]


def parse_waivers(comments: Sequence[Comment],
                  known: Callable[[str], bool]) -> tuple[list[Waiver], list[Malformed]]:
    """Read the waiver comments; ``known(code)`` says whether a code names a rule."""
    waivers: list[Waiver] = []
    malformed: list[Malformed] = []
    for comment in comments:
        prefix = _PREFIX.match(comment.text)
        if not prefix:
            continue
        body = " ".join(prefix.group("body").split())
        match = _DIRECTIVE.match(body)
        if not match:
            malformed.append(Malformed(comment, 'it should read disable CODE reason="…" '
                                                'or disable-file CODE reason="…"'))
            continue
        codes = tuple(dict.fromkeys(c.strip().upper() for c in match.group("codes").split(",")))
        unknown = [c for c in codes if not known(c)]
        if unknown:
            malformed.append(Malformed(comment, f"no rule has the code {', '.join(unknown)}"))
            continue
        if set(codes) & set(META_CODES):
            malformed.append(Malformed(comment, "waiver codes (LINT…) cannot be waived"))
            continue
        whole_file = match.group("directive") == "disable-file"
        if not whole_file and not comment.next_clause:
            malformed.append(Malformed(comment, _NO_CLAUSE_IN_WORD if _in_word(comment)
                                       else "no clause follows it (use disable-file to "
                                            "waive for the whole file)"))
            continue
        reason = (match.group("dq") if match.group("dq") is not None else match.group("sq")) or ""
        waivers.append(Waiver(codes, whole_file, reason.strip(), comment))
    return waivers, malformed


_NO_CLAUSE_IN_WORD = ("it is not attached to a clause (attach it to the clause's heading or "
                      "text, or use disable-file to waive for the whole file)")


def _in_word(comment: Comment) -> bool:
    """True for a comment located by Word paragraph rather than by text line."""
    return comment.location.line is None


def _names(clause: Clause) -> tuple[str | None, ...]:
    return clause.reference, clause.number, clause.heading, clause.label


def _target(agreement: Agreement, comment: Comment) -> Clause | None:
    """The clause a waiver names.

    A comment in a text draft names the first clause after it with that number or heading. A
    Word comment is attached to a paragraph: it names the clause that paragraph belongs to.
    """
    wanted = comment.next_clause
    paragraph = comment.location.paragraph
    if _in_word(comment) and paragraph is not None:
        owner = clause_at_paragraph(agreement, paragraph)
        if owner is not None and wanted in _names(owner):
            return owner
    after = comment.location.line or 0
    for clause in agreement.walk():
        if wanted not in _names(clause):
            continue
        if _in_word(comment):
            if paragraph is None or clause.location.paragraph is None or \
                    clause.location.paragraph >= paragraph:
                return clause
        elif clause.location.line is None or clause.location.line >= after:
            return clause
    return None


def _span(agreement: Agreement, target: Clause) -> tuple[int, float] | None:
    """First and last line of ``target`` with its sub-clauses (None when lines are unknown)."""
    start = target.location.line
    if start is None:
        return None
    inside = {id(c) for c in target.walk()}
    passed = False
    for clause in agreement.walk():
        if id(clause) in inside:
            passed = True
        elif passed and clause.location.line is not None and clause.location.line > start:
            return start, clause.location.line - 1
    return start, float("inf")


class _Scope:
    """Decides whether a finding falls inside a clause waiver's clause.

    By line span in a text draft, by paragraph span in a Word draft, and by clause number
    when neither is known.
    """

    def __init__(self, agreement: Agreement, waiver: Waiver) -> None:
        self.numbers: set[str] = set()
        self.span: tuple[int, float] | None = None
        self.paragraphs: tuple[int, float] | None = None
        target = _target(agreement, waiver.comment)
        if target is not None:
            self.numbers = {n for c in target.walk() for n in (c.number, c.reference) if n}
            self.span = _span(agreement, target)
            self.paragraphs = paragraph_span(agreement, target)

    def covers(self, location: Location) -> bool:
        if location.is_document_level:
            return False
        if self.span is not None and location.line is not None:
            return self.span[0] <= location.line <= self.span[1]
        if self.paragraphs is not None and location.paragraph is not None:
            return self.paragraphs[0] <= location.paragraph <= self.paragraphs[1]
        return location.clause is not None and location.clause in self.numbers


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def meta_finding(code: str, rules: RuleCatalogue, location: Location, evidence: str,
                 severity: Callable[[str], Severity | None], **values: str) -> Finding:
    """A finding about a waiver, worded from the rule data in ``rules/meta.toml``."""
    rule = rules.get(code)
    if rule is None:
        raise LookupError(f"the rule set has no {code}; rules/meta.toml is missing")
    message = string.Formatter().vformat(rule.message, (), _Blank(values))
    # Every value comes from the loaded rule set or the parsed draft: nothing to validate.
    return Finding.model_construct(
        code=code, name=rule.name, severity=severity(code) or Severity(rule.severity),
        message=" ".join(message.split()), principles=tuple(rule.principles),
        location=location, evidence=evidence, suggestion=rule.suggestion.strip(),
    )


def _excerpt(comment: Comment) -> str:
    return " ".join(comment.text.split())[:200]


def apply_waivers(
    agreement: Agreement,
    findings: Sequence[Finding],
    rules: RuleCatalogue,
    *,
    enabled: Callable[[str], bool],
    severity: Callable[[str], Severity | None] = lambda _code: None,
) -> WaiverOutcome:
    """Silence waived findings and add the meta findings about the waivers themselves.

    ``enabled(code)`` says whether a rule ran on this file: a waiver for a rule that did not
    run is not reported as unused, and meta findings appear only when their own code is on.
    ``severity(code)`` gives a configured severity for a meta code (None keeps the rule's).
    """
    codes = {rule.code for rule in rules.rules}
    waivers, malformed = parse_waivers(agreement.comments, lambda c: c in codes)
    scopes = {id(w): _Scope(agreement, w) for w in waivers if not w.whole_file}
    kept: list[Finding] = []
    waived: list[Finding] = []
    for finding in findings:
        silenced = False
        for waiver in waivers:
            if finding.code in waiver.codes and (
                    waiver.whole_file or scopes[id(waiver)].covers(finding.location)):
                waiver.used.add(finding.code)
                silenced = True
        (waived if silenced else kept).append(finding)
    meta: list[Finding] = []
    for waiver in waivers:
        evidence = _excerpt(waiver.comment)
        listed = ", ".join(waiver.codes)
        if not waiver.reason and enabled(WAIVER_WITHOUT_REASON):
            meta.append(meta_finding(WAIVER_WITHOUT_REASON, rules, waiver.comment.location,
                                     evidence, severity, codes=listed))
        unused = [c for c in waiver.codes if c not in waiver.used and enabled(c)]
        if unused and enabled(UNUSED_WAIVER):
            meta.append(meta_finding(UNUSED_WAIVER, rules, waiver.comment.location, evidence,
                                     severity, codes=", ".join(unused)))
    if enabled(MALFORMED_WAIVER):
        for bad in malformed:
            meta.append(meta_finding(MALFORMED_WAIVER, rules, bad.comment.location,
                                     _excerpt(bad.comment), severity, problem=bad.problem))
    kept.extend(meta)
    kept.sort(key=Finding.sort_key)
    return WaiverOutcome(findings=tuple(kept), waived=tuple(waived))
