"""The evaluation script measures what it says: CUAD false alarms, ablation recall, and
precision/recall on labelled drafts. Small fixtures built here; the corpus run is skipped when
``../shared`` is absent."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from types import ModuleType

import pytest
from script_loader import load_script

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _load_script() -> ModuleType:
    return load_script("evaluate.py", "evaluate")


evaluate = _load_script()

MOU_WITH_EXIT = """# Memorandum of Understanding

This memorandum is between the University of Northtown (the "University") and the Riverside
Residents Group, a community group (the "Group").

## 1. Purpose
The partners aim to reduce isolation among older residents of the estate.

## 2. Payment
The University will pay the Group £300 for each event, within 30 days of its invoice.

## 3. Duration
This memorandum starts on 1 April 2026 and ends on 31 March 2027.

## 4. Ending early
Either partner may withdraw from the partnership by giving one month's written notice.
"""


@pytest.fixture(scope="module")
def ruleset() -> object:
    from agreement_lint.engine import load_ruleset

    return load_ruleset()


def test_cuad_join_strips_the_extension_quotes_and_ampersands() -> None:
    assert evaluate.cuad_stem("A&B CORP_EX-10.1-AGREEMENT.PDF") == "A_B CORP_EX-10.1-AGREEMENT"
    assert evaluate.cuad_stem("X-AGREEMENT.pdf'") == "X-AGREEMENT"


def test_cuad_presence_reads_yes_no_answers_and_annotated_spans() -> None:
    row = {"Ip Ownership Assignment": "['assigns']", "Ip Ownership Assignment-Answer": "No",
           "Expiration Date": "['ends on 1 May 2020']", "Expiration Date-Answer": "",
           "Renewal Term": "[]", "Renewal Term-Answer": ""}
    assert not evaluate.cuad_present(row, "Ip Ownership Assignment")
    assert evaluate.cuad_present(row, "Expiration Date")
    assert not evaluate.cuad_present(row, "Renewal Term")


def test_delete_lines_removes_only_the_spans() -> None:
    text = "one\ntwo\nthree\nfour\n"
    spans = [evaluate.Span(2, 3, "x")]
    assert evaluate.delete_lines(text, spans) == "one\nfour\n"


def test_cuad_counts_a_missing_finding_only_where_the_clause_is_marked_present(
    tmp_path: Path, ruleset: object
) -> None:
    cuad = tmp_path / "cuad"
    (cuad / "txt").mkdir(parents=True)
    (cuad / "txt" / "WITH_IP.txt").write_text(
        "COLLABORATION AGREEMENT\n\n1. Ownership. All intellectual property in the results "
        "shall vest in the Company.\n", encoding="utf-8")
    (cuad / "txt" / "NO_IP.txt").write_text(
        "COLLABORATION AGREEMENT\n\n1. Services. The Consultant will advise the Company.\n",
        encoding="utf-8")
    columns = ["Filename", "Ip Ownership Assignment", "Ip Ownership Assignment-Answer"]
    with (cuad / "labels.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerow({"Filename": "WITH_IP.pdf", "Ip Ownership Assignment": "['vest']",
                         "Ip Ownership Assignment-Answer": "Yes"})
        writer.writerow({"Filename": "NO_IP.pdf", "Ip Ownership Assignment": "['x']",
                         "Ip Ownership Assignment-Answer": "Yes"})
    result = evaluate.evaluate_cuad(cuad, ruleset)
    own = next(r for r in result["rules"] if r["rule"] == "OWN001")
    assert result["contracts"] == 2
    assert own["present"] == 2
    assert own["documents"] == ["NO_IP"]
    assert own["rate"] == pytest.approx(0.5)
    assert not own["ok"]


def test_ablation_removes_the_exit_clause_and_the_rule_notices(
    tmp_path: Path, ruleset: object
) -> None:
    draft = tmp_path / "mou.md"
    draft.write_text(MOU_WITH_EXIT, encoding="utf-8")
    result = evaluate.evaluate_ablation([draft], ruleset)
    assert "termination" in result["concepts"]["mou.md"]
    for mode in ("matched", "dedicated"):
        trials = [t for t in result[mode]["trials"] if t["rule"] == "END002"]
        assert trials, mode
        assert all(t["fired"] for t in trials), trials
        assert any("Ending early" in removed for t in trials for removed in t["removed"])


def test_labelled_drafts_count_true_false_and_missed_findings(
    tmp_path: Path, ruleset: object
) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "short.md").write_text(MOU_WITH_EXIT.split("## 4.")[0], encoding="utf-8")
    (folder / "short.labels.toml").write_text(
        'kind = "mou"\nexpected = ["END002", "CIV001"]\ninfo = ["GOV001"]\n', encoding="utf-8")
    items = evaluate.labelled_set(folder, ".labels.toml")
    assert [i.path.name for i in items] == ["short.md"]
    result = evaluate.evaluate_labelled(items, ruleset)
    rows = {r["rule"]: r for r in result["rules"]}
    assert rows["END002"]["tp"] == 1 and rows["END002"]["fn"] == 0
    assert rows["CIV001"]["fn"] == 1  # does not apply to an MoU: a miss, honestly counted
    assert "GOV001" not in {code for d in result["documents"] for code in d["false_positives"]}
    overall = result["overall"]
    assert overall["tp"] + overall["fn"] == 2
    assert result["by_check"]["data"]["tp"] == 1


def test_sidecar_formats_gap_tables_and_expected_lists_are_both_read(tmp_path: Path) -> None:
    sidecar = tmp_path / "a.expected.toml"
    sidecar.write_text('kind = "mou"\n[[gap]]\ncode = "pay001"\nwhy = "x"\n[[info]]\n'
                       'code = "OWN005"\n', encoding="utf-8")
    expected, optional, kind = evaluate.read_labels(sidecar)
    assert expected == {"PAY001"} and optional == {"OWN005"} and kind == "mou"


def test_main_writes_json_and_skips_what_is_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(evaluate, "ROOT", tmp_path)
    out = tmp_path / "figures.json"
    lines: list[str] = []
    results = evaluate.run(tmp_path / "no-shared", root=tmp_path, emit=lines.append)
    assert "cuad" not in results and "ablation" not in results
    assert any("CUAD skipped" in line for line in lines)
    assert evaluate.main(["--shared", str(tmp_path / "no-shared"), "--json", str(out)]) == 0
    assert "samples" in json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is absent")
def test_corpus_figures_meet_the_targets(ruleset: object) -> None:
    lines: list[str] = []
    results = evaluate.run(SHARED, emit=lines.append)
    for row in results["cuad"]["rules"]:
        assert row["ok"], row
    assert results["ablation"]["matched"]["recall"] >= evaluate.ABLATION_TARGET
