"""The blind holdout set is well formed: every draft has labels, every label names a real kind
and real codes that are error or warning for that kind, and every draft can be read.

Whether the linter agrees with the labels is a measurement (``scripts/holdout.py``), not a
test: a rule change that lowers the figure must not be hidden by editing labels to pass.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from script_loader import load_script

from agreement_lint.engine import load_ruleset
from agreement_lint.engine.ruleset import RuleSet
from agreement_lint.findings import Severity
from agreement_lint.read import read_agreement

ROOT = Path(__file__).resolve().parents[1]
HOLDOUT = ROOT / "tests" / "holdout"
DRAFTS = HOLDOUT / "drafts"
SUFFIX = ".labels.toml"
GATED = (Severity.ERROR, Severity.WARNING)

LABELS = sorted(DRAFTS.glob(f"*{SUFFIX}"))
DRAFT_FILES = sorted(p for p in DRAFTS.iterdir() if p.suffix in (".md", ".txt"))


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return load_ruleset()


def _labels(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _draft_for(label: Path) -> list[Path]:
    stem = label.name[: -len(SUFFIX)]
    return [p for p in DRAFT_FILES if p.stem == stem]


def test_the_set_is_eight_labelled_drafts_with_one_plain_text() -> None:
    assert len(DRAFT_FILES) == 8
    assert len(LABELS) == 8
    assert sum(1 for p in DRAFT_FILES if p.suffix == ".txt") == 1


@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.name)
def test_each_label_file_has_exactly_one_draft(label: Path) -> None:
    assert len(_draft_for(label)) == 1


@pytest.mark.parametrize("draft", DRAFT_FILES, ids=lambda p: p.name)
def test_each_draft_has_labels(draft: Path) -> None:
    assert (DRAFTS / f"{draft.stem}{SUFFIX}").is_file()


@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.name)
def test_labels_name_a_known_kind(label: Path, ruleset: RuleSet) -> None:
    kind = _labels(label).get("kind")
    assert isinstance(kind, str) and kind in ruleset.kinds


@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.name)
def test_expected_codes_are_gated_rules_for_the_kind(label: Path, ruleset: RuleSet) -> None:
    data = _labels(label)
    kind = data["kind"]
    expected = data.get("expected")
    assert isinstance(expected, list)
    assert len(expected) == len(set(expected)), "a code is listed twice"
    for code in expected:
        rule = ruleset.get(code)
        assert rule is not None, f"{code} is not a rule"
        assert rule.applies_to(kind), f"{code} does not apply to {kind}"
        assert rule.severity_for(kind) in GATED, f"{code} is info for {kind}"


@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.name)
def test_every_expected_code_has_a_note_and_notes_name_real_rules(
    label: Path, ruleset: RuleSet
) -> None:
    data = _labels(label)
    notes = data.get("notes", {})
    assert isinstance(notes, dict)
    for code in data["expected"]:
        assert isinstance(notes.get(code), str) and notes[code].strip()
    for code in notes:
        assert ruleset.get(code) is not None, f"note for unknown code {code}"


@pytest.mark.parametrize("draft", DRAFT_FILES, ids=lambda p: p.name)
def test_every_draft_parses(draft: Path) -> None:
    agreement = read_agreement(draft)
    assert agreement.clauses, f"{draft.name} parsed with no clauses"


def _load_holdout_script() -> ModuleType:
    return load_script("holdout.py", "holdout")


def test_disputes_name_real_drafts_and_codes(ruleset: RuleSet) -> None:
    holdout = _load_holdout_script()
    disputes = holdout.read_disputes(HOLDOUT / "disputes.toml")
    names = {p.name for p in DRAFT_FILES}
    for draft, change in disputes.items():
        assert draft in names, f"dispute for unknown draft {draft}"
        for code in change["add"] | change["remove"]:
            assert ruleset.get(code) is not None, f"dispute for unknown code {code}"


def test_disputes_correct_expected_codes_without_touching_the_labels(tmp_path: Path) -> None:
    holdout = _load_holdout_script()
    evaluate = holdout.load_evaluate()
    disputes_file = tmp_path / "disputes.toml"
    disputes_file.write_text(
        '[[dispute]]\ndraft = "a.md"\ncode = "pay002"\nchange = "remove"\nreason = "r"\n'
        '[[dispute]]\ndraft = "a.md"\ncode = "GOV005"\nchange = "add"\nreason = "r"\n',
        encoding="utf-8",
    )
    item = evaluate.Labelled(tmp_path / "a.md", {"PAY002", "END004"}, "mou")
    other = evaluate.Labelled(tmp_path / "b.md", {"PAY002"}, "mou")
    corrected = holdout.apply_disputes([item, other], holdout.read_disputes(disputes_file))
    assert corrected[0].expected == {"END004", "GOV005"}
    assert corrected[1].expected == {"PAY002"}
    assert item.expected == {"PAY002", "END004"}
