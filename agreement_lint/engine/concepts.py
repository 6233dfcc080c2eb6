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

from pydantic import BaseModel, ConfigDict, Field, field_validator

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

    @field_validator("heading", "body", "exclude")
    @classmethod
    def _patterns_compile(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                re.compile(pattern, FLAGS)
            except re.error as exc:
                raise ValueError(
                    f"pattern {pattern!r} is not a valid regular expression: {exc}"
                ) from None
        return patterns

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


class Concept:
    """A compiled concept: combined heading and body expressions and the exclusions."""

    def __init__(self, name: str, spec: ConceptSpec) -> None:
        self.name = name
        self.spec = spec
        self.description = spec.description
        self.body_min = spec.body_min
        self._heading = _combine(spec.heading, named=False)
        self._body = _combine(spec.body, named=True)
        self._exclude = _combine(spec.exclude, named=False)

    def heading_hits(self, heading: str) -> list[str]:
        """The words of ``heading`` that a heading pattern matched."""
        if self._heading is None or not heading:
            return []
        return [m.group(0) for m in self._heading.finditer(heading) if m.group(0)]

    def body_hits(self, text: str) -> list[BodyHit]:
        """Every body-pattern match in ``text`` outside an excluded sentence."""
        if self._body is None or not text:
            return []
        hits: list[BodyHit] = []
        for match in self._body.finditer(text):
            if not match.group(0):
                continue
            if self._exclude is not None and self._exclude.search(
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
