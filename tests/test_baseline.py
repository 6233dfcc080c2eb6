"""Baselines record findings by identity and count, and survive edits above a clause."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agreement_lint.baseline import baseline_document, load_baseline, write_baseline
from agreement_lint.errors import ConfigError
from agreement_lint.findings import Finding, Severity
from agreement_lint.model import Location
from agreement_lint.report import FileResult


def _finding(line: int, clause: str = "4.2", evidence: str = "TBC") -> Finding:
    return Finding(code="STR002", name="placeholder", severity=Severity.ERROR,
                   message="placeholder", evidence=evidence,
                   location=Location(line=line, column=1, clause=clause))


def _result(*findings: Finding, path: str = "drafts/mou.md") -> FileResult:
    return FileResult(path=path, canonical=path, findings=findings)


def test_document_counts_repeated_findings_and_is_stable() -> None:
    results = [_result(_finding(10), _finding(12), _finding(30, clause="7"))]
    now = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    document = baseline_document(results, now=now)
    assert document["version"] == 1 and document["created"] == "2026-03-01T09:30:00+00:00"
    entries = document["entries"]
    assert sorted((e["clause"], e["count"]) for e in entries) == [("4.2", 2), ("7", 1)]
    assert all(set(e) == {"path", "fingerprint", "code", "clause", "count"} for e in entries)
    assert baseline_document(list(reversed(results)), now=now) == document


def test_moved_lines_are_still_known_and_extra_occurrences_are_new(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    assert write_baseline(path, [_result(_finding(10), _finding(12))]) == 2
    baseline = load_baseline(path)
    moved = baseline.filter(_result(_finding(25), _finding(27)))
    assert moved.findings == () and moved.baselined == 2
    more = baseline.filter(_result(_finding(25), _finding(27), _finding(29)))
    assert len(more.findings) == 1 and more.baselined == 2
    elsewhere = baseline.filter(_result(_finding(10), path="drafts/other.md"))
    assert len(elsewhere.findings) == 1
    new_words = baseline.filter(_result(_finding(10, evidence="[Insert date]")))
    assert len(new_words.findings) == 1


@pytest.mark.parametrize(("content", "message"), [
    ("{", "baseline is not valid JSON"),
    ('{"version": 99, "entries": []}', "is not an agreement-lint baseline"),
    ('{"version": 1, "entries": [{"count": 2}]}', "entry 1 needs a fingerprint"),
    ('{"version": 1, "entries": [{"fingerprint": "x", "count": 0}]}', "positive count"),
])
def test_damaged_baselines_are_config_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_baseline(path)


def test_missing_baseline_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="baseline create"):
        load_baseline(tmp_path / "none.json")


def test_written_file_is_json_with_a_newline(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(path, [_result(_finding(1))])
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and json.loads(text)["entries"][0]["path"] == "drafts/mou.md"
