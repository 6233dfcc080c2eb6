"""Every piece of text an agreement holds, with where it sits, for checks that scan words.

Concept rules see clauses; some computed checks must also look at the title, the parties, the
front matter, the preamble, schedules and signature blocks (a placeholder in a party's name is
still a placeholder). :func:`blocks` lists them all in document order, and :func:`locate`
turns an offset inside a block into a line-level :class:`Location`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model import NOWHERE, Agreement, Clause, Location, make_excerpt
from .memo import compiled, once

if TYPE_CHECKING:
    from ..context import CheckContext


@dataclass(frozen=True)
class Block:
    """A run of text and where it starts.

    ``first_line`` is the line of the text's first character when known (a clause's body
    starts on the line after a heading of its own); ``origin`` says what the text is
    (``clause``, ``heading``, ``title``, ``party``, ``front-matter``, ``preamble``,
    ``schedule``, ``signature``).
    """

    text: str
    location: Location
    origin: str
    clause: Clause | None = None
    first_line: int | None = None


def clause_blocks(clause: Clause) -> Iterator[Block]:
    """A clause's heading and own body (not its children)."""
    loc = clause.location
    if clause.heading:
        yield Block(clause.heading, loc, "heading", clause, loc.line)
    if clause.text:
        yield Block(clause.text, loc, "clause", clause, _body_line(clause))


def _body_line(clause: Clause) -> int | None:
    """The line a clause's own body starts on.

    Without a heading the body follows the number on the clause's first line; under a heading
    it ends where the clause (or its first sub-clause) begins, so count back from there.
    """
    loc = clause.location
    if loc.line is None:
        return None
    lines = clause.text.count("\n")
    if not clause.heading:
        return loc.line
    if not clause.children and loc.end_line is not None:
        return max(loc.line, loc.end_line - lines)
    first_child = clause.children[0].location.line if clause.children else None
    if first_child is not None:
        return max(loc.line, first_child - 1 - lines)
    return loc.line + 1


def blocks(agreement: Agreement) -> Iterator[Block]:
    """Every text of the agreement, in document order, with its location."""
    for key, value in agreement.metadata.items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if item:
                yield Block(str(item), Location.model_construct(heading_path=("front matter", key)),
                            "front-matter")
    if agreement.title:
        yield Block(agreement.title, NOWHERE, "title")
    for party in agreement.parties:
        for text in (party.name, party.description):
            if text:
                yield Block(text, party.location, "party", None, party.location.line)
    if agreement.preamble:
        yield Block(agreement.preamble, NOWHERE, "preamble")
    for clause in agreement.walk():
        yield from clause_blocks(clause)
    for schedule in agreement.schedules:
        if schedule.title:
            yield Block(schedule.title, schedule.location, "schedule", None,
                        schedule.location.line)
        if schedule.text:
            line = schedule.location.line
            yield Block(schedule.text, schedule.location, "schedule", None,
                        None if line is None else line + 1)
    for signature in agreement.signatures:
        loc = signature.location
        one_line_each = (loc.line is not None and loc.end_line is not None
                         and loc.end_line - loc.line == len(signature.fields))
        for position, (name, value) in enumerate(signature.fields.items(), start=1):
            if value:
                line = loc.line + position if one_line_each and loc.line is not None else None
                yield Block(f"{name}: {value}", loc, "signature", None, line)


def locate(block: Block, start: int) -> Location:
    """The location of the text at ``start``: its line when known, else the block's.

    Columns are left out: a clause body does not record where on its first line it begins.
    """
    base = block.location
    excerpt = make_excerpt(_line_around(block.text, start))
    if block.first_line is None:
        return base.model_copy(update={"excerpt": excerpt or base.excerpt})
    line = block.first_line + block.text.count("\n", 0, start)
    update = {"line": line, "column": None, "end_line": None, "end_column": None,
              "excerpt": excerpt}
    return base.model_copy(update=update)


def _line_around(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end != -1 else len(text)]


def run_blocks(ctx: CheckContext) -> tuple[Block, ...]:
    """:func:`blocks` of the run's agreement, listed once and shared by every check."""
    return once(ctx, "text.blocks", lambda: tuple(blocks(ctx.agreement)))


def run_text(ctx: CheckContext) -> str:
    """All the run's agreement's text as one string (for "is this word used anywhere"
    questions), joined once and shared by every check."""
    return once(ctx, "text.document", lambda: "\n".join(b.text for b in run_blocks(ctx)))


def case_blind_search(pattern: str, text: str, folded: str | None, flags: int = 0) -> bool:
    """Whether ``re.search(pattern, text, re.IGNORECASE | flags)`` finds anything, quicker.

    A case-blind search is several times slower than a plain one; in ``folded`` (``text``
    :func:`~agreement_lint.engine.folding.lowered`) a plain search finds the same places.
    ``pattern`` must be written in lower case with no case-sensitive part.
    """
    if folded is None:
        return compiled(pattern, re.IGNORECASE | flags).search(text) is not None
    return compiled(pattern, flags).search(folded) is not None


def case_blind_starts(pattern: str, text: str, folded: str | None, flags: int = 0) -> list[int]:
    """Where ``re.finditer(pattern, text, re.IGNORECASE | flags)`` matches begin, quicker
    (see :func:`case_blind_search`)."""
    if folded is None:
        return [m.start() for m in compiled(pattern, re.IGNORECASE | flags).finditer(text)]
    return [m.start() for m in compiled(pattern, flags).finditer(folded)]
