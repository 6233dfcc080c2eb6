"""Drafting the checks were not first written for: plain English, first person, question
headings, bilingual headings, codes that look like acronyms, references into legislation.

Each case is written for this file (not taken from any evaluation draft) and names the class of
drafting it stands for.
"""

from __future__ import annotations

from agreement_lint.engine import LintOptions, lint, load_ruleset
from agreement_lint.parser import parse_text

RULESET = load_ruleset()
PARTIES = ('This agreement is between Oakfield Befrienders ("the Charity") and the '
           'University of Northtown ("the University").')


def codes(text: str, code: str, kind: str = "collaboration-agreement") -> list[str]:
    """The findings of one rule on a draft, as ``CODE`` strings."""
    findings = lint(parse_text(text), RULESET, LintOptions(kind=kind, select=(code,)))
    return [f.code for f in findings]


def test_either_of_us_holds_a_right_to_end_and_needs_notice() -> None:
    draft = f"""# Partnership Agreement

{PARTIES}

## 9. Ending

9.1 Either of us can end this agreement by writing to the other.
"""
    assert codes(draft, "END003") == ["END003"]
    assert codes(draft, "END004") == []


def test_either_of_us_with_notice_is_silent() -> None:
    draft = f"""# Partnership Agreement

{PARTIES}

## 9. Ending

9.1 Either of us can end this agreement by giving the other two months' notice in writing.
"""
    assert codes(draft, "END003") == []


def test_plain_stop_the_project_is_a_one_sided_right() -> None:
    draft = f"""# Project Agreement

{PARTIES}

## 7. Stopping

The University can stop the project if its grant is withdrawn,
by telling the Charity a month before.
"""
    assert codes(draft, "END004", kind="engagement-project") == ["END004"]


def test_stop_without_the_project_is_not_a_right_to_end() -> None:
    draft = f"""# Project Agreement

{PARTIES}

## 4. Sessions

The University can stop a session early if the room is needed.
Either party may end this agreement on one month's notice.
"""
    assert codes(draft, "END004", kind="engagement-project") == []


def test_plain_weeks_before_is_a_notice_period() -> None:
    draft = f"""# Project Agreement

{PARTIES}

## 7. Stopping

Either of us can stop the project by telling the other six weeks before.
"""
    assert codes(draft, "END003", kind="engagement-project") == []


def party_names(text: str) -> list[str]:
    """The names of the parties the parser finds."""
    return [party.name for party in parse_text(text).parties]


def test_bilingual_parties_heading_opens_the_party_list() -> None:
    draft = """# Cytundeb / Partnership Agreement

## Parties (Partïon)

This Agreement is made between:

1. Northtown University (the "University");
2. Northtown County Council (the "Council").

## 1. Purpose (Diben)

The partners will open the library to residents.
"""
    assert party_names(draft) == ["Northtown University", "Northtown County Council"]


def test_question_heading_over_a_bulleted_list_of_parties() -> None:
    draft = """# Neighbourhood Charter

## Who has signed this Charter?

This Charter is made between:

- Eastside Borough Council ("the Council"); and
- Eastside Residents' Association ("the Association").

## Our promises

The Council will meet the Association every quarter.
"""
    assert party_names(draft) == ["Eastside Borough Council", "Eastside Residents' Association"]


def test_numbered_party_list_after_an_introducing_line() -> None:
    draft = """# Consortium Agreement

## Parties

This Consortium Agreement (the "Agreement") is entered into by and among:

1. Harbour University, a higher education corporation (the "University");
2. Saltings Community Trust, a registered charity (the "Trust"),

each a "Party".

## Article 1 Definitions

1.01 "Project" means the work in Exhibit A.
"""
    assert party_names(draft) == ["Harbour University", "Saltings Community Trust"]


def test_first_person_between_us_names_both_parties() -> None:
    draft = """# Volunteering Agreement

## 1. Who we are

1.1 This agreement is between us, Oakfield Befrienders, a registered charity ("the Charity",
"we"), and the University of Northtown ("the University").

1.2 We have run befriending schemes since 2005.

## 2. What we will do

2.1 We will train each student.
"""
    assert party_names(draft) == ["Oakfield Befrienders", "University of Northtown"]


def test_two_organisations_on_one_line_are_two_parties() -> None:
    draft = """# Project Agreement

Between Eastside Youth Club and the University of Northtown

## 1. What we will do

The Youth Club will host the sessions.
"""
    assert party_names(draft) == ["Eastside Youth Club", "University of Northtown"]


def test_a_name_holding_and_stays_whole() -> None:
    draft = """# Memorandum of Understanding

Between Fenmouth and Wash Integrated Care Board

## 1. Purpose

To evaluate the service.
"""
    names = party_names(draft)
    assert "Fenmouth" not in names and "Wash Integrated Care Board" not in names


def test_postcodes_and_catalogue_codes_are_not_acronyms() -> None:
    draft = """# Loan Agreement

From: Harbour Museum, 4 Quay Street, Saltings SA9 4QT

## 1. Objects

1.1 The Museum lends the objects HM.1902.7 and HM.1902.8 to the University.
"""
    assert codes(draft, "LANG001") == []


def test_an_unexplained_acronym_beside_a_postcode_is_still_reported() -> None:
    draft = """# Loan Agreement

From: Harbour Museum, 4 Quay Street, Saltings SA9 4QT

## 1. Objects

1.1 The University will complete a DPIA before the loan.
"""
    assert codes(draft, "LANG001") == ["LANG001"]


def test_articles_of_the_regulation_a_draft_cites_are_not_its_own() -> None:
    draft = """# Data Sharing Agreement

## 1. Lawful basis

1.1 The Trust shares the data under Article 6(1)(e) of the UK General Data Protection
Regulation, with Article 9(2)(h) for health data.

1.2 The conditions in clause 4.2 apply.
"""
    findings = lint(parse_text(draft), RULESET,
                    LintOptions(kind="data-sharing-agreement", select=("STR004",)))
    assert [f.evidence for f in findings] == ["clause 4.2"]


def test_articles_are_checked_in_a_draft_numbered_in_articles() -> None:
    draft = """# Consortium Agreement

## Article 1 Definitions

Words have the meanings in Article 3. The EU Directive on open data applies too.

## Article 2 Term

The agreement runs for two years.
"""
    assert codes(draft, "STR004") == ["STR004"]


def test_a_stated_length_that_the_dates_contradict() -> None:
    draft = """# Partnership Agreement

## 2. Term

2.1 This agreement lasts for two years from 1 April 2027 to 31 March 2028.
"""
    findings = lint(parse_text(draft), RULESET, LintOptions(select=("STR009",)))
    assert [f.code for f in findings] == ["STR009"]
    assert "1 year" in findings[0].message


def test_a_stated_length_that_the_dates_agree_with() -> None:
    draft = """# Partnership Agreement

## 2. Term

2.1 This agreement lasts for 18 months from 1 April 2027 to 30 September 2028.
"""
    assert codes(draft, "STR009") == []
