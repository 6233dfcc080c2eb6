"""Who may end the agreement, and on what notice.

A right to terminate held by one partner only leaves the other unable to leave a partnership
that is not working; a right to terminate with no notice period lets a partner walk away
overnight. Both are found by reading who is the subject of "may terminate", "is entitled to
terminate", "has the right to end" and similar wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...model import NOWHERE, Clause, Location, make_excerpt
from ..context import CheckContext
from ..folding import holds_any, lowered
from . import Hit, register
from .memo import once
from .parties import SHARED, PartyIndex, acting_parties, party_index
from .text import case_blind_search

_END = (
    r"(?:terminate|end|cancel|withdraw(?:\s+from)?|rescind|exit"
    # Plain English: "can stop the project", "may pull out of the partnership".
    r"|(?:stop|pull\s+out\s+of|walk\s+away\s+from)(?=\s+(?:the|this|its|our|their)\s+"
    r"(?:project|partnership|agreement|collaboration|memorandum|programme|program|work)\b))"
    r"(?!\w)"
)

RIGHT = (
    r"(?:(?:may|can|could)(?:\s+(?:at\s+any\s+time|immediately|forthwith|also)|\s*,[^,]{0,150},)*"
    r"\s+"
    r"|(?:shall|will)\s+(?:be\s+entitled|have\s+the\s+right)\s+to\s+"
    r"(?:(?:immediately|forthwith)\s+)?"
    r"|(?:is|are)\s+entitled\s+to\s+(?:(?:immediately|forthwith)\s+)?"
    r"|(?:has|have|retains?|reserves?)\s+(?:the|a)\s+right\s+to\s+"
    rf"(?:(?:immediately|forthwith)\s+)?){_END}"
)
"""The verb phrases that give their subject a right to end the agreement (the ending words
once, after the alternatives: the same matches as each alternative followed by them)."""

_RIGHT_WORDS = (
    r"\b(?:may|can|entitled|right)\b[^.;]{0,80}?"
    r"\b(?:terminat|end\b|cancel|withdraw|rescind|stop\b|pull\s+out|walk\s+away)"
)
"""A right and an ending close together: found in every sentence a right can be read from
(case-blind, written in lower case for case_blind_search)."""

_RIGHT_FIRST_WORDS = ("may", "can", "entitled", "right")
_END_WORDS = ("terminat", "end", "cancel", "withdraw", "rescind", "stop", "pull", "walk")
"""One word of each list is in every match of :data:`_RIGHT_WORDS`, which is slower to try."""

NOTICE = (
    r"""
      (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen
        |twenty|thirty|forty|forty-five|sixty|ninety|a|one\ hundred\ and\ eighty)
      (?:\s*\(\d+\))?[\s-]*
      (?:(?:business|working|calendar|clear)\s+)?
      (?:days?|weeks?|months?|years?)['’]?
      (?=[^.;]{0,80}\bnotice)
    | \bnotice\b[^.;]{0,60}?\b(?:of|period\ of)\s+(?:not\ less\ than|at\ least|no\ less\ than
        |a\ minimum\ of)?\s*(?:\d+|one|two|three|four|six|twelve|thirty|sixty|ninety)
    | \bnotice\b[^.;]{0,60}?\b(?:\d+|one|two|three|four|six|twelve|thirty|sixty|ninety)
        (?:\s*\(\d+\))?\s+(?:(?:business|working|calendar|clear)\s+)?(?:days?|weeks?|months?)\b
    | \bnotice\ period\b
    | (?:\d+|one|two|three|four|five|six|eight|ten|twelve|a)(?:\s*\(\d+\))?\s+
        (?:(?:business|working|calendar|clear)\s+)?(?:days?|weeks?|months?)\s+
        (?:before|beforehand|in\ advance|ahead)\b
    | \bwith\ immediate\ effect\b | \bimmediately\b | \bforthwith\b | \bwithout\ notice\b
    """
)
"""A notice period, or an explicit statement that the ending takes effect at once (a verbose
case-blind pattern, written in lower case for case_blind_search)."""


@dataclass(frozen=True)
class TerminationRight:
    """A sentence giving some party (or every party) a right to end the agreement."""

    clause: Clause | None
    sentence: str
    holders: frozenset[str]


def termination_rights(ctx: CheckContext) -> tuple[PartyIndex, list[TerminationRight]]:
    """Every termination right in the agreement with the party keys that hold it (found once
    per run: both termination checks ask)."""
    index = party_index(ctx)
    return index, once(ctx, "termination-rights", lambda: _find_rights(ctx, index))


def _find_rights(ctx: CheckContext, index: PartyIndex) -> list[TerminationRight]:
    rights: list[TerminationRight] = []
    for unit in ctx.units("clause"):
        if unit.hollow:
            continue
        for sentence in ctx.sentences(unit):
            folded = lowered(sentence)
            if not (holds_any(folded, _RIGHT_FIRST_WORDS) and holds_any(folded, _END_WORDS)
                    and case_blind_search(_RIGHT_WORDS, sentence, folded)):
                continue
            holders: set[str] = set()
            for match in index.find_subjects(RIGHT, sentence):
                holders |= index.subjects_of(match)
            if holders:
                rights.append(TerminationRight(unit.clause, sentence, frozenset(holders)))
    return rights


@register("one-sided-termination")
def one_sided_termination(ctx: CheckContext) -> Iterator[Hit]:
    """Fire at each right to end held by one party when another party holds none.

    vars: ``party`` (who may end it), ``others`` (who may not).
    """
    index, rights = termination_rights(ctx)
    if any(SHARED in right.holders for right in rights):
        return
    holders = {holder for right in rights for holder in right.holders}
    # With no parties named, only role nouns that act somewhere in the text count.
    candidates = (list(index.known) if ctx.agreement.parties
                  else sorted(acting_parties(ctx, index)))
    without = [party for party in candidates if party not in holders]
    if not holders or not without:
        return
    seen: set[int] = set()
    for right in rights:
        key = id(right.clause)
        if key in seen:
            continue
        seen.add(key)
        yield Hit(
            _location(ctx, right.clause),
            evidence=make_excerpt(right.sentence, 200),
            vars={"party": " and ".join(sorted(right.holders)), "others": " and ".join(without)},
        )


@register("termination-notice")
def termination_notice(ctx: CheckContext) -> Iterator[Hit]:
    """Fire at each right to end whose clause and section state no notice period.

    A period ("three months' written notice", "notice of not less than 30 days") or an
    explicit "with immediate effect" anywhere in the clause or its top-level section counts.
    """
    _, rights = termination_rights(ctx)
    sections = _sections(ctx)
    reported: set[int] = set()
    noticed: dict[str, bool] = {}  # a section holding several rights is read once

    def states_notice(text: str) -> bool:
        if text not in noticed:
            noticed[text] = case_blind_search(NOTICE, text, lowered(text), re.VERBOSE)
        return noticed[text]

    for right in rights:
        clause = right.clause
        if states_notice(right.sentence):
            continue
        own = clause.text if clause is not None else right.sentence
        section = sections.get(id(clause), own) if clause is not None else own
        if states_notice(own) or states_notice(section):
            continue
        if id(clause) in reported:
            continue
        reported.add(id(clause))
        yield Hit(_location(ctx, clause), evidence=make_excerpt(right.sentence, 200))


def _sections(ctx: CheckContext) -> dict[int, str]:
    """Each clause (by identity) → the full text of its top-level section."""
    out: dict[int, str] = {}
    for unit in ctx.units("section"):
        clause = unit.clause
        if clause is None or clause.level != 1:
            continue
        for descendant in clause.walk():
            out.setdefault(id(descendant), unit.text)
    return out


def _location(ctx: CheckContext, clause: Clause | None) -> Location:
    return ctx.location_of(clause) if clause is not None else NOWHERE
