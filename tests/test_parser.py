"""The text parser on small drafts written the ways people really write them."""

from __future__ import annotations

import pytest

from agreement_lint.errors import ParseError
from agreement_lint.model import Agreement, Clause, PartyType, Source
from agreement_lint.parser import parse_text

Row = tuple[int, str | None, str | None]


def outline(clauses: tuple[Clause, ...], depth: int = 0) -> list[Row]:
    out: list[Row] = []
    for clause in clauses:
        out.append((depth, clause.reference or clause.number, clause.heading))
        out.extend(outline(clause.children, depth + 1))
    return out


def test_front_matter_title_and_numbered_clauses() -> None:
    agreement = parse_text(
        "---\nTitle: Test MoU\nkind: mou\nparties:\n  - University of Leeds\n"
        "  - Leeds Tenants Association\n---\n# Memorandum\n\n## 1. Payment\n\n"
        "1.1 The University will pay.\n(a) within 30 days;\n(b) by bank transfer.\n"
        "1.2 Invoices. The Group will invoice.\n\n## 2. Ending\n2.1 Either may end it.\n"
    )
    assert agreement.title == "Test MoU"
    assert agreement.kind == "mou"
    assert agreement.metadata["title"] == "Test MoU"
    assert [p.type for p in agreement.parties] == [
        PartyType.UNIVERSITY, PartyType.COMMUNITY_ORGANISATION]
    assert outline(agreement.clauses) == [
        (0, "1", "Payment"), (1, "1.1", None), (2, "1.1(a)", None), (2, "1.1(b)", None),
        (1, "1.2", "Invoices"), (0, "2", "Ending"), (1, "2.1", None),
    ]
    payment = agreement.clauses[0]
    assert payment.children[1].text == "The Group will invoice."
    assert payment.children[0].children[0].number == "(a)"
    assert payment.children[0].location.heading_path == ("1 Payment", "1.1")
    assert payment.children[0].location.line == 12


def test_markdown_title_is_not_a_clause() -> None:
    agreement = parse_text("# Partnership Agreement\n\n1. Cooperation\n2. Payment\n")
    assert agreement.title == "Partnership Agreement"
    assert outline(agreement.clauses) == [(0, "1", "Cooperation"), (0, "2", "Payment")]


def test_indented_markdown_lists_get_effective_numbers() -> None:
    text = (
        "# T\n\n1. <span class=\"header_2\">Cooperation</span>\n"
        "    1. <span class=\"header_3\">Obligations.</span>  Each party will perform.\n"
        "    2. Feedback is welcome.\n"
        "2. <span class=\"header_2\">Payment & Taxes</span>\n"
        "    1. If fees apply:\n        a. <span class=\"header_3\">Fees.</span> In dollars.\n"
        "        b. Payment on time.\n3. Trademark License\n"
    )
    agreement = parse_text(text)
    assert outline(agreement.clauses) == [
        (0, "1", "Cooperation"), (1, "1.1", "Obligations"), (1, "1.2", None),
        (0, "2", "Payment & Taxes"), (1, "2.1", None), (2, "2.1(a)", "Fees"), (2, "2.1(b)", None),
        (0, "3", "Trademark License"),
    ]
    fees = agreement.clauses[1].children[0].children[0]
    assert fees.number == "a" and fees.text == "In dollars."
    assert {"2.1", "2.1(a)", "a"} <= agreement.clause_numbers()


def test_plain_text_articles_sections_and_caps_headings() -> None:
    text = (
        "STRATEGIC ALLIANCE AGREEMENT\n\nThis Agreement is made between Acme Inc. (\"Acme\") "
        "and Beta Limited (\"Beta\").\n\nARTICLE I - DEFINITIONS\n\nSection 1.1 \"Term\" means "
        "two years.\n\nARTICLE II - PAYMENT\n\nSection 2.1 Acme will pay Beta.\n"
        "   (a) monthly;\n   (b) in arrears.\n\nIN WITNESS WHEREOF the parties have signed.\n\n"
        "ACME INC.\nBy: /s/ J Smith\nName: J Smith\nTitle: CEO\n"
    )
    agreement = parse_text(text)
    assert agreement.title == "STRATEGIC ALLIANCE AGREEMENT"
    assert [(p.name, p.short_name, p.type) for p in agreement.parties] == [
        ("Acme Inc", "Acme", PartyType.BUSINESS), ("Beta Limited", "Beta", PartyType.BUSINESS)]
    assert outline(agreement.clauses)[:4] == [
        (0, "I", "DEFINITIONS"), (1, "1.1", None), (0, "II", "PAYMENT"), (1, "2.1", None)]
    assert [d.term for d in agreement.definitions if d.style == "means"] == ["Term"]
    assert agreement.signatures[0].party == "ACME INC."
    assert agreement.signatures[0].fields["title"] == "CEO"


def test_between_block_and_recitals() -> None:
    text = (
        "RESEARCH COLLABORATION AGREEMENT\n\nTHIS AGREEMENT is dated 1 May 2026\n\nPARTIES\n\n"
        "(1) THE UNIVERSITY OF NORTHMOOR, a chartered body (the \"University\"); and\n\n"
        "(2) NORTHMOOR TEACHING HOSPITALS NHS FOUNDATION TRUST of Infirmary Lane "
        "(the \"Trust\"),\n\n(each a \"Party\" and together the \"Parties\").\n\nBACKGROUND\n\n"
        "(A) The University has a programme.\n\n(B) The Trust runs a service.\n\n"
        "AGREED TERMS\n\n1. DEFINITIONS\n\n1.1 In this Agreement terms are defined.\n"
    )
    agreement = parse_text(text)
    assert [(p.name, p.short_name, p.type) for p in agreement.parties] == [
        ("THE UNIVERSITY OF NORTHMOOR", "University", PartyType.UNIVERSITY),
        ("NORTHMOOR TEACHING HOSPITALS NHS FOUNDATION TRUST", "Trust", PartyType.NHS_TRUST),
    ]
    assert [r.number for r in agreement.recitals] == ["(A)", "(B)"]
    assert outline(agreement.clauses) == [(0, "1", "DEFINITIONS"), (1, "1.1", None)]
    inline_terms = {d.term for d in agreement.definitions if d.style == "inline"}
    assert {"University", "Trust", "Party", "Parties"} <= inline_terms


def test_sentence_parties_and_whereas() -> None:
    agreement = parse_text(
        "# MoU\n\nThis Memorandum is made between Northmoor City Council (the \"Council\") and "
        "Eastgate Residents Group (the \"Group\").\n\nWHEREAS the parties wish to work together.\n"
        "\nNOW, THEREFORE, the parties agree:\n\n1. Aims\n"
    )
    assert [(p.short_name, p.type) for p in agreement.parties] == [
        ("Council", PartyType.LOCAL_AUTHORITY), ("Group", PartyType.COMMUNITY_ORGANISATION)]
    assert len(agreement.recitals) == 1 and agreement.recitals[0].text.startswith("WHEREAS")
    assert outline(agreement.clauses) == [(0, "1", "Aims")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("University of Northmoor", PartyType.UNIVERSITY),
        ("Northmoor Teaching Hospitals NHS Foundation Trust", PartyType.NHS_TRUST),
        ("Northmoor and Eastdale Integrated Care Board", PartyType.NHS_BODY),
        ("NHS England", PartyType.NHS_BODY),
        ("Westshire County Council", PartyType.LOCAL_AUTHORITY),
        ("Northmoor Combined Authority", PartyType.LOCAL_AUTHORITY),
        ("Northmoor College", PartyType.SCHOOL_COLLEGE),
        ("Millbrook Heritage Society, a registered charity", PartyType.CHARITY),
        ("Eastgate Residents' Forum CIC", PartyType.COMMUNITY_ORGANISATION),
        ("Canal Street Community Trust", PartyType.COMMUNITY_ORGANISATION),
        ("Acme Widgets Ltd", PartyType.BUSINESS),
        ("Jane Smith", PartyType.OTHER),
    ],
)
def test_party_types_from_names(name: str, expected: PartyType) -> None:
    from agreement_lint.parser.inline import infer_party_type

    assert infer_party_type(name) is expected


def test_definitions_in_every_style() -> None:
    agreement = parse_text(
        "# D\n\n1. Definitions\n\n1.1 \u201cGrant\u201d means the money.\n"
        "1.2 **\"Affiliate\"** means a related body.\n1.3 \"Data\" shall mean records.\n"
        "1.4 **Board**: means the steering board.\n\n| Term | Meaning |\n|---|---|\n"
        "| Outputs | what we make |\n\n2. Work\n\nThe study (the \"Project\") starts soon.\n"
    )
    found = {(d.term, d.style) for d in agreement.definitions}
    assert {("Grant", "means"), ("Affiliate", "means"), ("Data", "means"), ("Board", "means"),
            ("Outputs", "table"), ("Project", "inline")} <= found
    grant = next(d for d in agreement.definitions if d.term == "Grant")
    assert grant.text == "the money."
    assert grant.location.clause == "1.1"


def test_cross_references_with_targets() -> None:
    agreement = parse_text(
        "# R\n\n1. Terms\n\n1.1 See clause 7.2, Clause 4(b) and clauses 3 and 4.\n"
        "1.2 Except for Section 3.1 (Trademark License), paragraph 2 of Schedule 1 applies, "
        "as do Annex A, Appendix 2 and Article IV.\n1.3 Section 5 of the Data Protection Act "
        "2018 is not a cross-reference.\n"
    )
    found = [(r.target_kind, r.target) for r in agreement.cross_references]
    assert found == [
        ("clause", "7.2"), ("clause", "4(b)"), ("clause", "3"), ("clause", "4"),
        ("section", "3.1"), ("paragraph", "2"), ("schedule", "1"), ("annex", "A"),
        ("appendix", "2"), ("article", "IV"),
    ]
    assert agreement.cross_references[0].location.clause == "1.1"
    assert agreement.cross_references[0].location.column == 9


def test_schedules_collect_their_own_clauses() -> None:
    agreement = parse_text(
        "# S\n\n1. Payment\n\nAs in Schedule 1.\n\nSchedule 1 - Budget\n\n1. Staff: 100\n"
        "2. Travel: 50\n\n# Annex A\n\nText of the annex.\n\nAPPENDIX 2\n\nDATA FLOWS\n"
    )
    assert [(s.kind, s.number, s.title) for s in agreement.schedules] == [
        ("schedule", "1", "Budget"), ("annex", "A", None), ("appendix", "2", "DATA FLOWS")]
    assert [c.number for c in agreement.schedules[0].clauses] == ["1", "2"]
    assert agreement.schedules[1].text == "Text of the annex."
    assert [c.number for c in agreement.clauses] == ["1"]


def test_signature_blocks() -> None:
    agreement = parse_text(
        "# S\n\n1. Term\n\nSigned for and on behalf of the University of Northmoor\n\n"
        "Signature: ________\nName: Dr A Person\nPosition: Director\nDate: 1 May 2026\n\n"
        "SIGNED for and on behalf of NORTHMOOR COLLEGE by:\nName: B Person\n"
    )
    assert [(s.party, s.fields.get("name")) for s in agreement.signatures] == [
        ("the University of Northmoor", "Dr A Person"), ("NORTHMOOR COLLEGE", "B Person")]
    assert agreement.signatures[0].fields["position"] == "Director"
    assert agreement.clauses[0].text == ""


def test_comments_point_at_the_next_clause() -> None:
    agreement = parse_text(
        "# C\n\n1. Payment\n<!-- agreement-lint: disable=PAY002\n  agreed with the Forum -->\n"
        "1.1 We will pay.\n<!-- note -->\n2. End\n"
    )
    assert [(c.text.split()[0], c.next_clause, c.location.line) for c in agreement.comments] == [
        ("agreement-lint:", "1.1", 4), ("note", "2", 7)]
    assert "agreed with the Forum" in agreement.comments[0].text
    assert agreement.clauses[0].children[0].text == "We will pay."


def test_heading_styles_nest_by_level() -> None:
    agreement = parse_text(
        "# Agreement\n\n## Purpose\n\n### Aims\n\n1. First aim\n2. Second aim\n\n## Money\n\n"
        "**Budget**\n\n- item\n\nCONFIDENTIALITY\n\nText.\n"
    )
    assert outline(agreement.clauses) == [
        (0, None, "Purpose"), (1, None, "Aims"), (2, "1", None), (2, "2", None),
        (0, None, "Money"), (1, None, "Budget"), (1, None, "CONFIDENTIALITY"),
    ]


def test_clause_and_section_keywords_and_bold_numbers() -> None:
    agreement = parse_text(
        "# K\n\n**1. Payment**\n\nClause 2 - Term\n\nSection 3. Notices\n\n"
        "Section 3 of the Act applies.\n"
    )
    assert outline(agreement.clauses) == [(0, "1", "Payment"), (0, "2", "Term"),
                                          (0, "3", "Notices")]
    assert "Section 3 of the Act applies." in agreement.clauses[2].text


def test_paragraph_map_sets_word_paragraphs() -> None:
    agreement = parse_text("# T\n1. Payment\n    1.1 Pay (see clause 1).\n",
                           paragraph_map=[0, 2, 5])
    payment = agreement.clauses[0]
    assert (payment.location.line, payment.location.paragraph) == (2, 2)
    assert payment.children[0].location.paragraph == 5
    assert payment.children[0].reference == "1.1"
    assert agreement.cross_references[0].location.paragraph == 5


def test_source_is_kept() -> None:
    source = Source(path="draft.md", format="markdown", sha256="0" * 64)
    assert parse_text("hello\n", source=source).source == source


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("---\ntitle: x\n# not closed\n", 1, "never closed"),
        ("---\ntitle: x\nthis is prose\n---\nbody\n", 3, "not 'key: value'"),
        ("---\n- orphan item\n---\n", 2, "no 'key:'"),
    ],
)
def test_broken_front_matter_is_a_parse_error(text: str, line: int, fragment: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_text(text, source=Source(path="draft.md"))
    error = info.value
    assert error.path == "draft.md"
    assert error.line == line
    assert error.column is not None
    assert fragment in error.message
    assert error.source_line is not None


def test_empty_and_prose_only_drafts() -> None:
    assert parse_text("") == Agreement()
    agreement = parse_text("Just some words.\nMore words.\n")
    assert agreement.clauses == ()
    assert "Just some words." in agreement.preamble


def test_deep_nesting_and_many_clauses() -> None:
    lines = ["# Deep"]
    for depth in range(1, 61):
        lines.append(" " * (4 * (depth - 1)) + "1. level " + str(depth))
    agreement = parse_text("\n".join(lines))
    depth = 0
    clause = agreement.clauses[0]
    while clause.children:
        clause = clause.children[0]
        depth += 1
    assert depth == 59
    many = "\n".join(f"{i}. Clause {i}" for i in range(1, 10_001))
    assert len(parse_text(many).clauses) == 10_000


def test_word_reader_lines() -> None:
    """One line per Word paragraph: heading styles as #, displayed numbers, list indentation."""
    text = (
        "Partnership Agreement\n\n## 1. Cooperation\n\n"
        "### 1.1 Obligations. Each party will perform its **Obligations**.\n\n"
        "    1.2 Feedback. Each party may give Feedback.\n\n## 2. Payment & Taxes\n\n"
        "### 2.1 If Fees are payable, the following terms apply:\n\n"
        "        (a) Fees and Billing. **Fees** are in pounds.\n\n"
        "    2.2 Damages Waiver. **Except as provided in Section 9.3**, no liability.\n"
    )
    agreement = parse_text(text, paragraph_map=[0, None, 1, None, 2, None, 3, None, 4, None,
                                                 5, None, 6, None, 7])
    assert agreement.title == "Partnership Agreement"
    assert outline(agreement.clauses) == [
        (0, "1", "Cooperation"), (1, "1.1", "Obligations"), (1, "1.2", "Feedback"),
        (0, "2", "Payment & Taxes"), (1, "2.1", None), (2, "2.1(a)", "Fees and Billing"),
        (1, "2.2", "Damages Waiver"),
    ]
    obligations = agreement.clauses[0].children[0]
    assert obligations.text == "Each party will perform its **Obligations**."
    assert obligations.location.paragraph == 2
    assert agreement.clauses[1].children[0].text.startswith("If Fees are payable")


def test_megabyte_line_and_draft_stay_linear() -> None:
    import time

    line = "The University will pay the Forum under clause 4.2 and Schedule 1. " * 15_000
    start = time.process_time()
    agreement = parse_text("# Long\n\n1. Payment\n\n" + line + "\n")
    assert len(agreement.cross_references) == 30_000
    assert len(agreement.clauses[0].location.excerpt) <= 80
    parts = ["# Synthetic"]
    for i in range(1, 1_500):
        parts.append(f"## {i}. Heading {i}")
        parts.extend(f"{i}.{j} The Group will report to the Board (the \"Report{i}_{j}\"), "
                     f"see clause {i}.{j}.\n    (a) monthly;" for j in range(1, 6))
    text = "\n".join(parts)
    assert len(text) > 500_000
    big = parse_text(text)
    assert len(big.clauses) == 1_499
    # generous: about a second of CPU on a laptop; a quadratic pass would take minutes
    assert time.process_time() - start < 20


PRACTICAL_LAW_STYLE = "\n".join([
    'DATED                                   2026',
    '',
    '(1) THE UNIVERSITY OF LEEDS',
    '(2) LEEDS TEACHING HOSPITALS NHS TRUST',
    '',
    'COLLABORATION AGREEMENT',
    '',
    'THIS AGREEMENT is dated [         ] 2026',
    '',
    'PARTIES',
    '',
    (
        '(1) THE UNIVERSITY OF LEEDS, incorporated by Royal Charter (registered number'
        ' RC000650) whose principal office is at Woodhouse Lane, Leeds LS2 9JT'
        ' (**University**).'
    ),
    '',
    (
        "(2) LEEDS TEACHING HOSPITALS NHS TRUST of St James's University Hospital,"
        ' Beckett Street, Leeds LS9 7TF (**Trust**).'
    ),
    '',
    'BACKGROUND',
    '',
    '(A) The University and the Trust wish to collaborate.',
    '',
    '(B) The parties have agreed to the terms below.',
    '',
    'AGREED TERMS',
    '',
    '1. INTERPRETATION',
    '',
    '1.1 The definitions and rules of interpretation in this clause apply in this agreement.',
    '',
    '**Business Day**: a day other than a Saturday, Sunday or public holiday in England.',
    '',
    '**Intellectual Property Rights**: patents, rights to inventions and copyright.',
    '',
    (
        '1.2 Clause, Schedule and paragraph headings shall not affect the interpretation'
        ' of this agreement.'
    ),
    '',
    '2. COMMENCEMENT AND DURATION',
    '',
    (
        '2.1 This agreement shall commence on the Commencement Date and shall continue'
        ' for 3 years, subject to clause 14.'
    ),
    '',
    'SCHEDULE 1 PROJECT PLAN',
    '',
    'Part 1 Objectives',
    '',
    '1. Deliver the study.',
    '',
    'This agreement has been entered into on the date stated at the beginning of it.',
    '',
    'Signed by [NAME OF DIRECTOR]',
    'for and on behalf of THE UNIVERSITY OF LEEDS',
    'Director',
    '',
])


def test_front_sheet_bold_short_names_colon_definitions_and_signing() -> None:
    agreement = parse_text(PRACTICAL_LAW_STYLE)
    assert agreement.title == "COLLABORATION AGREEMENT"
    assert _parties_of(agreement) == [
        ("THE UNIVERSITY OF LEEDS", "University", PartyType.UNIVERSITY),
        ("LEEDS TEACHING HOSPITALS NHS TRUST", "Trust", PartyType.NHS_TRUST),
    ]
    assert [r.number for r in agreement.recitals] == ["(A)", "(B)"]
    assert outline(agreement.clauses) == [
        (0, "1", "INTERPRETATION"), (1, "1.1", None), (1, "1.2", None),
        (0, "2", "COMMENCEMENT AND DURATION"), (1, "2.1", None),
    ]
    assert [(d.term, d.location.clause) for d in agreement.definitions] == [
        ("Business Day", "1.1"), ("Intellectual Property Rights", "1.1")]
    assert [(s.kind, s.number, s.title) for s in agreement.schedules] == [
        ("schedule", "1", "PROJECT PLAN")]
    assert [(s.party, s.fields) for s in agreement.signatures] == [
        ("THE UNIVERSITY OF LEEDS", {"name": "[NAME OF DIRECTOR]"})]


def test_colon_lines_outside_definitions_are_not_definitions() -> None:
    agreement = parse_text("# T\n\n1. Contacts\n\nBusiness Lead: Jane Smith\n")
    assert agreement.definitions == ()


def _parties_of(agreement: Agreement) -> list[tuple[str, str | None, PartyType]]:
    return [(p.name, p.short_name, p.type) for p in agreement.parties]


def test_front_matter_parties_and_definitions_point_at_their_lines() -> None:
    agreement = parse_text(
        "---\ntitle: T\nparties:\n  - University of Leeds (\"University\")\n"
        "  - Leeds Forum CIC\ndefinitions:\n  - Project: the work we do together\n---\n"
        "# T\n\n1. Aims\n"
    )
    assert [(p.name, p.short_name, p.location.line) for p in agreement.parties] == [
        ("University of Leeds", "University", 4), ("Leeds Forum CIC", None, 5)]
    assert [(d.term, d.text, d.style, d.location.line) for d in agreement.definitions] == [
        ("Project", "the work we do together", "front-matter", 7)]


def test_running_headers_and_glued_numbers_in_filed_contracts() -> None:
    page = "ACME - BETA ALLIANCE\n\n"
    agreement = parse_text(
        "ALLIANCE AGREEMENT\n\n1.DEFINITIONS\n\n" + page + "1.1 Terms.\n\n" + page
        + "2.TERM\n\n" + page + "2.1 Two years.\n"
    )
    assert outline(agreement.clauses) == [
        (0, "1", "DEFINITIONS"), (1, "1.1", "Terms"), (0, "2", "TERM"), (1, "2.1", None)]


def test_table_of_contents_is_not_read_as_clauses() -> None:
    agreement = parse_text(
        "COLLABORATION AGREEMENT\n\nBETWEEN\n\nACME LIMITED\n\nAND\n\nBETA LIMITED\n\n"
        "TABLE OF CONTENTS\n\nARTICLE 1 DEFINITIONS 1\n1.1 Terms 1\nARTICLE 2 TERM 3\n\n"
        "BACKGROUND\n\nA. Acme makes things.\n\nARTICLE 1 DEFINITIONS\n\n1.1 \"Term\" means "
        "two years.\n\nARTICLE 2 TERM\n\n2.1 It lasts.\n"
    )
    assert outline(agreement.clauses) == [
        (0, "1", "DEFINITIONS"), (1, "1.1", None), (0, "2", "TERM"), (1, "2.1", None)]
    assert [p.name for p in agreement.parties] == ["ACME LIMITED", "BETA LIMITED"]
    assert [r.number for r in agreement.recitals] == ["A"]
    assert "TABLE OF CONTENTS" in agreement.preamble
