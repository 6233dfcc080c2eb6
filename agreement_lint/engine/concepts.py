"""Concepts: named lexicons of heading and body patterns, compiled once.

A concept (``payment``, ``termination``, ``data-protection``) is data in
``rules/concepts/*.toml``. Each concept's patterns become ONE combined regular expression for
headings and one for bodies, so matching a clause costs one scan per concept whatever the
number of patterns. A heading match alone satisfies a concept; a body needs ``body_min``
distinct body patterns. A body hit inside a sentence matching one of the concept's
``exclude`` patterns does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from ..errors import RuleError
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


def _combine(patterns: tuple[str, ...], *, named: bool) -> re.Pattern[str] | None:
    """One alternation of every pattern, each anchored at a word start."""
    if not patterns:
        return None
    if named:
        alternatives = (f"(?P<p{i}>{_START}(?:{p}))" for i, p in enumerate(patterns))
    else:
        alternatives = (f"{_START}(?:{p})" for p in patterns)
    return re.compile("|".join(alternatives), FLAGS)


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
        self._compiled: _Compiled | None = None

    def compile(self) -> _Compiled:
        """The (heading, body, exclude) expressions; a bad pattern is a RuleError."""
        if self._compiled is None:
            spec = self.spec
            try:
                self._compiled = (
                    _combine(spec.heading, named=False),
                    _combine(spec.body, named=True),
                    _combine(spec.exclude, named=False),
                )
            except re.error:
                raise RuleError(self._pattern_problem(), path=self.path, line=self.line) from None
        return self._compiled

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
        expression = self.compile()[0]
        if expression is None or not heading:
            return []
        return [m.group(0) for m in expression.finditer(heading) if m.group(0)]

    def body_hits(self, text: str) -> list[BodyHit]:
        """Every body-pattern match in ``text`` outside an excluded sentence."""
        _heading, body, exclude = self.compile()
        if body is None or not text:
            return []
        hits: list[BodyHit] = []
        for match in body.finditer(text):
            if not match.group(0):
                continue
            if exclude is not None and exclude.search(
                sentence_around(text, match.start(), match.end())
            ):
                continue
            group = match.lastgroup or "p0"
            hits.append(BodyHit(int(group[1:]), match.group(0)))
        return hits

    def body_satisfied(self, hits: list[BodyHit]) -> bool:
        """Whether the body hits come from at least ``body_min`` distinct patterns."""
        if not hits:
            return False
        if self.body_min == 1:
            return True
        return len({hit.pattern for hit in hits}) >= self.body_min

    def __repr__(self) -> str:
        return f"Concept({self.name!r})"
