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


# --- Plain, values-led wording -------------------------------------------------------------

def test_a_small_group_that_meets_and_decides_together_is_governance() -> None:
    draft = f"""# Memorandum of Understanding

{PARTIES}

## 4. Running the project

4.1 A pilot group of two befrienders and two researchers will meet every month.

4.2 The core team will meet each week over lunch and decide any next steps together.
"""
    assert codes(draft, "GOV001", kind="mou") == []


def test_asking_each_other_how_it_is_going_is_a_review() -> None:
    draft = f"""# Memorandum of Understanding

{PARTIES}

## 5. Keeping an eye on things

Twice a year we will ask one another openly how the partnership is going.
"""
    assert codes(draft, "AIM003", kind="mou") == []


def test_a_committee_that_reviews_the_work_is_a_review() -> None:
    draft = f"""# Partnership Agreement

{PARTIES}

## 6. Oversight

6.1 The liaison committee meets each term and reviews volunteer numbers and visitor comments.
"""
    assert codes(draft, "AIM003") == []


def test_what_each_partner_brings_is_a_division_of_roles() -> None:
    draft = f"""# Memorandum of Understanding

{PARTIES}

## 3. What we each bring

The Charity brings its befrienders and its office. The University brings a researcher who
will write the interview guide.
"""
    assert codes(draft, "GOV003", kind="mou") == []


def test_tenants_who_shape_the_work_have_a_voice() -> None:
    draft = f"""# Project Agreement

{PARTIES}

## 8. Residents' say

Tenants shape the study through two seats on the project board and a yearly open meeting.
"""
    assert codes(draft, "INC001", kind="engagement-project") == []


def test_time_given_as_volunteers_is_an_unpaid_contribution() -> None:
    draft = f"""# Memorandum of Understanding

{PARTIES}

## 4. Befriending

The Charity's befrienders give their time as volunteers to visit older people at home.

## 5. Payment

The University will pay the Charity £500 for room hire within 30 days of its invoice.
"""
    assert codes(draft, "PAY004", kind="mou") == ["PAY004"]


def test_a_university_giving_something_free_is_not_an_unpaid_community_partner() -> None:
    draft = f"""# Partnership Agreement

{PARTIES}

## 6. Support

The University provides a library card to every befriender free of charge.

## 7. Payment

The University will pay the Charity £3,000 within 30 days of each invoice.
"""
    assert codes(draft, "PAY004") == []


def test_knowing_we_have_done_well_is_a_measure() -> None:
    draft = f"""# Memorandum of Understanding

{PARTIES}

## 2. What we hope for

We aim to reduce loneliness among older people in Oakfield.
We will know we have succeeded if people tell us they feel less alone.
"""
    assert codes(draft, "AIM002", kind="mou") == []


# --- Plain-text headings and hollow headings -------------------------------------------------

def test_a_short_numbered_plain_text_line_over_prose_is_a_heading() -> None:
    draft = """COMPACT OF FRIENDSHIP

between Oakfield Befrienders ("the Charity") and the University of Northtown ("the University")

1. Where we are going

We aim to reduce loneliness among older people in Oakfield by listening to them.

2. Fair pay

The University will pay the Charity £900 within 30 days of its invoice.
"""
    agreement = parse_text(draft)
    assert [c.heading for c in agreement.clauses] == ["Where we are going", "Fair pay"]
    assert agreement.clauses[0].text.startswith("We aim")


def test_a_numbered_list_of_sentences_is_not_read_as_headings() -> None:
    draft = """# Agreement

1. The Charity will recruit ten befrienders.
2. The University will train them.
"""
    agreement = parse_text(draft)
    assert all(c.heading is None for c in agreement.clauses)


def test_a_heading_over_a_pointer_to_a_missing_clause_does_not_count() -> None:
    draft = f"""# Partnership Agreement

{PARTIES}

## 7. Changes and complaints

7.1 This agreement may be changed in writing by both partners. Complaints between the
partners are handled as set out in clause 14.
"""
    assert codes(draft, "GOV005") == ["GOV005"]


def test_a_pointer_to_a_clause_that_exists_keeps_the_heading() -> None:
    draft = f"""# Partnership Agreement

{PARTIES}

## 7. Changes and complaints

7.1 This agreement may be changed in writing by both partners. Complaints between the
partners are handled as set out in clause 8.

## 8. Settling complaints

8.1 The two leads will meet within 14 days; if that fails, the partners will ask a mediator.
"""
    assert codes(draft, "GOV005") == []


# --- Parties ---------------------------------------------------------------------------------

def test_a_bold_and_line_names_the_second_party_and_a_version_line_names_none() -> None:
    draft = """# Teaching Agreement

**Between** the University of Northtown ("the University")
**and** Hillside Surgeries Ltd, for its four practices ("the Surgeries").

Draft 2, for the partners' meeting on 4 May 2027.

## 1. Purpose

The Surgeries will host medical students.
"""
    names = [p.name for p in parse_text(draft).parties]
    assert names == ["the University of Northtown", "Hillside Surgeries Ltd"] or names == [
        "University of Northtown", "Hillside Surgeries Ltd"]


# --- Computed checks -------------------------------------------------------------------------

def test_a_final_decision_or_approval_by_one_partner_is_one_sided() -> None:
    final = f"""# Civic Agreement

{PARTIES}

## 5. Decisions

5.1 The board works by agreement, but where it cannot agree the University's decision is final.
"""
    approval = f"""# Commission

{PARTIES}

## 4. Planning

4.1 The Charity will send a programme of visits for the University's approval by 1 June.
"""
    assert codes(final, "GOV002") == ["GOV002"]
    assert codes(approval, "GOV002") == ["GOV002"]


def test_each_listed_duty_counts_as_an_obligation() -> None:
    duties = "\n".join(f"- deliver befriending round {n};" for n in range(1, 10))
    draft = f"""# Commission

{PARTIES}

## 4. The Charity's duties

4.1 The Charity shall:
{duties}

## 5. The University's duties

5.1 The University shall pay the Charity within 30 days of each invoice.

5.2 The University will supply a room for training.
"""
    assert codes(draft, "GOV007", kind="general") == ["GOV007"]


def test_a_signature_block_and_a_lone_placeholder_are_not_empty_clauses() -> None:
    draft = f"""# Partnership Agreement

{PARTIES}

## 3. Timing

3.1 Visits start in June.

3.2 First review meeting: [date to be agreed].

## Signatures

For the Charity: ____________

For the University: ____________
"""
    assert codes(draft, "STR003") == []
    assert codes(draft, "STR002") == ["STR002"]


def test_an_acronym_inside_a_longer_bracketed_short_form_is_spelt_out() -> None:
    draft = f"""# Data Sharing Agreement

{PARTIES}

## 2. Law

2.1 The partners follow the Privacy and Electronic Communications Regulations (UK PECR).
2.2 Consent for calls follows UK PECR.
2.3 Any breach is reported to the ICO.
"""
    found = codes(draft, "LANG001", kind="data-sharing-agreement")
    assert found == ["LANG001"]  # ICO is still unexplained; PECR is not reported


def test_when_a_record_is_confirmed_is_not_when_money_is_paid() -> None:
    draft = f"""# Partnership Agreement

{PARTIES}

## 7. Payment

7.1 The University will pay the Charity £40 per visit.
Payment is based on the visit log signed off by the coordinator at the end of each month.
"""
    assert codes(draft, "PAY002") == ["PAY002"]


def test_published_information_shared_online_is_not_collected_data() -> None:
    draft = f"""# Civic Agreement

{PARTIES}

## 6. Sharing news

6.1 Partners will share information about events and roles through a shared online space.
"""
    assert codes(draft, "OWN002", kind="civic-university-agreement") == []


def test_names_with_ward_or_discharge_date_are_personal_data() -> None:
    draft = f"""# Memorandum of Understanding

{PARTIES}

## 4. Follow-up

4.1 The Charity collects patients' forms, which record their names, ward and date of
admission, so a befriender can phone them later.
"""
    assert codes(draft, "OWN004", kind="mou") == ["OWN004"]


def test_approval_by_a_partners_ethics_committee_is_not_a_one_sided_decision() -> None:
    draft = f"""# Partnership Agreement

{PARTIES}

## 8. Ethics

8.1 Any study of the visit notes will first be approved by the University's ethics panel.
"""
    assert codes(draft, "GOV002") == []
