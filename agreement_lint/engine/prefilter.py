"""Find where a concept's patterns *could* match, without scanning every position.

Python's regular expressions try every alternative of a combined expression at every word
start, which costs seconds on a long agreement with dozens of concepts. Most patterns begin
with a literal word (``payment``, ``(fee|honorarium)``), so the engine works out, once per
pattern, the literal prefixes every match must begin with; then, per text, an index of word
starts by their first three letters (built once and shared by every concept) gives the few
positions worth trying. Patterns whose start cannot be enumerated (``\\w+ …``) are scanned
the ordinary way, or only at line starts when each of them starts a line.

The prefixes only ever *widen* the search (they are case-folded and may be shorter than the
match), so the answer is the same as scanning the whole text.
"""

from __future__ import annotations

import re

# The standard library's own parser of regular expressions (``re._parser`` since Python 3.11):
# reading its tree is far more reliable than guessing at a pattern's text.
from re import _constants as _c
from re import _parser as _sre_parse

MAX_PREFIXES = 48
"""More alternatives than this and a pattern is scanned the ordinary way."""

ENOUGH = 3
"""Prefixes this long are selective enough to decide whether a pattern has prefixes at all;
they are then grown as long as that does not multiply them (``thereof`` rather than ``the``,
which begins far more words)."""

_DIGITS = frozenset("0123456789")
_SPACES = frozenset(" \t\n\r\f\v")
_CLASS_LIMIT = 12


def literal_prefixes(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Lower-case strings one of which starts every match of ``pattern`` (None: unknown)."""
    try:
        parsed = _sre_parse.parse(pattern, flags)
    except re.error:
        return None
    items = list(parsed)
    short = _sequence_prefixes(items, extend=False)
    if short is None or not _usable(short):
        return None
    # Longer prefixes find the same matches at fewer places; when extending them would give
    # too many, the short ones serve (which patterns have prefixes at all never changes).
    prefixes = _sequence_prefixes(items, extend=True)
    if prefixes is None or not _usable(prefixes):
        prefixes = short
    # ``aims`` adds nothing to ``aim``: every position it finds, ``aim`` finds too.
    return frozenset(p for p in prefixes if not any(p.startswith(q) and p != q for q in prefixes))


def _usable(prefixes: set[str] | None) -> bool:
    return prefixes is not None and bool(prefixes) and "" not in prefixes


def starts_a_line(pattern: str, flags: int) -> bool:
    """Whether every match of ``pattern`` (with MULTILINE) starts a line and is not empty.

    Such a pattern (``^\\s*purpose\\s*:``) can only be found at the start of the text or
    just after a newline, so it need be tried there only.
    """
    if not flags & re.MULTILINE:
        return False
    try:
        parsed = _sre_parse.parse(pattern, flags)
    except re.error:
        return False
    items = list(parsed)
    return (bool(items) and items[0] == (_c.AT, _c.AT_BEGINNING)
            and parsed.getwidth()[0] > 0)


Options = set[str] | None


def _sequence_prefixes(items: list[tuple[object, object]], *, extend: bool) -> Options:
    """Prefixes of the sequence: grown to ``ENOUGH`` characters, and further while that does
    not multiply them when ``extend`` is set (``thereof`` rather than ``the``)."""
    current: set[str] = {""}
    for item in items:
        long_enough = all(len(p) >= ENOUGH for p in current)
        if long_enough and not extend:
            break
        options = _options(item)
        if long_enough and (options is None or len(options) > 1):
            break
        if options is not None:
            grown = {p + o for p in current for o in options}
            if len(grown) > MAX_PREFIXES:
                break
            current = grown
            continue
        first = _first(item, extend=extend)
        if first is not None:
            grown = {p + f for p in current for f in first}
            if len(grown) <= MAX_PREFIXES:
                current = grown
        break
    return current


def _sequence_options(items: list[tuple[object, object]]) -> Options:
    """Every string the sequence can match, if there are few (None otherwise)."""
    current: set[str] = {""}
    for item in items:
        options = _options(item)
        if options is None:
            return None
        current = {p + o for p in current for o in options}
        if len(current) > MAX_PREFIXES:
            return None
    return current


def _options(item: tuple[object, object]) -> Options:
    """Every string one parsed item can match, if there are few."""
    op, av = item
    if op is _c.LITERAL:
        assert isinstance(av, int)
        return {chr(av).lower()}
    if op is _c.IN:
        return _class_chars(av)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {""}
    if op is _c.SUBPATTERN:
        assert isinstance(av, tuple)
        return _sequence_options(list(av[-1]))
    if op is _c.BRANCH:
        assert isinstance(av, tuple)
        union: set[str] = set()
        for branch in av[1]:
            options = _sequence_options(list(branch))
            if options is None:
                return None
            union |= options
        return union if len(union) <= MAX_PREFIXES else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        assert isinstance(av, tuple)
        low, high, sub = av
        if high <= 1:
            options = _sequence_options(list(sub))
            if options is None:
                return None
            return options | {""} if low == 0 else options
    return None


def _first(item: tuple[object, object], *, extend: bool) -> Options:
    """Prefixes that a match of a (non-enumerable) item must start with."""
    op, av = item
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        assert isinstance(av, tuple)
        low, _high, sub = av
        if low >= 1:
            prefixes = _sequence_prefixes(list(sub), extend=extend)
            return prefixes if _usable(prefixes) else None
        return None
    if op is _c.SUBPATTERN:
        assert isinstance(av, tuple)
        prefixes = _sequence_prefixes(list(av[-1]), extend=extend)
        return prefixes if _usable(prefixes) else None
    if op is _c.BRANCH:
        assert isinstance(av, tuple)
        union: set[str] = set()
        for branch in av[1]:
            prefixes = _sequence_prefixes(list(branch), extend=extend)
            if prefixes is None or not _usable(prefixes):
                return None
            union |= prefixes
        return union if len(union) <= MAX_PREFIXES else None
    return None


def _class_chars(av: object) -> Options:
    """The characters of a small character class, lower-cased (None if large or negated)."""
    chars: set[str] = set()
    assert isinstance(av, list)
    for op, value in av:
        if op is _c.LITERAL:
            chars.add(chr(value).lower())
        elif op is _c.RANGE:
            low, high = value
            if high - low > _CLASS_LIMIT:
                return None
            chars.update(chr(c).lower() for c in range(low, high + 1))
        elif op is _c.CATEGORY and value is _c.CATEGORY_DIGIT:
            chars |= _DIGITS
        elif op is _c.CATEGORY and value is _c.CATEGORY_SPACE:
            chars |= _SPACES
        else:
            return None
        if len(chars) > _CLASS_LIMIT:
            return None
    return chars


class TextIndex:
    """A text, lower-cased, with where the words with each key (first three letters) start.

    A concept whose prefixes' keys begin no word of the text is skipped without looking at the
    text at all; otherwise its prefixes are compared only at the starts of the words with
    their keys. One C-level pass finds every word start.
    """

    __slots__ = ("_found", "_starts", "keys", "lower", "text")

    def __init__(self, text: str, lower: str, starts: dict[str, list[int]]) -> None:
        self.text = text
        self.lower = lower
        self._starts = starts
        self.keys = frozenset(starts)
        self._found: dict[str, list[int]] = {}
        """Positions of the prefixes with no whole key, found so far."""

    @classmethod
    def build(cls, text: str) -> TextIndex | None:
        """The index, or None when lower-casing would shift positions (rare scripts)."""
        lower = text.lower()
        if len(lower) != len(text):
            return None
        starts: dict[str, list[int]] = {}
        for match in _WORD_KEY.finditer(lower):
            key = match.group()
            found = starts.get(key)
            if found is None:
                starts[key] = [match.start()]
            else:
                found.append(match.start())
        return cls(text, lower, starts)

    def starts(self, key: str) -> list[int]:
        """Where the words with ``key`` (one of :attr:`keys`) start."""
        return self._starts.get(key, _NOWHERE)

    def occurrences(self, prefix: str) -> list[int]:
        """Positions of ``prefix`` (at a word start when it begins with a letter or digit).

        For the prefixes with no whole key (``£``, ``pa``); found once per text, since
        several concepts share them (digits, currency signs).
        """
        found = self._found.get(prefix)
        if found is None:
            found = self._found[prefix] = self._occurrences(prefix)
        return found

    def _occurrences(self, prefix: str) -> list[int]:
        lower = self.lower
        word = prefix[0].isalnum() or prefix[0] == "_"
        found: list[int] = []
        position = lower.find(prefix)
        while position >= 0:
            if not word or position == 0:
                found.append(position)
            else:
                before = lower[position - 1]
                if not (before.isalnum() or before == "_"):
                    found.append(position)
            position = lower.find(prefix, position + 1)
        return found


_WORD_KEY = re.compile(r"(?<!\w)\w{1,3}")
"""The first three letters (or fewer) of each word: a word's key."""

_NOWHERE: list[int] = []
"""No positions (shared, never changed)."""

_KEY = re.compile(r"\w{1,3}")


def word_key(prefix: str) -> str | None:
    """The part of ``prefix`` that a word's first three letters must equal (None: a symbol).

    ``"payment"`` → ``"pay"``; ``"in kind"`` → ``"in"`` (a two-letter word); ``"pa"`` → None
    (it may begin a longer word).
    """
    match = _KEY.match(prefix)
    if match is None:
        return None
    key = match.group(0)
    if len(key) < 3 and len(key) == len(prefix):
        return None  # "pa" may begin "payment": no whole key to look up
    return key


__all__ = ["TextIndex", "literal_prefixes", "starts_a_line", "word_key"]
