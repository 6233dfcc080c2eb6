"""Run a rule set on one agreement and return its findings, in document order.

The engine knows three check types and no rule by name: ``require`` (no unit satisfies the
condition → one document-level finding), ``flag`` (one finding per unit that satisfies it) and
``computed`` (a named Python check yields hits).
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from ..findings import Finding, Severity
from ..fixed import STORE as FIXED_PATTERNS
from ..model import NOWHERE, Agreement, Location, make_excerpt
from .concepts import pattern_store
from .context import AgreementIndex, CheckContext
from .ruleset import Rule, RuleSet
from .sentences import sentence_around
from .units import Unit

EVIDENCE_LENGTH = 160
"""How much of the triggering sentence a ``flag`` finding quotes."""


@dataclass(frozen=True)
class LintOptions:
    """Choices for one run: the kind to assume, which rules run, and severity changes.

    ``select`` and ``ignore`` take codes or prefixes (``PAY`` or ``PAY00``); when both match a
    rule, the longer (more specific) one wins. ``severity`` maps a code or prefix to
    ``error``, ``warning`` or ``info``.
    """

    kind: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity | str] = field(default_factory=dict)

    def is_selected(self, code: str) -> bool:
        """Whether the rule with ``code`` runs under these options."""
        chosen = _longest_prefix(code, self.select) if self.select else 0
        if self.select and chosen < 0:
            return False
        return _longest_prefix(code, self.ignore) < chosen

    def severity_override(self, code: str) -> Severity | None:
        """The severity the options give ``code`` (most specific prefix), or None."""
        best: tuple[int, Severity | str] | None = None
        for prefix, value in self.severity.items():
            wanted = prefix.strip().upper()
            if code.startswith(wanted) and (best is None or len(wanted) > best[0]):
                best = (len(wanted), value)
        if best is None:
            return None
        try:
            return Severity(str(best[1]).lower())
        except ValueError:
            raise ConfigError(
                f"severity for {code} must be error, warning or info, not {best[1]!r}"
            ) from None


def _longest_prefix(code: str, prefixes: Iterable[str]) -> int:
    """Length of the longest prefix of ``code`` among ``prefixes``, -1 if none."""
    lengths = [len(p.strip()) for p in prefixes if code.startswith(p.strip().upper())]
    return max(lengths, default=-1)


def lint(
    agreement: Agreement, ruleset: RuleSet, options: LintOptions | None = None
) -> list[Finding]:
    """Every finding of ``ruleset`` on ``agreement``, sorted by :meth:`Finding.sort_key`."""
    options = options or LintOptions()
    unknown = ruleset.unknown_selectors((*options.select, *options.ignore, *options.severity))
    if unknown:
        raise ConfigError(f"no rule has the code or prefix {', '.join(unknown)}")
    kind = ruleset.resolve_kind(agreement, options.kind)
    store = pattern_store(ruleset.concepts)
    index = AgreementIndex(agreement, ruleset.concepts, kind)
    findings: list[Finding] = []
    for rule in ruleset.rules:
        if rule.check == "external" or not options.is_selected(rule.code) \
                or not rule.applies_to(kind):
            continue  # external rules (waiver findings) are made after lint, by waivers.py
        severity = options.severity_override(rule.code) or rule.severity_for(kind)
        findings.extend(run_rule(rule, index, severity))
    store.save()  # patterns compiled for the first time are kept for the next run
    FIXED_PATTERNS.save()
    return sorted(findings, key=Finding.sort_key)


def run_rule(rule: Rule, index: AgreementIndex, severity: Severity) -> Iterator[Finding]:
    """The findings of one rule on one agreement (already known to apply)."""
    if rule.when is not None and not rule.when(index, index.units("document")[0]):
        return
    if rule.check == "require":
        assert rule.condition is not None
        if not any(rule.condition(index, unit) for unit in index.units(rule.scope)):
            yield _finding(rule, severity, NOWHERE, "", rule.message)
    elif rule.check == "flag":
        yield from _flag(rule, index, severity)
    else:
        yield from _computed(rule, index, severity)


def _flag(rule: Rule, index: AgreementIndex, severity: Severity) -> Iterator[Finding]:
    condition = rule.condition
    assert condition is not None
    flagged: set[int] = set()
    for unit in index.units(rule.scope):
        if rule.scope == "section" and _inside_flagged(unit, flagged):
            continue
        if condition(index, unit):
            if unit.clause is not None:
                flagged.update(id(c) for c in unit.clause.walk())
            phrases = condition.evidence(index, unit)
            location = unit.location
            if unit.clause is None and phrases:
                location = _first_clause_with(index, phrases) or location
            yield _finding(rule, severity, location, _evidence(unit, phrases), rule.message)


def _first_clause_with(index: AgreementIndex, phrases: list[str]) -> Location | None:
    """Where a document-wide flag's first matched words are: the clause that holds them."""
    for unit in index.units("clause"):
        if unit.hollow:
            continue
        for phrase in phrases:
            if phrase in unit.text or any(phrase in heading for heading in unit.headings):
                return unit.location
    return None


def _inside_flagged(unit: Unit, flagged: set[int]) -> bool:
    return unit.clause is not None and id(unit.clause) in flagged


def _evidence(unit: Unit, phrases: list[str]) -> str:
    """The sentence holding the first matched phrase (or the phrase in a heading)."""
    for phrase in phrases:
        at = unit.text.find(phrase)
        if at >= 0:
            return make_excerpt(sentence_around(unit.text, at, at + len(phrase)), EVIDENCE_LENGTH)
        for heading in unit.headings:
            if phrase in heading:
                return make_excerpt(heading, EVIDENCE_LENGTH)
    return make_excerpt(unit.heading or unit.text, EVIDENCE_LENGTH)


def _computed(rule: Rule, index: AgreementIndex, severity: Severity) -> Iterator[Finding]:
    from .checks import REGISTRY

    assert rule.function is not None
    check = REGISTRY[rule.function]
    context = CheckContext(index, rule.params)
    for hit in check(context):
        message = _fill(rule.message, hit.vars)
        yield _finding(rule, severity, hit.location, hit.evidence, message)


class _KeepUnknown(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(message: str, values: Mapping[str, Any]) -> str:
    """``message`` with ``{placeholders}`` filled; unknown ones are left as written.

    A message that opens with a value starts with a capital even when the value does not
    ("the University decides alone" reads as a sentence: "The University decides alone").
    """
    if not values or "{" not in message:
        return message
    try:
        filled = string.Formatter().vformat(message, (), _KeepUnknown(values))
    except (ValueError, IndexError, AttributeError, KeyError):
        return message
    if message.startswith("{") and filled[:1].islower():
        return filled[0].upper() + filled[1:]
    return filled


def _finding(
    rule: Rule, severity: Severity, location: Location, evidence: str, message: str
) -> Finding:
    # Every value comes from the loaded rule set and the engine: already of the field's type,
    # so validating it again would only cost the validators' first build on every run.
    return Finding.model_construct(
        code=rule.code,
        name=rule.name,
        severity=severity,
        message=message,
        principles=rule.principles,
        location=location,
        evidence=evidence,
        suggestion=rule.suggestion,
    )
