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
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..errors import RuleError
from ..regexstore import RegexStore
from . import prefilter
from .prefilter import TextIndex, literal_prefixes, word_key
from .sentences import sentence_around

FLAGS = re.IGNORECASE | re.MULTILINE
"""Every pattern is case-insensitive (use ``(?-i:…)`` inside a pattern to be strict)."""

_START = r"(?<!\w)"
"""Patterns match from the start of a word; their end is open so a stem matches its forms
(``invoice`` finds ``invoices``); end a pattern with ``\\b`` to match a whole word only."""


class ConceptSpec(BaseModel):
    """A concept as written in TOML, before compilation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    heading: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    body_min: int = Field(default=1, ge=1)

    def extended_by(self, other: ConceptSpec) -> ConceptSpec:
        """This concept with another's patterns added (a rule pack extending a lexicon)."""
        return ConceptSpec(
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
        self.store: RegexStore | None = None
        """Where the rule set's compiled patterns are kept between runs (see
        :func:`pattern_store`); None: compile each pattern afresh."""

    def _compile(self, pattern: str, flags: int) -> re.Pattern[str]:
        if self.store is None:
            return re.compile(pattern, flags)
        return self.store.compile(pattern, flags)

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
                                              compile=self._compile)
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
                self._plan = _BodyPlan(self.spec.body, self._compile, self.store)
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


class _OnFirstMatch:
    """A pattern compiled the first time it is tried.

    Most of a concept's patterns are never tried on a given draft (their prefixes do not occur
    in it), and compiling hundreds of them was most of the cost of the first check in a
    process.
    """

    __slots__ = ("_compile", "_compiled", "source")

    def __init__(self, source: str, compile: Compile) -> None:
        self.source = source
        self._compile = compile
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str, position: int) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = self._compile(self.source, FLAGS)
        return self._compiled.match(text, position)


class _BodyPlan:
    """How to find a concept's body patterns quickly: prefixes per pattern, and the rest."""

    def __init__(self, patterns: tuple[str, ...], compile: Compile,
                 store: RegexStore | None) -> None:
        self.by_key: dict[str, list[tuple[int, str, _OnFirstMatch]]] = {}
        """Patterns by the first three letters of each of their (word) prefixes."""
        self.other: list[tuple[int, str, _OnFirstMatch]] = []
        """Prefixes with no whole key: a symbol first (``£``) or a short stem (``pa``)."""
        rest: list[tuple[int, str]] = []
        for number, pattern in enumerate(patterns):
            prefixes = _prefixes(_unanchored(pattern), store)
            if prefixes is None:
                rest.append((number, pattern))
                continue
            single = _OnFirstMatch(f"{_START}(?:{_unanchored(pattern)})", compile)
            for prefix in sorted(prefixes):
                key = word_key(prefix)
                if key is not None:
                    self.by_key.setdefault(key, []).append((number, prefix, single))
                else:
                    self.other.append((number, prefix, single))
        self.keys = frozenset(self.by_key)
        self.rest = (
            compile(
                _START + "(?:" + "|".join(f"(?P<p{n}>{_unanchored(p)})" for n, p in rest) + ")",
                FLAGS,
            )
            if rest
            else None
        )

    def matches(self, text: str, index: TextIndex) -> Iterator[tuple[int, int]]:
        """(start, end) of matches of any pattern, pattern by pattern (for presence only)."""
        for key in self.keys & index.keys:
            for _number, prefix, single in self.by_key[key]:
                for position in index.positions(prefix, key):
                    match = single.match(text, position)
                    if match is not None and match.end() > position:
                        yield position, match.end()
        for _number, prefix, single in self.other:
            for position in index.positions(prefix, None):
                match = single.match(text, position)
                if match is not None and match.end() > position:
                    yield position, match.end()
        if self.rest is not None:
            for found in self.rest.finditer(text):
                if found.group(0):
                    yield found.start(), found.end()

    def scan(self, text: str, index: TextIndex) -> Iterator[tuple[int, int, int, str]]:
        """(start, pattern, end, phrase) of each match, in order, as one combined scan finds them.

        Candidates are tried in order of position, then of pattern; a candidate inside a match
        already found is skipped without trying it, as the combined expression would.
        """
        candidates: list[tuple[int, int, _OnFirstMatch | None, int, str]] = []
        for key in self.keys & index.keys:
            for number, prefix, single in self.by_key[key]:
                candidates.extend((p, number, single, 0, "") for p in index.positions(prefix, key))
        for number, prefix, single in self.other:
            candidates.extend((p, number, single, 0, "") for p in index.positions(prefix, None))
        if self.rest is not None:
            for found in self.rest.finditer(text):
                if found.group(0):
                    number = int((found.lastgroup or "p0")[1:])
                    candidates.append((found.start(), number, None, found.end(), found.group(0)))
        candidates.sort(key=_position_then_pattern)
        reached = -1
        for start, number, expression, end, phrase in candidates:
            if start < reached:
                continue
            if expression is not None:
                match = expression.match(text, start)
                if match is None or match.end() == start:
                    continue
                end, phrase = match.end(), match.group(0)
            reached = end
            yield start, number, end, phrase


def _prefixes(pattern: str, store: RegexStore | None) -> frozenset[str] | None:
    """:func:`literal_prefixes` of a body pattern, kept in the store between runs.

    Working them out parses every pattern, which costs about as much as compiling it.
    """
    if store is None:
        return literal_prefixes(pattern, FLAGS)
    key = f"prefixes:{FLAGS}:{pattern}"
    kept = store.recall(key)
    if isinstance(kept, list) and all(isinstance(prefix, str) for prefix in kept):
        return frozenset(kept) if kept else None
    prefixes = literal_prefixes(pattern, FLAGS)
    store.keep(key, sorted(prefixes) if prefixes else [])
    return prefixes


def pattern_store(concepts: Mapping[str, Concept]) -> RegexStore:
    """The store of a rule set's compiled patterns, opened once and shared by its concepts.

    The store is named by the concepts' patterns and the prefix analysis's own source, so a
    changed rule set or a changed analysis starts a fresh store.
    """
    stores = {id(concept.store): concept.store for concept in concepts.values()}
    if len(stores) == 1:
        (store,) = stores.values()
        if store is not None:
            return store
    fingerprint = _fingerprint(concepts)
    store = RegexStore(None) if fingerprint is None else RegexStore.named("rules", fingerprint)
    for concept in concepts.values():
        concept.store = store
    return store


def _fingerprint(concepts: Mapping[str, Concept]) -> str | None:
    """A hash of every pattern and of the prefix analysis (None: its source is unreadable)."""
    digest = hashlib.sha256(f"{FLAGS}\0{_START}\0".encode())
    try:
        digest.update(Path(prefilter.__file__).read_bytes())
    except OSError:
        return None
    for name in sorted(concepts):
        spec = concepts[name].spec
        for field in (spec.heading, spec.body, spec.exclude):
            digest.update("\1".join(field).encode("utf-8", "surrogatepass") + b"\2")
    return digest.hexdigest()


def _position_then_pattern(candidate: tuple[int, int, object, int, str]) -> tuple[int, int]:
    return candidate[0], candidate[1]
