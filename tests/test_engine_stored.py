"""The rule set kept between runs: rebuilt exactly, keyed by every input, never trusted blindly."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from agreement_lint.engine import RuleSet, collect, load_ruleset, stored
from agreement_lint.resources import rules_dir

PACK = """
[[rule]]
code = "ORG001"
name = "org-payment-timescale"
severity = "warning"
principles = ["NHS-1"]
kinds = ["mou"]
severity_by_kind = { mou = "error" }
check = "require"
condition = "payment and org-deadline"
scope = "document"
message = "Say when the group is paid."
rationale = "A date avoids a long wait."
suggestion = "Payment is made within 30 days of each invoice."

[[rule.fail]]
text = "## Roles\\n\\nThe group runs the events."
kind = "mou"

[[rule.pass]]
text = "## Payment\\n\\nThe University pays £500 by the end of each term."
note = "a timescale"

[[rule]]
code = "ORG002"
name = "org-obligation-balance"
severity = "info"
principles = ["NHS-1"]
check = "computed"
function = "obligation-balance"
params = { threshold = 0.5, minimum = 3, words = ["a", "b"], nested = { ratio = 0.5 } }
message = "One party carries most of the duties."
rationale = "Duties on one side only are not a partnership."
suggestion = "Give the other party duties too."

[[rule.fail]]
text = "The Group shall run the events."

[[rule.pass]]
text = "Each party shall run the events."

[concept.org-deadline]
description = "A deadline in the group's own words."
body = ['by the end of \\w+', 'within \\d+ days']
body_min = 1

[concept.payment]
body = ['\\bhonorari(?:um|a)\\b']

[override.PAY004]
disabled = true

[override.PAY001]
severity_by_kind = { mou = "info" }
"""


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "agreement-lint"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    directory = tmp_path / "pack"
    directory.mkdir()
    (directory / "org.toml").write_text(PACK, encoding="utf-8")
    return directory


def _plain(ruleset: RuleSet) -> Any:
    """Everything a rule set holds, with compiled conditions as what they were compiled from."""
    rules = []
    for rule in (*ruleset.rules, *ruleset.disabled):
        values = {f.name: getattr(rule, f.name) for f in fields(rule)}
        for name in ("condition", "when"):
            condition = values[name]
            values[name] = None if condition is None else (
                condition.source, condition.concepts, condition.positive)
        values["params"] = dict(values["params"])
        values["severity_by_kind"] = {k: (v, type(v)) for k, v in rule.severity_by_kind.items()}
        values["severity"] = (rule.severity, type(rule.severity))
        rules.append(values)
    concepts = [(c.name, c.spec, c.path, c.line) for c in ruleset.concepts.values()]
    kinds = [(k.name, k.title, k.description, k.aliases, k.title_pattern)
             for k in ruleset.kinds.values()]
    return rules, concepts, kinds, list(ruleset.principles.items()), ruleset.codes


def _no_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reading a rule file as TOML fail, so a load can only come from the store."""
    def refuse(raw: bytes, shown: str) -> None:
        raise AssertionError(f"{shown} was read although the rule set is stored")

    monkeypatch.setattr(collect, "TomlFile", refuse)


def test_the_stored_rule_set_is_the_one_loaded_from_the_files(
        cache_home: Path, pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_ruleset([pack])
    assert len(list(cache_home.glob("ruleset-*.json"))) == 1
    _no_files(monkeypatch)
    again = load_ruleset([pack])
    assert again is not loaded
    assert _plain(again) == _plain(loaded)
    assert again.get("PAY004") is not None and again.get("PAY004") not in again.rules
    rule = again.get("ORG002")
    assert rule is not None and rule.params == {"threshold": 0.5, "minimum": 3,
                                                "words": ["a", "b"], "nested": {"ratio": 0.5}}
    assert again.kind_named("MoU") == loaded.kind_named("MoU")


def test_the_bundled_rule_set_alone_is_stored_and_rebuilt_exactly(
        cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_ruleset()
    _no_files(monkeypatch)
    assert _plain(load_ruleset()) == _plain(loaded)


def test_a_changed_rule_file_is_loaded_afresh(cache_home: Path, pack: Path) -> None:
    load_ruleset([pack])
    (pack / "org.toml").write_text(PACK.replace('severity = "warning"', 'severity = "info"'),
                                   encoding="utf-8")
    changed = load_ruleset([pack])
    rule = changed.get("ORG001")
    assert rule is not None and rule.severity == "info"
    assert len(list(cache_home.glob("ruleset-*.json"))) == 2


def test_the_store_depends_on_every_input() -> None:
    files = [("rules/a.toml", b"x = 1\n"), ("rules/b.toml", b"")]
    path = stored.store_path(files)
    assert stored.store_path(list(files)) == path
    assert stored.store_path([files[0], ("rules/b.toml", b"\n")]) != path  # the bytes
    assert stored.store_path([files[0], ("rules/c.toml", b"")]) != path  # the name shown
    assert stored.store_path(files[:1]) != path  # the set of files


@pytest.mark.parametrize("damage", [b"", b"{not json", b"[]", b'{"format": 1}',
                                    b'{"format": 999, "rules": []}', b"\xff\xfe"])
def test_a_damaged_store_is_a_miss_and_is_replaced(
        cache_home: Path, pack: Path, damage: bytes) -> None:
    loaded = load_ruleset([pack])
    (path,) = cache_home.glob("ruleset-*.json")
    path.write_bytes(damage)
    assert _plain(load_ruleset([pack])) == _plain(loaded)
    assert json.loads(path.read_bytes())["format"] == stored.FORMAT


def test_a_stored_condition_is_checked_again(cache_home: Path, pack: Path) -> None:
    load_ruleset([pack])
    (path,) = cache_home.glob("ruleset-*.json")
    data = json.loads(path.read_bytes())
    for rule in data["rules"]:
        if rule["code"] == "ORG001":
            rule["condition"] = "payment and no-such-concept"
    path.write_text(json.dumps(data), encoding="utf-8")
    rule = load_ruleset([pack]).get("ORG001")  # the files again: the store is not used
    assert rule is not None and rule.condition is not None
    assert rule.condition.source == "payment and org-deadline"


def test_a_rule_set_given_as_base_is_not_stored(cache_home: Path) -> None:
    load_ruleset(base=rules_dir())  # tests' own small rule sets are not worth keeping
    assert not cache_home.exists() or not list(cache_home.glob("ruleset-*.json"))


def test_no_writable_cache_directory_is_no_error(tmp_path: Path, pack: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert load_ruleset([pack]).get("ORG001") is not None


def test_only_the_newest_stores_are_kept(cache_home: Path, pack: Path) -> None:
    for number in range(stored.KEEP_FILES + 3):
        (pack / "org.toml").write_text(PACK.replace("30 days", f"{number} days"),
                                       encoding="utf-8")
        load_ruleset([pack])
    assert len(list(cache_home.glob("ruleset-*.json"))) == stored.KEEP_FILES
