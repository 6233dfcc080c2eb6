"""Word's automatic numbers, worked out from numbering.xml and styles.xml fragments."""

from __future__ import annotations

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from agreement_lint.docx.numbering import Numbering, format_number, to_letter, to_roman
from agreement_lint.docx.styles import StyleSheet


def _lvl(ilvl: int, fmt: str, text: str, *, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


LEGAL = "".join([
    _lvl(0, "decimal", "%1."),
    _lvl(1, "decimal", "%1.%2"),
    _lvl(2, "lowerLetter", "(%3)"),
    _lvl(3, "lowerRoman", "(%4)"),
])


def numbering(abstracts: str, nums: str, styles: str = "") -> Numbering:
    element = parse_xml(f'<w:numbering {nsdecls("w")}>{abstracts}{nums}</w:numbering>')
    sheet = StyleSheet.from_element(parse_xml(f'<w:styles {nsdecls("w")}>{styles}</w:styles>'))
    return Numbering.from_element(element, sheet)


def abstract(aid: int, levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{extra}{levels}</w:abstractNum>'


def num(num_id: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def labels(model: Numbering, sequence: list[tuple[int, int]]) -> list[str]:
    out = []
    for num_id, ilvl in sequence:
        label = model.label(num_id, ilvl, None)
        out.append("" if label is None else label.text)
    return out


@pytest.mark.parametrize(
    ("number", "fmt", "shown"),
    [
        (4, "decimal", "4"), (1, "lowerLetter", "a"), (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"), (53, "upperLetter", "AAA"), (4, "lowerRoman", "iv"),
        (1994, "upperRoman", "MCMXCIV"), (7, "decimalZero", "07"), (3, "none", ""),
        (2, "ordinal", "2nd"), (12, "ordinal", "12th"), (5, "someFutureFormat", "5"),
    ],
)
def test_formats(number: int, fmt: str, shown: str) -> None:
    assert format_number(number, fmt) == shown


def test_roman_and_letter_edges() -> None:
    assert to_roman(3999) == "mmmcmxcix"
    assert to_roman(0) == "0"
    assert to_letter(52) == "zz"


def test_multilevel_counts_and_restarts_deeper_levels() -> None:
    model = numbering(abstract(1, LEGAL), num(1, 1))
    seq = [(1, 0), (1, 1), (1, 1), (1, 2), (1, 2), (1, 3), (1, 1), (1, 2), (1, 0), (1, 1)]
    assert labels(model, seq) == [
        "1.", "1.1", "1.2", "(a)", "(b)", "(i)", "1.3", "(a)", "2.", "2.1",
    ]


def test_start_value_and_levels_used_before_their_parent() -> None:
    levels = _lvl(0, "decimal", "%1.", start=5) + _lvl(1, "decimal", "%1.%2")
    model = numbering(abstract(1, levels), num(1, 1))
    assert labels(model, [(1, 1), (1, 0), (1, 1)]) == ["5.1", "5.", "5.1"]


def test_instances_of_one_abstract_list_share_counters() -> None:
    model = numbering(abstract(1, LEGAL), num(1, 1) + num(2, 1))
    assert labels(model, [(1, 0), (2, 0), (1, 0)]) == ["1.", "2.", "3."]


def test_start_override_restarts_once_for_its_instance() -> None:
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    model = numbering(abstract(1, LEGAL), num(1, 1) + num(2, 1, override))
    assert labels(model, [(1, 0), (1, 0), (1, 1), (2, 0), (2, 1), (2, 0)]) == [
        "1.", "2.", "2.1", "1.", "1.1", "2.",
    ]


def test_level_override_replaces_the_definition() -> None:
    override = (
        '<w:lvlOverride w:ilvl="0">'
        + _lvl(0, "upperLetter", "Part %1")
        + "</w:lvlOverride>"
    )
    model = numbering(abstract(1, LEGAL), num(1, 1) + num(2, 1, override))
    assert labels(model, [(2, 0), (2, 0)]) == ["Part A", "Part B"]


def test_lvl_restart_zero_never_restarts_and_legal_numbering_shows_decimals() -> None:
    levels = (
        _lvl(0, "upperRoman", "Article %1")
        + _lvl(1, "decimal", "Section %2", extra='<w:lvlRestart w:val="0"/>')
        + _lvl(2, "lowerLetter", "%1.%2.%3", extra="<w:isLgl/>")
    )
    model = numbering(abstract(1, levels), num(1, 1))
    assert labels(model, [(1, 0), (1, 1), (1, 2), (1, 0), (1, 1), (1, 2)]) == [
        "Article I", "Section 1", "1.1.1", "Article II", "Section 2", "2.2.1",
    ]


def test_bullets_and_unknown_lists() -> None:
    bullets = abstract(2, _lvl(0, "bullet", "\u2022"))
    model = numbering(abstract(1, LEGAL) + bullets, num(1, 1) + num(2, 2))
    label = model.label(2, 0, None)
    assert label is not None and label.kind == "bullet"
    assert model.label(0, 0, None) is None  # numId 0 switches numbering off
    assert model.label(99, 0, None) is None  # a list that does not exist


def test_style_linked_level_and_numbering_style_link() -> None:
    levels = _lvl(0, "decimal", "%1.", extra='<w:pStyle w:val="Heading1"/>') + _lvl(
        1, "decimal", "%1.%2", extra='<w:pStyle w:val="Heading2"/>'
    )
    styles = (
        '<w:style w:type="numbering" w:styleId="ClauseList"><w:name w:val="Clause List"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    linked = abstract(2, "", extra='<w:numStyleLink w:val="ClauseList"/>')
    model = numbering(
        abstract(1, levels, extra='<w:styleLink w:val="ClauseList"/>') + linked,
        num(1, 1) + num(2, 2),
        styles,
    )
    assert model.resolve_level(1, None, "Heading2") == 1
    first = model.label(2, None, "Heading1")
    second = model.label(1, None, "Heading2")
    assert first is not None and first.text == "1."
    assert second is not None and second.text == "1.1"


def test_style_numbering_follows_based_on_chain() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="ClauseHeading"><w:name w:val="Clause Heading"/>'
        '<w:basedOn w:val="Heading1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop 1"/>'
        '<w:basedOn w:val="Loop2"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop 2"/>'
        '<w:basedOn w:val="Loop1"/></w:style>'
    )
    sheet = StyleSheet.from_element(parse_xml(f'<w:styles {nsdecls("w")}>{styles}</w:styles>'))
    inherited = sheet.num_pr("ClauseHeading")
    assert inherited is not None and (inherited.num_id, inherited.ilvl) == (3, 0)
    assert sheet.heading_level("ClauseHeading") == 1
    assert sheet.num_pr("Loop1") is None  # a basedOn loop ends quietly
