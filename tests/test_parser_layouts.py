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


# ------------------------------------------------------------------ parties as a list

NESTED_NUMBERED_PARTIES = """\
# Information Sharing Protocol

## Evaluation of the homework club in Marsh Lane schools

**Issue 2, March 2027**

### Parties

1. **Marsh Lane Schools Trust**, a multi-academy trust whose office is at 4 Canal Street,
   Marshby (the "Trust"); and
2. **The University of Fenwick**, acting through its School of Education (the "University").

### 1. Why the information is shared

1.1 The Trust wants to know whether the homework club helps pupils.
"""

SIGNATORY_LIST = """\
# Fenwick Civic Compact 2027-2030

## What we are promising together

### The signatories

This compact is made between the following organisations (together "the
partners"):

1. the University of Fenwick (the "University");
2. Fenwick College (the "College");
3. Fenwick Borough Council (the "Council"); and
4. Marsh Lane Tenants' Association, a residents' group for the Marsh Lane estate
   (the "Association").

### 1. Our town

1.1 This compact is about the town of Fenwick.
"""


def test_numbered_parties_under_a_nested_heading() -> None:
    agreement = parse_text(NESTED_NUMBERED_PARTIES)
    assert [(p.name, p.short_name) for p in agreement.parties] == [
        ("Marsh Lane Schools Trust", "Trust"), ("The University of Fenwick", "University")]


def test_list_of_signatory_organisations() -> None:
    agreement = parse_text(SIGNATORY_LIST)
    assert [(p.name, p.short_name) for p in agreement.parties] == [
        ("University of Fenwick", "University"), ("Fenwick College", "College"),
        ("Fenwick Borough Council", "Council"), ("Marsh Lane Tenants' Association", "Association"),
    ]


def test_signatories_after_the_clauses_are_not_the_parties() -> None:
    text = """\
# Reading Partnership

## 1. What we will do

1.1 We will run a reading club.

## 2. Signatories

- For the University: Dr A Patel
- For the Library: Ms B Cole
"""
    assert parse_text(text).parties == ()


# ------------------------------------------------------------------ definitions

DEFINITIONS_IN_BOLD = """\
# Clinical Teaching Agreement

## 1. Definitions

1.1 In this agreement:

"**Teaching Session**" or "**TS**" means a block of three hours of teaching;

"**Placement Lead**" means the person named in clause 4;

**"Site"** means the ward where a student is placed.

## 2. Teaching

2.1 Each TS is led by the Placement Lead at the Site.
"""


def test_bold_inside_quotes_and_names_defined_together() -> None:
    agreement = parse_text(DEFINITIONS_IN_BOLD)
    terms = [(d.term, d.location.line) for d in agreement.definitions]
    assert terms == [("Teaching Session", 7), ("TS", 7), ("Placement Lead", 9), ("Site", 11)]
    assert agreement.definitions[0].text == agreement.definitions[1].text


def test_quoted_words_in_a_sentence_are_not_defined_together() -> None:
    agreement = parse_text('''\
# Agreement

## 1. Terms

1.1 Residents said "yes" and "Hub" means the village hall on Station Road.
''')
    assert [d.term for d in agreement.definitions] == ["Hub"]


GLOSSARY_AND_FIELD_TABLES = """\
# Data Sharing Protocol

## 1. Words we use

| Acronym | In full |
|---|---|
| UPN | Unique Pupil Number |
| KS2 | Key Stage 2 |

## 2. What is shared

| Field | Detail |
|---|---|
| FSM | eligible in the last six years |
| UPN | replaced by a study number |
"""


def test_a_glossary_of_acronyms_defines_them_and_a_field_table_does_not() -> None:
    agreement = parse_text(GLOSSARY_AND_FIELD_TABLES)
    assert [(d.term, d.text, d.style) for d in agreement.definitions] == [
        ("UPN", "Unique Pupil Number", "table"), ("KS2", "Key Stage 2", "table")]
