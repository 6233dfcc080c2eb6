"""Load the bundled rule data and any user rule packs into a :class:`RuleSet`.

Everything is validated here, once, so that linting never meets bad data: TOML syntax, field
names and types (pydantic), principle IDs, kinds, concepts named in conditions, computed check
names, duplicate codes and missing examples. Every mistake is a :class:`RuleError` rendered
``file:line: message``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import RuleError
from ..resources import rules_dir
from . import stored
from .concepts import Concept, ConceptSpec
from .condition import RESERVED, ConditionError, compile_condition
from .positions import TomlText, toml_error_line
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
from .specs import (
    TOP_LEVEL_KEYS,
    DocumentSpec,
    KindSpec,
    OverrideSpec,
    PrincipleSpec,
    RuleSpec,
)

DEFAULT_SCOPE = {"require": "section", "flag": "clause", "computed": "document",
                 "external": "document"}


@dataclass
class _Placed:
    """A validated item and where it came from (``file:line``)."""

    value: Any
    path: str
    line: int | None
    text: TomlText | None = None


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot be read ({exc.strerror or exc})", path=shown) from None


class _File:
    """One TOML file being read: its data, its text for positions, and its display path."""

    def __init__(self, raw: bytes, shown: str) -> None:
        import tomllib  # not needed when the rule set comes from the store

        self.shown = shown
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise RuleError("is not UTF-8 text", path=shown) from None
        # As reading in text mode would: every line ending becomes "\n".
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.text = TomlText(text)
        try:
            self.data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line, message = toml_error_line(str(exc))
            raise RuleError(f"not valid TOML: {message}", path=shown, line=line) from None

    def error(self, message: str, line: int | None) -> RuleError:
        return RuleError(message, path=self.shown, line=line)


class _Collector:
    """Gathers every table of every file, in order, before anything is compiled."""

    def __init__(self) -> None:
        self.rules: list[_Placed] = []
        self.concepts: dict[str, _Placed] = {}
        self.kinds: list[_Placed] = []
        self.principles: list[_Placed] = []
        self.documents: dict[str, _Placed] = {}
        self.overrides: list[tuple[str, _Placed]] = []
        self.from_packs: set[str] = set()
        """Concepts that a user's rule pack defines or extends."""

    def read(self, file: _File, *, pack: bool) -> None:
        for key, value in file.data.items():
            if key not in TOP_LEVEL_KEYS:
                raise file.error(
                    f"unknown table {key!r}; a rule file may hold "
                    + ", ".join(f"[{k}]" for k in TOP_LEVEL_KEYS),
                    file.text.top_level_key(key),
                )
            reader: Callable[[_File, Any, bool], None] = getattr(self, f"_read_{key}")
            reader(file, value, pack)

    def _read_rule(self, file: _File, value: Any, pack: bool) -> None:
        for index, entry in enumerate(_array(file, "rule", value)):
            span = file.text.array_entry("rule", index)
            code = entry.get("code") if isinstance(entry, dict) else None
            what = f"rule {code}" if isinstance(code, str) else f"rule #{index + 1}"
            spec = _validate(RuleSpec, entry, file, what, span, rule=True)
            self.rules.append(_Placed(spec, file.shown, span[0] if span else None, file.text))

    def _read_concept(self, file: _File, value: Any, pack: bool) -> None:
        for name, entry in _table(file, "concept", value).items():
            span = file.text.named_table("concept", name)
            line = span[0] if span else file.text.top_level_key("concept")
            if name in RESERVED or not re.fullmatch(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*", name):
                raise file.error(
                    f"concept name {name!r} must be lower-case kebab-case and not one of "
                    + ", ".join(sorted(RESERVED)),
                    line,
                )
            spec = _validate(ConceptSpec, entry, file, f"concept {name}", span, line)
            existing = self.concepts.get(name)
            if pack:
                self.from_packs.add(name)
            if existing is None:
                self.concepts[name] = _Placed(spec, file.shown, line)
            elif pack:
                self.concepts[name] = _Placed(existing.value.extended_by(spec), file.shown, line)
            else:
                raise file.error(
                    f"concept {name!r} is defined twice (first in {existing.path}:{existing.line})",
                    line,
                )

    def _read_kind(self, file: _File, value: Any, pack: bool) -> None:
        for index, entry in enumerate(_array(file, "kind", value)):
            span = file.text.array_entry("kind", index)
            spec = _validate(KindSpec, entry, file, f"kind #{index + 1}", span)
            self.kinds.append(_Placed(spec, file.shown, span[0] if span else None))

    def _read_principle(self, file: _File, value: Any, pack: bool) -> None:
        for index, entry in enumerate(_array(file, "principle", value)):
            span = file.text.array_entry("principle", index)
            spec = _validate(PrincipleSpec, entry, file, f"principle #{index + 1}", span)
            self.principles.append(_Placed(spec, file.shown, span[0] if span else None))

    def _read_document(self, file: _File, value: Any, pack: bool) -> None:
        for name, entry in _table(file, "document", value).items():
            span = file.text.named_table("document", name)
            line = span[0] if span else None
            spec = _validate(DocumentSpec, entry, file, f"document {name}", span, line)
            if name in self.documents:
                raise file.error(f"document {name!r} is defined twice", line)
            self.documents[name] = _Placed(spec, file.shown, line)

    def _read_override(self, file: _File, value: Any, pack: bool) -> None:
        for code, entry in _table(file, "override", value).items():
            span = file.text.named_table("override", code)
            line = span[0] if span else None
            spec = _validate(OverrideSpec, entry, file, f"override of {code}", span, line)
            self.overrides.append((code, _Placed(spec, file.shown, line)))


def _array(file: _File, key: str, value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise file.error(f"{key!r} must be written as [[{key}]] tables",
                         file.text.top_level_key(key))
    return value


def _table(file: _File, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise file.error(f"{key!r} must be written as [{key}.NAME] tables",
                         file.text.top_level_key(key))
    return value


def _validate(
    model: type[BaseModel],
    data: Any,
    file: _File,
    what: str,
    span: tuple[int, int] | None,
    default_line: int | None = None,
    *,
    rule: bool = False,
) -> Any:
    """Validate ``data``; the first error becomes a one-line RuleError at its field's line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        if rule:
            line = _rule_line(file, span, loc)
        else:
            line = _key_line(file, span, loc, default_line or (span[0] if span else None))
        raise file.error(f"{what}: {_explain(error, loc)}", line) from None


def _explain(error: Mapping[str, Any], loc: tuple[int | str, ...]) -> str:
    """A plain sentence for one pydantic error."""
    field = ".".join(str(p) for p in loc if not isinstance(p, int)) or "entry"
    field = {"pass_": "pass"}.get(field, field)
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown field {field!r}"
    if kind == "missing" and field in ("fail", "pass"):
        return f"needs at least one [[rule.{field}]] example"
    if kind == "missing":
        return f"missing required field {field!r}"
    if kind == "too_short" and field in ("fail", "pass"):
        return f"needs at least one [[rule.{field}]] example"
    if kind == "too_short":
        return f"{field!r} must not be empty"
    if kind in ("enum", "literal_error"):
        expected = error.get("ctx", {}).get("expected", "")
        return f"{field!r} is {error.get('input')!r}; expected {expected}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{field!r}: {message}" if field != "entry" else message


def _rule_line(file: _File, span: tuple[int, int] | None, loc: tuple[int | str, ...]) -> int | None:
    if span is None:
        return None
    if loc and loc[0] in ("fail", "pass", "pass_") and len(loc) > 1 and isinstance(loc[1], int):
        table = "rule.pass" if loc[0] != "fail" else "rule.fail"
        return file.text.sub_entry(span, table, loc[1]) or span[0]
    return _key_line(file, span, loc, span[0])


def _key_line(
    file: _File, span: tuple[int, int] | None, loc: tuple[int | str, ...], default: int | None
) -> int | None:
    if span is None or not loc or isinstance(loc[0], int):
        return default
    key = {"pass_": "pass"}.get(str(loc[0]), str(loc[0]))
    return file.text.key_line(span[0], span[1], key) or default


def _toml_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.toml") if p.is_file())


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
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
    for path in _toml_files(rules_dir() if base is None else base):
        shown = _display(path)
        sources.append((shown, _read_bytes(path, shown), False))
    for pack in extra_packs:
        root = Path(pack)
        if not root.exists():
            raise RuleError("rule pack not found", path=str(pack))
        files = _toml_files(root)
        if not files:
            raise RuleError("rule pack holds no .toml files", path=str(pack))
        for path in files:
            shown = _display(path)
            sources.append((shown, _read_bytes(path, shown), True))
    kept = stored.store_path((shown, raw) for shown, raw, _pack in sources) \
        if base is None else None
    if kept is not None:
        ruleset = stored.recall(kept)
        if ruleset is not None:
            return ruleset
    collector = _Collector()
    for shown, raw, from_pack in sources:
        collector.read(_File(raw, shown), pack=from_pack)
    ruleset = _build(collector)
    if kept is not None:
        stored.keep(kept, ruleset)
    return ruleset


def _build(collected: _Collector) -> RuleSet:
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


def _concept(name: str, placed: _Placed, from_pack: bool) -> Concept:
    """The concept; a pack's is compiled now so its mistakes show at load time."""
    spec: ConceptSpec = placed.value
    if not spec.heading and not spec.body:
        raise RuleError(f"concept {name!r} has no heading or body patterns",
                        path=placed.path, line=placed.line)
    concept = Concept(name, spec, path=placed.path, line=placed.line)
    if from_pack:
        concept.compile()
    return concept


def _build_kinds(placed_kinds: list[_Placed]) -> dict[str, Kind]:
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
    placed_principles: list[_Placed], documents: dict[str, _Placed]
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
    placed: _Placed,
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
    code: str, placed: _Placed, rules: Mapping[str, Rule], kinds: Mapping[str, Kind]
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


def _field_line(placed: _Placed, key: str | None) -> int | None:
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
