"""Decisions one partner takes alone, and boards drawn from one partner only.

Joint governance is the heart of an equitable partnership. Two things undo it in drafting: a
clause that gives one party the final word ("the University shall determine", "at the
Trust's sole discretion"), and a steering group or board whose members all come from one
partner. Each clause with either is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import make_excerpt
from ..context import CheckContext
from . import Hit, register
from .memo import compiled
from .parties import SHARED, PartyIndex, party_index, unique_groups
from .text import may_hold

DECIDES = (
    r"(?:shall|will|may)\s+(?:alone\s+|solely\s+|unilaterally\s+)?"
    r"(?:decide|determine|have\s+(?:the\s+)?(?:final|last|casting)\s+(?:say|word|decision|vote)"
    r"|have\s+(?:sole|absolute|complete|full)\s+(?:discretion|authority|control)"
    r"|make\s+(?:all|the\s+final|final)\s+decisions?|(?:also\s+)?approve|veto"
    r"|have\s+(?:a|the)\s+(?:right\s+of\s+)?veto)"
    r"|(?:alone|solely)\s+(?:shall\s+|will\s+|may\s+)?(?:decide|determine)"
    r"|(?:shall|will|may)?,?\s*(?:in|at)\s+its\s+(?:sole|absolute|unfettered)\s+discretion"
)
"""Verb phrases that give their subject a decision of its own."""

_BODY = re.compile(
    r"\b(?:board|steering\s+(?:group|committee)|committee|panel|management\s+group"
    r"|governance\s+group|advisory\s+group|working\s+group|partnership\s+group)\b",
    re.IGNORECASE,
)
_MEMBERSHIP = re.compile(
    r"\b(?:members?(?:hip)?|comprise[sd]?|consist(?:s|ing)?\s+of|composed\s+of|made\s+up\s+of"
    r"|sit\s+on|appoint|nominat)",
    re.IGNORECASE,
)
_MEMBER_NOUNS = (
    r"(?:representatives?|members?|nominees?|staff|employees?|officers?|appointees?|"
    r"senior\s+(?:staff|officers?|managers?)|delegates?)"
)


@register("one-sided-governance")
def one_sided_governance(ctx: CheckContext) -> Iterator[Hit]:
    """Fire once per clause giving one party a decision alone or a one-partner board.

    vars: ``party`` (the party that decides or fills the board).
    """
    index = party_index(ctx)
    decides = index.compile_subject(DECIDES)
    discretion = compiled(
        rf"(?:at|in)\s+(?P<owner>{index.subject})'s?\s+(?:sole|absolute|unfettered|own)?\s*"
        r"discretion",
        re.IGNORECASE,
    )
    members_of = compiled(
        rf"{_MEMBER_NOUNS}\s+(?:(?:are|is|shall\s+be|will\s+be)\s+)?(?:of|from|drawn\s+from"
        rf"|appointed\s+by|nominated\s+by|employed\s+by)\s+(?P<owner>{index.subject})",
        re.IGNORECASE,
    )
    decided_by = compiled(
        unique_groups(
            r"\b(?:decided|determined|approved|signed\s+off)\s+(?:solely\s+|only\s+)?by\s+"
            rf"(?P<owner>{index.subject})(?!['’]|\s*(?:,|and|or)\s*{index.subject})"
            # "the Authority's decision is final", "for the University's approval"
            rf"|(?P<owner2>{index.subject})['’]s?\s+(?:decision|determination|view|ruling)"
            r"\s+(?:is|shall\s+be|will\s+be)\s+(?:final|conclusive|binding)"
            rf"|\bfor\s+(?P<owner3>{index.subject})['’]s?\s+(?:prior\s+|written\s+)?"
            r"(?:approval|sign-off|agreement)"
            rf"|(?P<owner4>{index.subject})\s+(?:has|have)\s+the\s+(?:final|last|casting)\s+"
            r"(?:say|word|decision|vote)"
        ),
        re.IGNORECASE,
    )
    appoints = index.compile_subject(_APPOINTS)
    several_parties = len(index.known) >= 2
    for unit in ctx.units("clause"):
        if unit.hollow or unit.clause is None:
            continue
        sentences = ctx.sentences(unit)
        hit = _decision_hit(sentences, index, decides, discretion, decided_by)
        if hit is None and several_parties:
            hit = _board_hit(unit.text, sentences, index, members_of, appoints)
        if hit is not None:
            party, evidence = hit
            yield Hit(ctx.location_of(unit.clause), evidence=make_excerpt(evidence, 200),
                      vars={"party": party})


_DECIDES_ALONE = re.compile(DECIDES, re.IGNORECASE)
"""The verbs on their own: a sentence without them cannot match the longer patterns, and
they are much quicker to look for than every party's name."""
_BODY_WORDS = ("board", "committee", "panel", "group", "members")
"""One of these is in every match of :data:`_BODY` and of "its members"."""
_DECISION_WORDS = ("decide", "determine", "approve", "veto", "discretion", "decision", "say",
                   "word", "vote", "authority", "control")
"""One of these is in every match of :data:`DECIDES`."""
_APPOINTS = r"(?:shall|will|may)\s+(?:appoint|nominate)"
_APPOINTS_ALONE = re.compile(_APPOINTS, re.IGNORECASE)


_DECIDED_BY_WORDS = (
    # "decided/approved/signed off by X"; "X's decision is final/conclusive/binding";
    # "X has the final/last/casting say"; "for X's approval/sign-off/agreement"
    "decided", "determined", "approved", "signed", "final", "conclusive", "binding", "last",
    "casting", "approval", "sign-off", "'s agreement", "’s agreement", "' agreement",
    "’ agreement", "prior agreement", "written agreement",
)
"""Words one of which every sentence the ``decided_by`` pattern can match contains."""


def _decision_hit(
    sentences: list[str], index: PartyIndex, decides: re.Pattern[str],
    discretion: re.Pattern[str], decided_by: re.Pattern[str],
) -> tuple[str, str] | None:
    """The first (party, sentence) where one party alone decides, if any."""
    for sentence in sentences:
        verbs = (may_hold(sentence, _DECISION_WORDS)
                 and _DECIDES_ALONE.search(sentence) is not None)
        for match in decides.finditer(sentence) if verbs else ():
            subjects = index.subjects_of(match)
            if _joint(sentence, match.start()):
                continue  # "Each of the Investor Group and the Company shall determine"
            if len(subjects) == 1 and SHARED not in subjects:
                return next(iter(subjects)), sentence
        by_discretion = (discretion.finditer(sentence)
                         if may_hold(sentence, ("discretion",)) else ())
        by_decision = (decided_by.finditer(sentence)
                       if may_hold(sentence, _DECIDED_BY_WORDS) else ())
        for match in (*by_discretion, *by_decision):
            named = next(g for g in (match.groupdict().get(k) for k in (
                "owner", "owner2", "owner3", "owner4")) if g)
            owner = {m.key for m in index.mentions(named)}
            if len(owner) == 1 and SHARED not in owner:
                return next(iter(owner)), sentence
    return None


def _joint(sentence: str, start: int) -> bool:
    """The subject is the last of a list ("X and the Company"): the decision is shared."""
    return bool(re.search(r"(?:\b(?:and|or|with|together\s+with)|\beach\s+of(?:\s+the)?)\s+$",
                          sentence[max(0, start - 40): start], re.IGNORECASE))


def _board_hit(
    text: str, sentences: list[str], index: PartyIndex, members_of: re.Pattern[str],
    appoints: re.Pattern[str],
) -> tuple[str, str] | None:
    """(party, sentence) when a board's members all come from one party."""
    if not _BODY.search(text) or not _MEMBERSHIP.search(text):
        return None
    sources: set[str] = set()
    first = ""
    for sentence in sentences:
        found: set[str] = set()
        if not may_hold(sentence, _BODY_WORDS):
            continue  # neither pattern below can match
        if not _BODY.search(sentence) and not re.search(r"\b(?:its|whose|their)\s+members",
                                                      sentence, re.IGNORECASE):
            continue  # membership of something other than the governing body
        for match in members_of.finditer(sentence):
            found |= {m.key for m in index.mentions(match.group("owner"))}
        if may_hold(sentence, ("appoint", "nominate")) and _APPOINTS_ALONE.search(sentence):
            for match in appoints.finditer(sentence):
                found |= index.subjects_of(match)
        if found and not first:
            first = sentence
        sources |= found
    if len(sources) == 1 and SHARED not in sources:
        return next(iter(sources)), first
    return None
