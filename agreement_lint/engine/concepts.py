"""Concepts: named lexicons of heading and body patterns, compiled once.

A concept (``payment``, ``termination``, ``data-protection``) is data in
``rules/concepts/*.toml``. Each concept's patterns become ONE combined regular expression for
headings and one for bodies, so matching a clause costs one scan per concept whatever the
number of patterns. A heading match alone satisfies a concept; a body needs ``body_min``
distinct body patterns. A body hit inside a sentence matching one of the concept's
``exclude`` patterns does not count.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from ..errors import RuleError
from ..regexstore import RegexStore
from ..resources import code_state
from .prefilter import TextIndex, literal_prefixes, starts_a_line, word_key
from .sentences import sentence_around

FLAGS = re.IGNORECASE | re.MULTILINE
"""Every pattern is case-insensitive (use ``(?-i:…)`` inside a pattern to be strict)."""

_START = r"(?<!\w)"
"""Patterns match from the start of a word; their end is open so a stem matches its forms
(``invoice`` finds ``invoices``); end a pattern with ``\\b`` to match a whole word only."""


class ConceptSpec(BaseModel):
    """A concept as written in TOML, before compilation."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    description: str = ""
    heading: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    body_min: int = Field(default=1, ge=1)

    def extended_by(self, other: ConceptSpec) -> ConceptSpec:
        """This concept with another's patterns added (a rule pack extending a lexicon)."""
        return ConceptSpec.model_construct(  # both specs are valid, so their union is
            description=self.description or other.description,
            heading=self.heading + tuple(p for p in other.heading if p not in self.heading),
            body=self.body + tuple(p for p in other.body if p not in self.body),
            exclude=self.exclude + tuple(p for p in other.exclude if p not in self.exclude),
            body_min=max(self.body_min, other.body_min) if other.body else self.body_min,
        )


def _unanchored(pattern: str) -> str:
    """The pattern without a leading ``\\b``, which the shared word-start anchor replaces."""
    return pattern[2:] if pattern.startswith(r"\b") and not pattern.startswith(r"\b|") else pattern


Compile = Callable[[str, int], re.Pattern[str]]
"""``re.compile``, or a :class:`RegexStore`'s ``compile`` when the rule set has a store."""

NO_STORE = RegexStore(None)
"""A concept's store before :func:`pattern_store` gives it the rule set's: keeps nothing."""


def _combine(patterns: tuple[str, ...], *, named: bool, compile: Compile) -> re.Pattern[str] | None:
    """One alternation of every pattern behind a single word-start anchor.

    Putting the anchor in front of the alternation (rather than in each branch) lets the
    expression give up at once inside a word, which is where most positions of a text are.
    """
    if not patterns:
        return None
    if named:
        alternatives = (f"(?P<p{i}>{_unanchored(p)})" for i, p in enumerate(patterns))
    else:
        alternatives = (f"(?:{_unanchored(p)})" for p in patterns)
    return compile(f"{_START}(?:{'|'.join(alternatives)})", FLAGS)


@dataclass(frozen=True)
class BodyHit:
    """A body pattern's match: which pattern, and the words it matched."""

    pattern: int
    phrase: str


_Compiled = tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]


class Concept:
    """A concept with its combined heading, body and exclusion expressions.

    Compiling hundreds of patterns takes a noticeable fraction of a second, so the
    expressions are built on first use (``rules`` and ``explain`` never need them); a rule
    pack's concepts are compiled at load by :meth:`compile` so that its mistakes show at once.
    """

    def __init__(self, name: str, spec: ConceptSpec, *, path: str | None = None,
                 line: int | None = None) -> None:
        self.name = name
        self.spec = spec
        self.description = spec.description
        self.body_min = spec.body_min
        self.path = path
        self.line = line
        self._parts: dict[str, re.Pattern[str] | None] = {}
        self._plan: _BodyPlan | None = None
        self.store: RegexStore = NO_STORE
        """Where the rule set's compiled patterns are kept between runs (see
        :func:`pattern_store`); until then, none: each pattern is compiled afresh."""

    def compile(self) -> _Compiled:
        """The (heading, body, exclude) expressions; a bad pattern is a RuleError."""
        return self._part("heading"), self._part("body"), self._part("exclude")

    def _part(self, field: str) -> re.Pattern[str] | None:
        """One combined expression, built on first use.

        A scan with a text index never needs the combined body expression (see
        :class:`_BodyPlan`), and it is the largest of the three to build.
        """
        if field not in self._parts:
            try:
                self._parts[field] = _combine(getattr(self.spec, field), named=field == "body",
                                              compile=self.store.compile)
            except re.error:
                raise RuleError(self._pattern_problem(), path=self.path, line=self.line) from None
        return self._parts[field]

    def _pattern_problem(self) -> str:
        """Name the first pattern that does not compile on its own."""
        for field in ("heading", "body", "exclude"):
            for pattern in getattr(self.spec, field):
                try:
                    re.compile(pattern, FLAGS)
                except re.error as exc:
                    return (f"concept {self.name}: {field} pattern {pattern!r} is not a valid "
                            f"regular expression: {exc}")
        return f"concept {self.name}: its patterns do not combine into one expression"

    def heading_hits(self, heading: str) -> list[str]:
        """The words of ``heading`` that a heading pattern matched."""
        expression = self._part("heading")
        if expression is None or not heading:
            return []
        return [m.group(0) for m in expression.finditer(heading) if m.group(0)]

    def body_hits(self, text: str, index: TextIndex | None = None) -> list[BodyHit]:
        """Every body-pattern match in ``text`` outside an excluded sentence.

        With an ``index`` of the text, only the positions where a pattern's literal prefix
        occurs are tried (see :mod:`.prefilter`); the result is the same as a full scan.
        """
        return self._body(text, index, first=False)

    def body_present(self, text: str, index: TextIndex | None = None) -> bool:
        """Whether :meth:`body_hits` would find anything (stops at the first hit).

        With an index, each pattern is tried where its prefixes occur and the first match
        outside an excluded sentence answers; no ordering of all candidates is needed.
        """
        if index is None or index.text is not text or not self.spec.body or not text:
            return bool(self._body(text, index, first=True))
        exclude = self._part("exclude")
        for start, end in self._plan_for().matches(text, index):
            if exclude is None or not exclude.search(sentence_around(text, start, end)):
                return True
        return False

    def _body(self, text: str, index: TextIndex | None, *, first: bool) -> list[BodyHit]:
        if not self.spec.body or not text:
            return []
        exclude = self._part("exclude")
        found: Iterable[tuple[int, int, int, str]]
        if index is not None and index.text is text:
            found = self._plan_for().scan(text, index)
        else:
            body = self._part("body")
            assert body is not None
            found = (
                (m.start(), int((m.lastgroup or "p0")[1:]), m.end(), m.group(0))
                for m in body.finditer(text)
                if m.group(0)
            )
        hits: list[BodyHit] = []
        for start, pattern, end, phrase in found:
            if exclude is not None and exclude.search(sentence_around(text, start, end)):
                continue
            hits.append(BodyHit(pattern, phrase))
            if first:
                break
        return hits

    def _plan_for(self) -> _BodyPlan:
        if self._plan is None:
            try:
                self._plan = _BodyPlan(self.spec.body, self.store)
            except re.error:
                raise RuleError(self._pattern_problem(), path=self.path, line=self.line) from None
        return self._plan

    def body_satisfied(self, hits: list[BodyHit]) -> bool:
        """Whether the body hits come from at least ``body_min`` distinct patterns."""
        if not hits:
            return False
        if self.body_min == 1:
            return True
        return len({hit.pattern for hit in hits}) >= self.body_min

    def __repr__(self) -> str:
        return f"Concept({self.name!r})"


_Prefixes = list[tuple[str, tuple[int, ...]]]
"""Prefixes, each with the numbers of the patterns that may start with it."""


class _BodyPlan:
    """How to find a concept's body patterns quickly: prefixes per pattern, and the rest.

    Each pattern with known prefixes is compiled on its own the first time it is tried: most
    of a concept's patterns are never tried on a given draft (their prefixes do not occur in
    it), and compiling hundreds of them was most of the cost of the first check in a process.
    """

    def __init__(self, patterns: tuple[str, ...], store: RegexStore) -> None:
        by_key: dict[str, dict[str, list[int]]] = {}
        other: dict[str, list[int]] = {}
        rest: list[tuple[int, str]] = []
        self._sources: dict[int, str] = {}
        for number, pattern in enumerate(patterns):
            prefixes = _prefixes(_unanchored(pattern), store)
            if prefixes is None:
                rest.append((number, pattern))
                continue
            self._sources[number] = f"{_START}(?:{_unanchored(pattern)})"
            for prefix in sorted(prefixes):
                key = word_key(prefix)
                table = other if key is None else by_key.setdefault(key, {})
                table.setdefault(prefix, []).append(number)
        self.by_key: dict[str, tuple[tuple[str, ...], _Prefixes]] = {
            key: (tuple(table), [(prefix, tuple(numbers)) for prefix, numbers in table.items()])
            for key, table in by_key.items()
        }
        """By :func:`word_key` (a word's first three letters): all its prefixes at once (for
        one ``startswith`` per word), and each prefix with its patterns."""
        self.other: _Prefixes = [(prefix, tuple(numbers)) for prefix, numbers in other.items()]
        """Prefixes with no whole key: a symbol first (``£``) or a short stem (``pa``)."""
        self.keys = frozenset(self.by_key)
        self._compile = store.compile
        self._matchers: dict[int, Callable[[str, int], re.Match[str] | None]] = {}
        self.rest = (
            store.compile(
                _START + "(?:" + "|".join(f"(?P<p{n}>{_unanchored(p)})" for n, p in rest) + ")",
                FLAGS,
            )
            if rest
            else None
        )
        """The patterns without prefixes, as one expression scanned over the whole text."""
        self._rest_at_lines = bool(rest) and all(
            _at_line_starts(_unanchored(pattern), store) for _number, pattern in rest)
        """Every pattern of the rest starts a line: try the rest at line starts only."""

    def _rest_matches(self, text: str) -> Iterator[re.Match[str]]:
        """What ``self.rest.finditer(text)`` finds (non-empty matches only).

        When every pattern of the rest starts a line, a match can only begin at the start of
        the text or after a newline, so only those places are tried, in the same order and
        resuming after each match as ``finditer`` does.
        """
        rest = self.rest
        if rest is None:
            return
        if not self._rest_at_lines:
            yield from (found for found in rest.finditer(text) if found.group(0))
            return
        position = 0
        length = len(text)
        while position <= length:
            found = rest.match(text, position)
            if found is not None and found.end() > position:
                yield found
                resume = found.end()
            else:
                resume = position + 1
            newline = text.find("\n", resume - 1) if resume > 0 else -1
            if newline < 0:
                return
            position = newline + 1

    def _matcher(self, number: int) -> Callable[[str, int], re.Match[str] | None]:
        """The ``match`` of pattern ``number`` on its own, compiled on first use."""
        matcher = self._matchers.get(number)
        if matcher is None:
            matcher = self._matchers[number] = self._compile(self._sources[number], FLAGS).match
        return matcher

    def _candidates(self, index: TextIndex) -> Iterator[tuple[int, tuple[int, ...]]]:
        """(position, pattern numbers) wherever one of the concept's prefixes occurs."""
        lower = index.lower
        for key in self.keys & index.keys:
            every, prefixes = self.by_key[key]
            for position in index.starts(key):
                if lower.startswith(every, position):
                    for prefix, numbers in prefixes:
                        if lower.startswith(prefix, position):
                            yield position, numbers
        for prefix, numbers in self.other:
            for position in index.occurrences(prefix):
                yield position, numbers

    def matches(self, text: str, index: TextIndex) -> Iterator[tuple[int, int]]:
        """(start, end) of matches of any pattern, pattern by pattern (for presence only)."""
        for position, numbers in self._candidates(index):
            for number in numbers:
                found = self._matcher(number)(text, position)
                if found is not None and found.end() > position:
                    yield position, found.end()
        for found in self._rest_matches(text):
            yield found.start(), found.end()

    def scan(self, text: str, index: TextIndex) -> Iterator[tuple[int, int, int, str]]:
        """(start, pattern, end, phrase) of each match, in order, as one combined scan finds them.

        Candidates are tried in order of position, then of pattern; a candidate inside a match
        already found is skipped without trying it, as the combined expression would.
        """
        candidates: list[tuple[int, int, int, str]] = []
        for position, numbers in self._candidates(index):
            candidates.extend((position, number, -1, "") for number in numbers)
        for found in self._rest_matches(text):
            number = int((found.lastgroup or "p0")[1:])
            candidates.append((found.start(), number, found.end(), found.group(0)))
        candidates.sort(key=_position_then_pattern)
        reached = -1
        for start, number, end, phrase in candidates:
            if start < reached:
                continue
            if end < 0:
                match = self._matcher(number)(text, start)
                if match is None or match.end() == start:
                    continue
                end, phrase = match.end(), match.group(0)
            reached = end
            yield start, number, end, phrase


def _prefixes(pattern: str, store: RegexStore) -> frozenset[str] | None:
    """:func:`literal_prefixes` of a body pattern, kept in the store between runs.

    Working them out parses every pattern, which costs about as much as compiling it.
    """
    key = f"prefixes:{int(FLAGS)}:{pattern}"
    kept = store.recall(key)
    if isinstance(kept, list) and all(isinstance(prefix, str) for prefix in kept):
        return frozenset(kept) if kept else None
    prefixes = literal_prefixes(pattern, FLAGS)
    store.keep(key, sorted(prefixes) if prefixes else [])
    return prefixes


def _at_line_starts(pattern: str, store: RegexStore) -> bool:
    """:func:`starts_a_line` of a body pattern, kept in the store between runs."""
    key = f"line-start:{int(FLAGS)}:{pattern}"
    kept = store.recall(key)
    if isinstance(kept, bool):
        return kept
    answer = starts_a_line(pattern, FLAGS)
    store.keep(key, answer)
    return answer


def pattern_store(concepts: Mapping[str, Concept]) -> RegexStore:
    """The store of a rule set's compiled patterns, opened once and shared by its concepts.

    The store is named by the concepts' patterns and agreement-lint's code (which holds the
    prefix analysis), so a changed rule set or a changed analysis starts a fresh store.
    """
    stores = {id(concept.store): concept.store for concept in concepts.values()}
    if len(stores) == 1:
        (store,) = stores.values()
        if store is not NO_STORE:
            return store
    store = RegexStore.named("rules", _fingerprint(concepts))
    for concept in concepts.values():
        concept.store = store
    return store


def _fingerprint(concepts: Mapping[str, Concept]) -> str:
    """A hash of every pattern and of the code that analyses them."""
    digest = hashlib.sha256(f"{int(FLAGS)}\0{_START}\0{code_state()}\0".encode())
    for name in sorted(concepts):
        spec = concepts[name].spec
        for field in (spec.heading, spec.body, spec.exclude):
            digest.update("\1".join(field).encode("utf-8", "surrogatepass") + b"\2")
    return digest.hexdigest()


def _position_then_pattern(candidate: tuple[int, int, int, str]) -> tuple[int, int]:
    return candidate[0], candidate[1]
