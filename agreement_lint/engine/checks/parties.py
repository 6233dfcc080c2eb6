"""Who a sentence is about: party names, the roles drafts use for them, and shared subjects.

Obligation, termination, decision and ownership checks all ask the same question — which
party is the grammatical subject of "shall", "may terminate", "shall decide", "vests in". This
module answers it once. Parties are known by the names the model holds (full and short names,
from ``CheckContext.party_names()``) and by capitalised role nouns ("the University", "the
Trust", "the Consultant"), which are mapped to a party of matching name or type when there is
one. "Each party", "either party", "the Parties", "both partners" and the like are *shared*:
they name every party at once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from ...fixed import fixed_pattern
from ...model import Party, PartyType
from ..folding import lowered
from .memo import once
from .scan import is_word, matches_from

if TYPE_CHECKING:
    from ..context import CheckContext

@lru_cache(maxsize=256)
def _fixed(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """:func:`~agreement_lint.fixed.fixed_pattern` for the patterns the checks pass in (verbs,
    the wordings around a subject: written in the source, never a draft's words), kept
    compiled in the fixed store between runs and in memory within one."""
    return fixed_pattern(pattern, flags)


@lru_cache(maxsize=512)
def compiled_with_names(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` for a pattern holding an agreement's party names, kept between runs.

    Each agreement brings a handful of these (several milliseconds each to compile); a cache
    of their own keeps a run over many agreements from pushing the fixed patterns out of
    :func:`~.memo.compiled`, and keeps them for the next lint of the same agreement.
    """
    return re.compile(pattern, flags)


SHARED = "*"
"""The key of a subject that names every party ("each party", "the parties")."""

ROLE_NOUNS: dict[str, tuple[PartyType, ...]] = {
    "University": (PartyType.UNIVERSITY,),
    "Trust": (PartyType.NHS_TRUST, PartyType.NHS_BODY),
    "Council": (PartyType.LOCAL_AUTHORITY,),
    "Authority": (PartyType.LOCAL_AUTHORITY,),
    "Partner": (PartyType.COMMUNITY_ORGANISATION, PartyType.CHARITY),
    "Organisation": (PartyType.COMMUNITY_ORGANISATION, PartyType.CHARITY),
    "Organization": (PartyType.COMMUNITY_ORGANISATION, PartyType.CHARITY),
    "Charity": (PartyType.CHARITY,),
    "School": (PartyType.SCHOOL_COLLEGE,),
    "College": (PartyType.SCHOOL_COLLEGE,),
    "Company": (PartyType.BUSINESS,),
    "Consultant": (),
    "Contractor": (),
    "Client": (),
    "Customer": (),
    "Supplier": (),
    "Provider": (),
    "Funder": (),
    "Sponsor": (),
    "Institution": (PartyType.UNIVERSITY,),
    "Collaborator": (),
    "Licensor": (),
    "Licensee": (),
    "Distributor": (),
    "Developer": (),
    "Manufacturer": (),
    "Purchaser": (),
    "Vendor": (),
}
"""Capitalised role nouns a draft uses for a party, and the party types they usually mean."""

_SHARED_SUBJECT = (
    r"(?:each|either|both|all|any|neither|none)\s+(?:of\s+the\s+)?(?:part(?:y|ies)|partners?)"
    r"|(?:each|either|both|all|neither|none)\s+of\s+(?:us|them|you)"
    r"|the\s+(?:parties|partners)(?:\s+(?:hereto|to\s+this\s+agreement))?"
    r"|(?:a|the\s+other|the\s+non-[a-z]+|the\s+affected|the\s+defaulting|the\s+terminating"
    r"|the\s+disclosing|the\s+receiving|the\s+notifying|the\s+relevant|the\s+innocent"
    r"|the\s+requesting|such)\s+(?:party|partner)"
    r"|we"
)

_SHARED_FIRST = "abenstw"
"""The first letters of every :data:`_SHARED_SUBJECT` wording (each, both, all, the, we …)."""

GAP = (
    r"(?:\s*\([^()]{0,80}\))?"
    r"(?:\s*,[^,;.]{0,80},)?"
    r"(?:\s+(?:also|hereby|itself|alone|solely|further|then|promptly|jointly|severally"
    r"|each|shall\s+also|at\s+all\s+times|will\s+also))*"
    r"\s+"
)
"""What may stand between a subject and its verb: a bracket, a parenthetical, an adverb."""


_SEPARATOR_WORDS = (",", "and/or", "and", "or")
SEPARATOR = r"\s*(?:" + "|".join(_SEPARATOR_WORDS) + r")\s*"
"""What stands between the subjects of a list ("X, Y and Z")."""

_ALONE_WORDS = (",", "and", "or")
"""What joins a subject to the next in :attr:`Around.alone`'s "X and Y"."""


@dataclass(frozen=True)
class SubjectMatch:
    """A list of subjects and the verb after it: where it starts and ends, and the subjects."""

    start: int
    end: int
    subjects: str


@dataclass(frozen=True)
class Mention:
    """A party named in a sentence: its key (display name or :data:`SHARED`) and where."""

    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Around:
    """A subject between fixed wording, "<lead><subject><follow>": "decided by X", "in X's
    sole discretion". For :meth:`PartyIndex.find_around`.

    ``lead`` and ``follow`` are case-blind patterns holding no names. The lead must end just
    before the subject without a look-ahead, and its ways of matching, in the order the
    engine tries them, must end ever sooner (greedy quantifiers, none lazy). ``alone`` adds
    that the subject is neither a possessive ("by X's") nor the first of a list ("by X and Y").
    The subject ends where a word does, as in :meth:`PartyIndex.mentions`: "by the you" is no
    party "you" in "by the youth panel".
    """

    lead: str
    follow: str = ""
    alone: bool = False

    def pattern(self, subject: str) -> str:
        """The whole pattern, with ``subject`` (a party index's) in group ``owner``."""
        rest = rf"(?!['’]|\s*(?:{'|'.join(_ALONE_WORDS)})\s*{subject})" if self.alone else ""
        return rf"{self.lead}(?P<owner>{subject})(?![\w-]){rest}{self.follow}"


@dataclass(frozen=True)
class Owned:
    """A match of :meth:`PartyIndex.find_around`: where it starts and ends, and the subject."""

    start: int
    end: int
    owner: str


def owner_of(match: re.Match[str]) -> str:
    """The subject of a pattern made of :meth:`Around.pattern` alternatives (each names it in a
    group ``owner``, ``owner_1``, ``owner2`` …): the one that took part in the match."""
    return next(value for name, value in match.groupdict().items()
                if value is not None and name.startswith("owner"))


class PartyIndex:
    """The parties of one agreement, and where text names them.

    :attr:`subject` is the regular expression of any one subject, and defines what the index
    finds. Spliced into larger patterns it would cost milliseconds of compiling per
    agreement, so the index reads the same matches off the lower-cased text instead
    (:meth:`_ways`), and compiles a pattern of the names only for text that reading cannot
    serve.
    """

    def __init__(self, party_names: Mapping[str, Party], text: str = "") -> None:
        """``text`` (the agreement's text) lets short names defined there count as aliases:
        'Northmoor and Eastdale Integrated Care Board … (the "ICB")'."""
        self.display: dict[str, str] = {}
        """Lower-cased name or role → the display name of its party."""
        parties: list[Party] = []
        for name, party in party_names.items():
            if party not in parties:
                parties.append(party)
            self.display[name.lower()] = _display(party, text)
            for alias in party.names:
                self.display[alias.lower()] = _display(party, text)
        possessives = {party.name: _possessive_pronouns(party) for party in parties}
        claimed = Counter(word for words in possessives.values() for word in words)
        for party in parties:
            for alias in _short_names(party, text):
                self.display.setdefault(alias.lower(), _display(party, text))
            for alias in possessives[party.name]:
                if claimed[alias] == 1:  # "we" for both partners together is nobody's "our"
                    self.display.setdefault(alias, _display(party, text))
        self.parties: tuple[str, ...] = tuple(dict.fromkeys(_display(p, text) for p in parties))
        roles: list[str] = []
        for role, types in ROLE_NOUNS.items():
            if role.lower() in self.display:
                continue
            owner = _party_for_role(role, types, parties)
            if owner is not None:
                self.display[role.lower()] = _display(owner, text)
                roles.append(role)
            elif not parties:
                self.display[role.lower()] = _with_article(role, text)
                roles.append(role)
        names = sorted((n for n in self.display if n not in {r.lower() for r in roles}),
                       key=len, reverse=True)
        alternatives = [f"(?P<shared>{_SHARED_SUBJECT})"]
        if names:
            alternatives.append(
                "(?:the\\s+)?(?P<name>" + "|".join(_name_pattern(n) for n in names) + ")"
            )
        if roles:
            alternatives.append(
                "(?:the\\s+)?(?P<role>(?-i:" + "|".join(re.escape(r) for r in roles) + "))"
            )
        self.subject = "(?:" + "|".join(alternatives) + ")"
        self._names = tuple(tuple(name.split()) for name in names)
        """The words of each name, in the pattern's order, for :meth:`_ways`."""
        self._roles = tuple(roles)
        self._literal = all(name.isascii() and name.split() for name in names)
        """Whether a subject can be read off the lower-cased text (see :meth:`_ways`)."""
        self._first = _first_letters(names, roles)
        self._lower_subject = _lower_case_subject(names, roles)
        self._starts_of: dict[str, tuple[int, ...]] = {}
        self._folded_of: dict[str, str | None] = {}
        self._subject_patterns: dict[tuple[str, str], SubjectPattern] = {}

    # The straightforward patterns. Each holds every name, so costs milliseconds to compile;
    # they are compiled only for text the literal reading (:meth:`_ways`) cannot serve.

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        """Any one subject (compiled on first use: it holds every name)."""
        return compiled_with_names(rf"(?<![\w'-]){self.subject}(?![\w-])", re.IGNORECASE)

    @cached_property
    def _starts(self) -> re.Pattern[str]:
        """Where a subject begins (zero-width, so overlapping subjects are all found).

        Testing the first letter before the whole alternation passes over most words quickly.
        """
        return compiled_with_names(rf"(?<![\w'-]){self._first}(?={self.subject})", re.IGNORECASE)

    @cached_property
    def _subjects(self) -> str:
        """A list of subjects, as :meth:`compile_subject` patterns begin."""
        return unique_groups(rf"{self.subject}(?:{SEPARATOR}{self.subject})*")

    @cached_property
    def _subject_list(self) -> re.Pattern[str]:
        """:attr:`_subjects` alone (compiled on first use: it holds every name twice)."""
        return compiled_with_names(self._subjects, re.IGNORECASE)

    @property
    def known(self) -> tuple[str, ...]:
        """Display names of the parties the agreement names (roles only when it names none)."""
        if self.parties:
            return self.parties
        return tuple(dict.fromkeys(self.display.values()))

    def key_of(self, match: re.Match[str]) -> str:
        """The party a subject match names (its display name), or :data:`SHARED`."""
        groups = match.groupdict()
        if groups.get("shared") is not None:
            return SHARED
        word = groups.get("name") or groups.get("role") or ""
        return self.display.get(" ".join(word.lower().split()), word)

    def mentions(self, text: str) -> Iterator[Mention]:
        """Every party, role or shared subject named in ``text``, left to right: the matches
        of the subject pattern, ``(?<![\\w'-])`` before and ``(?![\\w-])`` after."""
        folded = self._folded(text)
        if folded is None:
            for match in self._pattern.finditer(text):
                yield Mention(self.key_of(match), match.start(), match.end())
            return
        free = 0
        for start in self.subject_starts(text):
            if start < free:
                continue
            for end, key in self._ways(text, folded, start):
                if end == len(text) or not (is_word(text[end]) or text[end] == "-"):
                    yield Mention(key, start, end)
                    free = end
                    break

    def compile_subject(self, verb: str, post: str = "") -> SubjectPattern:
        """The pattern "SUBJECT [and SUBJECT] <verb>", the subject list in group ``subjects``.

        With ``post`` (a pattern holding no names), the subjects are a possessive before it,
        someone acting for them: "the University's Principal Investigator <verb>".

        Made once per verb and index, so a check may ask for it where it first needs it;
        :meth:`find` runs it without compiling it.
        """
        pattern = self._subject_patterns.get((verb, post))
        if pattern is None:
            pattern = self._subject_patterns[verb, post] = SubjectPattern(self, verb, post)
        return pattern

    def find_subjects(self, verb: str, text: str, post: str = "") -> Iterator[SubjectMatch]:
        """The matches of :meth:`compile_subject` ``(verb, post)`` in ``text``, left to right,
        without compiling a pattern of the names.

        At each place :meth:`subject_starts` gives, the ways a list of subjects can end are
        tried in the order the whole pattern tries them (:meth:`_list_ends`), and the first
        one the verb's tail (:func:`_tail`, kept compiled between agreements) matches after
        gives the match.
        """
        folded = self._folded(text)
        if folded is None:
            yield from self._find_subjects_compiled(verb, text, post)
            return
        tail = _fixed(_tail(verb, post), re.IGNORECASE)
        verbs_end: int | None = None  # every place the verb can start is before this
        end = 0
        for start in self.subject_starts(text):
            if start < end:
                continue
            for tried, list_end in enumerate(self._list_ends(text, folded, start)):
                if tried == 1:  # the first way did not do: is there a verb further on at all?
                    if verbs_end is None:
                        verbs_end = _verbs_end(verb, text)
                    if verbs_end <= start + 1:
                        break
                verb_match = tail.match(text, list_end)
                if verb_match is not None:
                    yield SubjectMatch(start, verb_match.end(), text[start:list_end])
                    end = verb_match.end()
                    break

    def _find_subjects_compiled(self, verb: str, text: str, post: str
                                ) -> Iterator[SubjectMatch]:
        """:meth:`find_subjects` for text the literal reading cannot serve.

        A match is a list of subjects from a place :meth:`subject_starts` gives, then the
        verb's tail. The whole pattern tries the ways the list can end in order and takes the
        first from which the tail matches: the list alone matched gives the first way, which
        nearly always settles it. When the tail does not match there, the other places the
        list can end (tested with ``fullmatch`` up to each place the tail matches from)
        decide: none, no match; one, that one; several, which comes first is the whole
        pattern's to say, so it is compiled and asked.
        """
        tail = _fixed(_tail(verb, post), re.IGNORECASE)
        tail_first = _POSSESSIVE_FIRST if post else _GAP_FIRST
        subject_list = self._subject_list
        tails: list[int] | None = None
        verbs_end: int | None = None  # every place the verb can start is before this
        end = 0
        for start in self.subject_starts(text):
            if start < end or (start and _joins_word(text[start - 1])):
                continue
            first = subject_list.match(text, start)
            if first is None:
                continue
            verb_match = tail.match(text, first.end())
            if verb_match is not None:
                found = SubjectMatch(start, verb_match.end(), first.group())
            else:
                if verbs_end is None:
                    verbs_end = _verbs_end(verb, text)
                if verbs_end <= start + 1:
                    continue  # no verb after this subject: the tail cannot match
                if tails is None:  # where the tail matches (from one of its first characters)
                    tails = [at.start() for at in tail_first.finditer(text, start, verbs_end)
                             if tail.match(text, at.start()) is not None]
                ends = [at for at in tails
                        if at > start and subject_list.fullmatch(text, start, at) is not None]
                if not ends:
                    continue
                if len(ends) == 1:
                    verb_match = tail.match(text, ends[0])
                    if verb_match is None:  # cannot be: ``tails`` holds only where it matches
                        continue
                    found = SubjectMatch(start, verb_match.end(), text[start:ends[0]])
                else:
                    match = self.compile_subject(verb, post).match(text, start)
                    if match is None:
                        continue
                    found = SubjectMatch(start, match.end(), match.group("subjects"))
            yield found
            end = found.end

    def find_around(self, arounds: tuple[Around, ...], text: str) -> Iterator[Owned]:
        """The matches of the alternatives ``arounds`` (each :meth:`Around.pattern`) in
        ``text``, left to right, without compiling a pattern of the names.

        At each place where a lead matches, its ways of ending are tried longest first, then
        the ways a subject can follow (:meth:`_ways`), then the rest of the alternative; the
        first that all fit gives the match, as the whole pattern's engine would find it.
        """
        folded = self._folded(text)
        if folded is None:
            whole = "|".join(around.pattern(self.subject) for around in arounds)
            for match in compiled_with_names(unique_groups(whole), re.IGNORECASE).finditer(text):
                yield Owned(match.start(), match.end(), owner_of(match))
            return
        leads = [_fixed(around.lead, re.IGNORECASE) for around in arounds]
        starts = sorted({found.start() for around in arounds
                         for found in _fixed(f"(?={around.lead})", re.IGNORECASE).finditer(text)})
        free = 0
        for start in starts:
            if start < free:
                continue
            owned = next((owned for around, lead in zip(arounds, leads, strict=True)
                          for owned in self._around_at(around, lead, text, folded, start)), None)
            if owned is not None:
                yield owned
                free = owned.end

    def _around_at(self, around: Around, lead: re.Pattern[str], text: str, folded: str,
                   start: int) -> Iterator[Owned]:
        """The ways ``around`` matches at ``start``, in the order its pattern tries them."""
        follow = _fixed(around.follow, re.IGNORECASE) if around.follow else None
        for subject_start in _lead_ends(lead, text, start):
            for end, _ in self._ways(text, folded, subject_start):
                if end < len(text) and (is_word(text[end]) or text[end] == "-"):
                    continue  # the name is the start of a longer word
                if around.alone and not self._alone(text, folded, end):
                    continue
                if follow is None:
                    yield Owned(start, end, text[subject_start:end])
                    continue
                rest = follow.match(text, end)
                if rest is not None:
                    yield Owned(start, rest.end(), text[subject_start:end])

    def _alone(self, text: str, folded: str, end: int) -> bool:
        """A subject ending at ``end`` is no possessive and not followed by another in a list:
        :attr:`Around.alone`'s look-ahead."""
        if text.startswith(("'", "’"), end):
            return False
        after = _skip_space(text, end)
        for word in _ALONE_WORDS:
            if folded.startswith(word, after):
                following = _skip_space(text, after + len(word))
                if next(self._ways(text, folded, following), None) is not None:
                    return False
        return True

    def subject_starts(self, text: str) -> tuple[int, ...]:
        """Offsets of ``text`` where a subject may begin (after no letter, digit, ``'`` or
        ``-``), found once per text.

        Read literally (:meth:`_literal_starts`) these are exactly the places where one does;
        otherwise a case-blind pattern finds them, or its plain form in the lower-cased text
        when every name is plain ASCII, which also stops where a role noun stands in lower
        case.
        """
        starts = self._starts_of.get(text)
        if starts is None:
            folded = self._folded(text)
            if folded is not None:
                starts = self._literal_starts(text, folded)
            else:
                lower = lowered(text) if self._lower_subject is not None else None
                found = (self._starts.finditer(text) if lower is None
                         else self._lower_starts.finditer(lower))
                starts = tuple(m.start() for m in found)
            self._starts_of[text] = starts
        return starts

    @cached_property
    def _lower_starts(self) -> re.Pattern[str]:
        """:attr:`_starts` for lower-cased text, as a plain pattern (quicker than a case-blind
        one); role nouns are in lower case there, so it also stops where one is in lower case.
        """
        lower_subject = self._lower_subject or ""
        return compiled_with_names(rf"(?<![\w'-]){self._first_lower}(?={lower_subject})")

    @cached_property
    def _first_lower(self) -> str:
        return _first_letters([*self.display], [])

    def find(self, pattern: SubjectPattern | re.Pattern[str], text: str
             ) -> Iterator[SubjectMatch | re.Match[str]]:
        """``pattern.finditer(text)`` for a :meth:`compile_subject` pattern, tried only where a
        subject may begin (the same matches, found without scanning the text again)."""
        if isinstance(pattern, SubjectPattern):
            if self._folded(text) is not None:
                return self.find_subjects(pattern.verb, text, pattern.post)
            pattern = pattern.compiled
        return matches_from(pattern, text, self.subject_starts(text))

    def subjects_of(self, match: re.Match[str] | SubjectMatch) -> set[str]:
        """The party keys named in a :meth:`compile_subject` match's subject list."""
        subjects = match.subjects if isinstance(match, SubjectMatch) else match.group("subjects")
        return {m.key for m in self.mentions(subjects)}

    # The literal reading. The subject pattern is an alternation of a fixed part (the shared
    # subjects), the agreement's names (case-blind, words apart by white space) and its role
    # nouns (case as written), the last two after an optional "the". Trying each part on its
    # own, in that order, finds what the alternation finds; in text lower-cased by
    # :func:`lowered` a name is a plain string, and the shared subjects a pattern compiled once
    # for every agreement.

    def _folded(self, text: str) -> str | None:
        """``text`` lower-cased for the literal reading; None when the compiled patterns must
        serve it (a name not in plain ASCII, or a letter :func:`lowered` gives up on)."""
        if not self._literal:
            return None
        try:
            return self._folded_of[text]
        except KeyError:
            folded = self._folded_of[text] = lowered(text)
            return folded

    def _ways(self, text: str, folded: str, at: int) -> Iterator[tuple[int, str]]:
        """Each way a subject can match at ``at`` (no look-behind), as (end, party key), in
        the order the subject pattern tries them.

        The shared subjects' ways end ever sooner (``partners?``, an optional "hereto"), so
        they are the places the fixed pattern can end, longest first.
        """
        shared = _SHARED.match(folded, at)
        if shared is not None:
            yield shared.end(), SHARED
            for end in range(shared.end() - 1, at, -1):
                if _SHARED.fullmatch(folded, at, end) is not None:
                    yield end, SHARED
        the = _the_end(text, folded, at)
        for start in (the, at):
            if start is None:
                continue
            for words in self._names:
                name_end = _words_end(text, folded, start, words)
                if name_end is not None:
                    yield name_end, self._key(text, folded, start, name_end)
        for start in (the, at):
            if start is None:
                continue
            for role in self._roles:
                if text.startswith(role, start):
                    yield start + len(role), self._key(text, folded, start, start + len(role))

    def _key(self, text: str, folded: str, start: int, end: int) -> str:
        """:meth:`key_of` for the name or role noun at ``text[start:end]``."""
        return self.display.get(" ".join(folded[start:end].split()), text[start:end])

    def _list_ends(self, text: str, folded: str, at: int) -> Iterator[int]:
        """Where a list of subjects from ``at`` can end, in the order :attr:`_subjects` (a
        subject, then separators and subjects, as many as it can) tries them."""
        for end, _ in self._ways(text, folded, at):
            yield from self._more_subjects(text, folded, end)

    def _more_subjects(self, text: str, folded: str, at: int) -> Iterator[int]:
        """Where ``(?:SEPARATOR SUBJECT)*`` from ``at`` can end: further subjects first."""
        for after in _separator_ends(text, folded, at):
            for end, _ in self._ways(text, folded, after):
                yield from self._more_subjects(text, folded, end)
        yield at

    def _literal_starts(self, text: str, folded: str) -> tuple[int, ...]:
        """Exactly the places a subject matches at, found by plain string searches."""
        found = {match.start() for match in _SHARED_STARTS.finditer(folded)}
        heads: set[int] = set()
        for words in self._names:
            at = folded.find(words[0])
            while at != -1:
                if _words_end(text, folded, at, words) is not None:
                    heads.add(at)
                at = folded.find(words[0], at + 1)
        for role in self._roles:
            at = text.find(role)
            while at != -1:
                heads.add(at)
                at = text.find(role, at + 1)
        for at in heads:
            found.add(at)
            before = at
            while before and text[before - 1].isspace():
                before -= 1
            if before < at and before >= 3 and folded.startswith("the", before - 3):
                found.add(before - 3)  # "the" and white space before a name or a role
        return tuple(sorted(at for at in found if not (at and _joins_word(text[at - 1]))))


class SubjectPattern:
    """A :meth:`PartyIndex.compile_subject` pattern: its verb, and the whole pattern compiled
    only when something runs it directly (:meth:`PartyIndex.find` does without)."""

    def __init__(self, index: PartyIndex, verb: str, post: str = "") -> None:
        self.index = index
        self.verb = verb
        self.post = post

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The whole pattern (it holds every name twice: milliseconds to compile)."""
        return compiled_with_names(
            rf"(?<![\w'-])(?P<subjects>{self.index._subjects}){_tail(self.verb, self.post)}",
            re.IGNORECASE)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """``re.Pattern.match`` of the whole pattern."""
        return self.compiled.match(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``re.Pattern.finditer`` of the whole pattern."""
        return self.compiled.finditer(text)


_SHARED = fixed_pattern(_SHARED_SUBJECT)
"""The shared subjects in lower-cased text (the pattern holds no capital letters)."""

_SHARED_STARTS = fixed_pattern(rf"(?<![\w'-])(?=[{_SHARED_FIRST}])(?={_SHARED_SUBJECT})")
"""Where a shared subject begins in lower-cased text (the first letter tested first is quicker)."""


def _skip_space(text: str, at: int) -> int:
    """Where the white space from ``at`` ends (``\\s*``, as far as it goes)."""
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _the_end(text: str, folded: str, at: int) -> int | None:
    """Where ``the\\s+`` from ``at`` ends (case-blind), or None. Nothing that follows can
    start with white space, so only the longest way counts."""
    if not folded.startswith("the", at):
        return None
    end = _skip_space(text, at + 3)
    return end if end > at + 3 else None


def _words_end(text: str, folded: str, at: int, words: tuple[str, ...]) -> int | None:
    """Where a name of lower-case ``words`` (``\\s+`` between them) from ``at`` ends in the
    lower-cased text, or None."""
    for number, word in enumerate(words):
        if number:
            after = _skip_space(text, at)
            if after == at:
                return None
            at = after
        if not folded.startswith(word, at):
            return None
        at += len(word)
    return at


def _separator_ends(text: str, folded: str, at: int) -> Iterator[int]:
    """Where :data:`SEPARATOR` from ``at`` can end before a subject, in the order it tries.
    A subject never starts with white space, so only the longest runs of it count."""
    word_start = _skip_space(text, at)
    for word in _SEPARATOR_WORDS:
        if folded.startswith(word, word_start):
            yield _skip_space(text, word_start + len(word))


def _lead_ends(lead: re.Pattern[str], text: str, start: int) -> Iterator[int]:
    """Where an :class:`Around` lead from ``start`` can end, in the order it tries: its match,
    then every shorter way (see :class:`Around`)."""
    first = lead.match(text, start)
    if first is None:
        return
    yield first.end()
    for end in range(first.end() - 1, start - 1, -1):
        if lead.fullmatch(text, start, end) is not None:
            yield end


def party_index(ctx: CheckContext) -> PartyIndex:
    """The party index of a check's agreement, with short names defined in its text."""
    from .text import run_text

    return once(ctx, "party-index", lambda: PartyIndex(ctx.party_names(), run_text(ctx)))


def acting_parties(ctx: CheckContext, index: PartyIndex, minimum: int = 1) -> set[str]:
    """Parties that act in the text: the subject of shall/will/may at least ``minimum`` times.

    When the draft names no parties, only role nouns some sentence uses ("the Consultant
    shall") stand for parties of this agreement.
    """
    pattern = index.compile_subject(r"shall|will|must|may|agrees?|undertakes?|is|are")
    counts: Counter[str] = Counter()
    for unit in ctx.units("clause"):
        for sentence in ctx.sentences(unit):
            for match in index.find(pattern, sentence):
                counts.update(index.subjects_of(match) - {SHARED})
    return {party for party, count in counts.items() if count >= minimum}


def _tail(verb: str, post: str = "") -> str:
    """What follows the subjects in a :meth:`PartyIndex.compile_subject` pattern: the end of
    the last subject's word (or their possessive and ``post``), a :data:`GAP` and the verb.
    It holds no names."""
    possessive = rf"['’]s?\s+(?:{post})" if post else ""
    return rf"{possessive}(?!['\w-]){GAP}(?P<verb>{verb})"


def _verbs_end(verb: str, text: str) -> int:
    """Where the last match of ``verb`` (case-blind) in ``text`` ends; 0 when there is none.

    No match of the verb, even one overlapping those found, starts at or after it. A verb in
    lower case is looked for in the lower-cased text, which finds the same places quicker.
    """
    folded = lowered(text) if verb == verb.lower() else None
    found = (_fixed(verb, re.IGNORECASE).finditer(text) if folded is None
             else _fixed(verb).finditer(folded))
    return max((m.end() for m in found), default=0)


_GAP_FIRST = re.compile(r"[\s(,]")
"""The characters a :data:`GAP` can start with."""

_POSSESSIVE_FIRST = re.compile(r"['’]")
"""The characters a possessive (before a ``post``) can start with."""


def _joins_word(char: str) -> bool:
    r"""A subject cannot begin after ``char`` (``(?<![\w'-])``)."""
    return char.isalnum() or char in "_'-"


def _first_letters(names: list[str], roles: list[str]) -> str:
    """A look-ahead for the first character of any subject ("" when a name has none)."""
    firsts = set(_SHARED_FIRST)
    for name in names:
        words = name.split()
        if not words:
            return ""
        firsts.add(words[0][0])
    either_case = "".join(re.escape(c) for c in sorted(firsts))
    exact = "".join(re.escape(c) for c in sorted({r[0] for r in roles}))  # in their own case
    return f"(?=[{either_case}]|(?-i:[{exact}]))" if exact else f"(?=[{either_case}])"


def _lower_case_subject(names: list[str], roles: list[str]) -> str | None:
    """The subjects as they stand in lower-cased text, role nouns included; None when a name is
    not plain ASCII (a case-blind pattern matches some other letters that lower-case apart)."""
    if not all(name.isascii() for name in names):
        return None
    alternatives = [_SHARED_SUBJECT]
    if names:
        alternatives.append("(?:the\\s+)?(?:" + "|".join(_name_pattern(n) for n in names) + ")")
    if roles:
        alternatives.append("(?:the\\s+)?(?:" + "|".join(re.escape(r.lower()) for r in roles) + ")")
    return "(?:" + "|".join(alternatives) + ")"


def _short_names(party: Party, text: str) -> list[str]:
    """Short names the text gives a party: its name, then within a sentence ``(the "X")``.

    Only the first counts. A name in plain ASCII is looked for in the lower-cased text, which
    finds the same place several times quicker than a case-blind search.
    """
    if not text or party.short_name:
        return []
    folded = lowered(text) if party.name.isascii() else None
    name = _name_pattern(party.name if folded is None else party.name.lower())
    pattern = (rf"{name}\**\s*(?:[^()\"\n.;]|\([^()\"\n]{{0,40}}\)){{0,250}}?"
               r"\(\s*(?:the\s+)?\"([^\"]{1,40})\"\s*\)")
    if folded is None:
        match = re.search(pattern, text, re.IGNORECASE)
    else:
        match = re.search(pattern, folded)
    return [] if match is None else [text[match.start(1):match.end(1)].strip()]


_POSSESSIVES = {"we": ("our", "ours"), "us": ("our", "ours"), "you": ("your", "yours")}
"""A letter's short names for its writer and its reader, and the possessives that go with
them: "two of our staff, two of yours"."""


_QUOTED_PRONOUN = re.compile(r"[\"“'‘]\s*(we|us|you)\s*[\"”'’]", re.IGNORECASE)
"""A letter's short name for a party, quoted where it is introduced: ``("we", "the
University")``."""


def _possessive_pronouns(party: Party) -> list[str]:
    """"our" and "ours" for a party the draft calls "we", "your" and "yours" for "you"; none
    for a party with no such short name (in most drafts "our" is every partner's).

    The model keeps one short name; the others stand quoted in the party's description.
    """
    names = [*party.names, *_QUOTED_PRONOUN.findall(party.description)]
    return list(dict.fromkeys(possessive for name in names
                              for possessive in _POSSESSIVES.get(" ".join(name.lower().split()),
                                                                 ())))


_PRONOUN_NAMES = frozenset(_POSSESSIVES).union(*_POSSESSIVES.values())
"""Short names a letter gives its parties ("we", "you", "our" …) that cannot stand for them
in a message."""


def _display(party: Party, text: str) -> str:
    """How findings name a party: its short name, unless that is a letter's "we" or "you"
    ("You decides alone here" names nobody to a reader of the report)."""
    short = party.short_name
    if short and short.lower() not in _PRONOUN_NAMES:
        return _with_article(short, text)
    return party.name


def _with_article(name: str, text: str) -> str:
    """A one-word name as the draft itself writes it: "the University" and "the Group" where
    the draft mostly says so ("held by the University only", not "held by University only"),
    but "RYP" and "Acme" bare."""
    if " " in name or not name[:1].isupper() or name.isupper():
        return name
    with_article = text.count(f"the {name}") + text.count(f"The {name}")
    return f"the {name}" if with_article and 2 * with_article >= text.count(name) else name


def _name_pattern(name: str) -> str:
    return r"\s+".join(re.escape(word) for word in name.split())


def _party_for_role(role: str, types: Iterable[PartyType], parties: list[Party]) -> Party | None:
    """The one party a role noun stands for, by its name or its type; None if unclear."""
    by_name = [p for p in parties if any(role.lower() in n.lower().split() for n in p.names)]
    if len(by_name) == 1:
        return by_name[0]
    wanted = set(types)
    by_type = [p for p in parties if p.type in wanted]
    return by_type[0] if len(by_type) == 1 else None


_GROUP = re.compile(r"\(\?P<(\w+)>")


def unique_groups(pattern: str) -> str:
    """Make repeated named groups unique (Python forbids duplicates); the first keeps its name."""
    seen: dict[str, int] = {}

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        count = seen.get(name, 0)
        seen[name] = count + 1
        return match.group(0) if count == 0 else f"(?P<{name}_{count}>"

    return _GROUP.sub(rename, pattern)
