"""Unfilled placeholders, and the brackets and blanks that are meant to be there."""

from __future__ import annotations

import pytest

from agreement_lint.engine.checks import REGISTRY, Hit
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement, Clause, Location, Party, SignatureBlock


def run(agreement: Agreement) -> list[Hit]:
    return list(REGISTRY["placeholder"](CheckContext.for_agreement(agreement, {})))


def body(text: str, line: int = 10) -> Agreement:
    return Agreement(clauses=(Clause(number="3", text=text, location=Location(line=line)),))


@pytest.mark.parametrize(
    "placeholder",
    ["[•]", "[ ]", "[Insert amount]", "[Name]", "[Date]", "[Partner Organization Name]",
     "{{start_date}}", "{partner}", "XX/XX/XXXX", "£[ ]", "______", "[*]", "TBC",
     "[insert details of the venue]", "[title]", "$X,XXX"],
)
def test_each_kind_of_placeholder_is_found(placeholder: str) -> None:
    hits = run(body(f"The Partner will receive {placeholder} for the work."))
    assert [h.evidence for h in hits] == [placeholder.strip()]


@pytest.mark.parametrize(
    "text",
    [
        "See [the guidance](https://example.org/guide) for details.",
        "As set out in recital [A] and note [1], following [2019] EWHC 12.",
        "3.7 [Reserved]",
        "[Signature page follows]",
        "The word [sic] is quoted as written.",
        "- [ ] Agree the budget",
        "[General Rules]",
    ],
)
def test_links_labels_citations_and_reserved_are_not_placeholders(text: str) -> None:
    assert run(body(text)) == []


def test_hits_are_placed_on_their_own_line() -> None:
    hits = run(body("First line is complete.\nThe fee is £[ ].\nThird [Date].", line=20))
    assert [(h.location.line, h.evidence) for h in hits] == [(21, "£[ ]"), (22, "[Date]")]


def test_signature_lines_are_expected_but_bracketed_fields_are_not() -> None:
    text = ("IN WITNESS WHEREOF the parties have signed this Agreement.\n"
            "By: ______________\nName: ______________\nTitle: [title]")
    assert [h.evidence for h in run(body(text))] == ["[title]"]
    assert run(body("Signature: __________")) == []


def test_page_initials_boxes_are_expected() -> None:
    assert run(body("Notices are delivered after five days. 4 ____ ____\nNext clause.")) == []


def test_blanks_outside_a_signature_block_are_placeholders() -> None:
    hits = run(body("This Agreement is dated ______, 2026."))
    assert [h.evidence for h in hits] == ["______"]


def test_redaction_marks_are_not_placeholders() -> None:
    assert run(body("The fee is [***] payable in [* * *] instalments.")) == []
    text = ("Certain portions have been omitted pursuant to a request for confidential "
            "treatment. The fee is [*].")
    assert run(body(text)) == []
    assert run(body("The fee is [***]. It is dated [* *], 2017 and the amount is [*].")) == []


def test_title_parties_front_matter_and_signature_fields_are_scanned() -> None:
    agreement = Agreement(
        title="Agreement with [Partner Name]",
        parties=(Party(name="[Insert name of organisation]"),),
        metadata={"start": "{{start_date}}"},
        signatures=(SignatureBlock(party="Group", fields={"date": "[Date]", "signature": ""}),),
    )
    found = {h.evidence for h in run(agreement)}
    assert found == {"[Partner Name]", "[Insert name of organisation]", "{{start_date}}", "[Date]"}


def test_lines_are_right_on_a_parsed_draft() -> None:
    from agreement_lint.parser import parse_text

    text = ("# Partnership Agreement\n\n## 1. Payment\n\nThe University will pay [Insert amount]."
            "\nPayment is due on XX/XX/XXXX.\n\n## 2. Ending\n\n2.1 Either party may end this "
            "on [•] notice.\nSee {{schedule}}.\n")
    hits = run(parse_text(text))
    assert [(h.location.line, h.evidence) for h in hits] == [
        (5, "[Insert amount]"), (6, "XX/XX/XXXX"), (10, "[*]"), (11, "{{schedule}}")]


def test_signature_fields_are_placed_on_their_own_lines() -> None:
    from agreement_lint.parser import parse_text

    text = ("# Agreement\n\n1. The parties agree.\n\nSigned for and on behalf of the University\n"
            "Signature: ________\nName: [Name]\nDate: [Date]\n")
    hits = run(parse_text(text))
    assert [(h.location.line, h.evidence) for h in hits] == [(7, "[Name]"), (8, "[Date]")]
