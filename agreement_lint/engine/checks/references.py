"""Cross-references that point at nothing: "see clause 9.4" in a draft with no clause 9.4.

Precision matters more than recall here: real agreements cite other documents constantly
("Section 13(d) of the Exchange Act", "clause 3 of the Funding Agreement"), number their
clauses in several styles ("4.1(a)" cited as "4(a)", "Article IV" as "Article 4", "Section
1.01" as "Section 1.1"), and keep sub-paragraph labels inside a clause's text where the parser
does not make them clauses of their own. A reference is reported only when none of these
readings finds its target.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

from ...model import Agreement, Clause, CrossReference
from ..context import CheckContext
from . import Hit, register
from .text import blocks

SCHEDULE_KINDS = frozenset({"schedule", "annex", "appendix", "exhibit", "attachment"})

_ROMAN = re.compile(r"^[ivxlcdm]+$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_SEGMENT = re.compile(r"[A-Za-z]+|\d+")
_PREFIX = re.compile(
    r"^\s*(?:clauses?|sections?|articles?|paragraphs?|paras?\.?|sub-?clauses?|sub-?sections?"
    r"|sub-?paragraphs?|schedules?|annex(?:es)?|appendix|exhibits?|attachments?|part|§+)\s*",
    re.IGNORECASE,
)

_EXTERNAL_AFTER = re.compile(
    r"""^(?:\s*\([^()\n]{1,12}\))*                        # trailing sub-labels: (a)(ii)
        (?:\s*(?:,|and|or|through|to|-)\s*(?:(?:sub-?)?(?:sections?|clauses?|articles?
            |paragraphs?|rules?)\s+)?[\w.]+(?:\([^()\n]{1,12}\))*)*   # "and 14(d)"
        \s*,?\s*(?:of|in|under|to)\s+(?:the\s+)?(?P<doc>[A-Za-z][\w.&'-]*)""",
    re.VERBOSE,
)
_INTERNAL_DOCS = frozenset(
    {"this", "these", "hereof", "herein", "hereto", "schedule", "schedules", "exhibit",
     "exhibits", "annex", "annexes", "appendix", "appendices", "attachment", "part", "such"}
)
_EXTERNAL_BEFORE = re.compile(
    r"(?:U\.?\s?S\.?\s?C\.?|C\.?F\.?R\.?|Code|Act|Regulations?|Rules?|Treaty|Directive)"
    r"[\s,]*(?:§+\s*)?$",
)


def roman_value(text: str) -> int | None:
    """The value of a lower-case Roman numeral, or None when it is not one."""
    if not _ROMAN.match(text):
        return None
    total = 0
    for i, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < following else value
    return total if total > 0 else None


def segments(number: str) -> tuple[str, ...]:
    """``Clause 4.01(a)(iv)`` → ``("4", "1", "a", "iv")``: lower case, no leading zeros."""
    out: list[str] = []
    for piece in _SEGMENT.findall(_PREFIX.sub("", number)):
        out.append(str(int(piece)) if piece.isdigit() else piece.lower())
    return tuple(out)


def _same(ref: str, have: str) -> bool:
    """Two segments name the same thing: equal, or a digit and its Roman numeral."""
    if ref == have:
        return True
    if ref.isdigit() and roman_value(have) == int(ref):
        return True
    return have.isdigit() and roman_value(ref) == int(have)


class Targets:
    """What an agreement's references may point at: clause paths, labels and schedules."""

    def __init__(self, agreement: Agreement) -> None:
        self.paths: set[tuple[str, ...]] = set()
        self.labels: set[tuple[str, ...]] = set()
        for clause in agreement.recitals + agreement.clauses:
            self._add(clause, ())
        for schedule in agreement.schedules:
            for clause in schedule.clauses:
                self._add(clause, ())
        texts = [block.text for block in blocks(agreement)]
        self.text = "\n".join(texts)
        for match in re.finditer(
            r"(?:^|\n|\s{2,}|[.:;]\s)(?:(?:section|clause|article|paragraph)\s+)?"
            r"(\d{1,3}(?:\.\d{1,3})*(?:\([a-z0-9]{1,5}\))*|[IVXLC]{1,6})[.):]?\s",
            self.text,
            re.IGNORECASE,
        ):
            self.labels.add(segments(match.group(1)))
        self.inline = {m.group(1).lower() for m in re.finditer(r"\(([a-zA-Z]{1,5}|\d{1,3})\)",
                                                              self.text)}
        self.schedules: set[str] = set()
        self.schedule_kinds: set[str] = set()
        for schedule in agreement.schedules:
            self.schedule_kinds.add(schedule.kind)
            if schedule.number:
                self.schedules.add(schedule.number.lower())
        for match in re.finditer(
            r"(?:^|\n|\s{2,})\**(schedule|annex|appendix|exhibit|attachment)\s+"
            r"([A-Z0-9][\w.-]{0,8})\b",
            self.text,
            re.IGNORECASE,
        ):
            self.schedule_kinds.add(match.group(1).lower())
            self.schedules.add(match.group(2).lower().rstrip(".-"))
        for clause in agreement.walk():
            heading = clause.heading or ""
            found = re.match(r"\s*(schedule|annex|appendix|exhibit|attachment)\s+([\w.-]+)",
                             heading, re.IGNORECASE)
            if found:
                self.schedule_kinds.add(found.group(1).lower())
                self.schedules.add(found.group(2).lower().rstrip(".-"))

    def _add(self, clause: Clause, parent: tuple[str, ...]) -> None:
        own = segments(clause.number) if clause.number else ()
        path = own if own and parent and own[:len(parent)] == parent else parent + own
        if own:
            self.paths.add(path)
            self.labels.add(own)
        for child in clause.children:
            self._add(child, path)

    def resolves(self, ref: CrossReference) -> bool:
        """Whether the reference's target exists under some reading of its numbering."""
        if ref.target_kind in SCHEDULE_KINDS:
            return self._schedule_exists(ref.target)
        wanted = segments(ref.target)
        if not wanted:
            return True
        if any(_matches(wanted, path) for path in self.paths):
            return True
        if any(_matches(wanted, label) for label in self.labels):
            return True
        known = self.paths | self.labels
        if len(wanted) > 1 and any(_same(wanted[0], p[0]) for p in known):
            # "4(a)" or "4.2(c)": the numbered part exists and the lettered part is a list
            # item inside its text, which the parser need not have made a clause.
            numbered = max((i + 1 for i, s in enumerate(wanted) if s.isdigit()), default=1)
            numbered_ok = numbered == 1 or any(_matches(wanted[:numbered], p) for p in known)
            return numbered_ok and all(s in self.inline for s in wanted[numbered:])
        return len(wanted) == 1 and not wanted[0].isdigit() and wanted[0] in self.inline

    def _schedule_exists(self, target: str) -> bool:
        number = _PREFIX.sub("", target).strip().lower().rstrip(".")
        if not number:
            return bool(self.schedule_kinds or self.schedules)
        if number in self.schedules:
            return True
        alt = roman_value(number)
        if alt is not None and str(alt) in self.schedules:
            return True
        return number.isdigit() and any(roman_value(s) == int(number) for s in self.schedules)


def _matches(wanted: Sequence[str], have: Sequence[str]) -> bool:
    """``wanted`` names ``have``: same first segment, the rest in order (levels may be skipped).

    So "4(a)" finds clause path 4.1(a), and "3.1" finds 3.1; the last segments must agree.
    """
    if not wanted or not have or len(wanted) > len(have):
        return False
    if not _same(wanted[0], have[0]) or not _same(wanted[-1], have[-1]):
        return False
    position = 1
    for segment in wanted[1:]:
        while position < len(have) and not _same(segment, have[position]):
            position += 1
        if position >= len(have):
            return False
        position += 1
    return True


def external_context(after: str, before: str) -> bool:
    """True when the words around a reference show it cites another document."""
    if _EXTERNAL_BEFORE.search(before):
        return True
    found = _EXTERNAL_AFTER.match(after)
    if found is None:
        return False
    doc = found.group("doc")
    if doc.lower() in _INTERNAL_DOCS:
        return doc.lower() not in {"this", "these", "hereof", "herein", "hereto", "such"}
    return doc[0].isupper()


def _contexts(agreement: Agreement) -> dict[tuple[str | None, str], list[tuple[str, str]]]:
    """For each (clause, reference text): the (after, before) context of every occurrence."""
    found: dict[tuple[str | None, str], list[tuple[str, str]]] = defaultdict(list)
    texts = [(block.location.clause, block.text) for block in blocks(agreement)]
    refs = {ref.text for ref in agreement.cross_references}
    for clause, text in texts:
        for ref_text in refs:
            pattern = re.compile(rf"(?<!\w){re.escape(ref_text)}(?![\w])")
            for match in pattern.finditer(text):
                context = (text[match.end(): match.end() + 120],
                           text[max(0, match.start() - 40): match.start()])
                found[(clause, ref_text)].append(context)
                found[(None, ref_text)].append(context)
    return found


@register("broken-cross-reference")
def broken_cross_reference(ctx: CheckContext) -> Iterator[Hit]:
    """Fire at each reference to a clause, schedule or annex the agreement does not have.

    vars: ``reference`` (as written). References to other documents are skipped.
    """
    agreement = ctx.agreement
    if not agreement.cross_references:
        return
    targets = Targets(agreement)
    contexts = _contexts(agreement)
    used: dict[tuple[str | None, str], int] = defaultdict(int)
    for ref in agreement.cross_references:
        key = (ref.location.clause, ref.text)
        if key not in contexts:
            key = (None, ref.text)
        occurrences = contexts.get(key, [])
        index = used[key]
        used[key] += 1
        if occurrences:
            after, before = occurrences[min(index, len(occurrences) - 1)]
            if external_context(after, before):
                continue
        if targets.resolves(ref):
            continue
        yield Hit(ref.location, evidence=ref.text, vars={"reference": ref.text})
