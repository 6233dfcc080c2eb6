"""Hollow clauses: a heading over nothing but a placeholder or a pointer to a missing document.

``4. Payment — TBC`` or ``Payment terms are as set out in Schedule 2`` (with no Schedule 2 in
the draft) *look* like they deal with payment but say nothing yet. Such a clause satisfies no
concept, not even through its heading, so "payment is not addressed" still fires; the
placeholder check reports the placeholder itself.
"""

from __future__ import annotations

import re

from ..fixed import fixed_pattern
from ..model import Agreement, Clause
from .folding import holds_any, lowered
from .sentences import split_sentences

PLACEHOLDER = fixed_pattern(
    r"""
      \{\{[^{}\n]*\}\}                                   # {{party_name}}
    | \{[^{}\s][^{}\n]{0,60}\}                           # {amount}
    | \[[^\[\]\n]{0,60}\](?!\()                          # [•] [ ] [Insert date], not a link
    | _{3,}                                              # ______
    | \.{4,} | …{2,}                                     # ........
    | (?<!\w)(?:TBC|TBD|TBA|TBAgreed|N/A)(?!\w)
    | (?<!\w)X{3,}(?!\w)                                 # XXX
    | (?<!\w)to\ be\ (?:agreed|confirmed|determined|decided|advised|added|inserted|completed
                    |finali[sz]ed|discussed|drafted|provided|specified|set|arranged)
      (?:\ (?:later|in\ due\ course|at\ a\ later\ date|by\ the\ parties|between\ the\ parties
              |by\ both\ parties))?(?!\w)
    """,
    re.IGNORECASE | re.VERBOSE,
)
"""Text that stands in for wording not yet written."""

_TARGET = (
    r"(?P<target>(?P<tkind>schedules?|annex(?:es|ure)?|appendix|appendices|exhibits?|attachments?)"
    r"(?:\s+(?P<tnum>(?:[A-Z]|[0-9]+|[IVX]+)(?:\.[0-9]+)*)(?!\w|\.\w))?"
    r"|(?P<named>cover\s+(?:page|sheet|note|letter)|order\s+form|front\s+sheet|key\s+terms"
    r"|statement\s+of\s+work|project\s+(?:plan|brief|proposal)|particulars)"
    # ``clause 10`` of this agreement (not ``section 5 of the Act``)
    r"|(?:clauses?|sections?|paragraphs?)\s+(?P<cnum>[0-9]+(?:\.[0-9]+)*)(?!\w|\.\w|\s+of\b))"
)

DEFERRAL = fixed_pattern(
    r"(?<!\w)(?:(?:as\s+)?(?:is\s+|are\s+|will\s+be\s+|shall\s+be\s+|to\s+be\s+)?"
    r"(?:set\s+out|detailed|described|specified|defined|provided|listed|given|stated|found"
    r"|contained|outlined|agreed|recorded|included|shown|explained)"
    r"\s+(?:in|at|on|under|within)"
    r"|see|refer\s+to|in\s+accordance\s+with)"
    r"\s+(?:the\s+)?(?:attached\s+|relevant\s+|separate\s+|accompanying\s+)?" + _TARGET,
    re.IGNORECASE,
)
"""A sentence that points elsewhere for its substance."""

_PLACEHOLDER_MARKS = ("{", "[", "___", "....", "……")
_PLACEHOLDER_WORDS = (
    "tbc", "tbd", "tba", "n/a", "xxx", *(f"to be {word}" for word in (
        "agreed", "confirmed", "determined", "decided", "advised", "added", "inserted",
        "completed", "finalised", "finalized", "discussed", "drafted", "provided", "specified",
        "set", "arranged")),
)
"""What each kind of :data:`PLACEHOLDER` holds, as written or in lower case."""


def may_hold_placeholder(text: str) -> bool:
    """False only when :data:`PLACEHOLDER` cannot match ``text``: it has none of the marks or
    words a placeholder needs. The expression tries every character; this does not."""
    return any(mark in text for mark in _PLACEHOLDER_MARKS) or holds_any(
        lowered(text), _PLACEHOLDER_WORDS)


def _blank_placeholders(text: str) -> tuple[str, int]:
    """``PLACEHOLDER.subn(" ", text)``, without running the expression over a text that
    cannot hold a placeholder."""
    if not may_hold_placeholder(text):
        return text, 0
    return PLACEHOLDER.subn(" ", text)


_TARGET_WORDS = (
    r"schedule|annex|appendi|exhibit|attachment|cover|order|front|key|statement|project"
    r"|particulars|clause|section|paragraph"
)
_TARGET_WORD = fixed_pattern(_TARGET_WORDS, re.IGNORECASE)
"""Letters every target of a deferral contains. Blanking placeholders cannot make them, so a
sentence without them holds no deferral (a quick test before the costly expressions)."""
_TARGET_WORD_LOWER = fixed_pattern(_TARGET_WORDS)
"""The same words, case-sensitive: searching a lower-cased ASCII text for them finds exactly
what the case-blind expression finds, several times faster."""


def _names_a_target(text: str) -> bool:
    """Whether ``text`` holds one of the target words (``_TARGET_WORD.search``, quickly).

    In an ASCII text only ASCII letters can match a case-blind ASCII word, so lower-casing it
    loses nothing; other texts keep the case-blind expression and its Unicode case rules.
    """
    if text.isascii():
        return _TARGET_WORD_LOWER.search(text.lower()) is not None
    return _TARGET_WORD.search(text) is not None

_WORD = fixed_pattern(r"[^\W_]+")

MAX_LEFTOVER_WORDS = 6
"""A sentence with a deferral or placeholder and no more than this many other words is empty."""

_KIND_ALIASES = {
    "schedule": "schedule", "schedules": "schedule",
    "annex": "annex", "annexes": "annex", "annexure": "annex",
    "appendix": "appendix", "appendices": "appendix",
    "exhibit": "exhibit", "exhibits": "exhibit",
    "attachment": "attachment", "attachments": "attachment",
}


_HINTS = (
    "{", "[", "___", "....", "…", "tbc", "tbd", "tba", "n/a", "xxx", "to be ",
    "schedule", "annex", "appendi", "exhibit", "attachment", "cover", "order form",
    "front sheet", "key terms", "statement of work", "project", "particulars", "clause",
    "section", "paragraph",
)
"""Cheap substrings without which a text can hold no placeholder or deferral."""


def _might_be_hollow(text: str) -> bool:
    """A quick test that rules out most substantive clauses without a regular expression."""
    if len(text) > 2000:
        return False  # hundreds of words cannot all be placeholder or pointer
    lower = text.lower()
    return any(hint in lower for hint in _HINTS)


class HollowJudge:
    """Decides, for one agreement, which clauses are hollow (cached per clause)."""

    def __init__(self, agreement: Agreement) -> None:
        self.agreement = agreement
        self._schedules = {
            (schedule.kind, (schedule.number or "").lower()) for schedule in agreement.schedules
        }
        self._kinds_present = {schedule.kind for schedule in agreement.schedules}
        titles: list[str] = [agreement.title or ""]
        titles.extend(f"{s.kind} {s.number or ''} {s.title or ''}" for s in agreement.schedules)
        titles.extend(c.heading or "" for c in agreement.walk())
        self._titles = " \n".join(titles).lower()
        self._numbers = {(c.number or "").rstrip(".").lower() for c in agreement.walk()}
        self._cache: dict[int, bool] = {}
        self._substance: dict[int, bool] = {}
        self._gist: dict[int, tuple[bool, str]] = {}

    def is_hollow(self, clause: Clause) -> bool:
        """True when the clause has nothing of substance of its own.

        Its body is only placeholders or pointers to absent documents; or it is a heading with
        no body whose sub-clauses (at any depth) have no substance either — a heading over
        nothing, or over ``8.1 [To be agreed]``.
        """
        key = id(clause)
        cached = self._cache.get(key)
        if cached is None:
            if clause.text.strip():
                cached = self.text_is_hollow(clause.text)
            else:
                cached = not any(self._has_substance(child) for child in clause.children)
            self._cache[key] = cached
        return cached

    def gist(self, clause: Clause) -> tuple[bool, str]:
        """Whether the clause's heading counts, and the body text that counts.

        A clause that is not hollow can still hand part of its subject elsewhere: under
        ``Changes and disagreements``, "Disagreements are dealt with as set out in clause 10"
        (with no clause 10) says nothing about disagreements. The empty pointer is dropped from
        the text, and the heading no longer counts, since it may name only what was pointed
        away; what the rest of the body says still counts.
        """
        key = id(clause)
        cached = self._gist.get(key)
        if cached is None:
            cached = (True, clause.text)
            if clause.text.strip() and _might_be_hollow(clause.text) and _names_a_target(
                    clause.text) and not self.is_hollow(clause):
                sentences = split_sentences(clause.text)
                kept = [s for s in sentences if not self._empty_deferral(s)]
                if len(kept) < len(sentences):
                    cached = (False, " ".join(kept))
            elif not clause.text.strip() and any(
                    not self.gist(child)[0] for child in clause.children):
                cached = (False, "")  # a heading over sub-clauses, one of which points away
            self._gist[key] = cached
        return cached

    def _empty_deferral(self, sentence: str) -> bool:
        """The sentence only points to a schedule or clause the draft does not have."""
        if not _names_a_target(sentence):
            return False  # most sentences: nothing they could point to
        stripped = _blank_placeholders(sentence)[0]
        matches = list(DEFERRAL.finditer(stripped))
        if not matches or any(self._target_present(m) for m in matches):
            return False
        return len(_WORD.findall(DEFERRAL.sub(" ", stripped))) <= MAX_LEFTOVER_WORDS

    def _has_substance(self, clause: Clause) -> bool:
        """Some wording in this clause or below it is more than a placeholder."""
        key = id(clause)
        cached = self._substance.get(key)
        if cached is None:
            if clause.text.strip() and not self.is_hollow(clause):
                cached = True
            else:
                cached = any(self._has_substance(child) for child in clause.children)
            self._substance[key] = cached
        return cached

    def text_is_hollow(self, text: str) -> bool:
        """True when every sentence of ``text`` is a placeholder or an empty deferral."""
        if not _might_be_hollow(text):
            return not _WORD.search(text)
        sentences = split_sentences(text)
        return bool(sentences) and all(self._sentence_is_empty(s) for s in sentences)

    def _sentence_is_empty(self, sentence: str) -> bool:
        stripped, placeholders = _blank_placeholders(sentence)
        deferred = False
        for match in DEFERRAL.finditer(stripped):
            if self._target_present(match):
                return False
            deferred = True
        if deferred:
            stripped = DEFERRAL.sub(" ", stripped)
        words = _WORD.findall(stripped)
        if not words:
            return True
        return (placeholders > 0 or deferred) and len(words) <= MAX_LEFTOVER_WORDS

    def _target_present(self, match: re.Match[str]) -> bool:
        clause_number = match.group("cnum")
        if clause_number:
            return clause_number.lower() in self._numbers
        named = match.group("named")
        if named:
            return " ".join(named.lower().split()) in " ".join(self._titles.split())
        kind = _KIND_ALIASES.get(match.group("tkind").lower(), "schedule")
        number = (match.group("tnum") or "").lower()
        if not number:
            return kind in self._kinds_present or self._heading_names(kind, "")
        return (kind, number) in self._schedules or self._heading_names(kind, number)

    def _heading_names(self, kind: str, number: str) -> bool:
        """A schedule the parser kept as a clause (heading ``Schedule 2 - Budget``) counts."""
        pattern = re.compile(rf"(?<!\w){kind}\s*{re.escape(number)}(?!\w|\.\w)")
        return bool(pattern.search(self._titles))

