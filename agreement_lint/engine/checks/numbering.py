"""Clause numbering with gaps or duplicates: 1, 2, 4 — or two clauses numbered 3.2.

A missing number usually means a clause was deleted and the cross-references now point at the
wrong place; a duplicate makes "clause 3.2" ambiguous. Siblings are compared level by level
in their own style (numbers, letters, Roman numerals, upper and lower case apart); unnumbered
clauses are ignored and numbering that starts again at 1 (a schedule, a new part) begins a
new run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ...model import Clause
from ..context import CheckContext
from . import Hit, register
from .references import roman_value, segments


@dataclass(frozen=True)
class _Label:
    clause: Clause
    group: tuple[object, ...]
    value: int


def _labels(siblings: Sequence[Clause]) -> list[_Label]:
    """Each numbered sibling's run key (prefix and style) and position in that style."""
    numbered = [c for c in siblings if c.number and segments(c.number)]
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


def _problems(siblings: Sequence[Clause]) -> Iterator[tuple[Clause, str]]:
    previous: dict[tuple[object, ...], int] = {}
    seen: dict[tuple[object, ...], set[int]] = {}
    for label in _labels(siblings):
        last = previous.get(label.group)
        values = seen.setdefault(label.group, set())
        if last is not None and label.value == 1 and last > 1:
            values.clear()  # numbering starts again: a new part or a schedule
        elif label.value in values:
            yield label.clause, f"{label.clause.number} is used twice"
        elif last is not None and label.value > last + 1:
            yield label.clause, f"{label.clause.number} follows {_number_before(siblings, label)}"
        values.add(label.value)
        previous[label.group] = label.value


def _number_before(siblings: Sequence[Clause], label: _Label) -> str:
    numbered = [c for c in siblings if c.number]
    index = next(i for i, c in enumerate(numbered) if c is label.clause)
    return numbered[index - 1].number or "" if index else ""


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
    for siblings in _sibling_groups(ctx):
        for clause, detail in _problems(siblings):
            yield Hit(ctx.location_of(clause), evidence=detail,
                      vars={"number": clause.number or "", "detail": detail})
