"""Real agreements written by others (../shared/corpus) parse, with the outline a reader sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreement_lint.model import PartyType
from agreement_lint.read import read_agreement

pytestmark = pytest.mark.corpus

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
"""``../shared/corpus`` next to the checkout; every test here skips when it is absent."""


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted([
        *CORPUS.glob("commonpaper/*.md"),
        *CORPUS.glob("community-mou-templates/*.md"),
        *CORPUS.glob("accordproject-samples/*.md"),
        *CORPUS.glob("cuad/txt/*.txt"),
    ])


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_draft_parses(path: Path) -> None:
    agreement = read_agreement(path)
    agreement.model_dump(mode="json")


def test_corpus_is_there_when_shared_is() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not available")
    assert len(list(CORPUS.glob("cuad/txt/*.txt"))) == 40


def _top(path: Path) -> list[tuple[str | None, str | None]]:
    agreement = read_agreement(_need(path))
    return [(c.number, c.heading) for c in agreement.clauses]


def test_common_paper_partnership_outline() -> None:
    path = CORPUS / "commonpaper" / "Partnership-Agreement.md"
    headings = ["Cooperation", "Payment & Taxes", "Trademark License", "Privacy",
                "Escalation Procedure", "Term & Termination", "Representations & Warranties",
                "Disclaimer of Warranties", "Limitation of Liability", "Indemnification",
                "Confidentiality", "General Terms", "Definitions"]
    assert _top(path) == [(str(i), h) for i, h in enumerate(headings, 1)]
    agreement = read_agreement(path)
    trademark = agreement.clauses[2]
    assert [(c.reference, c.heading) for c in trademark.children][:2] == [
        ("3.1", "Trademark License"), ("3.2", "Reservation of Rights")]
    fees = agreement.clauses[1].children[0].children[0]
    assert (fees.number, fees.reference, fees.heading) == ("a", "2.1(a)", "Fees and Billing")
    terms = {d.term for d in agreement.definitions}
    assert {"Affiliate", "Agreement", "Applicable Laws", "Confidential Information"} <= terms
    refs = {(r.target_kind, r.target) for r in agreement.cross_references}
    assert {("section", "3.1"), ("section", "9.1(a)"), ("section", "11")} <= refs
    assert {"3.1", "3.2", "6.4", "9.1", "11", "12.3"} <= agreement.clause_numbers()


def test_common_paper_pilot_outline() -> None:
    path = CORPUS / "commonpaper" / "Pilot-Agreement.md"
    headings = ["Pilot Access", "Term & Termination", "Representations",
                "Disclaimer of Warranties", "Limitation of Liability", "Confidentiality",
                "General Terms", "Definitions"]
    assert _top(path) == [(str(i), h) for i, h in enumerate(headings, 1)]


def test_community_mou_outline_and_parties() -> None:
    path = CORPUS / "community-mou-templates" / "nuaa-partnership-agreement-mou.md"
    headings = ["Purpose of Partnership", "Background", "Scope of Partnership",
                "Roles & Responsibilities", "Governance & Decision-Making",
                "Communication Protocols", "Information Sharing & Confidentiality",
                "Financial Arrangements", "Evaluation & Reporting", "Risk Management",
                "Quality Assurance", "Cultural Safety & Ethical Practice", "Dispute Resolution",
                "Variation, Review & Termination", "Acknowledgments", "Signatories"]
    expected = [(str(i), h) for i, h in enumerate(headings, 1)] + [(None, "Attachments")]
    assert _top(path) == expected
    agreement = read_agreement(path)
    assert [(p.name, p.short_name) for p in agreement.parties] == [
        ("NSW Users & AIDS Association (NUAA)", "Party A"),
        ("[Partner Organization Name]", "Party B"),
    ]
    assert agreement.parties[0].type is PartyType.COMMUNITY_ORGANISATION
    assert agreement.title == "Partnership Agreement / Memorandum of Understanding"
    assert [s.party for s in agreement.signatures] == [
        "NSW Users & AIDS Association (NUAA)", "[Partner Organization Name]"]


def test_cuad_numbered_contract_outline() -> None:
    path = next(iter(sorted((CORPUS / "cuad" / "txt").glob("PLAYAHOTELS*"))), None)
    if path is None:
        pytest.skip("CUAD text not available")
    headings = ["First Offer for Development Opportunities",
                "Introduction to Other Opportunities", "Notices", "Choice of Law",
                "Dispute Resolution", "Entire Agreement", "Representations and Warranties",
                "Amendment", "Waiver", "Binding Effect", "Severability",
                "Language and Counterparts", "No Representation Regarding Forecasts",
                "Waiver of Non-compensatory Damages", "Corrupt Practices"]
    assert _top(path)[:15] == [(str(i), h) for i, h in enumerate(headings, 1)]
    agreement = read_agreement(path)
    assert [p.short_name for p in agreement.parties] == ["Hyatt", "Playa"]
    assert len(agreement.recitals) == 3


def test_cuad_roman_articles_outline() -> None:
    path = next(iter(sorted((CORPUS / "cuad" / "txt").glob("MANAKOASERVICES*"))), None)
    if path is None:
        pytest.skip("CUAD text not available")
    assert _top(path) == [
        ("I", "SERVICES"), ("II", "INDEPENDENT CONTRACTOR"), ("III", "EXPENSES"),
        ("IV", "COMPENSATION"), ("V", "TERM AND TERMINATION"), ("VI", "LEGAL COMPLIANCE"),
        ("VII", "CONFIDENTIAL DATA"), ("VIII", "OTHER MATERIAL TERMS AND CONDITIONS"),
    ]
    services = read_agreement(path).clauses[0]
    assert [c.number for c in services.children][:2] == ["A", "B"]
