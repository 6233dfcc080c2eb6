"""Obligation balance: does one party carry nearly all of the duties?

An agreement where every "shall" falls on the community partner (or on the university) is
one-sided in practice even when no single clause is. The check counts obligations — a party
named as the subject of *shall*, *will*, *must*, *agrees to*, *undertakes to* or *is
responsible for* — per party. Shared subjects ("each party", "the parties", "both partners")
count for nobody; so do permissions (*may*) and exclusions of liability ("shall not be
liable"). A subject naming two parties ("the University and the Trust shall") is shared too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ...model import NOWHERE
from ..context import CheckContext
from ..folding import holds_any, lowered
from . import Hit, register
from .parties import SHARED, party_index

OBLIGATION = (
    r"(?:shall|will|must)(?!\s+not\s+(?:be\s+)?(?:liable|responsible|obliged|required))"
    r"(?!\s+(?:be\s+)?(?:entitled|permitted|free)\b)"
    r"|agrees?\s+to|undertakes?\s+to|(?:is|are|shall\s+be|will\s+be)\s+responsible\s+for"
)
"""Words that put a duty on their subject (permissions and exclusions are left out)."""


@register("obligation-balance")
def obligation_balance(ctx: CheckContext) -> Iterator[Hit]:
    """Fire once when one party carries at least ``threshold`` of ``minimum`` or more duties.

    Params: ``threshold`` (share, default 0.75), ``minimum`` (obligations, default 8).
    """
    threshold = float(ctx.params.get("threshold", 0.75))
    minimum = int(ctx.params.get("minimum", 8))
    counts = count_obligations(ctx)
    total = sum(counts.values())
    if total < minimum or not counts:
        return
    if not ctx.agreement.parties and len(counts) < 2:
        return  # no parties named: a lone role noun ("the Company") may be no party at all
    party, count = counts.most_common(1)[0]
    share = count / total
    if share >= threshold:
        yield Hit(
            NOWHERE,
            evidence=f"{party}: {count} of {total} obligations",
            vars={"party": party, "share": f"{round(share * 100)} %", "count": str(count),
                  "total": str(total)},
        )


def count_obligations(ctx: CheckContext) -> Counter[str]:
    """Obligations per party display name, over every clause of the agreement."""
    index = party_index(ctx)
    counts: Counter[str] = Counter()
    for unit in ctx.units("clause"):
        lead: str | None = None  # the party of "The Company shall:" over a list of duties
        items = 0
        for sentence in ctx.sentences(unit):
            duties = (list(index.find(index.compile_subject(OBLIGATION), sentence))
                      if holds_any(lowered(sentence), _DUTY_WORDS) else [])
            if lead is not None and _LIST_ITEM.match(sentence) and not duties:
                items += 1
                if items > 1:  # the lead sentence itself stands for the first item
                    counts[lead] += 1
                continue
            lead, items = None, 0
            owners: list[str] = []
            for match in duties:
                subjects = index.subjects_of(match)
                if len(subjects) == 1 and SHARED not in subjects:
                    owners.append(next(iter(subjects)))
                    counts[owners[-1]] += 1
            if len(owners) == 1 and sentence.rstrip().endswith(":"):
                lead = owners[0]
    return counts


_DUTY_WORDS = ("shall", "will", "must", "agree", "undertake", "responsible")
"""One of these is in every match of :data:`OBLIGATION`: a sentence without any owes nothing."""

_LIST_ITEM = re.compile(r"^(?:[-*•+]|\(?[a-z0-9]{1,4}[.)])\s")
"""A bulleted or lettered item: under "X shall:" each one is a duty of X."""
