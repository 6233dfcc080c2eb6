"""Letters and memoranda that name their parties in running prose or in address lines.

Each draft below is written the way a coordinator or a research office writes a letter of
agreement: no parties block, the partners named in the opening paragraph (with the short
names the letter goes on to use) or in ``From:``/``To:`` lines. People greeted in the
salutation, the project, the funder and the places are not parties.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.model import Agreement, PartyType
from agreement_lint.parser import parse_text
from agreement_lint.parser.inline import parties_from_sentence
from agreement_lint.parser.prose_parties import organisation_in_header, parties_from_prose

LETTERHEAD_LETTER = """\
Kestrel Valley University
Office of Community Partnerships
Kestrel Road, Kestrelford

Mr Daniel Adebayo
Moorside Heritage Collective CIC
The Old Chapel, Moorside

Dear Mr Adebayo,

Partnership for the Moorside Oral History Project

Following our conversation last month, I am pleased to confirm the terms on which Kestrel
Valley University ("we", "us", "KVU") and Moorside Heritage Collective CIC ("you", "the
Collective") will work together on the Moorside Oral History Project (the "Project"), which is
funded by the Hartley Trust ("the Funder").

1. What we will do
1.1 KVU will train ten volunteers to record interviews.

2. What you will do
2.1 The Collective will find people willing to be interviewed.

Yours sincerely,
"""

MEMO_WITH_HEADERS = """\
MEMORANDUM

From: Dr Priya Raman, Public Health Team, Ashcombe Borough Council
To: Community Links Ashcombe, The Old Library, Mill Street, Ashcombe
Date: 4 May 2027
Subject: Winter warm spaces

This memorandum records the arrangements we made at our meeting for the warm spaces this winter.

1. Community Links will open the library hall on weekday afternoons.
2. The Council will pay for heating and refreshments.
"""

LETTER_UNDER_A_HEADING = """\
# Letter of agreement: Saturday coding club

Dear Jo,

This letter sets out the agreement between Fernhill College and Northside Digital Skills
Network about the Saturday coding club for young people in Northside.

1. The College will lend its computer room on Saturday mornings in term time.
2. The Network will recruit and supervise the volunteer mentors.
"""

LETTER_WITH_FIRST_AND_SECOND_PERSON = """\
## Our agreement

Thank you for meeting us. We, Hallam Bridge University ("the University"), and you, Riverside
Youth Project CIC ("RYP"), have agreed the following.

1. RYP will share monthly attendance counts.
"""


def _parties(agreement: Agreement) -> list[tuple[str, str | None, PartyType]]:
    return [(p.name, p.short_name, p.type) for p in agreement.parties]


def test_letter_names_its_parties_in_the_opening_sentence() -> None:
    agreement = parse_text(LETTERHEAD_LETTER)
    assert _parties(agreement) == [
        ("Kestrel Valley University", "KVU", PartyType.UNIVERSITY),
        ("Moorside Heritage Collective CIC", "the Collective", PartyType.COMMUNITY_ORGANISATION),
    ]
    assert agreement.parties[0].location.line == 13  # the paragraph that names them


def test_memorandum_parties_come_from_from_and_to_lines() -> None:
    agreement = parse_text(MEMO_WITH_HEADERS)
    assert _parties(agreement) == [
        ("Ashcombe Borough Council", None, PartyType.LOCAL_AUTHORITY),
        ("Community Links Ashcombe", None, PartyType.COMMUNITY_ORGANISATION),
    ]
    assert [p.location.line for p in agreement.parties] == [3, 4]


def test_letter_under_its_own_heading_names_parties_between_x_and_y() -> None:
    agreement = parse_text(LETTER_UNDER_A_HEADING)
    assert _parties(agreement) == [
        ("Fernhill College", None, PartyType.SCHOOL_COLLEGE),
        ("Northside Digital Skills Network", None, PartyType.COMMUNITY_ORGANISATION),
    ]


def test_letter_written_as_we_and_you() -> None:
    agreement = parse_text(LETTER_WITH_FIRST_AND_SECOND_PERSON)
    assert _parties(agreement) == [
        ("Hallam Bridge University", "the University", PartyType.UNIVERSITY),
        ("Riverside Youth Project CIC", "RYP", PartyType.COMMUNITY_ORGANISATION),
    ]


def test_names_after_the_first_clause_are_not_read_as_parties() -> None:
    agreement = parse_text(
        "Dear Sam,\n\nThank you for your time.\n\n1. Background\n"
        "1.1 This letter records what Hallam Bridge University (\"we\") and Riverside Youth "
        "Project CIC (\"you\") have agreed.\n"
    )
    assert agreement.parties == ()


def test_a_person_in_the_to_line_gives_no_parties() -> None:
    agreement = parse_text(
        "From: Sam Patel <sam@example.org>\nTo: Jo Mercer, Harbour Youth Project\n\n"
        "Hi Jo, here is what we agreed.\n\n1. Workshops run in June.\n"
    )
    assert agreement.parties == ()


@pytest.mark.parametrize("text", [
    # funders mentioned in passing
    'This letter confirms our plans. The work is funded by Arts Council England ("ACE") and '
    'the Heritage Fund ("the Fund").',
    # a project and a place, both with defining brackets
    'This letter confirms that the Riverside Study (the "Study") and Eastgate Park (the '
    '"Site") are covered.',
    # people, with or without titles
    'We agreed that Dr Amina Yusuf ("the Lead Researcher") and Mr Tom Hale ("the '
    'Coordinator") will lead the sessions.',
    'We agreed that Amina Yusuf ("the Lead Researcher") and Tom Hale ("the Coordinator") '
    'will lead the sessions.',
    # one organisation alone is not a list of parties
    'This letter confirms that Hallam Bridge University ("the University") will host.',
    # a list of organisations in a sentence that records nothing agreed
    'Last year Northmoor City Council ("NCC") and Eastgate Food Bank ("EFB") ran a pantry.',
])
def test_names_that_are_not_parties(text: str) -> None:
    assert parties_from_prose(text) == []


def test_three_parties_in_a_memorandum_sentence() -> None:
    found = parties_from_prose(
        'This memorandum records the understanding between Northmoor City Council ("the '
        'Council"), the University of Northmoor ("the University") and Eastgate Food Bank '
        '("the Food Bank").'
    )
    assert [(p.name, p.short_name) for p in found] == [
        ("Northmoor City Council", "the Council"),
        ("University of Northmoor", "the University"),
        ("Eastgate Food Bank", "the Food Bank"),
    ]


def test_single_quotes_and_a_name_ending_in_project() -> None:
    found = parties_from_prose(
        "This letter records what The Brixton Project ('you') and Lambeth College ('we', "
        "'the College') have agreed."
    )
    assert [(p.name, p.short_name) for p in found] == [
        ("The Brixton Project", None), ("Lambeth College", "the College")]


def test_company_name_with_a_comma_before_its_ending() -> None:
    found = parties_from_prose(
        'This letter sets out what Larkspur Analytics, Ltd. ("Larkspur") and Wyre Valley '
        'University ("the University") have agreed.'
    )
    assert [p.name for p in found] == ["Larkspur Analytics", "Wyre Valley University"]


def test_agreed_pair_without_brackets_needs_two_organisations() -> None:
    pair = parties_from_prose(
        "This letter records what Hallam Bridge University and Riverside Youth Project CIC "
        "have agreed.")
    assert [p.name for p in pair] == ["Hallam Bridge University", "Riverside Youth Project CIC"]
    assert parties_from_prose("This note records what Sam Patel and Jo Mercer have agreed.") == []


@pytest.mark.parametrize(("value", "name"), [
    ("Dr Priya Raman, Public Health Team, Ashcombe Borough Council", "Ashcombe Borough Council"),
    ("School of Health, University of Harrowfield", "University of Harrowfield"),
    ("Sam Patel <sam.patel@example.gov.uk>", None),
    ("Northmoor", None),
])
def test_organisation_in_a_header_line(value: str, name: str | None) -> None:
    found = organisation_in_header(value)
    assert (found.name if found else None) == name


_LETTER_PIECES = st.sampled_from([
    "Dear Ms Okafor,", "This letter records what ", "Hallam University", " (", ")", '"we"',
    '"the University"', ", ", " and ", "you, ", "Riverside CIC", "'RYP'", " have agreed.",
    "\n\n", "\n", "From: ", "To: ", "Dr Jo Bell, ", "<a@b.org>", "1. ", "# Letter", "between ",
    "the ", "Project", " funded by ", "Ltd.", "(", '"', "'", ".",
])


@given(st.lists(_LETTER_PIECES | st.text(max_size=12), max_size=40).map("".join))
def test_letter_openings_never_crash(text: str) -> None:
    """Any mixture of a letter's pieces parses, and every party found has a real name."""
    agreement = parse_text(text)
    for party in agreement.parties:
        assert party.name.strip() and '"' not in party.name
    for found in parties_from_prose(text):
        assert found.name and len(found.name.split()) <= 12


def test_between_us_and_your_organisation() -> None:
    found = parties_from_sentence(
        "I am writing to confirm the arrangement between us, Wyre Valley University, and your "
        "organisation, Northside Food Network, regarding the spring cookery classes.")
    assert [p.name for p in found] == ["Wyre Valley University", "Northside Food Network"]


def test_email_with_short_names_in_brackets_without_quotes() -> None:
    agreement = parse_text(
        "From: Ana Ruiz <ana@example.gov.uk>\nTo: Lee Fox <lee@example.org.uk>\n"
        "Subject: Mural project - what we agreed\n\nHi Lee,\n\n"
        "To recap: this is an agreement between Kelder Borough Council, acting through its "
        "parks and open spaces service (the Council), and Kelder Young Artists, a charity that "
        "runs art clubs for teenagers (Kelder Young Artists).\n\n"
        "- The Council will supply paint and scaffolding.\n"
    )
    assert _parties(agreement) == [
        ("Kelder Borough Council", "Council", PartyType.LOCAL_AUTHORITY),
        ("Kelder Young Artists", None, PartyType.CHARITY),
    ]


def test_partner_joined_by_with() -> None:
    found = parties_from_prose(
        'This letter confirms the partnership of Wyre Valley University ("we") with Northside '
        'Food Network ("you", "the Network") for the spring term.')
    assert [(p.name, p.short_name) for p in found] == [
        ("Wyre Valley University", None), ("Northside Food Network", "the Network")]
    assert parties_from_prose(
        'This letter confirms the partnership of Wyre Valley University ("we") with funding '
        'from the Hartley Trust ("the Funder").') == []
