"""Broken cross-references, and the many ways a reference is not broken."""

from __future__ import annotations

import pytest

from agreement_lint.engine.checks import REGISTRY, Hit
from agreement_lint.engine.checks.references import external_context, roman_value, segments
from agreement_lint.engine.context import CheckContext
from agreement_lint.parser import parse_text

BODY = """# Collaboration Agreement

## 1. Definitions

1.1 "Project" means the work described in Schedule 1.

## 2. The Project

2.1 The parties will carry out the Project.

2.2 The University will:
(a) host the meetings; and
(b) keep the records.

## 3. Ending

3.1 Either party may end this Agreement on three months' notice.

3.2 {sentence}

# Schedule 1 - The Project

Paragraph one describes the work.
"""


def run(sentence: str) -> list[Hit]:
    agreement = parse_text(BODY.format(sentence=sentence))
    return list(REGISTRY["broken-cross-reference"](CheckContext.for_agreement(agreement, {})))


@pytest.mark.parametrize(
    "sentence",
    [
        "Clause 2.1 survives.",
        "Clause 2.2(b) survives.",
        "Clause 2(b) survives.",
        "Section 3.1 applies.",
        "Clause 2 applies.",
        "The work in Schedule 1 continues.",
        "Section 5 of the Act applies.",
        "Clause 7 of the Funding Agreement applies.",
        "Sections 13(d) and 14(d) of the Exchange Act apply.",
        "Paragraph 4 of Schedule 1 applies.",
    ],
)
def test_references_that_resolve_or_cite_other_documents_are_silent(sentence: str) -> None:
    assert run(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "reference"),
    [
        ("Clause 9.4 survives.", "9.4"),
        ("Clause 2.7 survives.", "2.7"),
        ("The budget in Schedule 4 applies.", "Schedule 4"),
        ("Clause 4 of this Agreement applies.", "4"),
    ],
)
def test_references_to_missing_targets_are_reported(sentence: str, reference: str) -> None:
    hits = run(sentence)
    assert len(hits) == 1
    assert reference in hits[0].vars["reference"]
    assert hits[0].location.line is not None


def test_numbering_variants_normalise_to_the_same_segments() -> None:
    assert segments("Clause 4.01(a)(iv)") == ("4", "1", "a", "iv")
    assert segments("Section 3.1") == ("3", "1")
    assert roman_value("iv") == 4 and roman_value("xiv") == 14 and roman_value("ab") is None


def test_roman_articles_resolve_arabic_references() -> None:
    text = "# Agreement\n\nARTICLE IV TERM\n\nThe term is two years.\n\nARTICLE V OTHER\n\n" \
           "As set out in Article 4, the term may be renewed.\n"
    agreement = parse_text(text)
    ctx = CheckContext.for_agreement(agreement, {})
    assert list(REGISTRY["broken-cross-reference"](ctx)) == []


def test_external_context_reads_the_words_after_and_before() -> None:
    assert external_context(" of the Securities Act of 1933", "")
    assert external_context("(b) of the Code", "")
    assert external_context(" applies", "35 U.S.C. ")
    assert not external_context(" of this Agreement", "")
    assert not external_context(" above", "")
    assert not external_context(" of the agreement", "")
