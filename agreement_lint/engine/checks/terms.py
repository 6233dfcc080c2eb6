"""Defined terms: capitalised terms nobody defined, and definitions nobody uses.

A reader meeting "the Project Steering Group" mid-sentence, capitalised as if it had a precise
meaning, looks for its definition; if there is none, the drafting promised a precision it does
not have. The opposite — a definition never used — is clutter that makes a reader hunt for
where it matters. The undefined-term check is deliberately conservative (precision first):
only multi-word Capitalised Phrases, used at least twice mid-sentence, at least once with
"the"/"this"/"any" in front, and not a party, heading, title, place, month, statute or body
the text names.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ...model import Agreement, Definition, Location
from ..context import CheckContext
from ..folding import lowered
from . import Hit, register
from .scan import is_word
from .text import run_text

# --- unused definitions ------------------------------------------------------------------

_DEFINING_AFTER = re.compile(
    r"""^["']?\s*(?:\)|(?:shall\s+)?means?\b|(?:shall\s+)?(?:has|have)\s+the\s+meaning
        |(?:shall\s+)?(?:includes?|refers?\s+to)\b|\s*[:|])""",
    re.IGNORECASE | re.VERBOSE,
)


_BRACKETED_PLURAL = re.compile(r"(.*?\w)\((s|es|ies)\)")
_VARIANT_SEPARATOR = re.compile(r"\s+(?:and/or|or)\s+|\s*/\s*")


@lru_cache(maxsize=4096)
def _forms(term: str) -> tuple[tuple[str, ...], ...]:
    """The words of each spelling of a term: "Loss or Losses" and "Product/Products" define
    two spellings, "Third Party(ies)" two by its bracketed ending, and a last word in the
    singular or plural gives the other."""
    forms: list[tuple[str, ...]] = []
    # "Third Party(ies)", "Service(s)": the bracketed ending gives a second spelling.
    bracketed = _BRACKETED_PLURAL.fullmatch(term.strip())
    if bracketed:
        stem, ending = bracketed.groups()
        plural = stem[:-1] + "ies" if ending == "ies" and stem.endswith("y") else stem + ending
        term = f"{stem} or {plural}"
    for variant in _VARIANT_SEPARATOR.split(term):
        words = variant.split()
        if not words:
            continue
        stem, last = words[:-1], words[-1]
        spellings = {last}
        lower = last.lower()
        if lower.endswith("ies") and len(last) > 4:
            spellings.add(last[:-3] + "y")
        elif lower.endswith("y") and len(last) > 2:
            spellings.add(last[:-1] + "ies")
        if lower.endswith("s") and len(last) > 3:
            spellings.add(last[:-1])
        for spelling in sorted(spellings, key=len, reverse=True):
            forms.append((*stem, spelling))
    return tuple(forms)


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> re.Pattern[str]:
    """A term with its plural, singular and possessive forms, any case, as a whole phrase.

    Either spelling of "Loss or Losses" counts as a use (see :func:`_forms`). Compiled once
    per term and kept: the same terms recur from one agreement to the next.
    """
    forms = [r"[\s-]+".join(re.escape(w) for w in words) + r"(?:s|es|'s|s'|')?"
             for words in _forms(term)]
    return re.compile(r"(?<!\w)(?:" + "|".join(forms) + r")(?![\w-])", re.IGNORECASE)


def _heads(term: str) -> set[str]:
    """The first letters (up to three, lower-cased) of each spelling's first word."""
    return {variant.split()[0].lower()[:3] for variant in _VARIANT_SEPARATOR.split(term)
            if variant.split()}


def _first_words(term: str) -> set[str]:
    """The first word of each of the term's spellings, lower-cased: one of them starts every
    use of the term (when case-blind matching finds what lower-casing does)."""
    return {words[0].lower() for words in _forms(term)}


class _Corpus:
    """All of an agreement's text, lower-cased once, searched for each term from where its
    first letters occur.

    A defined term is nearly always used soon after its definition, so the places a term
    could begin are found in order and only as far as the search for a use goes: a used term
    costs a few searches, and only a term never used costs a pass over the text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        folded = lowered(text)
        self._plain = folded is not None
        """No character matches an ASCII letter case-blind that lower-cases to another."""
        self.folded = folded if folded is not None else text.lower()
        self._aligned = len(self.folded) == len(text)

    def _places(self, head: str) -> Iterator[int]:
        """Every offset where ``head`` occurs in the lower-cased text, in order."""
        folded = self.folded
        at = folded.find(head)
        while at != -1:
            yield at
            at = folded.find(head, at + 1)

    def occurrences(self, term: str) -> Iterator[tuple[int, int]]:
        """Where :func:`term_pattern` matches at the start of a word, in order, as spans."""
        text = self.text
        if not self._aligned:
            # Lower-casing changed the text's length (e.g. "İ" becomes two characters), so
            # offsets in the folded text say nothing about the original: search it directly.
            yield from (m.span() for m in term_pattern(term).finditer(text))
            return
        # A use of an ASCII term starts with one of its first words, lower-cased, when no
        # character of the text matches an ASCII letter case-blind that lower-cases to
        # another; then the words themselves can be compared in the lower-cased text, which
        # spares compiling a pattern for every term. Otherwise only its first letters are
        # sure to be there, and the pattern decides.
        plain = self._plain and term.isascii()
        heads = _first_words(term) if plain else _heads(term)
        pattern: re.Pattern[str] | None = None
        previous = -1
        for start in heapq.merge(*(self._places(head) for head in sorted(heads))):
            if start == previous:
                continue  # two spellings' first words found at the same place
            previous = start
            if start != 0 and is_word(text[start - 1]):
                continue
            if plain:
                end = _end_of_use(text, self.folded, _spellings(term), start)
                if end is not None:
                    yield start, end
                continue
            if pattern is None:
                pattern = term_pattern(term)
            match = pattern.match(text, start)
            if match is not None:
                yield match.span()


_SUFFIXES = ("s", "es", "'s", "s'", "'", "")
"""The endings :func:`term_pattern` allows after a spelling, in the order it tries them."""


@lru_cache(maxsize=4096)
def _spellings(term: str) -> tuple[tuple[str, ...], ...]:
    """The words of each spelling (:func:`_forms`), lower-cased."""
    return tuple(tuple(word.lower() for word in words) for words in _forms(term))


def _end_of_use(text: str, folded: str, spellings: tuple[tuple[str, ...], ...],
                start: int) -> int | None:
    """Where the match of :func:`term_pattern` at ``start`` ends (None: no match there), for an
    ASCII term and a text :func:`lowered` to ``folded``.

    Tries what the pattern tries, in its order: each spelling, the longest run of spaces and
    hyphens between words first, then each ending, and stops at the first that is not
    followed by a letter, digit, underscore or hyphen.
    """
    for words in spellings:
        if folded.startswith(words[0], start):
            end = _end_of_words(text, folded, words, 1, start + len(words[0]))
            if end is not None:
                return end
    return None


def _end_of_words(text: str, folded: str, words: tuple[str, ...], next_word: int,
                  at: int) -> int | None:
    """:func:`_end_of_use` once ``words`` up to ``next_word`` have been matched up to ``at``."""
    if next_word == len(words):
        return _end_of_ending(text, folded, at)
    run = at
    while run < len(text) and (text[run].isspace() or text[run] == "-"):
        run += 1
    word = words[next_word]
    for gap_end in range(run, at, -1):  # as ``[\s-]+`` backtracks
        if folded.startswith(word, gap_end):
            end = _end_of_words(text, folded, words, next_word + 1, gap_end + len(word))
            if end is not None:
                return end
    return None


def _end_of_ending(text: str, folded: str, at: int) -> int | None:
    """Where the first of :data:`_SUFFIXES` at ``at`` that ends a word ends (None: none does)."""
    size = len(text)
    suffixes = _SUFFIXES if at < size and folded[at] in "se'" else ("",)
    for suffix in suffixes:
        if folded.startswith(suffix, at):
            end = at + len(suffix)
            if end == size or not (is_word(text[end]) or text[end] == "-"):
                return end
    return None


def _occurrences(term: str, corpus: str) -> Iterator[tuple[int, int]]:
    """Spans of :func:`term_pattern`'s matches, tried only where the term's first letters
    occur."""
    return _Corpus(corpus).occurrences(term)


def _is_defining(text: str, start: int, end: int, quoted_elsewhere: bool = False) -> bool:
    """The occurrence is where the term is defined (quoted, glossary entry or "X means").

    When the term is already defined in quotes, a later "Term: …" line is a sub-clause
    heading that uses it, not a second definition.
    """
    before = text[max(0, start - 2): start]
    if before.endswith(('"', "'", "|")):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    at_line_start = not text[line_start:start].strip(" *_-#>|0123456789.()")
    after = text[end: end + 40]
    if quoted_elsewhere and after.lstrip().startswith((":", "|")):
        return False
    return at_line_start and bool(_DEFINING_AFTER.match(after))


def _defining_lazily(text: str, start: int, end: int, term: str, quoted: list[bool]) -> bool:
    """:func:`_is_defining`, finding out whether the term is quoted only when that matters."""
    before = text[max(0, start - 2): start]
    if before.endswith(('"', "'", "|")):
        return True
    if not quoted and text[end: end + 40].lstrip().startswith((":", "|")):
        quoted.append(_is_quoted(term, text))
    return _is_defining(text, start, end, bool(quoted and quoted[0]))


def _is_quoted(term: str, corpus: str) -> bool:
    return re.search(rf"[\"']{re.escape(term)}[\"']", corpus, re.IGNORECASE) is not None


def _inside_own_text(definition: Definition, corpus: str, at: int) -> bool:
    """Whether offset ``at`` falls inside an appearance of the definition's own text (uses
    inside it do not count). Only the stretch that could hold such an appearance is searched:
    searching the whole text for every definition is quadratic in a long agreement."""
    body = definition.text.strip()
    if len(body) < 15:
        return False
    return corpus.find(body, max(0, at - len(body) + 1), at + len(body)) != -1


def _uses(definition: Definition, corpus: _Corpus, *, first_only: bool) -> int:
    """How many times the term is used outside its definition (stops at one if asked)."""
    term = definition.term.strip().strip("\"'")
    if not term:
        return 1
    text = corpus.text
    quoted: list[bool] = []
    count = 0
    for start, end in corpus.occurrences(term):
        if _inside_own_text(definition, text, start):
            continue
        if _defining_lazily(text, start, end, term, quoted):
            continue
        count += 1
        if first_only:
            break
    return count


def uses(definition: Definition, corpus: str) -> int:
    """How many times ``definition.term`` is used outside its own definition."""
    return _uses(definition, _Corpus(corpus), first_only=False)


@register("unused-definition")
def unused_definition(ctx: CheckContext) -> Iterator[Hit]:
    """Fire at each defined term never used elsewhere (any case; plurals and possessives count).

    vars: ``term``.
    """
    agreement = ctx.agreement
    if not agreement.definitions:
        return
    wanted: list[Definition] = []
    seen: set[str] = set()
    for definition in agreement.definitions:
        folded = definition.term.strip().lower()
        if not folded or folded in seen:
            continue
        seen.add(folded)
        wanted.append(definition)
    corpus = _Corpus(run_text(ctx))
    for definition in wanted:
        if _uses(definition, corpus, first_only=True) == 0 and not any(
                _uses(other, corpus, first_only=True)
                for other in _defined_together(definition, agreement.definitions)):
            yield Hit(definition.location, evidence=definition.term,
                      vars={"term": definition.term})


def _defined_together(definition: Definition,
                      definitions: tuple[Definition, ...]) -> list[Definition]:
    """The other names given in the same definition (``"European Economic Area" or "EEA"
    means …``): a draft that uses either name uses the definition."""
    if definition.style != "means" or not definition.text:
        return []
    where = definition.location
    return [other for other in definitions
            if other is not definition and other.style == "means"
            and other.text == definition.text and other.location.line == where.line
            and other.location.paragraph == where.paragraph]


# --- undefined terms ---------------------------------------------------------------------

_WORD = r"(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*)"
_PHRASE = re.compile(
    # The first word's capital comes before the test of what precedes it, so the search skips
    # straight to capitals instead of trying the pattern at every character.
    r"[A-Z](?<![\w'\"-][A-Z])[a-z]+(?:-[A-Z]?[a-z]+)*"
    rf"(?:\s+(?:(?:of|and|for|the|in|on|to|&)\s+)?{_WORD})+(?![\w-])"
)
"""Two or more capitalised words in a row, perhaps joined by "of", "and", "the" …"""
_DETERMINER = re.compile(
    r"\b(?:the|this|that|such|any|each|all|these|those|a|an|its|their|our|your|every|no)\s+$",
    re.IGNORECASE,
)
_MONTHS_DAYS = frozenset(
    (
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "spring", "summer", "autumn", "winter",
        "christmas", "easter",
    )
)
_PROPER_ENDINGS = frozenset(
    (
        "act", "acts", "regulations", "regulation", "order", "directive", "rules", "code",
        "convention", "bill", "treaty", "statute", "charter", "constitution", "limited",
        "ltd", "inc", "llc", "plc", "corporation", "university", "college", "council",
        "trust", "foundation", "commission", "office", "department", "ministry", "agency",
        "authority", "service", "england", "wales", "scotland", "ireland", "kingdom",
        "states", "union", "court", "parliament", "government", "society", "association",
        "institute", "institution", "centre", "center", "hospital", "school", "bank",
        "street", "road", "avenue", "lane", "city", "county", "borough", "district",
        "region", "nations", "republic",
    )
)
_PROPER_STARTS = frozenset(
    (
        "state", "commonwealth", "republic", "province", "kingdom", "city", "county", "ministry",
        "department", "government", "united", "people's", "bank", "university", "court",
        "mount", "lake", "river", "saint", "st", "north", "south", "east", "west", "new",
    )
)
_COMMON_PROPER = frozenset(
    {
        "united kingdom", "united states", "european union", "national health service",
        "data protection", "freedom of information", "secretary of state",
        "information commissioner", "high court", "supreme court", "court of appeal",
        "general data protection regulation", "human rights", "equality act",
        "bank holiday", "business day", "business days", "working day", "working days",
        "new york", "hong kong", "great britain", "northern ireland", "greater manchester",
        "privacy notice", "intellectual property",
    }
)


def _ends_with_determiner(sentence: str, start: int) -> bool:
    """Whether the sentence, before ``start``, ends with "the", "this", "any"… and a space.

    Only the last few characters (with the spaces after them) can take part, so only they are
    searched: a search of the whole prefix, for every phrase in a long sentence, is quadratic.
    """
    words_end = start
    while words_end and sentence[words_end - 1].isspace():
        words_end -= 1
    return _DETERMINER.search(sentence[max(0, words_end - 12): start]) is not None


_LEAD_IN = re.compile(r"[ \"'(*\-•0123456789.)]*")
"""What may come before a phrase at the start of a sentence: spaces, quotes, list marks."""


@dataclass
class _Usage:
    count: int = 0
    with_determiner: bool = False
    location: Location = field(default_factory=Location)


_WORD_INITIAL = re.compile(r"([A-Za-z])[\w'-]*")
"""A word of a sentence, for its first letter."""
_LEADING_THE = re.compile(r"^The\s+")


def _mostly_capitalised(sentence: str) -> bool:
    """Headings, addresses and signature lines: most words start with a capital."""
    initials = _WORD_INITIAL.findall(sentence)
    if len(initials) < 3:
        return True
    return sum(map(str.isupper, initials)) / len(initials) > 0.6


def _known_names(agreement: Agreement) -> tuple[str, set[str]]:
    """Text where a capitalised phrase is explained or is a name, and the defined terms."""
    parts: list[str] = [agreement.title or ""]
    for party in agreement.parties:
        parts.extend([party.name, party.short_name or "", party.description])
    for key, value in agreement.metadata.items():
        parts.append(key)
        parts.extend(value if isinstance(value, list) else [value])
    for clause in agreement.walk():
        parts.append(clause.heading or "")
    for schedule in agreement.schedules:
        parts.append(schedule.title or "")
    for signature in agreement.signatures:
        parts.append(signature.party or "")
    defined = {d.term.strip().strip("\"'").lower() for d in agreement.definitions}
    return " \n".join(parts).lower(), defined


class _Searchable:
    """The document's text, and lower-cased once when that finds exactly what ignoring case
    would (no character folds onto an ASCII letter unexpectedly)."""

    def __init__(self, corpus: str) -> None:
        self.text = corpus
        folded = lowered(corpus)
        safe = folded is not None and len(folded) == len(corpus)
        self.folded: str | None = folded if safe else None


def _appearances(text: str, words: list[str]) -> Iterator[tuple[int, int]]:
    """Where ``words`` appear one after another with spaces between, at every start, in
    order: the matches of the words joined by ``\\s+``, found without compiling a pattern
    for each phrase (each word holds no space, so the spaces between match in one way only).
    """
    first, rest = words[0], words[1:]
    at = text.find(first)
    while at != -1:
        end = at + len(first)
        for word in rest:
            gap = end
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == end or not text.startswith(word, gap):
                end = -1
                break
            end = gap + len(word)
        if end != -1:
            yield at, end
        at = text.find(first, at + 1)


_QUOTE_AFTER = re.compile(r"s?[\"']")


def _quoted(phrase: str, corpus: _Searchable) -> bool:
    """``"Phrase"`` or ``'Phrases'`` anywhere, in any case.

    Searched from the phrase's own words (lower-cased text) and the quotes around checked
    after: a pattern starting with a quote scans every character.
    """
    if corpus.folded is None or not phrase.isascii():
        escaped = r"\s+".join(re.escape(w) for w in phrase.split())
        return re.search(rf"[\"']{escaped}s?[\"']", corpus.text, re.IGNORECASE) is not None
    folded = corpus.folded
    free = 0  # quoted appearances do not overlap (as a pattern's matches would not)
    for start, end in _appearances(folded, phrase.lower().split()):
        if start < free:
            continue
        closing = _QUOTE_AFTER.match(folded, end)
        if closing is None:
            continue
        free = closing.end()
        if start > 0 and folded[start - 1] in "\"'":
            return True
    return False


def _is_excused(phrase: str, names: str, defined: set[str], corpus: _Searchable) -> bool:
    folded = phrase.lower()
    words = folded.split()
    if folded in _COMMON_PROPER or any(w in _MONTHS_DAYS for w in words):
        return True
    if words[-1] in _PROPER_ENDINGS or words[0] in _PROPER_STARTS:
        return True
    if words[0].endswith(("ese", "ian", "ish", "can", "ean")):
        return True  # "Japanese Ministry of Health", "Canadian Dollars": a national name
    if folded in names:
        return True
    for term in defined:
        if term and (term in folded or folded in term or folded.rstrip("s") == term.rstrip("s")):
            return True
    if _quoted(phrase, corpus):
        return True  # quoted somewhere: a definition the model did not pick up
    return _explained_where_used(phrase.split(), corpus.text)


_SHORT_FORM_AFTER = re.compile(r"\s*\((?:the\s+)?[\"']?[A-Z]")
"""A bracketed short form after a phrase: "Integrated Care Board (ICB)"."""
_NUMBER_AFTER = re.compile(r"\s+(?:\d{4}|No\.)")
"""A year or number after a phrase: a statute or instrument ("Care Act 2014")."""
_GLOSSARY_AFTER = re.compile(r"\**\s*(?:[:|]|means\b|-\s)")
"""What follows a phrase that opens a glossary line: ``:``, ``|``, "means" or a dash."""


def _explained_where_used(words: list[str], text: str) -> bool:
    """Whether some appearance of the phrase's ``words`` is followed by its short form or a
    number, or opens a glossary line."""
    glossary_from = 0  # the glossary patterns' matches do not overlap (as finditer's)
    for start, end in _appearances(text, words):
        if _SHORT_FORM_AFTER.match(text, end) or _NUMBER_AFTER.match(text, end):
            return True
        if start >= glossary_from:
            entry = _GLOSSARY_AFTER.match(text, end)
            if entry is not None:
                glossary_from = entry.end()
                if _starts_line(text, start):
                    return True
    return False


def _starts_line(text: str, start: int) -> bool:
    """Only spaces or bold marks stand between the line's start and ``start``."""
    before = text[:start].rstrip("*")
    spaces = len(before) - len(before.rstrip())
    return len(before) == spaces or "\n" in before[len(before) - spaces:]


@register("undefined-term")
def undefined_term(ctx: CheckContext) -> Iterator[Hit]:
    """Fire once per capitalised phrase used as if defined but never defined.

    Params: ``min_uses`` (mid-sentence uses needed, default 2). vars: ``term``.
    """
    agreement = ctx.agreement
    min_uses = int(ctx.params.get("min_uses", 2))
    usages: dict[str, _Usage] = {}
    spelling: dict[str, str] = {}
    for unit in ctx.units("clause"):
        if unit.hollow:
            continue
        for sentence in ctx.sentences(unit):
            capitalised: bool | None = None  # worked out once the sentence has a phrase
            for match in _PHRASE.finditer(sentence):
                phrase = _LEADING_THE.sub("", " ".join(match.group(0).split()))
                if " " not in phrase:
                    continue
                if _LEAD_IN.fullmatch(sentence, 0, match.start()):
                    continue  # at the start of the sentence: capitalised for that reason
                if capitalised is None:
                    capitalised = _mostly_capitalised(sentence)
                if capitalised:
                    break  # a heading, address or signature line: capitals say nothing
                key = phrase.lower()
                usage = usages.get(key)
                if usage is None:
                    usage = usages[key] = _Usage(location=unit.location)
                    spelling[key] = phrase
                usage.count += 1
                if not usage.with_determiner and (match.group(0).startswith("The ") or (
                        _ends_with_determiner(sentence, match.start()))):
                    usage.with_determiner = True
    if not usages:
        return
    names, defined = _known_names(agreement)
    corpus = _Searchable(run_text(ctx))
    for key, usage in usages.items():
        if usage.count < min_uses or not usage.with_determiner:
            continue
        phrase = spelling[key]
        if _is_excused(phrase, names, defined, corpus):
            continue
        yield Hit(usage.location, evidence=phrase, vars={"term": phrase})
