"""The reviewed copy: real Word comments on the right paragraphs, and not one character changed."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from agreement_lint.cli import main
from agreement_lint.docx.annotate import (
    AUTHOR,
    SUMMARY_HEADING,
    PrincipleRow,
    annotate_document,
    annotate_docx,
)
from agreement_lint.docx.body import iter_body_paragraphs, paragraph_text
from agreement_lint.docx.reader import read_docx
from agreement_lint.engine import lint, load_ruleset
from agreement_lint.findings import Finding, Severity
from agreement_lint.model import Location

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "docx"
SAMPLE = FIXTURES / "civic-university-agreement-northmoor.docx"
EDGES = FIXTURES / "community-data-sharing-eastgate.docx"


def run_cli(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def body_texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [paragraph_text(p.element).text for p in iter_body_paragraphs(document.element.body)]


def docx_texts(path: Path) -> list[str]:
    """python-docx's own view of the text: body paragraphs and every table cell's paragraphs."""
    document = docx.Document(str(path))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            out.extend(p.text for cell in row.cells for p in cell.paragraphs)
    return out


def comments_by_paragraph(path: Path) -> dict[int, list[str]]:
    """Paragraph index → texts of the agreement-lint comments whose range starts there."""
    document = docx.Document(str(path))
    ours = {c.comment_id: c.text for c in document.comments if c.author == AUTHOR}
    found: dict[int, list[str]] = {}
    for item in iter_body_paragraphs(document.element.body):
        for start in item.element.iter(qn("w:commentRangeStart")):
            comment_id = int(start.get(qn("w:id")))
            if comment_id in ours:
                found.setdefault(item.index, []).append(ours[comment_id])
    return found


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sample_findings() -> list[Finding]:
    return lint(read_docx(SAMPLE), load_ruleset())


def test_annotate_comments_each_clause_finding_on_its_paragraph(
    tmp_path: Path, sample_findings: list[Finding], capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.docx"
    shutil.copy(SAMPLE, draft)
    before = sha256(draft)
    assert run_cli("annotate", str(draft), "--no-config") == 0
    output = tmp_path / "draft.reviewed.docx"
    assert output.exists()
    assert sha256(draft) == before

    clause_findings = [f for f in sample_findings if f.location.paragraph is not None]
    missing = [f for f in sample_findings if f.location.paragraph is None]
    assert clause_findings and missing
    comments = comments_by_paragraph(output)
    assert sum(len(v) for v in comments.values()) == len(clause_findings) + 1
    for finding in clause_findings:
        here = comments.get(finding.location.paragraph, [])
        assert any(text.startswith(f"{finding.code} ") for text in here), finding
    title = comments[0]  # the Title paragraph carries the summary of missing things
    summary = next(text for text in title if text.startswith("agreement-lint:"))
    for finding in missing:
        assert finding.code in summary
    assert f"{len(clause_findings) + 1} comments written to {output}" in capsys.readouterr().err

    assert body_texts(output) == body_texts(draft)
    assert docx_texts(output) == docx_texts(draft)


def test_comment_text_has_code_message_principle_and_suggestion(tmp_path: Path) -> None:
    finding = Finding(
        code="PAY004", name="unpaid-community-contribution", severity=Severity.WARNING,
        message="A community partner is asked to contribute without payment.",
        principles=("QM-7",), location=Location(paragraph=40, clause="6.3"),
        evidence="in kind", suggestion="Say how the partner's time will be paid for.",
    )
    output = tmp_path / "out.docx"
    annotate_docx(SAMPLE, output, [finding], principles={"QM-7": "Agree how people are paid"})
    document = docx.Document(str(output))
    comment = next(c for c in document.comments if c.author == AUTHOR)
    assert comment.initials == "AL"
    assert [p.text for p in comment.paragraphs] == [
        "PAY004 (warning): A community partner is asked to contribute without payment.",
        "Principle: QM-7 – Agree how people are paid",
        "Suggestion: Say how the partner's time will be paid for.",
    ]


def _finding(code: str, paragraph: int | None, evidence: str = "") -> Finding:
    return Finding(code=code, name="x", severity=Severity.INFO, message=f"message {code}",
                   location=Location(paragraph=paragraph), evidence=evidence)


def _edge_indexes() -> dict[str, int]:
    document = docx.Document(str(EDGES))
    items = list(iter_body_paragraphs(document.element.body))
    texts = [paragraph_text(p.element).text for p in items]
    link_only = next(
        p.index for p in items
        if p.element.find(qn("w:hyperlink")) is not None and p.element.find(qn("w:r")) is None
    )
    return {
        "empty": texts.index(""),
        "link_only": link_only,
        "payment": next(i for i, t in enumerate(texts) if t.startswith("The University will pay")),
        "table_row": next(p.index for p in items if p.cell is not None and texts[p.index]),
    }


def test_empty_and_hyperlink_only_paragraphs_and_evidence_phrases(tmp_path: Path) -> None:
    where = _edge_indexes()
    findings = [
        _finding("T001", where["empty"]),
        _finding("T002", where["link_only"]),
        _finding("T003", where["payment"], evidence="within 30 days"),
        _finding("T004", where["table_row"]),
        _finding("T005", None),
        _finding("T006", 10_000),  # beyond the document: reported in the summary
    ]
    output = tmp_path / "edges.docx"
    result = annotate_docx(EDGES, output, findings)
    assert result.clause_comments == 4 and result.summary_comment
    assert result.moved == 1
    comments = comments_by_paragraph(output)
    assert any(t.startswith("T002") for t in comments[where["link_only"]])
    assert any(t.startswith("T004") for t in comments[where["table_row"]])
    moved_to = result.anchored[0]
    assert moved_to != where["empty"] and any(t.startswith("T001") for t in comments[moved_to])
    summary = next(t for texts in comments.values() for t in texts if t.startswith("agreement"))
    assert "T005" in summary and "T006" in summary
    assert body_texts(output) == body_texts(EDGES)
    assert docx_texts(output) == docx_texts(EDGES)

    # The phrase finding covers only the runs holding "within 30 days", not the whole clause.
    document = docx.Document(str(output))
    paragraph = next(
        p for p in iter_body_paragraphs(document.element.body) if p.index == where["payment"]
    )
    inside, covered = False, []
    for element in paragraph.element.iter():
        if element.tag == qn("w:commentRangeStart"):
            inside = True
        elif element.tag == qn("w:commentRangeEnd"):
            inside = False
        elif element.tag == qn("w:t") and inside:
            covered.append(element.text or "")
    covered_text = "".join(covered)
    assert "within 30 days" in covered_text
    assert not covered_text.startswith("The University")


def test_summary_section_is_opt_in_and_headed(tmp_path: Path) -> None:
    output = tmp_path / "with-summary.docx"
    findings = [_finding("PAY001", None).model_copy(update={"principles": ("QM-7",)})]
    rows = [PrincipleRow("QM-7", "Agree how people are paid"), PrincipleRow("NHS-5", "")]
    document = docx.Document(str(SAMPLE))
    annotate_document(document, findings, principles={}, summary_rows=rows)
    document.save(str(output))
    reopened = docx.Document(str(output))
    texts = [p.text for p in reopened.paragraphs]
    assert SUMMARY_HEADING in texts
    heading = reopened.paragraphs[texts.index(SUMMARY_HEADING)]
    assert heading.style.name == "Heading 1"
    num_id = heading._p.pPr.numPr.numId.val
    assert num_id == 0  # the heading style's clause numbering is switched off
    table = reopened.tables[-1]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Principle", "Status", "Findings"]
    assert cells[1] == ["QM-7 – Agree how people are paid", "For information (1)", "PAY001"]
    assert cells[2] == ["NHS-5", "No findings", ""]


def test_summary_flag_through_the_command_line(tmp_path: Path) -> None:
    output = tmp_path / "summary.docx"
    assert run_cli("annotate", str(SAMPLE), "-o", str(output), "--summary") == 0
    assert SUMMARY_HEADING in [p.text for p in docx.Document(str(output)).paragraphs]
    plain = tmp_path / "plain.docx"
    assert run_cli("annotate", str(SAMPLE), "-o", str(plain), "--severity", "error") == 0
    assert SUMMARY_HEADING not in [p.text for p in docx.Document(str(plain)).paragraphs]


def test_refuses_to_overwrite_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.docx"
    shutil.copy(SAMPLE, draft)
    before = sha256(draft)
    assert run_cli("annotate", str(draft), "-o", str(draft)) == 2
    assert "never overwrites its input" in capsys.readouterr().err
    assert sha256(draft) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"]


def test_refuses_text_drafts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# Agreement\n", encoding="utf-8")
    assert run_cli("annotate", str(draft)) == 2
    assert ".docx files only" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_reviewed_copy_and_sees_the_comments(tmp_path: Path) -> None:
    output = tmp_path / "reviewed.docx"
    assert run_cli("annotate", str(SAMPLE), "-o", str(output)) == 0
    expected = len([c for c in docx.Document(str(output)).comments])
    profile = tmp_path / "profile"
    for target in ("pdf", "odt"):
        completed = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", target, "--outdir", str(tmp_path), str(output)],
            capture_output=True, text=True, timeout=180, check=False,
        )
        assert completed.returncode == 0, completed.stderr
        assert (tmp_path / f"reviewed.{target}").stat().st_size > 1000
    with zipfile.ZipFile(tmp_path / "reviewed.odt") as odt:
        content = odt.read("content.xml").decode("utf-8")
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == expected


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "open-agreements-docx"
CORPUS_FILES = sorted(CORPUS.glob("*/template.docx")) if CORPUS.is_dir() else []


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus/open-agreements-docx is absent")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.parent.name)
def test_real_word_files_are_annotated_without_changing_their_text(
    path: Path, tmp_path: Path
) -> None:
    output = tmp_path / "reviewed.docx"
    findings = lint(read_docx(path), load_ruleset())
    result = annotate_docx(path, output, findings)
    located = [f for f in findings if f.location.paragraph is not None]
    assert result.clause_comments == len(located)
    assert result.summary_comment == (len(located) < len(findings))
    assert body_texts(output) == body_texts(path)
    assert docx_texts(output) == docx_texts(path)
