"""Reading Word drafts: Word's clause numbers, visible text, paragraph indexes, real files."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from agreement_lint.docx.body import iter_body_paragraphs, paragraph_text
from agreement_lint.docx.lines import build_lines, read_paragraphs
from agreement_lint.docx.reader import read_docx, read_docx_bytes
from agreement_lint.errors import ParseError
from agreement_lint.model import Agreement
from agreement_lint.read import read_agreement, read_agreement_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "docx"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "open-agreements-docx"
FIXTURE_FILES = sorted(FIXTURES.glob("*.docx"))


def _sidecar(path: Path) -> list[dict]:
    return json.loads(path.with_suffix(".numbers.json").read_text(encoding="utf-8"))[
        "paragraphs"
    ]


def test_there_are_fixtures_with_automatic_numbering() -> None:
    automatic = [p for p in FIXTURE_FILES if any(r["automatic"] for r in _sidecar(p))]
    assert len(automatic) >= 3


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_numbers_match_what_word_shows(path: Path) -> None:
    document = docx.Document(str(path))
    paragraphs = read_paragraphs(document)
    for record in _sidecar(path):
        paragraph = paragraphs[record["paragraph"]]
        if record["automatic"]:
            assert paragraph.number == record["number"], record
            assert record["text"].replace("**", "") in paragraph.text
        else:
            assert paragraph.label is None, record
            assert paragraph.text.startswith(record["number"]), record


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_parsed_clauses_carry_word_numbers_and_paragraphs(path: Path) -> None:
    agreement = read_docx(path)
    assert agreement.source.format == "docx"
    by_paragraph = {
        c.location.paragraph: c.number for c in agreement.walk() if c.location.paragraph is not None
    }
    decimal = [r for r in _sidecar(path) if re.fullmatch(r"\d+(\.\d+)*\.?", r["number"])]
    for record in decimal:
        assert by_paragraph.get(record["paragraph"]) == record["number"].rstrip("."), record
    for clause in agreement.walk():
        assert clause.location.line is None  # Word files have paragraphs, not lines


def test_paragraph_index_counts_table_paragraphs_in_document_order() -> None:
    document = docx.Document()
    document.add_paragraph("zero")
    table = document.add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            table.cell(r, c).paragraphs[0].add_run(f"cell {r}{c}")
    table.cell(1, 1).add_paragraph("cell 11 second")
    inner = table.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).paragraphs[0].add_run("nested")
    document.add_paragraph("after")
    texts = [
        paragraph_text(item.element).text for item in iter_body_paragraphs(document.element.body)
    ]
    assert texts == [
        "zero", "cell 00", "cell 01", "nested", "", "cell 10", "cell 11", "cell 11 second",
        "after",
    ]


def _docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_visible_text_follows_word() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("The Univer")
    paragraph.add_run("sity will ")
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="A"><w:r><w:delText>never </w:delText>'
        "</w:r></w:del>"
    ))
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="A"><w:r><w:t xml:space="preserve">promptly '
        "</w:t></w:r></w:ins>"
    ))
    paragraph._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w")}><w:r><w:t xml:space="preserve">pay </w:t></w:r>'
        "</w:hyperlink>"
    ))
    for xml in (
        '<w:r><w:t xml:space="preserve">under clause </w:t></w:r>',
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        "<w:r><w:instrText> REF _Ref1 \\r </w:instrText></w:r>",
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>7</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>',
        "<w:r><w:t>.</w:t></w:r>",
    ):
        paragraph._p.append(parse_xml(xml.replace("<w:r>", f'<w:r {nsdecls("w")}>', 1)))
    document.add_comment(paragraph.runs[0], text="a reviewer's note", author="R")
    text = paragraph_text(paragraph._p).text
    assert text == "The University will promptly pay under clause 7."


def test_headings_numbers_bullets_and_tables_become_grammar_lines() -> None:
    path = FIXTURES / "community-data-sharing-eastgate.docx"
    lines = build_lines(read_paragraphs(docx.Document(str(path)))).lines
    assert lines[0].startswith("# Community Data-Sharing Agreement")
    assert "## 1. Purpose" in lines
    assert "### 1.3 Shared aims" in lines
    assert any(line.startswith("        (a) to understand") for line in lines)
    assert any(line.startswith("            (i) as a short report") for line in lines)
    assert any(line.startswith("3.1 The Network will remove") for line in lines)  # typed
    assert "| Item | Paid by | Amount |" in lines
    assert "| **Total** |  | **£3,000** |" in lines
    assert not any("in principle" in line for line in lines)  # tracked deletion


def test_schedule_numbering_restarts_through_start_override() -> None:
    path = FIXTURES / "community-data-sharing-eastgate.docx"
    paragraphs = read_paragraphs(docx.Document(str(path)))
    numbers = [p.number for p in paragraphs if p.number]
    schedule = numbers[numbers.index("4.1") + 1:]
    assert schedule[:4] == ["1.", "1.1", "1.2", "2."]


def test_read_agreement_dispatches_docx_paths_and_bytes() -> None:
    path = FIXTURES / "nhs-research-collaboration-agreement.docx"
    from_path = read_agreement(path)
    from_bytes = read_agreement_bytes(path.read_bytes(), name="stdin.docx")
    assert isinstance(from_path, Agreement)
    assert [c.number for c in from_path.clauses] == [c.number for c in from_bytes.clauses]
    assert from_bytes.source.path == "stdin.docx"
    assert from_path.source.sha256 == from_bytes.source.sha256


def test_document_without_numbering_or_styles_parts_is_read() -> None:
    document = docx.Document()
    document.add_paragraph("1. Payment")
    document.add_paragraph("The University will pay the Group within 30 days.")
    agreement = read_docx_bytes(_docx_bytes(document), display_path="plain.docx")
    assert [c.number for c in agreement.clauses] == ["1"]


def test_empty_document_is_read() -> None:
    agreement = read_docx_bytes(_docx_bytes(docx.Document()), display_path="empty.docx")
    assert agreement.clauses == ()


CORPUS_FILES = sorted(CORPUS.glob("*/template.docx")) if CORPUS.is_dir() else []


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus/open-agreements-docx is absent")
def test_corpus_has_the_twelve_word_files() -> None:
    assert len(CORPUS_FILES) == 12


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus/open-agreements-docx is absent")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.parent.name)
def test_real_word_files_read_with_numbered_sections_in_order(path: Path) -> None:
    paragraphs = read_paragraphs(docx.Document(str(path)))
    top = [int(p.number.rstrip(".")) for p in paragraphs
           if p.number and p.label is not None and p.label.level == 0
           and p.number.rstrip(".").isdigit()]
    assert top == list(range(1, len(top) + 1))
    agreement = read_docx(path)
    for container in (agreement.clauses, *[s.clauses for s in agreement.schedules]):
        numbers = [int(c.number) for c in container if c.number and c.number.isdigit()]
        assert numbers == sorted(numbers), numbers
        assert len(set(numbers)) == len(numbers)


def test_grammar_errors_name_the_word_paragraph() -> None:
    document = docx.Document()
    for text in ("---", "kind: mou", "1. Payment"):
        document.add_paragraph(text)
    with pytest.raises(ParseError) as caught:
        read_docx_bytes(_docx_bytes(document), display_path="front.docx")
    assert caught.value.one_line().startswith("front.docx: paragraph 3: ")
    assert caught.value.line is None


def _first_word(text: str) -> str:
    words = text.split()
    return words[0] if words else ""


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus/open-agreements-docx is absent")
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_numbers_agree_with_libreoffice_on_real_word_files(tmp_path: Path) -> None:
    """LibreOffice's plain-text export writes each list number: an independent second opinion."""
    profile = tmp_path / "profile"
    copies = []
    for path in CORPUS_FILES:  # every file is called template.docx: give each its own name
        copy = tmp_path / f"{path.parent.name}.docx"
        shutil.copy(path, copy)
        copies.append(copy)
    completed = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "txt:Text (encoded):UTF8", "--outdir", str(tmp_path / "text"), *map(str, copies)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    for path in CORPUS_FILES:
        exported_file = tmp_path / "text" / f"{path.parent.name}.txt"
        exported = [
            " ".join(line.split())
            for line in exported_file.read_text(encoding="utf-8-sig").splitlines()
        ]
        cursor = 0
        for paragraph in read_paragraphs(docx.Document(str(path))):
            if not paragraph.number:
                continue
            expected = f"{paragraph.number} {_first_word(paragraph.text)}".strip()
            for position in range(cursor, len(exported)):
                if exported[position].startswith(expected):
                    cursor = position + 1
                    break
            else:
                pytest.fail(f"{path.parent.name} ¶{paragraph.index + 1}: LibreOffice does not "
                            f"show {expected!r} after line {cursor}")


def test_an_empty_section_break_paragraph_takes_no_number() -> None:
    document = docx.Document(str(FIXTURES / "civic-university-agreement-northmoor.docx"))
    before = [p.number for p in read_paragraphs(document) if p.number]
    first_heading = next(p for p in document.paragraphs if p.text.startswith("Why we are"))
    breaker = first_heading.insert_paragraph_before(style="Heading 1")
    breaker._p.get_or_add_pPr().append(parse_xml(f'<w:sectPr {nsdecls("w")}/>'))
    assert [p.number for p in read_paragraphs(document) if p.number] == before
    first_heading.insert_paragraph_before(style="Heading 1")  # no section break
    after = [p.number for p in read_paragraphs(document) if p.number]
    assert after[0] == "1." and after[1] == "2."  # an empty numbered paragraph does count
