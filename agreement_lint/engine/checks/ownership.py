"""Outputs owned by one partner with nothing given back to the others.

Who owns the results, the data and the intellectual property should be discussed at the
start. A draft where everything vests in one party — and no clause gives the others a licence,
access or a right to use what they helped create — is reported at each clause that hands
ownership over.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Clause, make_excerpt
from ..context import CheckContext
from ..folding import holds_any, lowered
from . import Hit, register
from .parties import SHARED, Around, PartyIndex, party_index
from .text import case_blind_search

# Case-blind patterns, written in lower case for case_blind_search.
_ASSETS = (
    r"\b(?:intellectual\s+property|ip|ipr|results?|data|outputs?|foreground|deliverables?"
    r"|work\s+product|materials|inventions?|copyright|know-how|findings|reports?|rights)\b"
)

_BACK_RIGHT = (
    r"\b(?:licen[cs]e[sd]?|sub-?licen[cs]e|right\s+to\s+use|rights?\s+of\s+(?:access|use)"
    r"|access\s+to|(?:may|can|is\s+free\s+to|are\s+free\s+to)\s+(?:use|publish|access|copy)"
    r"|permission\s+to\s+use|permitted\s+to\s+use|jointly\s+own|joint\s+ownership"
    r"|co-own)"
)


_OWNS = r"(?:shall|will)\s+(?:solely\s+)?own|(?:solely\s+)?owns"


_VESTS = (
    r"(?:vest(?:s|ed)?|(?:shall|will)\s+vest|(?:be|is|are|remain)\s+(?:solely\s+)?owned"
    r"|belong(?:s)?|(?:be|is|are|remain)\s+the\s+(?:sole\s+and\s+exclusive\s+|exclusive\s+"
    r"|sole\s+|absolute\s+)?property|(?:be|is|are)\s+(?:hereby\s+)?assigned)"
    r"\s+(?:in|by|to|of)\s+(?:and\s+\w+\s+)?"
)
"""The words before the owner in "vests in X", "is the property of X"."""


_VESTING = Around(_VESTS)
""":data:`_VESTS` and then the owner."""


_VESTING_WORDS = ("vest", "owned", "belong", "property", "assigned")
"""One of these is in every match of the ``vesting`` pattern."""
_OWNING_WORDS = ("own", *_VESTING_WORDS)
"""One of these is in every sentence that hands ownership over ("owns" or ``vesting``)."""


@register("one-sided-ownership")
def one_sided_ownership(ctx: CheckContext) -> Iterator[Hit]:
    """Fire at each clause vesting outputs in one party, when nothing comes back to the rest.

    vars: ``party`` (the owner).
    """
    index = party_index(ctx)
    found: list[tuple[Clause | None, str, str]] = []
    owners: set[str] = set()
    for unit in ctx.units("clause"):
        if unit.hollow:
            continue
        for sentence in ctx.sentences(unit):
            folded = lowered(sentence)
            if not holds_any(folded, _OWNING_WORDS):
                continue  # neither pattern below can match
            named: set[str] = set()
            if (holds_any(folded, _VESTING_WORDS)
                    and case_blind_search(_VESTS, sentence, folded)):
                for vested in index.find_around((_VESTING,), sentence):
                    named |= {m.key for m in index.mentions(vested.owner)}
            if case_blind_search(_OWNS, sentence, folded):
                for owning in index.find_subjects(_OWNS, sentence):
                    named |= index.subjects_of(owning)
            if not named or not case_blind_search(_ASSETS, sentence, folded):
                continue
            owners |= named
            if len(named) == 1:
                found.append((unit.clause, sentence, next(iter(named))))
    if len(owners) != 1 or SHARED in owners:
        return
    owner = next(iter(owners))
    if _rights_come_back(ctx, index, owner):
        return
    seen: set[int] = set()
    for clause, sentence, party in found:
        if clause is None or id(clause) in seen:
            continue
        seen.add(id(clause))
        yield Hit(ctx.location_of(clause), evidence=make_excerpt(sentence, 200),
                  vars={"party": party})


def _rights_come_back(ctx: CheckContext, index: PartyIndex, owner: str) -> bool:
    """True when some sentence gives a party other than the owner a licence, access or use."""
    for unit in ctx.units("clause"):
        for sentence in ctx.sentences(unit):
            if not case_blind_search(_BACK_RIGHT, sentence, lowered(sentence)):
                continue
            grant = re.search(r"\bgrants?\b", sentence, re.IGNORECASE)
            scope = sentence[grant.end():] if grant else sentence
            keys = {m.key for m in index.mentions(scope)
                    if not scope.startswith("'", m.end)}  # "the Group's materials"
            if keys - {owner}:
                return True
    return False
