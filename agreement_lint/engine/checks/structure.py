"""The skeleton of an agreement: parties named, signatures provided, headings with substance.

These are the checks any reader does first: who is agreeing, how they will sign, and whether
each heading has wording under it yet.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ...fixed import fixed_pattern
from ...model import NOWHERE, Clause
from ..context import CheckContext
from ..hollow import PLACEHOLDER, may_hold_placeholder
from . import Hit, register
from .references import segments
from .text import run_blocks

_RESERVED = fixed_pattern(
    r"\W*(?:reserved|intentionally\s+(?:omitted|left\s+blank|deleted)|deleted|not\s+used"
    r"|omitted)\W*",
    re.IGNORECASE,
)
_SIGNING_HEADING = fixed_pattern(r"\bsign|\bexecut|\bin\s+witness", re.IGNORECASE)
_BETWEEN = fixed_pattern(
    r"\bbetween\b[\s\S]{1,600}?\band\b|\bby\s+and\s+among\b|\bamong\b[\s\S]{1,600}?\band\b"
    r"|\bparty\s+(?:a|b|one|two)\b|\bparties\s*:|hereinafter\s+(?:referred\s+to\s+as|called)"
    r"|\b(?:entered\s+into|made)\s+by\b[\s\S]{1,400}?\band\b"
    r"|\(\s*(?:the\s+)?\"[^\"]{1,40}\"\s*\)[\s\S]{1,300}?\band\b[\s\S]{1,300}?"
    r"\(\s*(?:the\s+)?\"[^\"]{1,40}\"\s*\)",
    re.IGNORECASE,
)
_BETWEEN_ANYWHERE = fixed_pattern(r"\b(?:by\s+and\s+)?between\s*:|\bby\s+and\s+between\b",
                               re.IGNORECASE)
"""Wording that names the parties even when the parser did not pick them out."""

OPENING_CHARS = 6000
"""How far into the text parties are looked for (the opening, not a later mention)."""
_SIGNED = fixed_pattern(
    r"\b(?:signed|executed|in\s+witness\s+whereof|signature|signatory|authorised\s+signatory"
    r"|authorized\s+signatory)\b",
    re.IGNORECASE,
)


@register("hollow-clause")
def hollow_clause(ctx: CheckContext) -> Iterator[Hit]:
    """Fire at each clause whose heading has no wording under it (or only a placeholder).

    vars: ``clause`` (number and heading).
    """
    clauses = ctx.clauses()
    following = {id(a): b for a, b in itertools.pairwise(clauses)}
    for clause in clauses:
        body = clause.text.strip()
        heading = clause.heading or ""
        if not heading and not body:
            continue  # a bare number: nothing claims to be there
        if _RESERVED.fullmatch(body):
            continue  # "[Reserved]" says on purpose that nothing is there
        if not body and not clause.children and _only_a_label(clause, following.get(id(clause))):
            continue
        if body and (_SIGNING_HEADING.search(heading) or (
                not heading and _holds_placeholder(body))):
            continue  # signature blanks, or a placeholder the placeholder check reports
        empty = not body and not clause.children
        if empty or ctx.is_hollow(clause):
            yield Hit(ctx.location_of(clause), evidence=body or clause.label,
                      vars={"clause": _named(clause), "why": _why_hollow(clause, body)})


def _holds_placeholder(text: str) -> bool:
    """Whether the text holds a placeholder; the pattern, which tries every character, runs
    only when the text has a mark or word a placeholder needs."""
    return may_hold_placeholder(text) and PLACEHOLDER.search(text) is not None


def _named(clause: Clause) -> str:
    """How a message opens on the clause: 'Clause 8.14' or 'Clause 4 ("Payment")'."""
    number = clause.reference or clause.number
    heading = (clause.heading or "").strip()
    if number and heading:
        return f'Clause {number} ("{heading}")'
    if number:
        return f"Clause {number}"
    return f'The section "{heading}"' if heading else "A clause"


def _why_hollow(clause: Clause, body: str) -> str:
    """What is missing, in words a reader can act on."""
    if not body and not clause.children:
        return "has a heading but nothing under it"
    if not body:
        return "has only unfilled or empty sub-clauses"
    if PLACEHOLDER.search(body) or len(body.split()) <= 3:
        return "holds only a placeholder, not agreed wording"
    return "only points to a document or schedule that is not part of this draft"


def _only_a_label(clause: Clause, next_clause: Clause | None) -> bool:
    """An empty heading that is not a clause waiting for words.

    A signatures heading (the blocks are read apart), a contents line ("Payment 9"), a banner
    or name in capitals without a number, or a heading whose sub-clauses were numbered as
    its siblings ("1.0 Purpose" followed by "1.1 …").
    """
    heading = (clause.heading or "").strip()
    if _SIGNING_HEADING.search(heading) or re.search(r"\s\d{1,3}$", heading):
        return True
    if not clause.number and heading.isupper():
        return True
    if clause.number and next_clause is not None and next_clause.number:
        own = segments(clause.number)
        after = segments(next_clause.number)
        return len(after) > len(own) and after[: len(own)] == own
    return False


@register("parties-missing")
def parties_missing(ctx: CheckContext) -> Iterator[Hit]:
    """Fire once when the draft names no parties and says nothing like "between A and B"."""
    agreement = ctx.agreement
    if agreement.parties:
        return
    for key in ("parties", "party", "between"):
        if agreement.metadata.get(key):
            return
    texts = [block.text for block in run_blocks(ctx)]
    if _BETWEEN.search("\n".join(texts)[:OPENING_CHARS]):
        return
    if any(_BETWEEN_ANYWHERE.search(text) for text in texts):
        return  # the opening may have been read as a schedule or a clause
    yield Hit(NOWHERE)


@register("signature-missing")
def signature_missing(ctx: CheckContext) -> Iterator[Hit]:
    """Fire once when there is no signature block and no "signed" or "executed" wording."""
    agreement = ctx.agreement
    if agreement.signatures:
        return
    if any(_SIGNED.search(b.text) for b in run_blocks(ctx)):
        return
    yield Hit(NOWHERE)
