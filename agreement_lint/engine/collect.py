"""Read rule files: TOML syntax, field names and types, each table's place in its file.

Only a rule set that is not stored yet (see :mod:`.stored`) is read this way; the loader then
checks what the tables say to one another and builds the rule set. Every mistake is a
:class:`RuleError` at the file and line of the table or field concerned.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import RuleError
from .concepts import ConceptSpec
from .condition import RESERVED
from .positions import TomlText, toml_error_line
from .specs import (
    TOP_LEVEL_KEYS,
    DocumentSpec,
    KindSpec,
    OverrideSpec,
    PrincipleSpec,
    RuleSpec,
)


@dataclass
class Placed:
    """A validated item and where it came from (``file:line``)."""

    value: Any
    path: str
    line: int | None
    text: TomlText | None = None


class TomlFile:
    """One TOML file being read: its data, its text for positions, and its display path."""

    def __init__(self, raw: bytes, shown: str) -> None:
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


class Collector:
    """Gathers every table of every file, in order, before anything is compiled."""

    def __init__(self) -> None:
        self.rules: list[Placed] = []
        self.concepts: dict[str, Placed] = {}
        self.kinds: list[Placed] = []
        self.principles: list[Placed] = []
        self.documents: dict[str, Placed] = {}
        self.overrides: list[tuple[str, Placed]] = []
        self.from_packs: set[str] = set()
        """Concepts that a user's rule pack defines or extends."""

    def read(self, file: TomlFile, *, pack: bool) -> None:
        for key, value in file.data.items():
            if key not in TOP_LEVEL_KEYS:
                raise file.error(
                    f"unknown table {key!r}; a rule file may hold "
                    + ", ".join(f"[{k}]" for k in TOP_LEVEL_KEYS),
                    file.text.top_level_key(key),
                )
            reader: Callable[[TomlFile, Any, bool], None] = getattr(self, f"_read_{key}")
            reader(file, value, pack)

    def _read_rule(self, file: TomlFile, value: Any, pack: bool) -> None:
        for index, entry in enumerate(_array(file, "rule", value)):
            span = file.text.array_entry("rule", index)
            code = entry.get("code") if isinstance(entry, dict) else None
            what = f"rule {code}" if isinstance(code, str) else f"rule #{index + 1}"
            spec = _validate(RuleSpec, entry, file, what, span, rule=True)
            self.rules.append(Placed(spec, file.shown, span[0] if span else None, file.text))

    def _read_concept(self, file: TomlFile, value: Any, pack: bool) -> None:
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
                self.concepts[name] = Placed(spec, file.shown, line)
            elif pack:
                self.concepts[name] = Placed(existing.value.extended_by(spec), file.shown, line)
            else:
                raise file.error(
                    f"concept {name!r} is defined twice (first in {existing.path}:{existing.line})",
                    line,
                )

    def _read_kind(self, file: TomlFile, value: Any, pack: bool) -> None:
        for index, entry in enumerate(_array(file, "kind", value)):
            span = file.text.array_entry("kind", index)
            spec = _validate(KindSpec, entry, file, f"kind #{index + 1}", span)
            self.kinds.append(Placed(spec, file.shown, span[0] if span else None))

    def _read_principle(self, file: TomlFile, value: Any, pack: bool) -> None:
        for index, entry in enumerate(_array(file, "principle", value)):
            span = file.text.array_entry("principle", index)
            spec = _validate(PrincipleSpec, entry, file, f"principle #{index + 1}", span)
            self.principles.append(Placed(spec, file.shown, span[0] if span else None))

    def _read_document(self, file: TomlFile, value: Any, pack: bool) -> None:
        for name, entry in _table(file, "document", value).items():
            span = file.text.named_table("document", name)
            line = span[0] if span else None
            spec = _validate(DocumentSpec, entry, file, f"document {name}", span, line)
            if name in self.documents:
                raise file.error(f"document {name!r} is defined twice", line)
            self.documents[name] = Placed(spec, file.shown, line)

    def _read_override(self, file: TomlFile, value: Any, pack: bool) -> None:
        for code, entry in _table(file, "override", value).items():
            span = file.text.named_table("override", code)
            line = span[0] if span else None
            spec = _validate(OverrideSpec, entry, file, f"override of {code}", span, line)
            self.overrides.append((code, Placed(spec, file.shown, line)))


def _array(file: TomlFile, key: str, value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise file.error(f"{key!r} must be written as [[{key}]] tables",
                         file.text.top_level_key(key))
    return value


def _table(file: TomlFile, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise file.error(f"{key!r} must be written as [{key}.NAME] tables",
                         file.text.top_level_key(key))
    return value


def _validate(
    model: type[BaseModel],
    data: Any,
    file: TomlFile,
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


def _rule_line(file: TomlFile, span: tuple[int, int] | None,
               loc: tuple[int | str, ...]) -> int | None:
    if span is None:
        return None
    if loc and loc[0] in ("fail", "pass", "pass_") and len(loc) > 1 and isinstance(loc[1], int):
        table = "rule.pass" if loc[0] != "fail" else "rule.fail"
        return file.text.sub_entry(span, table, loc[1]) or span[0]
    return _key_line(file, span, loc, span[0])


def _key_line(
    file: TomlFile, span: tuple[int, int] | None, loc: tuple[int | str, ...], default: int | None
) -> int | None:
    if span is None or not loc or isinstance(loc[0], int):
        return default
    key = {"pass_": "pass"}.get(str(loc[0]), str(loc[0]))
    return file.text.key_line(span[0], span[1], key) or default
