"""The sample drafts as golden files: each sidecar lists the gaps a careful reviewer would raise.

For every ``samples/NAME.expected.toml`` the sample is linted as the sidecar's ``kind``; the
codes found at error or warning must be exactly the sidecar's ``[[gap]]`` codes, and where a
gap names a clause, a finding with that code must point at that clause. ``[[info]]`` entries
are what a reviewer might also mention; they are not enforced.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from agreement_lint.engine import LintOptions, lint, load_ruleset
from agreement_lint.findings import Finding, Severity
from agreement_lint.read import read_agreement

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SIDECARS = sorted(SAMPLES.glob("*.expected.toml"))
RULESET = load_ruleset()


def _draft_for(sidecar: Path) -> Path:
    stem = sidecar.name.removesuffix(".expected.toml")
    drafts = [p for p in SAMPLES.glob(f"{stem}.*") if p != sidecar]
    assert len(drafts) == 1, f"{sidecar.name}: expected one draft beside it, found {drafts}"
    return drafts[0]


def _clause_matches(finding: Finding, clause: str) -> bool:
    location = finding.location
    return location.clause == clause or (
        location.clause is not None and location.clause.startswith(clause + ".")
    )


@pytest.mark.parametrize("sidecar", SIDECARS, ids=[p.name.split(".")[0] for p in SIDECARS])
def test_sample_findings_match_its_sidecar(sidecar: Path) -> None:
    expected = tomllib.loads(sidecar.read_text(encoding="utf-8"))
    gaps = expected.get("gap", [])
    agreement = read_agreement(_draft_for(sidecar))
    findings = lint(agreement, RULESET, LintOptions(kind=expected.get("kind")))
    serious = [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    found = {f.code for f in serious}
    wanted = {gap["code"] for gap in gaps}
    missing, extra = sorted(wanted - found), sorted(found - wanted)
    detail = "; ".join(
        f"{f.code} at {f.location.clause or 'document'}: {f.evidence or f.message}"
        for f in serious if f.code in extra
    )
    assert not missing and not extra, f"missing {missing}, unexpected {extra} ({detail})"
    for gap in gaps:
        if "clause" in gap:
            places = [f.location.clause for f in serious if f.code == gap["code"]]
            assert any(_clause_matches(f, gap["clause"]) for f in serious
                       if f.code == gap["code"]), (
                f"{gap['code']} should point at clause {gap['clause']}, found {places}"
            )


def test_the_exemplary_sample_has_no_gaps() -> None:
    exemplary = [p for p in SIDECARS
                 if not tomllib.loads(p.read_text(encoding="utf-8")).get("gap")]
    assert exemplary, "one sample should be an exemplary agreement with no gaps"
