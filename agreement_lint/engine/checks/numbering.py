"""Clause numbering with gaps or duplicates: 1, 2, 4 — or two clauses numbered 3.2.

A missing number usually means a clause was deleted and the cross-references now point at the
wrong place; a duplicate makes "clause 3.2" ambiguous. Siblings are compared level by level
in their own style (numbers, letters, Roman numerals, upper and lower case apart); unnumbered
clauses are ignored and numbering that starts again at 1 (a schedule, a new part) begins a
new run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ...fixed import fixed_pattern
from ...model import Clause
from ..context import CheckContext
from . import Hit, register
from .memo import compiled
from .references import roman_value, segments
from .text import run_text


@dataclass(frozen=True)
class _Label:
    clause: Clause
    group: tuple[object, ...]
    value: int


def _labels(siblings: Sequence[Clause]) -> list[_Label]:
    """Each numbered sibling's run key (prefix and style) and position in that style."""
    numbered = [c for c in siblings if c.number and segments(c.number)
                and not _CONTENTS_LINE.match(" ".join(p for p in (c.heading, c.text) if p))]
    alpha = [segments(c.number or "")[-1] for c in numbered]
    alpha = [a for a in alpha if not a.isdigit()]
    roman_style = bool(alpha) and alpha[0] == "i" and all(roman_value(a) for a in alpha)
    out: list[_Label] = []
    for clause in numbered:
        raw = clause.number or ""
        parts = segments(raw)
        last = parts[-1]
        prefix = parts[:-1]
        upper = raw.rstrip(").").lstrip("(")[-1:].isupper()
        if last.isdigit():
            out.append(_Label(clause, (prefix, "n"), int(last)))
        elif roman_style:
            out.append(_Label(clause, (prefix, "roman", upper), roman_value(last) or 0))
        elif len(last) == 1:
            out.append(_Label(clause, (prefix, "letter", upper), ord(last) - ord("a") + 1))
        elif roman_value(last):
            out.append(_Label(clause, (prefix, "roman", upper), roman_value(last) or 0))
    return out


def _problems(
    siblings: Sequence[Clause], document: _Document
) -> Iterator[tuple[Clause, str]]:
    """Gaps and duplicates among ``siblings``; ``document`` holds the whole text, where a
    number the parser did not make a clause of its own (run into the previous clause) may be
    found, and every clause number, for one the parser placed at another level."""
    previous: dict[tuple[object, ...], _Label] = {}
    seen: dict[tuple[object, ...], set[int]] = {}
    for label in _labels(siblings):
        last = previous.get(label.group)
        values = seen.setdefault(label.group, set())
        if last is not None and label.value == 1 and last.value > 1:
            values.clear()  # numbering starts again: a new part or a schedule
        elif label.value in values:
            if _structural(label.clause):
                yield label.clause, f"{label.clause.number} is used twice"
        elif last is not None and label.value > last.value + 1:
            missing = range(last.value + 1, label.value)
            if _ambiguous(label, last):
                pass  # "(b)" then "(i)": a list of Roman numerals starting, not a gap
            elif not all(_written(label, value, document) for value in missing):
                yield label.clause, f"{label.clause.number} follows {last.clause.number}"
        values.add(label.value)
        previous[label.group] = label


def _ambiguous(label: _Label, last: _Label) -> bool:
    """"(i)", "(v)" or "(x)" after a letter it does not follow: a Roman list starting."""
    raw = segments(label.clause.number or "")[-1]
    return label.group[1] == "letter" and raw in {"i", "v", "x"} and (
        last.value != label.value - 1
    )


def _structural(clause: Clause) -> bool:
    """A clause whose repeated number is a real duplicate: dotted ("3.2") or headed.

    Two lists of "(i), (ii)" or "1., 2." inside one clause are often read as one run of
    siblings, so a repeated list label on its own is no evidence of a duplicate.
    """
    return len(segments(clause.number or "")) > 1 or bool(clause.heading)


_CONTENTS_LINE = fixed_pattern(r"^[^\n]{0,100}\s\d{1,3}$")
"""A table-of-contents line: a heading followed by its page number."""


_LINE_OR_GAP_END = fixed_pattern(r"\s(?:(?<=\n)|(?<=\s\s)|(?<=[.:;]\s))")
"""The space before where a number may begin: a new line, the second space of a wide gap, or
a space after the end of a sentence. It opens with the space, so the search skips to spaces
rather than trying the lookbehinds at every character."""
_SPACES = fixed_pattern(r"\s+")
_KEYWORDS = ("Section", "Article", "Clause")


class _Document:
    """The document's text and clause numbers, with where a written number could begin.

    A missing number is looked for once per gap; scanning the whole text each time costs a
    pass per gap, so the places a number may start (after a new line, a wide gap or a full
    stop, perhaps after "Section") are listed once, by their first character.
    """

    def __init__(self, text: str, numbers: str) -> None:
        self.text = text
        self.numbers = numbers
        self._starts: dict[str, list[int]] | None = None

    def starts(self, first: str) -> list[int]:
        """Offsets where a number starting with the character ``first`` could begin."""
        if self._starts is None:
            text = self.text
            ends = [0, *(m.end() for m in _LINE_OR_GAP_END.finditer(text))]
            starts: dict[str, list[int]] = {}
            for end in sorted(set(ends)):
                starts.setdefault(text[end:end + 1], []).append(end)
                if text.startswith(_KEYWORDS, end):
                    after = end + len(next(k for k in _KEYWORDS if text.startswith(k, end)))
                    spaces = _SPACES.match(text, after)
                    if spaces is not None:
                        for at in range(after + 1, spaces.end() + 1):
                            starts.setdefault(text[at:at + 1], []).append(at)
            self._starts = starts
        return self._starts.get(first, [])


def _written(label: _Label, value: int, document: _Document) -> bool:
    """Whether the missing number ``value`` of the label's run appears in the text anyway."""
    prefix = label.group[0]
    assert isinstance(prefix, tuple)
    style = label.group[1]
    text, numbers = document.text, document.numbers
    if style == "n":
        head = r"\.0*".join(re.escape(p) for p in prefix)
        joint = r"\.0*" if head else ""
        number = rf"{head}{joint}0*{value}\.?(?:\s+[A-Z(\[\"]|\s*$|\n)"
        pattern = rf"(?:^|\n|\s{{2,}}|[.:;]\s)(?:(?:Section|Article|Clause)\s+)?{number}"
        first_of_head = (prefix[0] or ".")[0] if head else ""
        firsts = {first_of_head} if head else {"0", str(value)[0]}
        written = compiled(number)
        found = any(written.match(text, at) is not None
                    for first in firsts for at in document.starts(first))
        return found or bool(compiled(pattern).search(numbers))
    letters = _roman(value) if style == "roman" else chr(ord("a") + value - 1)
    upper = len(label.group) > 2 and label.group[2]
    letters = letters.upper() if upper else letters
    # The label first and the test that no word runs into it after, so the search skips
    # to where the label is instead of trying the pattern at every character.
    escaped = re.escape(letters)
    labelled = compiled(rf"{escaped}(?<!\w{escaped})[.)]")
    return labelled.search(text) is not None or labelled.search(numbers) is not None


def _roman(value: int) -> str:
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for amount, numeral in numerals:
        while value >= amount:
            out += numeral
            value -= amount
    return out


def _sibling_groups(ctx: CheckContext) -> Iterator[Sequence[Clause]]:
    agreement = ctx.agreement
    yield agreement.recitals
    yield agreement.clauses
    for schedule in agreement.schedules:
        yield schedule.clauses
    for clause in agreement.walk():
        if clause.children:
            yield clause.children


@register("numbering")
def numbering(ctx: CheckContext) -> Iterator[Hit]:
    """Fire at each clause whose number skips or repeats one of its siblings'.

    vars: ``number`` (the clause's), ``detail`` ("4 follows 2", "3.2 is used twice").
    """
    text = run_text(ctx)
    numbers = "\n".join(c.number for c in ctx.agreement.walk() if c.number)
    document = _Document(text, numbers)
    for siblings in _sibling_groups(ctx):
        for clause, detail in _problems(siblings, document):
            yield Hit(ctx.location_of(clause), evidence=detail,
                      vars={"number": clause.number or "", "detail": detail})
