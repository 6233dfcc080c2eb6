"""Heads of terms set out in two plain-text columns: a label on the left, what was agreed on
the right, and the right-hand text wrapped onto lines indented to its column."""

from __future__ import annotations

from agreement_lint.parser import parse_text

HEADS_OF_TERMS = """\
HEADS OF TERMS
Community Kitchen at Oak Street

Subject to contract.

1. Parties          Oakfield University (the "University"); and Oak Street
                    Kitchen CIC, a community interest company (the "Kitchen").

2. Purpose          To run a teaching kitchen where students and residents
                    cook together.

3. Term             Two years from the date the full agreement is
                    signed, expected to be 1 March 2027.

4. Ending early     Either party may end the collaboration on three
                    months' notice.

Agreed in principle:

Signed for the University: ____________
"""


def test_a_wrapped_line_starting_with_signed_is_not_a_signature_block() -> None:
    agreement = parse_text(HEADS_OF_TERMS)
    assert [s.location.line for s in agreement.signatures] == [20]
    assert "signed, expected to be 1 March 2027" in " ".join(
        clause.text for clause in agreement.walk())


def test_left_hand_labels_are_headings() -> None:
    agreement = parse_text(HEADS_OF_TERMS)
    assert [(c.number, c.heading) for c in agreement.clauses] == [
        ("1", "Parties"), ("2", "Purpose"), ("3", "Term"), ("4", "Ending early")]
    purpose = agreement.clauses[1]
    assert purpose.text == "To run a teaching kitchen where students and residents\ncook together."


def test_parties_given_in_the_parties_row() -> None:
    agreement = parse_text(HEADS_OF_TERMS)
    assert [(p.name, p.short_name) for p in agreement.parties] == [
        ("Oakfield University", "University"), ("Oak Street Kitchen CIC", "Kitchen")]


def test_a_single_wide_gap_in_a_flattened_contract_is_not_a_column() -> None:
    agreement = parse_text(
        "2. COMPENSATION   The Company shall pay the Consultant a monthly fee.\n\n"
        "3. TERM This Agreement runs for one year.\n")
    assert agreement.clauses[0].heading != "COMPENSATION"
