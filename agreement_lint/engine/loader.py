"""Load the bundled rule data and any user rule packs into a :class:`RuleSet`.

Everything is validated here, once, so that linting never meets bad data: TOML syntax, field
names and types (pydantic, in :mod:`.collect`), principle IDs, kinds, concepts named in
conditions, computed check names, duplicate codes and missing examples. Every mistake is a
:class:`RuleError` rendered ``file:line: message``. A rule set that loaded without error is
kept between runs (:mod:`.stored`), so later starts skip reading and validating the files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import RuleError
from ..resources import rules_dir
from . import stored
from .concepts import Concept
from .condition import ConditionError, compile_condition
from .ruleset import (
    GENERAL,
    Example,
    Kind,
    Principle,
    Rule,
    RuleSet,
    SourceDocument,
    normalise_kind_name,
)

if TYPE_CHECKING:
    from .collect import Collector, Placed
    from .concepts import ConceptSpec
    from .specs import DocumentSpec, KindSpec, OverrideSpec, PrincipleSpec, RuleSpec

DEFAULT_SCOPE = {"require": "section", "flag": "clause", "computed": "document",
                 "external": "document"}


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot be read ({exc.strerror or exc})", path=shown) from None


def _toml_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.toml") if p.is_file())


def _display(path: Path, cwd: Path) -> str:
    """``path`` as messages show it: relative to the (resolved) current directory if inside it."""
    try:
        return str(path.resolve().relative_to(cwd))
    except ValueError:
        return str(path)


def _registry() -> Mapping[str, Any] | None:
    """The computed checks by name, or None while the checks package is not installed."""
    try:
        from .checks import REGISTRY
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(f"{__package__}.checks"):
            return None
        raise
    return REGISTRY


def load_ruleset(
    extra_packs: Sequence[Path | str] = (), *, base: Path | None = None
) -> RuleSet:
    """Read the bundled rules and each user pack (a directory of TOML files, or one file).

    ``base`` replaces the bundled ``rules/`` directory (tests use small rule sets of their own).
    The bundled rules with any packs are kept between runs once loaded (see :mod:`.stored`).
    """
    sources: list[tuple[str, bytes, bool]] = []  # (shown path, bytes, from a pack)
    cwd = Path.cwd().resolve()
    for path in _toml_files(rules_dir() if base is None else base):
        shown = _display(path, cwd)
        sources.append((shown, _read_bytes(path, shown), False))
    for pack in extra_packs:
        root = Path(pack)
        if not root.exists():
            raise RuleError("rule pack not found", path=str(pack))
        files = _toml_files(root)
        if not files:
            raise RuleError("rule pack holds no .toml files", path=str(pack))
        for path in files:
            shown = _display(path, cwd)
            sources.append((shown, _read_bytes(path, shown), True))
    kept = stored.store_path((shown, raw) for shown, raw, _pack in sources) \
        if base is None else None
    if kept is not None:
        ruleset = stored.recall(kept)
        if ruleset is not None:
            return ruleset
    from .collect import Collector, TomlFile  # only a rule set not yet stored is read

    collector = Collector()
    for shown, raw, from_pack in sources:
        collector.read(TomlFile(raw, shown), pack=from_pack)
    ruleset = _build(collector)
    if kept is not None:
        stored.keep(kept, ruleset)
    return ruleset


def _build(collected: Collector) -> RuleSet:
    concepts = {
        name: _concept(name, placed, name in collected.from_packs)
        for name, placed in collected.concepts.items()
    }
    kinds = _build_kinds(collected.kinds)
    principles = _build_principles(collected.principles, collected.documents)
    registry = _registry() if any(p.value.check == "computed" for p in collected.rules) else None
    rules: dict[str, Rule] = {}
    for placed in collected.rules:
        rule = _build_rule(placed, concepts, kinds, principles, registry)
        if rule.code in rules:
            raise RuleError(
                f"rule code {rule.code} is used twice (first at {rules[rule.code].origin})",
                path=placed.path,
                line=placed.line,
            )
        rules[rule.code] = rule
    for code, placed in collected.overrides:
        rules[code] = _apply_override(code, placed, rules, kinds)
    return RuleSet(rules.values(), concepts, list(kinds.values()), principles)


def _concept(name: str, placed: Placed, from_pack: bool) -> Concept:
    """The concept; a pack's is compiled now so its mistakes show at load time."""
    spec: ConceptSpec = placed.value
    if not spec.heading and not spec.body:
        raise RuleError(f"concept {name!r} has no heading or body patterns",
                        path=placed.path, line=placed.line)
    concept = Concept(name, spec, path=placed.path, line=placed.line)
    if from_pack:
        concept.compile()
    return concept


def _build_kinds(placed_kinds: list[Placed]) -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    aliases: dict[str, str] = {}
    for placed in placed_kinds:
        spec: KindSpec = placed.value
        if spec.name in kinds:
            raise RuleError(f"kind {spec.name!r} is defined twice", path=placed.path,
                            line=placed.line)
        for alias in (spec.name, *spec.aliases):
            owner = aliases.setdefault(normalise_kind_name(alias), spec.name)
            if owner != spec.name:
                raise RuleError(f"alias {alias!r} of kind {spec.name!r} already names {owner!r}",
                                path=placed.path, line=placed.line)
        pattern = (
            re.compile("|".join(f"(?:{p})" for p in spec.title_patterns), re.IGNORECASE)
            if spec.title_patterns
            else None
        )
        kinds[spec.name] = Kind(spec.name, spec.title or spec.name, spec.description,
                                spec.aliases, pattern)
    if GENERAL not in kinds:
        kinds[GENERAL] = Kind(GENERAL, "General agreement", "Any other agreement.", (), None)
    return kinds


def _build_principles(
    placed_principles: list[Placed], documents: dict[str, Placed]
) -> dict[str, Principle]:
    principles: dict[str, Principle] = {}
    for placed in placed_principles:
        spec: PrincipleSpec = placed.value
        if spec.id in principles:
            raise RuleError(f"principle {spec.id} is defined twice", path=placed.path,
                            line=placed.line)
        doc_placed = documents.get(spec.document)
        if doc_placed is None:
            raise RuleError(
                f"principle {spec.id} cites document {spec.document!r}, which no "
                "[document.NAME] table defines",
                path=placed.path,
                line=placed.line,
            )
        doc: DocumentSpec = doc_placed.value
        principles[spec.id] = Principle(
            id=spec.id,
            title=spec.title,
            summary=" ".join(spec.summary.split()),
            document=SourceDocument(spec.document, doc.title, doc.publisher, doc.year,
                                    doc.licence, doc.url),
            section=spec.section,
        )
    return principles


def _build_rule(
    placed: Placed,
    concepts: Mapping[str, Concept],
    kinds: Mapping[str, Kind],
    principles: Mapping[str, Principle],
    registry: Mapping[str, Any] | None,
) -> Rule:
    spec: RuleSpec = placed.value
    origin = f"{placed.path}:{placed.line}" if placed.line else placed.path

    def fail(message: str, key: str | None = None) -> RuleError:
        return RuleError(f"rule {spec.code}: {message}", path=placed.path,
                         line=_field_line(placed, key))

    unknown = [p for p in spec.principles if p not in principles]
    if unknown:
        raise fail(f"unknown principle ID {', '.join(unknown)}{_near(unknown[0], principles)}",
                   "principles")
    for kind in (*spec.kinds, *spec.severity_by_kind, *(e.kind for e in spec.fail + spec.pass_)):
        if kind and kind != "*" and kind not in kinds:
            raise fail(f"unknown kind {kind!r}{_near(kind, kinds)}; known kinds: "
                       + ", ".join(kinds), "kinds")
    condition = when = None
    try:
        if spec.condition:
            condition = compile_condition(spec.condition, concepts=concepts, kinds=kinds)
        if spec.when:
            when = compile_condition(spec.when, concepts=concepts, kinds=kinds)
    except ConditionError as exc:
        key = "when" if spec.when and spec.when in str(exc) else "condition"
        raise fail(str(exc), key) from None
    if spec.function and registry is not None and spec.function not in registry:
        raise fail(f"unknown computed check {spec.function!r}{_near(spec.function, registry)}",
                   "function")
    examples = tuple(Example("fail", e.text, e.kind, e.note) for e in spec.fail) + tuple(
        Example("pass", e.text, e.kind, e.note) for e in spec.pass_
    )
    return Rule(
        code=spec.code,
        name=spec.name,
        severity=spec.severity,
        principles=spec.principles,
        kinds=spec.kinds,
        check=spec.check,
        scope=spec.scope or DEFAULT_SCOPE[spec.check],
        message=" ".join(spec.message.split()),
        rationale=spec.rationale.strip(),
        suggestion=spec.suggestion.strip(),
        examples=examples,
        condition=condition,
        when=when,
        function=spec.function,
        params=dict(spec.params),
        severity_by_kind=dict(spec.severity_by_kind),
        origin=origin,
    )


def _apply_override(
    code: str, placed: Placed, rules: Mapping[str, Rule], kinds: Mapping[str, Kind]
) -> Rule:
    spec: OverrideSpec = placed.value
    rule = rules.get(code)
    if rule is None:
        raise RuleError(f"[override.{code}] names no known rule{_near(code, rules)}",
                        path=placed.path, line=placed.line)
    for kind in spec.severity_by_kind or {}:
        if kind not in kinds:
            raise RuleError(f"[override.{code}]: unknown kind {kind!r}", path=placed.path,
                            line=placed.line)
    severity_by_kind = rule.severity_by_kind
    if spec.severity is not None:
        severity_by_kind = {}
    if spec.severity_by_kind is not None:
        severity_by_kind = {**severity_by_kind, **spec.severity_by_kind}
    return replace(
        rule,
        severity=spec.severity or rule.severity,
        severity_by_kind=severity_by_kind,
        disabled=spec.disabled,
    )


def _field_line(placed: Placed, key: str | None) -> int | None:
    """The line of ``key`` within the rule that starts at ``placed.line``."""
    text = placed.text
    if key is None or placed.line is None or text is None:
        return placed.line
    end = placed.line
    while end < len(text.lines) and not re.match(r"\s*\[\[\s*rule\s*\]\]", text.lines[end]):
        end += 1
    return text.key_line(placed.line, end, key) or placed.line


def _near(name: str, known: Mapping[str, Any] | Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
    return f" (did you mean {', '.join(close)}?)" if close else ""
