"""The skeleton of an agreement: parties named, signatures provided, headings with substance.

These are the checks any reader does first: who is agreeing, how they will sign, and whether
each heading has wording under it yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Location
from ..context import CheckContext
from . import Hit, register
from .text import blocks

_RESERVED = re.compile(
    r"\W*(?:reserved|intentionally\s+(?:omitted|left\s+blank|deleted)|deleted|not\s+used"
    r"|omitted)\W*",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\bbetween\b[\s\S]{1,400}?\band\b", re.IGNORECASE)
_SIGNED = re.compile(
    r"\b(?:signed|executed|in\s+witness\s+whereof|signature|signatory|authorised\s+signatory"
    r"|authorized\s+signatory)\b",
    re.IGNORECASE,
)


@register("hollow-clause")
def hollow_clause(ctx: CheckContext) -> Iterator[Hit]:
    """Fire at each clause whose heading has no wording under it (or only a placeholder).

    vars: ``clause`` (number and heading).
    """
    for clause in ctx.clauses():
        body = clause.text.strip()
        if not clause.heading and not body:
            continue  # a bare number: nothing claims to be there
        if _RESERVED.fullmatch(body):
            continue  # "[Reserved]" says on purpose that nothing is there
        empty = not body and not clause.children
        if empty or ctx.is_hollow(clause):
            yield Hit(ctx.location_of(clause), evidence=clause.text.strip() or clause.label,
                      vars={"clause": clause.label})


@register("parties-missing")
def parties_missing(ctx: CheckContext) -> Iterator[Hit]:
    """Fire once when the draft names no parties and says nothing like "between A and B"."""
    agreement = ctx.agreement
    if agreement.parties:
        return
    for key in ("parties", "party", "between"):
        if agreement.metadata.get(key):
            return
    opening = "\n".join(
        b.text for b in blocks(agreement) if b.origin in {"title", "preamble", "front-matter"}
    )
    first = next(iter(agreement.walk()), None)
    if first is not None:
        opening += "\n" + first.full_text
    if _BETWEEN.search(opening):
        return
    yield Hit(Location())


@register("signature-missing")
def signature_missing(ctx: CheckContext) -> Iterator[Hit]:
    """Fire once when there is no signature block and no "signed" or "executed" wording."""
    agreement = ctx.agreement
    if agreement.signatures:
        return
    if any(_SIGNED.search(b.text) for b in blocks(agreement)):
        return
    yield Hit(Location())
