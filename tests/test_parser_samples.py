"""The project's own sample drafts are read as a reader would read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreement_lint.model import Agreement, PartyType
from agreement_lint.read import read_agreement

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _read(name: str) -> Agreement:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"sample {name} is not in this checkout")
    return read_agreement(path)


def _parties(agreement: Agreement) -> list[tuple[str, str | None, PartyType]]:
    return [(p.name, p.short_name, p.type) for p in agreement.parties]


def test_community_research_collaboration() -> None:
    agreement = _read("community-research-collaboration-eastgate.md")
    assert agreement.title == "Community Research Collaboration Agreement"
    assert _parties(agreement) == [
        ("University of Northmoor", "University", PartyType.UNIVERSITY),
        ("Eastgate Residents' Health Forum CIC", "Forum", PartyType.COMMUNITY_ORGANISATION),
    ]
    assert [r.number for r in agreement.recitals] == ["(A)", "(B)", "(C)", "(D)"]
    assert agreement.clauses[0].number == "1" and agreement.clauses[0].heading == "The Project"
    assert {"University", "Forum", "Grant", "Project"} <= {d.term for d in agreement.definitions}
    assert ("clause", "1") in {(r.target_kind, r.target) for r in agreement.cross_references}
    assert [s.party for s in agreement.signatures] == [
        "the University of Northmoor", "Eastgate Residents' Health Forum CIC"]


def test_front_matter_parties_take_short_names_from_the_text() -> None:
    agreement = _read("civic-university-agreement-northmoor.md")
    assert agreement.kind == "civic-university-agreement"
    assert _parties(agreement) == [
        ("University of Northmoor", "University", PartyType.UNIVERSITY),
        ("Northmoor City Council", "Council", PartyType.LOCAL_AUTHORITY),
        ("Northmoor Teaching Hospitals NHS Foundation Trust", "Trust", PartyType.NHS_TRUST),
        ("Northmoor College", "College", PartyType.SCHOOL_COLLEGE),
        ("Northmoor Voluntary Action", "NVA", PartyType.CHARITY),
    ]
    assert [s.kind for s in agreement.schedules] == ["annex"]


def test_draft_banner_articles_and_schedule() -> None:
    agreement = _read("collaboration-agreement-green-skills-draft.md")
    assert agreement.title == "COLLABORATION AGREEMENT"
    assert "DRAFT" in agreement.preamble
    assert [p.short_name for p in agreement.parties] == ["University", "College", "Council"]
    numbers = [c.number for c in agreement.clauses]
    assert numbers[:4] == ["I", "II", "III", "IV"]
    assert agreement.clauses[0].children[0].number == "1.1"
    assert [(s.kind, s.number) for s in agreement.schedules] == [("schedule", "1")]
    assert {s.party for s in agreement.signatures} == {
        "THE UNIVERSITY OF NORTHMOOR", "NORTHMOOR COLLEGE", "NORTHMOOR CITY COUNCIL"}


def test_nhs_research_collaboration_recitals_and_schedules() -> None:
    agreement = _read("nhs-research-collaboration-agreement.md")
    assert agreement.title == "RESEARCH COLLABORATION AGREEMENT"
    assert _parties(agreement)[1][2] is PartyType.NHS_TRUST
    assert [r.number for r in agreement.recitals] == ["(A)", "(B)", "(C)"]
    assert [(s.number, s.title) for s in agreement.schedules] == [
        ("1", "PAYMENTS TO THE TRUST"), ("2", "THE PROJECT")]


def test_parties_clause_and_plain_text_sample() -> None:
    sharing = _read("data-sharing-agreement-frailty.md")
    assert [p.short_name for p in sharing.parties] == ["ICB", "University", "Council"]
    assert sharing.parties[0].type is PartyType.NHS_BODY
    placement = _read("student-placement-agreement.txt")
    assert placement.source.format == "text"
    assert _parties(placement) == [
        ("NORTHMOOR COLLEGE", "College", PartyType.SCHOOL_COLLEGE),
        ("NORTHMOOR TEACHING HOSPITALS NHS FOUNDATION TRUST", "Trust", PartyType.NHS_TRUST),
    ]
    assert placement.clauses[0].heading == "PURPOSE"


def test_plain_language_mou_signatures() -> None:
    agreement = _read("mou-public-engagement-millbrook.md")
    assert agreement.parties[1].type is PartyType.CHARITY
    assert [(s.party, s.fields.get("date")) for s in agreement.signatures] == [
        ("the University of Northmoor", "18 January 2027"),
        ("the Millbrook Heritage Society", "18 January 2027"),
    ]


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.md")) + sorted(SAMPLES.glob("*.txt")),
                         ids=lambda p: p.name)
def test_every_sample_has_an_outline(path: Path) -> None:
    agreement = read_agreement(path)
    assert agreement.clauses
    for clause in agreement.walk():
        assert clause.location.line is not None
