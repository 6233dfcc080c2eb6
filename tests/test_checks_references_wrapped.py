"""A sentence wrapped onto a line that starts with a number: the number is not a clause."""

from __future__ import annotations

from agreement_lint.engine.checks import REGISTRY
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement
from agreement_lint.parser import parse_text

WRAPPED = """\
# Village Hall Memorandum

## 1. Costs

1.1 Volunteers' bus fares are paid back by the Hall within
12 days of a claim.

## 2. Ending

2.1 If the memorandum ends early, clause 12 says how the exhibition is finished.
"""


def _broken(agreement: Agreement) -> list[str]:
    hits = REGISTRY["broken-cross-reference"](CheckContext.for_agreement(agreement, {}))
    return [hit.evidence for hit in hits]


def test_a_wrapped_line_starting_with_a_number_is_not_clause_12() -> None:
    agreement = parse_text(WRAPPED)
    assert [c.reference for c in agreement.clauses] == ["1", "2"]
    assert _broken(agreement) == ["clause 12"]


def test_a_plain_text_label_after_a_full_sentence_still_counts() -> None:
    text = WRAPPED.replace("within\n12 days of a claim.", "within a fortnight.\n12 the Hall keeps "
                                                            "the receipts.")
    assert _broken(parse_text(text)) == []
