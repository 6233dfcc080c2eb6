"""The second and third blind holdout sets are well formed: each is eight drafts with labels,
every label names a real kind and real codes that are error or warning for that kind (and its
close calls are real codes it does not also expect), every dispute names a labelled draft, and
every draft can be read, with its parties and clauses.

Whether the linter agrees with the labels is a measurement (``scripts/holdout.py --folder
tests/holdoutN/drafts``), not a test: the labels were fixed before the first run and a rule
change that lowers a figure must show in the figure, not be hidden by a test.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from agreement_lint.engine import load_ruleset
from agreement_lint.engine.ruleset import RuleSet
from agreement_lint.findings import Severity
from agreement_lint.read import read_agreement

TESTS = Path(__file__).resolve().parent
SETS = ("holdout2", "holdout3")
SUFFIX = ".labels.toml"
GATED = (Severity.ERROR, Severity.WARNING)


def _drafts(name: str) -> list[Path]:
    folder = TESTS / name / "drafts"
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".toml"))


def _label_files(name: str) -> list[Path]:
    return sorted((TESTS / name / "drafts").glob(f"*{SUFFIX}"))


LABELS = [label for name in SETS for label in _label_files(name)]
DRAFT_FILES = [draft for name in SETS for draft in _drafts(name)]


def _id(path: Path) -> str:
    return f"{path.parents[1].name}/{path.name}"


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return load_ruleset()


def _labels(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _stem(label: Path) -> str:
    return label.name[: -len(SUFFIX)]


@pytest.mark.parametrize("name", SETS)
def test_eight_drafts_each_with_labels(name: str) -> None:
    drafts = _drafts(name)
    assert len(drafts) == 8
    assert {_stem(p) for p in _label_files(name)} == {p.stem for p in drafts}


@pytest.mark.parametrize("label", LABELS, ids=_id)
def test_labels_name_a_real_kind(label: Path, ruleset: RuleSet) -> None:
    kind = _labels(label).get("kind")
    assert isinstance(kind, str) and kind in ruleset.kinds, f"{label.name}: unknown kind {kind!r}"


@pytest.mark.parametrize("label", LABELS, ids=_id)
def test_expected_codes_are_gated_rules_for_the_kind(label: Path, ruleset: RuleSet) -> None:
    data = _labels(label)
    expected = data.get("expected")
    assert isinstance(expected, list), f"{label.name}: 'expected' must be a list"
    assert len(expected) == len(set(expected)), f"{label.name}: a code is listed twice"
    for code in expected:
        rule = ruleset.get(code)
        assert rule is not None, f"{label.name}: no rule {code}"
        assert rule.applies_to(data["kind"]), f"{label.name}: {code} does not apply to the kind"
        assert rule.severity_for(data["kind"]) in GATED, f"{label.name}: {code} is info here"


@pytest.mark.parametrize("label", LABELS, ids=_id)
def test_every_expected_code_has_a_note(label: Path) -> None:
    data = _labels(label)
    notes = data.get("notes", {})
    for code in data["expected"]:
        assert str(notes.get(code, "")).strip(), f"{label.name}: {code} has no note"


@pytest.mark.parametrize("label", LABELS, ids=_id)
def test_close_calls_are_real_codes_not_also_expected(label: Path, ruleset: RuleSet) -> None:
    data = _labels(label)
    for code, why in data.get("considered", {}).items():
        assert ruleset.get(code) is not None, f"{label.name}: [considered] names no rule {code}"
        assert code not in data["expected"], f"{label.name}: {code} is expected and considered"
        assert str(why).strip(), f"{label.name}: [considered] {code} gives no reason"


@pytest.mark.parametrize("name", SETS)
def test_disputes_name_labelled_drafts_and_real_codes(name: str, ruleset: RuleSet) -> None:
    data = tomllib.loads((TESTS / name / "disputes.toml").read_text(encoding="utf-8"))
    names = {p.name for p in _drafts(name)}
    for entry in data.get("dispute", []):
        assert entry["draft"] in names, f"dispute names an unknown draft {entry['draft']!r}"
        assert ruleset.get(entry["code"]) is not None, f"dispute names no rule {entry['code']}"
        assert entry["change"] in ("add", "remove")
        assert str(entry.get("reason", "")).strip(), "every dispute needs a reason"


@pytest.mark.parametrize("draft", DRAFT_FILES, ids=_id)
def test_drafts_parse_with_parties_and_clauses(draft: Path) -> None:
    agreement = read_agreement(draft)
    assert len(agreement.parties) >= 2
    assert agreement.clauses
