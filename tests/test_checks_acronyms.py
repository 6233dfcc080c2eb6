"""Acronyms used without being spelt out."""

from __future__ import annotations

from agreement_lint.engine.checks import REGISTRY, Hit
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement, Clause, Location, Party


def run(*texts: str, params: dict[str, object] | None = None, **extra: object) -> list[Hit]:
    clauses = tuple(Clause(number=str(i + 1), text=t, location=Location(line=10 * (i + 1)))
                    for i, t in enumerate(texts))
    agreement = Agreement(clauses=clauses, **extra)  # type: ignore[arg-type]
    return list(REGISTRY["acronym-undefined"](CheckContext.for_agreement(agreement, {},
                                                                         params=params)))


def test_an_unexplained_acronym_is_reported_once_at_its_first_use() -> None:
    hits = run("The ICB will fund the work.", "The ICB reviews progress.\nThe ICB signs off.")
    assert [(h.evidence, h.location.line) for h in hits] == [("ICB", 10)]
    assert hits[0].vars == {"acronym": "ICB"}


def test_each_way_of_expanding_counts() -> None:
    for text in (
        "The Integrated Care Board (ICB) funds the work. The ICB reviews it.",
        'The Integrated Care Board (the "ICB") funds the work. The ICB reviews it.',
        "The ICB (Integrated Care Board) funds the work.",
        '"ICB" means the Integrated Care Board. The ICB funds the work.',
        "ICB: Integrated Care Board\nThe ICB funds the work.",
    ):
        assert run(text) == [], text
    assert run("The ICB funds the work.", metadata={"glossary": ["ICB: Integrated Care Board"]}) \
        == []


def test_allow_list_roman_numerals_caps_lines_and_party_names_are_skipped() -> None:
    assert run(
        "Data stays in the UK and the EU; reports are sent as PDF files.",
        "Part IV and Schedule XII apply.",
        "THE SERVICES ARE PROVIDED AS IS WITHOUT ANY WARRANTY OF ANY KIND BY EVC.",
        "Eastgate Voices CIC (EVC) and Northfield Ltd will meet. EVC hosts.",
        "Northfield Ltd and Acme LLC agree.",
        parties=(Party(name="Eastgate Voices CIC", short_name="EVC"),),
    ) == []


def test_common_acronyms_are_still_reported_unless_allowed() -> None:
    assert [h.evidence for h in run("Patients of the NHS take part.")] == ["NHS"]
    assert run("Patients of the NHS take part.", params={"allow": ["NHS"]}) == []


def test_plural_acronyms_are_the_same_acronym() -> None:
    hits = run("Two KPIs are agreed.", "The KPI targets are reviewed.")
    assert [h.evidence for h in hits] == ["KPI"]


def test_quoted_short_forms_capital_words_and_placeholders_are_not_reported() -> None:
    assert run('We follow the United Kingdom General Data Protection Regulation (the "UK '
               'GDPR"). The UK GDPR applies.',
               "DRAFT v0.7 - BETWEEN the University AND the Forum.",
               "Tutors: TBC.") == []


def test_shouted_words_addresses_and_capital_runs_are_not_acronyms() -> None:
    assert run("WAIVER The waiver of a breach is not a waiver of another.",
               "IN NO EVENT SHALL EITHER PARTY BE LIABLE, in any case.",
               "Send notices to 740 Heinz Avenue, Berkeley, CA 94710.") == []
    assert [h.evidence for h in run("The UK GDPR and the ICB apply.")] == ["GDPR", "ICB"]


def test_acronyms_inside_company_names_are_names() -> None:
    assert run("Signed for VA Partners I, LLC and for IREYA B.V today.") == []
