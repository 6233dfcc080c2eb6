"""Keep the loaded rule set between runs, so that a start need not read and validate it again.

Loading the rule set from its TOML files — parsing them, finding the line of every table for
messages, validating every table with pydantic and checking every name one table gives
another — cost a check of one draft more than reading and parsing the draft. Once a rule set
has loaded without error, its contents (rules, concepts, kinds, principles: strings, numbers
and lists) are written as JSON to the user's cache directory, and later runs rebuild the rule
set from that file. Conditions are compiled again from their text, through the same checks.

The file is named by a hash of everything the loaded rule set depends on: the layout of this
file, agreement-lint's version, Python's and pydantic's, the path, size and modification time
of every module of the package (so an edited checkout never rebuilds from older code), and the
name (as messages show it) and bytes of every rule file read, bundled or from a rule pack.
A missing, unreadable, corrupt or unexpected file is a miss: the rule set is loaded from the
TOML files as before and stored afresh. Like Lark's parser cache beside it, the file is the
user's own; it is plain data, never code.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import write_text_atomic
from ..findings import Severity
from ..regexstore import RegexStore
from ..resources import code_state, prune_cache_files, user_cache_dir
from .concepts import Concept, ConceptSpec
from .condition import compile_condition
from .ruleset import Example, Kind, Principle, Rule, RuleSet, SourceDocument

FORMAT = 1
"""Bump when the layout of a stored rule set changes."""

KEEP_FILES = 8
"""Stored rule sets kept; older ones (from earlier rule files or other packs) are removed."""

def store_path(files: Iterable[tuple[str, bytes]]) -> Path:
    """Where the rule set loaded from ``files`` ((shown name, bytes), in load order) is kept."""
    import pydantic

    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0{pydantic.VERSION}\0"
                            f"{code_state()}\0".encode("utf-8", "surrogatepass"))
    for shown, data in files:
        digest.update(shown.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
        digest.update(hashlib.sha256(data).digest())
    return user_cache_dir() / f"ruleset-{digest.hexdigest()[:32]}.json"


def recall(path: Path) -> RuleSet | None:
    """The rule set stored at ``path``; None when there is none or it cannot be used."""
    try:
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        patterns = RegexStore.named("kinds", path.stem)  # the kinds' title patterns, compiled
        ruleset = decode(data, patterns.compile)
    except Exception:  # any fault in the file means loading the rule files afresh
        return None
    patterns.save()
    return ruleset


def keep(path: Path, ruleset: RuleSet) -> None:
    """Store ``ruleset`` at ``path``; a rule set that is not plain data, or a file that cannot
    be written, is simply not stored."""
    data = encode(ruleset)
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        if json.loads(text) != data:
            return  # something (a tuple in a rule's params, say) would not come back the same
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, text)
    except (TypeError, ValueError, OSError):
        return
    prune_cache_files(path.parent, "ruleset-*.json", KEEP_FILES)


def encode(ruleset: RuleSet) -> dict[str, Any]:
    """The rule set as plain JSON data."""
    return {
        "format": FORMAT,
        "concepts": [
            [c.name, c.spec.model_dump(mode="json"), c.path, c.line]
            for c in ruleset.concepts.values()
        ],
        "kinds": [
            [k.name, k.title, k.description, list(k.aliases),
             None if k.title_pattern is None else [k.title_pattern.pattern, k.title_pattern.flags]]
            for k in ruleset.kinds.values()
        ],
        "principles": [
            [p.id, p.title, p.summary, p.section,
             None if p.document is None else [p.document.key, p.document.title,
                                              p.document.publisher, p.document.year,
                                              p.document.licence, p.document.url]]
            for p in ruleset.principles.values()
        ],
        "rules": [_encode_rule(rule) for rule in (*ruleset.rules, *ruleset.disabled)],
    }


def _encode_rule(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code, "name": rule.name, "severity": rule.severity.value,
        "principles": list(rule.principles), "kinds": list(rule.kinds), "check": rule.check,
        "scope": rule.scope, "message": rule.message, "rationale": rule.rationale,
        "suggestion": rule.suggestion,
        "examples": [[e.expect, e.text, e.kind, e.note] for e in rule.examples],
        "condition": rule.condition.source if rule.condition else None,
        "when": rule.when.source if rule.when else None,
        "function": rule.function, "params": dict(rule.params),
        "severity_by_kind": {kind: s.value for kind, s in rule.severity_by_kind.items()},
        "origin": rule.origin, "disabled": rule.disabled,
    }


def decode(data: dict[str, Any],
           compile_pattern: Callable[[str, int], re.Pattern[str]] = re.compile) -> RuleSet:
    """The rule set from :func:`encode`'s data; anything unexpected raises."""
    concepts = {
        name: Concept(name, _concept_spec(spec), path=path, line=line)
        for name, spec, path, line in data["concepts"]
    }
    kinds = [
        Kind(name, title, description, tuple(aliases),
             None if pattern is None else compile_pattern(pattern[0], pattern[1]))
        for name, title, description, aliases, pattern in data["kinds"]
    ]
    principles = {
        pid: Principle(id=pid, title=title, summary=summary, section=section,
                       document=None if document is None else SourceDocument(*document))
        for pid, title, summary, section, document in data["principles"]
    }
    kind_names = [kind.name for kind in kinds]
    rules = [_decode_rule(entry, concepts, kind_names) for entry in data["rules"]]
    return RuleSet(rules, concepts, kinds, principles)


def _concept_spec(fields: dict[str, Any]) -> ConceptSpec:
    """A concept's spec as validated when it was stored (its lists were tuples)."""
    values: dict[str, Any] = {
        name: tuple(value) if isinstance(value, list) else value for name, value in fields.items()
    }
    return ConceptSpec.model_construct(**values)


def _decode_rule(entry: dict[str, Any], concepts: dict[str, Concept],
                 kinds: list[str]) -> Rule:
    def condition(source: str | None) -> Any:
        return None if source is None else compile_condition(source, concepts=concepts,
                                                               kinds=kinds)

    return Rule(
        code=entry["code"], name=entry["name"], severity=Severity(entry["severity"]),
        principles=tuple(entry["principles"]), kinds=tuple(entry["kinds"]),
        check=entry["check"], scope=entry["scope"], message=entry["message"],
        rationale=entry["rationale"], suggestion=entry["suggestion"],
        examples=tuple(Example(expect, text, kind, note)
                       for expect, text, kind, note in entry["examples"]),
        condition=condition(entry["condition"]), when=condition(entry["when"]),
        function=entry["function"], params=dict(entry["params"]),
        severity_by_kind={kind: Severity(s) for kind, s in entry["severity_by_kind"].items()},
        origin=entry["origin"], disabled=entry["disabled"],
    )
