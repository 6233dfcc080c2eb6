"""Footnotes, endnotes and page headers in Word drafts.

A note's text belongs to the clause whose paragraph cites it, so terms put in a footnote count
where they are cited, and no paragraph's index moves (findings and Word comments rely on it).
A page header is never clause text, but a header naming the document gives an untitled draft
its kind. The drafts are built here with python-docx, the notes parts written as XML.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from agreement_lint.docx.annotate import annotate_docx
from agreement_lint.docx.body import iter_body_paragraphs, paragraph_text
from agreement_lint.docx.lines import build_lines, read_paragraphs
from agreement_lint.docx.notes import read_notes
from agreement_lint.engine import lint, load_ruleset
from agreement_lint.errors import InputError
from agreement_lint.findings import Finding
from agreement_lint.model import Agreement
from agreement_lint.read import read_agreement_bytes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SEPARATORS = (
    '<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
    "<w:r><w:t>{separator_text}</w:t></w:r></w:p></w:{kind}>"
    '<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r><w:r><w:t>{separator_text}</w:t></w:r></w:p></w:{kind}>"
)


def notes_xml(kind: str, notes: dict[int, Sequence[str]], separator_text: str = "") -> bytes:
    """A ``footnotes.xml`` or ``endnotes.xml`` part: the separators, then each note's paragraphs."""
    body = [SEPARATORS.format(kind=kind, separator_text=escape(separator_text))]
    for note_id, paragraphs in notes.items():
        inner = "".join(
            f'<w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {escape(text)}'
            "</w:t></w:r></w:p>"
            for text in paragraphs
        )
        body.append(f'<w:{kind} w:id="{note_id}">{inner}</w:{kind}>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:{kind}s xmlns:w="{W_NS}">{"".join(body)}</w:{kind}s>').encode()


def add_notes_part(document: docx.document.Document, kind: str, xml: bytes) -> None:
    """Relate a footnotes or endnotes part to the main document, as Word does."""
    content_type = CT.WML_FOOTNOTES if kind == "footnote" else CT.WML_ENDNOTES
    reltype = RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml, document.part.package)
    document.part.relate_to(part, reltype)


def cite(paragraph: docx.text.paragraph.Paragraph, kind: str, note_id: int) -> None:
    """Put a note's reference mark at the end of ``paragraph``."""
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:{kind}Reference w:id="{note_id}"/></w:r>'
    ))


def save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def payment_draft(
    *, footnotes: dict[int, Sequence[str]] | None = None,
    endnotes: dict[int, Sequence[str]] | None = None, cited: Sequence[tuple[str, int]] = (),
    separator_text: str = "",
) -> bytes:
    """A short collaboration agreement that pays a fee but says nothing of when, in the body.

    ``cited`` puts each (kind, id) reference at the end of clause 4.1.
    """
    document = docx.Document()
    document.add_paragraph("Collaboration Agreement", style="Title")
    document.add_paragraph("This agreement is between the University of Eastgate (the "
                           "University) and Eastgate Food Network (the Network).")
    document.add_paragraph("1. Purpose", style="Heading 1")
    document.add_paragraph("1.1 The parties will run a series of community food workshops.")
    document.add_paragraph("4. Payment", style="Heading 1")
    fee = document.add_paragraph("4.1 The University will pay the Network a fee of £12,000 for "
                                 "the work.")
    for kind, note_id in cited:
        cite(fee, kind, note_id)
    document.add_paragraph("5. Ending the agreement", style="Heading 1")
    document.add_paragraph("5.1 Either party may end this agreement on 30 days' notice.")
    if footnotes is not None:
        add_notes_part(document, "footnote", notes_xml("footnote", footnotes, separator_text))
    if endnotes is not None:
        add_notes_part(document, "endnote", notes_xml("endnote", endnotes, separator_text))
    return save(document)


TIMESCALE = "Payment will be made within 30 days of receipt of a valid invoice."


@pytest.fixture(scope="module")
def ruleset():  # type: ignore[no-untyped-def]
    return load_ruleset()


def read(data: bytes) -> Agreement:
    return read_agreement_bytes(data, name="draft.docx")


def codes(findings: list[Finding]) -> set[str]:
    return {finding.code for finding in findings}


def clause(agreement: Agreement, reference: str) -> str:
    found = [c for c in agreement.walk() if (c.reference or c.number) == reference]
    assert found, [c.reference or c.number for c in agreement.walk()]
    return found[0].text


def test_a_footnote_is_read_in_the_clause_that_cites_it() -> None:
    agreement = read(payment_draft(footnotes={1: [TIMESCALE]}, cited=[("footnote", 1)]))
    assert clause(agreement, "4.1").endswith("\nFootnote 1: " + TIMESCALE)
    assert TIMESCALE not in clause(agreement, "5.1")


def test_a_payment_timescale_in_a_footnote_stops_pay002(ruleset) -> None:  # type: ignore[no-untyped-def]
    without = lint(read(payment_draft()), ruleset)
    assert "PAY002" in codes(without)
    with_note = lint(read(payment_draft(footnotes={1: [TIMESCALE]}, cited=[("footnote", 1)])),
                     ruleset)
    assert "PAY002" not in codes(with_note)


def test_no_payment_stated_in_a_footnote_stops_pay001(ruleset) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document()
    document.add_paragraph("Memorandum of Understanding", style="Title")
    document.add_paragraph("1. Purpose", style="Heading 1")
    purpose = document.add_paragraph("1.1 The parties will share what they learn from the "
                                     "community food workshops.")
    plain = save(document)
    cite(purpose, "footnote", 1)
    add_notes_part(document, "footnote", notes_xml("footnote", {1: [
        "No payment will be made under this agreement; each party will meet its own costs."]}))
    assert "PAY001" in codes(lint(read(plain), ruleset))
    assert "PAY001" not in codes(lint(read(save(document)), ruleset))


def test_an_uncited_note_is_not_read() -> None:
    agreement = read(payment_draft(footnotes={1: [TIMESCALE]}))
    assert all("Footnote" not in c.text for c in agreement.walk())


def test_separator_notes_are_not_text() -> None:
    data = payment_draft(footnotes={1: ["A real note."]}, cited=[("footnote", -1),
                                                                  ("footnote", 0),
                                                                  ("footnote", 1)],
                         separator_text="Payment within 30 days")
    document = docx.Document(io.BytesIO(data))
    notes = read_notes(document.part)
    assert {ref.note_id for ref in notes.texts} == {"1"}
    text = clause(read(data), "4.1")
    assert "Payment within 30 days" not in text
    assert text.endswith("\nFootnote 1: A real note.")


def test_endnotes_are_read_and_numbered_apart_from_footnotes() -> None:
    data = payment_draft(footnotes={7: ["First footnote."], 3: ["Second footnote."]},
                         endnotes={2: [TIMESCALE, "Invoices go to the finance office."]},
                         cited=[("footnote", 7), ("endnote", 2), ("footnote", 3)])
    lines = clause(read(data), "4.1").splitlines()
    assert lines[1:] == [
        "Footnote 1: First footnote.",
        f"Endnote 1: {TIMESCALE} Invoices go to the finance office.",
        "Footnote 2: Second footnote.",
    ]


def test_a_note_cited_twice_keeps_its_number() -> None:
    document = docx.Document()
    first = document.add_paragraph("1.1 The first clause.")
    second = document.add_paragraph("1.2 The second clause.")
    cite(first, "footnote", 5)
    cite(second, "footnote", 5)
    add_notes_part(document, "footnote", notes_xml("footnote", {5: ["Shared note."]}))
    laid_out = build_lines(read_paragraphs(docx.Document(io.BytesIO(save(document)))))
    assert [line for line in laid_out.lines if line.startswith("Footnote")] == [
        "Footnote 1: Shared note.", "Footnote 1: Shared note."]


def test_a_draft_without_notes_reads_as_before() -> None:
    data = payment_draft()
    document = docx.Document(io.BytesIO(data))
    assert read_notes(document.part).texts == {}
    paragraphs = read_paragraphs(document)
    assert all(p.notes == () for p in paragraphs)
    laid_out = build_lines(paragraphs)
    texts = [paragraph_text(item.element).text for item in iter_body_paragraphs(
        document.element.body)]
    # one line per paragraph with text, in order, and nothing else but blank lines
    assert [line for line in laid_out.lines if line] == [
        line for line in (build_lines([p]).lines[-1] for p in paragraphs) if line]
    assert len([m for m in laid_out.paragraph_map if m is not None]) == len(
        [t for t in texts if t.strip()])


def test_a_deleted_reference_brings_no_note() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("1.1 The University will pay the Network.")
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="9" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r>'
        '<w:footnoteReference w:id="1"/></w:r></w:del>'))
    add_notes_part(document, "footnote", notes_xml("footnote", {1: [TIMESCALE]}))
    paragraphs = read_paragraphs(docx.Document(io.BytesIO(save(document))))
    assert paragraphs[0].notes == ()


def test_paragraph_numbers_after_a_note_do_not_move(ruleset) -> None:  # type: ignore[no-untyped-def]
    plain = read(payment_draft())
    noted = read(payment_draft(footnotes={1: [TIMESCALE, "Second paragraph of the note."]},
                               endnotes={1: ["An endnote."]},
                               cited=[("footnote", 1), ("endnote", 1)]))

    def places(agreement: Agreement) -> list[tuple[str | None, str | None, int | None]]:
        return [(c.reference or c.number, c.heading, c.location.paragraph)
                for c in agreement.walk()]

    assert places(noted) == places(plain)
    assert clause(noted, "5.1") == clause(plain, "5.1")

    def located(agreement: Agreement) -> set[tuple[str, int | None]]:
        return {(f.code, f.location.paragraph) for f in lint(agreement, ruleset)
                if f.location.paragraph is not None}

    assert located(plain)
    assert located(noted) == located(plain)


def test_each_note_line_maps_to_the_paragraph_citing_it() -> None:
    data = payment_draft(footnotes={1: [TIMESCALE]}, cited=[("footnote", 1)])
    laid_out = build_lines(read_paragraphs(docx.Document(io.BytesIO(data))))
    position = next(i for i, line in enumerate(laid_out.lines) if line.startswith("Footnote 1"))
    assert laid_out.lines[position - 1].startswith("4.1 The University will pay")
    assert laid_out.paragraph_map[position] == laid_out.paragraph_map[position - 1] == 5
    cited = [index for index in laid_out.paragraph_map if index is not None]
    assert sorted(set(cited)) == [0, 1, 2, 3, 4, 5, 6, 7]


def test_annotate_anchors_findings_on_the_same_paragraphs(tmp_path, ruleset) -> None:  # type: ignore[no-untyped-def]
    """A finding about a clause after a note is commented on the same paragraph as without it."""
    anchored = []
    for data in (payment_draft(), payment_draft(footnotes={1: [TIMESCALE]},
                                                cited=[("footnote", 1)])):
        source = tmp_path / "draft.docx"
        source.write_bytes(data)
        agreement = read(data)
        findings = [f for f in lint(agreement, ruleset) if f.location.paragraph is not None]
        assert findings
        result = annotate_docx(source, tmp_path / "reviewed.docx", findings)
        anchored.append(sorted(zip([f.code for f in findings], result.anchored, strict=True)))
    assert anchored[0] == anchored[1]


def test_a_note_in_a_pipe_table_stays_in_its_cell() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for row, values in enumerate((("Item", "Cost"), ("Workshops", "£900"))):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    cite(table.cell(1, 1).paragraphs[0], "footnote", 1)
    add_notes_part(document, "footnote", notes_xml("footnote", {1: ["Paid in two instalments."]}))
    lines = build_lines(read_paragraphs(docx.Document(io.BytesIO(save(document))))).lines
    assert "| Workshops | £900 Footnote 1: Paid in two instalments. |" in lines


def test_a_damaged_notes_part_is_refused_in_one_line() -> None:
    document = docx.Document()
    document.add_paragraph("1.1 A clause.")
    add_notes_part(document, "footnote", b"<w:footnotes xmlns:w='" + W_NS.encode() + b"'><w:foo")
    with pytest.raises(InputError) as info:
        read(save(document))
    line = info.value.one_line()
    assert line.startswith("draft.docx:") and "footnotes part is not well formed" in line
    assert "\n" not in line


def _with_header(title: str | None, header_lines: Sequence[str]) -> bytes:
    document = docx.Document()
    if title:
        document.add_paragraph(title, style="Title")
    document.add_paragraph("This agreement is between the University of Eastgate and "
                           "Eastgate Food Network.")
    document.add_paragraph("1. Information to be shared", style="Heading 1")
    document.add_paragraph("1.1 The Network will share attendance figures with the University.")
    header = document.sections[0].header
    header.paragraphs[0].text = header_lines[0] if header_lines else ""
    for line in header_lines[1:]:
        header.add_paragraph(line)
    return save(document)


def test_a_header_naming_the_document_gives_an_untitled_draft_its_kind(ruleset) -> None:  # type: ignore[no-untyped-def]
    untitled = read(_with_header(None, []))
    assert ruleset.resolve_kind(untitled) == "general"
    named = read(_with_header(None, ["CONFIDENTIAL", "Data Sharing Agreement"]))
    assert named.metadata.get("title") == "Data Sharing Agreement"
    assert named.title is None
    assert ruleset.resolve_kind(named) == "data-sharing-agreement"
    assert all("Data Sharing Agreement" not in c.text for c in named.walk())


def test_a_body_title_wins_over_the_header() -> None:
    agreement = read(_with_header("Memorandum of Understanding", ["Data Sharing Agreement"]))
    assert agreement.title == "Memorandum of Understanding"
    assert "title" not in agreement.metadata


@pytest.mark.parametrize("line", ["Page 1 of 4", "CONFIDENTIAL", "Draft v3, 12 March 2026",
                                  "Eastgate Food Network"])
def test_a_header_that_names_no_document_is_not_a_title(line: str) -> None:
    assert "title" not in read(_with_header(None, [line])).metadata


def test_a_different_first_page_header_is_read_first(ruleset) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document()
    document.add_paragraph("This agreement is between the University of Eastgate and "
                           "Eastgate Food Network.")
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Memorandum of Understanding"
    section.header.paragraphs[0].text = "Eastgate Food Network, page 2 onwards"
    agreement = read(save(document))
    assert agreement.metadata.get("title") == "Memorandum of Understanding"
    assert ruleset.resolve_kind(agreement) == "mou"
