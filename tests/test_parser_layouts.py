"""Layouts that drafters use for headings, party lists and definitions, read as they mean.

Each draft below is written the way a coordinator or a contracts officer lays a draft out when
no template guides them: headings in bold and in sentence case, parties as a numbered or
bulleted list, bold inside a quoted defined term, a sentence that wraps onto a line starting
with a number.
"""

from __future__ import annotations

from agreement_lint.model import Agreement, Clause
from agreement_lint.parser import parse_text


def _headings(agreement: Agreement) -> list[str | None]:
    return [clause.heading for clause in agreement.clauses]


def _clause(agreement: Agreement, heading: str) -> Clause:
    return next(clause for clause in agreement.clauses if clause.heading == heading)


# ------------------------------------------------------------------ bold headings

SENTENCE_CASE_BOLD = """\
**Memorandum of Understanding: Tenants' Repair Café**

**Between** Oakfield University (the "University") and Oakfield Tenants' Forum (the "Forum").

**Why we are working together**

Repairs take too long on the Oakfield estate, and tenants want to learn to fix small things.

**What success looks like**

By the end of the year 60 tenants will have been to at least one session.

**Money**

The University pays the Forum £2,000 for the hall.

**How we will keep in touch**

The coordinators speak each fortnight.
"""


def test_bold_lines_alone_in_sentence_case_are_headings() -> None:
    agreement = parse_text(SENTENCE_CASE_BOLD)
    assert _headings(agreement) == [
        "Why we are working together", "What success looks like", "Money",
        "How we will keep in touch",
    ]
    assert _clause(agreement, "What success looks like").text.startswith("By the end of the year")
    assert "fortnight" not in _clause(agreement, "Money").text


BOLD_CAPTIONS_AND_LEAD_INS = """\
# Makerspace Partnership Agreement

This agreement is between Oakfield University and Oakfield Makers CIC.

## Key Terms

**Effective Date**

**The date the terms start**

The date of the last signature.

**Governing Law**

The laws of England and Wales.

**Both partners commit to**:

- meet each term.

**Notices go to the coordinators named below.**
"""


def test_bold_caption_lead_in_and_sentence_stay_text() -> None:
    agreement = parse_text(BOLD_CAPTIONS_AND_LEAD_INS)
    key_terms = agreement.clauses[0]
    assert [child.heading for child in key_terms.children] == ["Effective Date", "Governing Law"]
    effective = key_terms.children[0]
    assert effective.text.startswith("**The date the terms start**")
    governing = key_terms.children[1]
    assert "commit to" in governing.text
    assert "Notices go to" in governing.text
