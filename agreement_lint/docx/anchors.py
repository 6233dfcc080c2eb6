"""Which clause a Word paragraph belongs to, and which paragraphs a clause spans.

A Word comment is attached to paragraphs, not placed between clauses as a Markdown comment
is, so a waiver written as a Word comment applies to the clause it is attached to. Both the
reader (to say which clause a comment is on) and the waivers (to know what a waiver covers)
need the same answer, so it lives here, using only the model: importing this module does not
load python-docx.
"""

from __future__ import annotations

from ..model import Agreement, Clause


def _starts(agreement: Agreement) -> list[tuple[int, Clause]]:
    """Every clause that has a paragraph, with it, in document order (deepest last on a tie)."""
    located = [
        (clause.location.paragraph, order, clause)
        for order, clause in enumerate(agreement.walk())
        if clause.location.paragraph is not None
    ]
    located.sort(key=lambda item: (item[0], item[1]))
    return [(paragraph, clause) for paragraph, _order, clause in located]


def clause_at_paragraph(agreement: Agreement, paragraph: int) -> Clause | None:
    """The innermost clause whose paragraphs include ``paragraph`` (None before the first).

    A paragraph belongs to the last clause that starts at or before it, unless a schedule or
    a signature block starts in between.
    """
    found: Clause | None = None
    for start, clause in _starts(agreement):
        if start > paragraph:
            break
        found = clause
    if found is None or found.location.paragraph is None:
        return None
    for stop in _stops(agreement):
        if found.location.paragraph < stop <= paragraph:
            return None
    return found


def paragraph_span(agreement: Agreement, clause: Clause) -> tuple[int, float] | None:
    """First and last paragraph of ``clause`` with its sub-clauses (None when unknown)."""
    start = clause.location.paragraph
    if start is None:
        return None
    inside = {id(c) for c in clause.walk()}
    ends = [p for p, other in _starts(agreement) if p > start and id(other) not in inside]
    ends.extend(stop for stop in _stops(agreement) if stop > start)
    return start, (min(ends) - 1 if ends else float("inf"))


def _stops(agreement: Agreement) -> list[int]:
    """Paragraphs where something that is not a clause begins: schedules, signature blocks."""
    stops = [s.location.paragraph for s in agreement.schedules]
    stops.extend(block.location.paragraph for block in agreement.signatures)
    return [p for p in stops if p is not None]
