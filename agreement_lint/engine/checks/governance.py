"""Decisions one partner takes alone, and boards drawn from one partner only.

Joint governance is the heart of an equitable partnership. Two things undo it in drafting: a
clause that gives one party the final word ("the University shall determine", "at the
Trust's sole discretion"), and a steering group or board whose members all come from one
partner. Each clause with either is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cached_property
from itertools import chain

from ...model import make_excerpt
from ..context import CheckContext
from ..folding import holds_any, lowered
from . import Hit, register
from .parties import (
    SHARED,
    Around,
    PartyIndex,
    SubjectMatch,
    compiled_with_names,
    owner_of,
    party_index,
    unique_groups,
)
from .text import case_blind_search

_HOLDS_CASTING_VOTE = (
    r"(?:[^.;,]{0,80}?\s+and\s+)?(?:(?:shall|will|also)\s+)?"
    r"(?:has|have|holds?|is\s+given|gets?)\s+(?:a|the)\s+casting\s+vote"
)
"""Holding the casting vote, perhaps after another verb: "chairs the Board and has a casting
vote". Whoever breaks a tie decides alone whenever the others are split."""

_DECIDES_WORDS = (
    r"(?:shall|will|may)\s+(?:alone\s+|solely\s+|unilaterally\s+)?"
    r"(?:decide|determine|have\s+(?:the\s+)?(?:final|last|casting)\s+(?:say|word|decision|vote)"
    r"|have\s+(?:sole|absolute|complete|full)\s+(?:discretion|authority|control)"
    r"|make\s+(?:all|the\s+final|final)\s+decisions?|(?:also\s+)?approve|veto"
    r"|have\s+(?:a|the)\s+(?:right\s+of\s+)?veto)"
    r"|(?:alone|solely)\s+(?:shall\s+|will\s+|may\s+)?(?:decide|determine)"
)
_DECIDES_VERBS = rf"{_DECIDES_WORDS}|{_HOLDS_CASTING_VOTE}"
_ITS_DISCRETION = r"(?:in|at)\s+its\s+(?:sole|absolute|unfettered)\s+discretion"
DECIDES = rf"{_DECIDES_VERBS}|(?:shall|will|may)?,?\s*{_ITS_DISCRETION}"
"""Verb phrases that give their subject a decision of its own."""

_DECIDES_SOMEWHERE = rf"{_DECIDES_WORDS}|casting\s+vote|{_ITS_DISCRETION}"
"""Found in every sentence :data:`DECIDES` matches in, and quicker to look for: a casting vote
is looked for as the two words alone, since the way :data:`_HOLDS_CASTING_VOTE` reaches back
for a verb ("chairs the Board and has") costs up to 80 characters of trying at every place."""

POST = (
    r"(?-i:[A-Z][\w-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w-]*){0,3})"
    r"|(?:[\w-]+\s+){0,2}?(?:lead(?:er)?|manager|director|co-?ordinator|investigator|officer"
    r"|representative|nominee|delegate|chair|head|staff|team|board|committee|panel)s?"
)
"""Someone who acts for a party, after its possessive: a title in capitals ("the University's
Principal Investigator", "the Trust's Director of Research") or a post or body in any case, up
to two words before it ("the Council's project lead", "the Company's ethics committee")."""

_BODY = (
    r"\b(?:board|steering\s+(?:group|committee)|committee|panel|management\s+group"
    r"|governance\s+group|advisory\s+group|working\s+group|partnership\s+group)\b"
)
_MEMBERSHIP = (
    r"\b(?:members?(?:hip)?|comprise[sd]?|consist(?:s|ing)?\s+of|composed\s+of|made\s+up\s+of"
    r"|sit\s+on|appoint|nominat)"
)
_ITS_MEMBERS = r"\b(?:its|whose|their)\s+members"
_MEMBER_NOUNS = (
    r"(?:representatives?|members?|nominees?|staff|employees?|officers?|appointees?|"
    r"senior\s+(?:staff|officers?|managers?)|delegates?)"
)


@register("one-sided-governance")
def one_sided_governance(ctx: CheckContext) -> Iterator[Hit]:
    """Fire once per clause giving one party a decision alone or a one-partner board.

    vars: ``party`` (the party that decides or fills the board).
    """
    patterns = _Patterns(party_index(ctx))
    several_parties = len(patterns.index.known) >= 2
    for unit in ctx.units("clause"):
        if unit.hollow or unit.clause is None:
            continue
        sentences = ctx.sentences(unit)
        hit = _decision_hit(sentences, patterns)
        if hit is None and several_parties:
            hit = _board_hit(unit.text, sentences, patterns)
        if hit is not None:
            party, evidence = hit
            yield Hit(ctx.location_of(unit.clause), evidence=make_excerpt(evidence, 200),
                      vars={"party": party})


class _Patterns:
    """The agreement's governance wordings around a party's name.

    :meth:`PartyIndex.find_around` finds all but the rarest without compiling a pattern of
    the names.
    """

    def __init__(self, index: PartyIndex) -> None:
        self.index = index

    def discretion(self, sentence: str) -> Iterator[str]:
        """Who has discretion: "at X's sole discretion"."""
        return (found.owner for found in self.index.find_around((_DISCRETION,), sentence))

    def members_of(self, sentence: str) -> Iterator[str]:
        """Whose people sit on a body: "representatives of X", "members nominated by X"."""
        return (found.owner for found in self.index.find_around(_MEMBERS_AROUND, sentence))

    @cached_property
    def _decided_by_or_led_by_name(self) -> re.Pattern[str]:
        """The decisions given to a party by wording around its name rather than a verb after
        it ("decided by X", "for X's approval"), and the wordings led by the party's name:
        "X's decision is final", "X has the casting vote" (compiled where first needed: it
        holds every name four times)."""
        subject = self.index.subject
        return compiled_with_names(
            unique_groups(f"{_DECIDED_BY.pattern(subject)}|(?P<owner2>{subject}){_FINAL}"
                          f"|{_FOR_APPROVAL.pattern(subject)}|(?P<owner4>{subject}){_CASTING}"
                          f"|{'|'.join(a.pattern(subject) for a in _AROUND_A_NAME[2:])}"),
            re.IGNORECASE,
        )

    def find_decided_by(self, sentence: str, folded: str | None) -> Iterator[str]:
        """Who a decision is given to by wording around its name, in ``sentence``.

        The two wordings led by a party's name are slow to try at every character; without
        one of their tails in the sentence they cannot match, and the other two are found
        around their own words. ``folded`` is the sentence :func:`lowered`.
        """
        if case_blind_search(f"{_FINAL}|{_CASTING}", sentence, folded):
            for match in self._decided_by_or_led_by_name.finditer(sentence):
                yield owner_of(match)
            return
        for found in self.index.find_around(_AROUND_A_NAME, sentence):
            yield found.owner


_BY = r"\b(?:decided|determined|approved|signed\s+off)\s+(?:solely\s+|only\s+)?by\s+"
_CHOSEN = (r"\b(?:is|are|will\s+be|shall\s+be|must\s+be|to\s+be)\s+(?:then\s+|also\s+)?"
           r"(?:chosen|selected|picked)\s+(?:solely\s+|only\s+)?by\s+")
_DECISIONS_MADE = (r"\bdecisions?\b[^.;]{0,80}\s(?:is|are|shall\s+be|will\s+be|must\s+be)\s+"
                   r"(?:made|taken)\s+(?:solely\s+|only\s+)?by\s+")
_GOVERNING_BODY = (
    r"(?:[\w-]+\s+){0,3}?(?:board|cabinet|executive(?:\s+(?:team|group|committee))?|senate"
    r"|steering\s+(?:group|committee)|management\s+(?:group|committee|team)|committee|panel)\b"
)
_FORMALITY = (
    r"(?:[\w-]+\s+){0,3}?(?:ethics|ethical|research\s+governance|r\s*&\s*d|research\s+and"
    r"\s+development|finance|financial|legal|audit|data\s+protection|safeguarding|health\s+and"
    r"\s+safety|information\s+governance|caldicott|sponsorship|remuneration)\b"
)
_APPROVAL = r"['’]s?\s+(?:prior\s+|written\s+)?(?:approval|sign-off|agreement)"
# "the Authority's decision is final", "the Trust has the casting vote"
_FINAL = (r"['’]s?\s+(?:decision|determination|view|ruling)"
          r"\s+(?:is|shall\s+be|will\s+be)\s+(?:final|conclusive|binding)")
_CASTING = r"\s+(?:has|have)\s+the\s+(?:final|last|casting)\s+(?:say|word|decision|vote)"

_DECIDED_BY = Around(_BY, alone=True)
"""Decided by one party: "approved by X" (not "by X's board", not "by X and Y")."""
_CHOSEN_BY = Around(_CHOSEN, alone=True)
"""Chosen by one party: "Projects are selected by X". Only after "is", "are", "will be":
"residents, chosen by the Forum" names people a partner puts forward, not a decision."""
_MADE_BY = Around(_DECISIONS_MADE, alone=True)
"""Decisions made by one party: "All decisions of the Board shall be made by X after
consultation with …" (not "made by consensus", "by agreement of the partners")."""
_BODY_DECIDES = Around(_BY, rf"['’]s?\s+(?!{_FORMALITY}){_GOVERNING_BODY}")
"""Decided by one party's own board or committee: "approved by X's Executive Board", but not
a check every project passes ("approved by X's research ethics committee")."""
_CHAIRED_BY = Around(
    r"\bchaired\s+by\s+",
    rf"(?:['’]s?\s+(?:{POST}))?,?\s+(?:who\s+)?(?:with|has|holds|shall\s+have|will\s+have)"
    r"\s+(?:a|the)\s+casting\s+vote",
)
"""The chair's party holds the casting vote: "chaired by X's Director, with a casting vote"."""
_FOR_APPROVAL = Around(r"\bfor\s+", _APPROVAL)
"""A party's approval asked for: "for X's prior approval"."""
_AROUND_A_NAME = (_DECIDED_BY, _FOR_APPROVAL, _CHOSEN_BY, _MADE_BY, _BODY_DECIDES,
                  _CHAIRED_BY)
"""The decisions given to a party by wording around its name, in the order they are tried."""
_DISCRETION = Around(r"(?:at|in)\s+", r"'s?\s+(?:sole|absolute|unfettered|own)?\s*discretion")
_COUNTS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           r"\d{1,2}")
"""How many seats a party has."""
_MEMBERS_OF = Around(
    rf"{_MEMBER_NOUNS}\s+(?:(?:are|is|shall\s+be|will\s+be)\s+)?(?:of|from|drawn\s+from"
    r"|appointed\s+by|nominated\s+by|employed\s+by)\s+"
)

_COUNTED_MEMBERS = Around(
    rf"\b(?:{'|'.join(_COUNTS)})\s+(?:of\s+)?",
    rf"(?:(?:['’]s?)?\s+{_MEMBER_NOUNS}\b|(?!['’]))",
)
"""Seats counted out to a party: "two University representatives", "two of the Trust's
staff", "two of our staff", "two of yours"."""
_MEMBERS_AROUND = (_MEMBERS_OF, _COUNTED_MEMBERS)


_BODY_WORDS = ("board", "committee", "panel", "group", "members")
"""One of these is in every match of :data:`_BODY` and of "its members"."""
_DECISION_WORDS = ("decide", "determine", "approve", "veto", "discretion", "decision", "say",
                   "word", "vote", "authority", "control")
"""One of these is in every match of :data:`DECIDES`."""
_APPOINTS = r"(?:shall|will|may)\s+(?:appoint|nominate)"
_MEMBERSHIP_WORDS = ("member", "compris", "consist", "composed", "made", "sit", "appoint",
                     "nominat")
"""One of these is in every match of :data:`_MEMBERSHIP`."""
_MEMBER_NOUN_WORDS = ("representative", "member", "nominee", "staff", "employee", "officer",
                      "appointee", "senior", "delegate")
"""One of these is in every match of :data:`_MEMBER_NOUNS`."""
_COUNT_WORDS = (*_COUNTS[:-1], *"0123456789")
"""One of these is in every match of :data:`_COUNTED_MEMBERS`."""


_DECIDED_BY_WORDS = (
    # "decided/approved/signed off by X"; "X's decision is final/conclusive/binding";
    # "X has the final/last/casting say"; "for X's approval/sign-off/agreement";
    # "chosen/selected/picked by X"; "decisions … are made by X"
    "decided", "determined", "approved", "signed", "final", "conclusive", "binding", "last",
    "casting", "approval", "sign-off", "'s agreement", "’s agreement", "' agreement",
    "’ agreement", "prior agreement", "written agreement", "chosen", "selected", "picked",
    "decision",
)
"""Words one of which every sentence the ``decided_by`` pattern can match contains."""


def _decision_hit(sentences: list[str], patterns: _Patterns) -> tuple[str, str] | None:
    """The first (party, sentence) where one party alone decides, if any."""
    index = patterns.index
    for sentence in sentences:
        folded = lowered(sentence)
        verbs = (holds_any(folded, _DECISION_WORDS)
                 and case_blind_search(_DECIDES_SOMEWHERE, sentence, folded))
        decisions: Iterable[SubjectMatch] = ()
        if verbs:  # "X shall decide", and "X's Principal Investigator will decide"
            decisions = index.find_subjects(DECIDES, sentence)
            if "'" in sentence or "’" in sentence:
                decisions = chain(decisions, index.find_subjects(DECIDES, sentence, POST))
        for match in decisions:
            subjects = index.subjects_of(match)
            if _joint(sentence, match.start):
                continue  # "Each of the Investor Group and the Company shall determine"
            if len(subjects) == 1 and SHARED not in subjects:
                return next(iter(subjects)), sentence
        by_discretion = (patterns.discretion(sentence)
                         if holds_any(folded, ("discretion",)) else ())
        by_decision = (patterns.find_decided_by(sentence, folded)
                       if holds_any(folded, _DECIDED_BY_WORDS) else ())
        for named in (*by_discretion, *by_decision):
            owner = {m.key for m in index.mentions(named)}
            if len(owner) == 1 and SHARED not in owner:
                return next(iter(owner)), sentence
    return None


def _joint(sentence: str, start: int) -> bool:
    """The subject is the last of a list ("X and the Company"): the decision is shared."""
    return bool(re.search(r"(?:\b(?:and|or|with|together\s+with)|\beach\s+of(?:\s+the)?)\s+$",
                          sentence[max(0, start - 40): start], re.IGNORECASE))


def _board_hit(text: str, sentences: list[str], patterns: _Patterns) -> tuple[str, str] | None:
    """(party, sentence) when a board's members all come from one party."""
    folded_text = lowered(text)
    if not (holds_any(folded_text, _BODY_WORDS) and case_blind_search(_BODY, text, folded_text)
            and holds_any(folded_text, _MEMBERSHIP_WORDS)
            and case_blind_search(_MEMBERSHIP, text, folded_text)):
        return None
    index = patterns.index
    sources: set[str] = set()
    first = ""
    for sentence in sentences:
        found: set[str] = set()
        folded = lowered(sentence)
        if not holds_any(folded, _BODY_WORDS):
            continue  # neither pattern below can match
        if not (case_blind_search(_BODY, sentence, folded)
                or case_blind_search(_ITS_MEMBERS, sentence, folded)):
            continue  # membership of something other than the governing body
        if holds_any(folded, _MEMBER_NOUN_WORDS) or holds_any(folded, _COUNT_WORDS):
            for owner in patterns.members_of(sentence):
                found |= {m.key for m in index.mentions(owner)}
        if (holds_any(folded, ("appoint", "nominate"))
                and case_blind_search(_APPOINTS, sentence, folded)):
            for appointing in index.find_subjects(_APPOINTS, sentence):
                found |= index.subjects_of(appointing)
        if found and not first:
            first = sentence
        sources |= found
    if len(sources) == 1 and SHARED not in sources:
        return next(iter(sources)), first
    return None
