"""The rule set's compiled patterns are kept between runs: findings are the same whether the
store is empty, full or damaged, and a changed rule set gets a store of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreement_lint import regexstore
from agreement_lint.engine import lint, load_ruleset
from agreement_lint.engine.concepts import Concept, ConceptSpec, pattern_store
from agreement_lint.engine.prefilter import TextIndex
from agreement_lint.read import read_agreement

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

needs_cpython = pytest.mark.skipif(regexstore._ENGINE is None, reason="needs CPython's _sre")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "agreement-lint"


def _findings(path: Path) -> list[tuple[str, str, str]]:
    """The findings of a fresh rule set (as in a new process) on one sample."""
    ruleset = load_ruleset()
    return [(f.code, f.message, f.evidence)
            for f in lint(read_agreement(path), ruleset)]


@needs_cpython
def test_findings_are_the_same_with_an_empty_a_full_and_a_damaged_store(cache: Path) -> None:
    samples = sorted(SAMPLES.glob("*.md"))[:3]
    assert samples
    first = [_findings(path) for path in samples]
    (stored,) = cache.glob("regex-rules-*.json")
    assert [_findings(path) for path in samples] == first
    stored.write_text('{"format": 1, "fingerprint": "', encoding="utf-8")
    assert [_findings(path) for path in samples] == first


@needs_cpython
def test_a_full_store_needs_no_compiling(cache: Path) -> None:
    sample = sorted(SAMPLES.glob("*.md"))[0]
    _findings(sample)
    ruleset = load_ruleset()
    store = pattern_store(ruleset.concepts)
    lint(read_agreement(sample), ruleset)
    assert store._patterns  # the concepts' patterns came from the file
    assert not store._added  # and none was missing


def _concepts(*body: str) -> dict[str, Concept]:
    return {"paid": Concept("paid", ConceptSpec(heading=("payment",), body=body))}


@needs_cpython
def test_a_changed_rule_set_gets_a_store_of_its_own(cache: Path) -> None:
    one = pattern_store(_concepts("pay(ment)?s?", "fees?"))
    same = pattern_store(_concepts("pay(ment)?s?", "fees?"))
    other = pattern_store(_concepts("pay(ment)?s?", "fees?", "honorari(um|a)"))
    assert one.path == same.path
    assert one.path != other.path


def test_concepts_share_the_store_they_were_given(cache: Path) -> None:
    concepts = {**_concepts("fees?"),
                "money": Concept("money", ConceptSpec(body=("£ ?\\d+",)))}
    store = pattern_store(concepts)
    assert pattern_store(concepts) is store
    assert all(concept.store is store for concept in concepts.values())


@needs_cpython
def test_prefixes_from_the_store_find_what_fresh_ones_find(cache: Path) -> None:
    text = "The fees are payable. Payments of £ 250 follow.\nFees: none."
    fresh = _concepts("pay(ment)?s?", "fees?", "£ ?\\d+")["paid"]
    expected = fresh.body_hits(text)
    saving = _concepts("pay(ment)?s?", "fees?", "£ ?\\d+")
    store = pattern_store(saving)
    assert saving["paid"].body_hits(text, TextIndex.build(text)) == expected
    store.save()
    again = _concepts("pay(ment)?s?", "fees?", "£ ?\\d+")
    pattern_store(again)
    assert again["paid"].body_hits(text, TextIndex.build(text)) == expected
    assert again["paid"].body_present(text, TextIndex.build(text))
