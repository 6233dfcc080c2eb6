"""The loaded rule set: rules ready to run, concepts, kinds and the principles they cite.

Reporters and the ``rules``/``explain`` commands read :class:`Rule` fields and nothing else;
the engine runs them. Nothing here knows any rule by its code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import ConfigError
from ..findings import Severity
from ..model import Agreement
from .concepts import Concept
from .condition import Condition

GENERAL = "general"

_SUBJECT_LINE = re.compile(r"^[ \t*_]*(?:re|subject)[ \t]*:[ \t*_]*(?P<subject>\S.*)$",
                           re.IGNORECASE | re.MULTILINE)
"""A letter's subject line: "Re: Sharing referral data for …", "**Subject:** …"."""


def subject_line(preamble: str | None) -> str:
    """The subject line of a letter's opening, which stands in for a title a letter lacks."""
    match = _SUBJECT_LINE.search(preamble or "")
    return match.group("subject").strip(" \t*_") if match else ""
"""The kind every agreement falls back to."""


@dataclass(frozen=True)
class Example:
    """A snippet from the rule's data: the rule must fire on a ``fail`` and not on a ``pass``."""

    expect: Literal["fail", "pass"]
    text: str
    kind: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Rule:
    """One rule, validated and compiled."""

    code: str
    name: str
    severity: Severity
    principles: tuple[str, ...]
    kinds: tuple[str, ...]
    check: Literal["require", "flag", "computed", "external"]
    scope: str
    message: str
    rationale: str
    suggestion: str
    examples: tuple[Example, ...]
    condition: Condition | None = None
    when: Condition | None = None
    function: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    severity_by_kind: Mapping[str, Severity] = field(default_factory=dict)
    origin: str = ""
    """``file:line`` of the rule's data, for messages about the rule itself."""
    disabled: bool = False

    @property
    def fail_examples(self) -> tuple[Example, ...]:
        """Snippets on which the rule must fire."""
        return tuple(e for e in self.examples if e.expect == "fail")

    @property
    def pass_examples(self) -> tuple[Example, ...]:
        """Snippets on which the rule must stay silent."""
        return tuple(e for e in self.examples if e.expect == "pass")

    def applies_to(self, kind: str) -> bool:
        """Whether the rule runs on an agreement of ``kind``."""
        return "*" in self.kinds or kind in self.kinds

    def severity_for(self, kind: str) -> Severity:
        """The rule's severity for an agreement of ``kind``."""
        return self.severity_by_kind.get(kind, self.severity)


@dataclass(frozen=True)
class SourceDocument:
    """A published document the principles are drawn from."""

    key: str
    title: str
    publisher: str = ""
    year: int | None = None
    licence: str = ""
    url: str = ""


@dataclass(frozen=True)
class Principle:
    """A principle ID with its title, source and our own plain summary."""

    id: str
    title: str
    summary: str
    document: SourceDocument | None
    section: str = ""

    @property
    def source(self) -> str:
        """``Title (Publisher, 2025), section`` for citations."""
        if self.document is None:
            return self.section
        doc = self.document
        detail = ", ".join(str(p) for p in (doc.publisher, doc.year) if p)
        cited = f"{doc.title} ({detail})" if detail else doc.title
        return f"{cited}, {self.section}" if self.section else cited


@dataclass(frozen=True)
class Kind:
    """A kind of agreement (profile): its aliases and the title patterns that infer it."""

    name: str
    title: str
    description: str
    aliases: tuple[str, ...]
    title_pattern: re.Pattern[str] | None


def normalise_kind_name(name: str) -> str:
    """``Civic University_Agreement`` → ``civic-university-agreement`` for alias lookup."""
    return re.sub(r"[\s_]+", "-", name.strip().lower())


class RuleSet:
    """Every rule (in code order), concept, kind and principle of a run."""

    def __init__(
        self,
        rules: Iterable[Rule],
        concepts: Mapping[str, Concept],
        kinds: Sequence[Kind],
        principles: Mapping[str, Principle],
    ) -> None:
        ordered = sorted(rules, key=lambda r: r.code)
        self._all: dict[str, Rule] = {rule.code: rule for rule in ordered}
        self.rules: tuple[Rule, ...] = tuple(r for r in ordered if not r.disabled)
        self.disabled: tuple[Rule, ...] = tuple(r for r in ordered if r.disabled)
        self.concepts: Mapping[str, Concept] = dict(concepts)
        self.kinds: Mapping[str, Kind] = {kind.name: kind for kind in kinds}
        self.principles: Mapping[str, Principle] = dict(principles)
        self._aliases: dict[str, str] = {}
        for kind in kinds:
            for alias in (kind.name, *kind.aliases):
                self._aliases.setdefault(normalise_kind_name(alias), kind.name)

    def get(self, code: str) -> Rule | None:
        """The rule with ``code`` (case-insensitive), including a disabled one, or None."""
        return self._all.get(code.strip().upper())

    @property
    def codes(self) -> tuple[str, ...]:
        """Every known code, disabled ones included, in order."""
        return tuple(self._all)

    def kind_named(self, name: str) -> str | None:
        """The kind called ``name`` or one of its aliases, or None."""
        return self._aliases.get(normalise_kind_name(name))

    def require_kind(self, name: str) -> str:
        """Like :meth:`kind_named`, but an unknown kind is a one-line error."""
        kind = self.kind_named(name)
        if kind is None:
            raise ConfigError(
                f"unknown kind of agreement {name!r}; known kinds: {', '.join(self.kinds)}"
            )
        return kind

    def infer_kind(self, title: str) -> str:
        """The first kind (in ``kinds.toml`` order) whose title patterns match ``title``."""
        for kind in self.kinds.values():
            if kind.title_pattern is not None and kind.title_pattern.search(title):
                return kind.name
        return GENERAL if GENERAL in self.kinds else next(iter(self.kinds), GENERAL)

    def resolve_kind(self, agreement: Agreement, requested: str | None = None) -> str:
        """The kind to lint ``agreement`` as.

        In order: ``requested`` (from ``--kind`` or configuration; unknown is an error), the
        front matter's ``kind`` (an alias is fine; an unrecognised one is ignored), the title
        (or, for a letter with none, its "Re:" or "Subject:" line), then ``general``.
        """
        if requested:
            return self.require_kind(requested)
        declared = agreement.kind or agreement.metadata.get("kind")
        if isinstance(declared, list):
            declared = declared[0] if declared else None
        if declared:
            known = self.kind_named(str(declared))
            if known is not None:
                return known
        title = agreement.title or agreement.metadata.get("title") or ""
        if isinstance(title, list):
            title = " ".join(title)
        return self.infer_kind(title or subject_line(agreement.preamble))

    def unknown_selectors(self, selectors: Iterable[str]) -> list[str]:
        """Codes or prefixes in ``selectors`` that name no rule at all."""
        return [
            selector
            for selector in selectors
            if not any(code.startswith(selector.strip().upper()) for code in self._all)
        ]
