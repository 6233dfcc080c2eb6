"""The benchmark script runs end to end at tiny sizes, and its synthetic drafts stay well formed.

No timing is asserted here: the figures belong in docs/performance.md, measured on purpose.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from script_loader import load_script

CHECKOUT = Path(__file__).resolve().parents[1]
SCRIPT = CHECKOUT / "scripts" / "bench.py"


def _bench() -> ModuleType:
    return load_script("bench.py", "bench_script")


def _clause_numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"^## (\d+)\. ", text, re.MULTILINE)]


@pytest.mark.parametrize("times", [1, 3, 8])
def test_grown_drafts_number_their_clauses_in_order(times: int) -> None:
    bench = _bench()
    text = bench.SCALE_SAMPLE.read_text(encoding="utf-8")
    grown = bench.grow(text, times)
    original = _clause_numbers(text)
    numbers = _clause_numbers(grown)
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) == 1 + (len(original) - 1) * times
    assert grown.count("## SCHEDULE 1") == 1 and grown.count("SIGNED for and on behalf") == 2
    if times == 1:
        assert grown == text


def test_references_in_a_grown_draft_point_inside_their_own_copy() -> None:
    bench = _bench()
    text = bench.SCALE_SAMPLE.read_text(encoding="utf-8")
    grown = bench.grow(text, 3)
    top = max(_clause_numbers(grown))
    cited = [int(n) for n in re.findall(r"\bclauses? (\d+)", grown, re.IGNORECASE)]
    assert cited and max(cited) <= top
    assert max(cited) > max(_clause_numbers(text))  # the last copy's references moved too


def test_grown_drafts_check_without_broken_references() -> None:
    from agreement_lint.engine import LintOptions, lint
    from agreement_lint.parser import parse_text
    from agreement_lint.runner import ruleset_for

    bench = _bench()
    text = bench.SCALE_SAMPLE.read_text(encoding="utf-8")
    ruleset = ruleset_for(())

    def broken(draft: str) -> int:
        findings = lint(parse_text(draft), ruleset, LintOptions())
        return sum(1 for f in findings if f.name == "broken-cross-reference")

    assert broken(bench.grow(text, 4)) == broken(text)


def test_quick_run_writes_every_section(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--no-contract-lint",
                           "--json", str(out)], capture_output=True, text=True, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert set(figures) >= {"machine", "cold", "stages", "throughput", "scaling", "cache",
                            "floors"}
    assert figures["cold"]["runs"] == 2 and figures["cold"]["median"] > 0
    stage = figures["stages"][0]
    assert set(stage["first"]) == {"read", "parse", "rules", "report", "total"}
    assert stage["bare_lark"] > 0
    assert [row["factor"] for row in figures["scaling"]["rows"]] == [1, 2]
    assert figures["throughput"]["files"] >= 9
    assert figures["cache"]["cache_dir_exists"] is True
    floors = figures["floors"]
    assert set(floors["imports"]) == {"python", "pydantic", "click+pydantic",
                                      "click+lark+pydantic"}
    assert all(row["median"] > 0 for row in floors["imports"].values())
    assert 40 < floors["passes"]["rules"] < 50 and floors["passes"]["split_words_s_per_mb"] > 0
    assert "rule_budget_s_per_mb" not in floors  # no contract-lint, so no target to divide
    assert "cold check of" in done.stdout and "results cache" in done.stdout
    assert "floors" in done.stdout
