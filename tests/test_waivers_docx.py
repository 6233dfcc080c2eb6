"""Waivers in Word drafts: an ordinary Word comment starting ``agreement-lint:`` on a clause."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Sequence
from pathlib import Path

import docx
import pytest
from bad_inputs import docx_files
from cli_runner import run_main
from docx.oxml.ns import qn

from agreement_lint.docx.annotate import AUTHOR
from agreement_lint.docx.body import iter_body_paragraphs
from agreement_lint.docx.comments import directive_comments
from agreement_lint.docx.reader import read_docx_bytes
from agreement_lint.engine import load_ruleset
from agreement_lint.findings import Finding, Severity
from agreement_lint.model import Agreement, Location
from agreement_lint.waivers import apply_waivers

RULES = load_ruleset()

PARAGRAPHS: tuple[tuple[str, str], ...] = (
    ("Title", "Memorandum of Understanding"),
    ("Normal", "This memorandum is between the University of Eastgate and Eastgate Food Network."),
    ("Heading 1", "1. Purpose"),
    ("Normal", "The partners will run six listening events."),
    ("Heading 1", "2. Contributions"),
    ("Normal", "The Network takes part on a voluntary basis."),
    ("Heading 2", "2.1 Venue"),
    ("Normal", "The venue fee is TBC."),
    ("Normal", "The Network will book the hall."),
    ("Heading 1", "3. Roles"),
    ("Normal", "The Network will recruit residents."),
)
"""The draft, one (style, text) per body paragraph: paragraph index = position here."""

CLAUSE_2 = 4
CLAUSE_2_BODY = 5
CLAUSE_2_1_BODY = 7
CLAUSE_2_1_LAST = 8
PARTIES = 1
TITLE = 0


def _draft(comments: Sequence[tuple[int, str]] = (), *, author: str = "Jo Drafter") -> bytes:
    """The draft with a Word comment of ``text`` on each given paragraph."""
    document = docx.Document()
    for style, text in PARAGRAPHS:
        document.add_paragraph(text, style=style)
    paragraphs = document.paragraphs
    for index, text in comments:
        document.add_comment(paragraphs[index].runs, text=text, author=author, initials="JD")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _finding(code: str, paragraph: int | None, clause: str | None) -> Finding:
    rule = RULES.get(code)
    assert rule is not None
    location = Location() if paragraph is None else Location(paragraph=paragraph, clause=clause)
    return Finding(code=code, name=rule.name, severity=rule.severity, message=rule.message,
                   location=location)


FINDINGS = (
    _finding("PAY001", None, None),
    _finding("PAY004", CLAUSE_2_BODY, "2"),
    _finding("STR002", CLAUSE_2_1_BODY, "2.1"),
    _finding("STR002", 10, "3"),
)
"""Findings as the engine would place them in this draft (one per clause, one missing)."""


def _read(data: bytes) -> Agreement:
    return read_docx_bytes(data, display_path="draft.docx")


def _run(data: bytes) -> tuple[list[Finding], list[Finding]]:
    outcome = apply_waivers(_read(data), FINDINGS, RULES, enabled=lambda _code: True)
    return list(outcome.findings), list(outcome.waived)


def _where(findings: list[Finding]) -> list[tuple[str, int | None]]:
    return [(f.code, f.location.paragraph) for f in findings]


def test_the_draft_is_read_with_the_clauses_the_tests_assume() -> None:
    agreement = _read(_draft())
    assert [(c.number, c.location.paragraph) for c in agreement.walk()] == [
        ("1", 2), ("2", 4), ("2.1", 6), ("3", 9),
    ]
    assert agreement.comments == ()


def test_comment_on_a_clause_heading_waives_that_clause_and_its_sub_clauses_only() -> None:
    data = _draft([(CLAUSE_2, 'agreement-lint: disable PAY004, STR002 reason="pilot year"')])
    kept, waived = _run(data)
    assert _where(waived) == [("PAY004", CLAUSE_2_BODY), ("STR002", CLAUSE_2_1_BODY)]
    assert _where(kept) == [("PAY001", None), ("STR002", 10)]


def test_comment_anchored_mid_clause_waives_the_clause_it_is_in() -> None:
    data = _draft([(CLAUSE_2_1_LAST, 'agreement-lint: disable STR002 reason="venue agreed"')])
    agreement = _read(data)
    (comment,) = agreement.comments
    assert comment.location.paragraph == CLAUSE_2_1_LAST
    assert comment.location.clause == "2.1" and comment.next_clause == "2.1"
    kept, waived = _run(data)
    assert _where(waived) == [("STR002", CLAUSE_2_1_BODY)]
    assert ("STR002", 10) in _where(kept)


def test_comment_on_a_clause_body_reaches_its_sub_clauses() -> None:
    data = _draft([(CLAUSE_2_BODY, 'agreement-lint: disable STR002 reason="venue agreed"')])
    _kept, waived = _run(data)
    assert _where(waived) == [("STR002", CLAUSE_2_1_BODY)]


def test_disable_file_waives_its_codes_everywhere() -> None:
    data = _draft([(TITLE, 'agreement-lint: disable-file STR002, PAY001 reason="grant letter"')])
    kept, waived = _run(data)
    assert sorted(_where(waived), key=str) == sorted(
        [("PAY001", None), ("STR002", CLAUSE_2_1_BODY), ("STR002", 10)], key=str)
    assert _where(kept) == [("PAY004", CLAUSE_2_BODY)]


@pytest.mark.parametrize("text", [
    "agreement-lint: disable PAY004 reason=\u201cunfunded pilot\u201d",
    "agreement-lint: disable PAY004 reason=\u2018unfunded pilot\u2019",
    "Agreement-Lint: disable PAY004 reason=\u201cthe Network\u2019s choice\u201d",
])
def test_curly_quotes_typed_by_word_read_as_a_reason(text: str) -> None:
    kept, waived = _run(_draft([(CLAUSE_2_BODY, text)]))
    assert _where(waived) == [("PAY004", CLAUSE_2_BODY)]
    assert not [f for f in kept if f.code.startswith("LINT")]


def test_malformed_directive_is_reported_at_the_commented_paragraph() -> None:
    kept, waived = _run(_draft([(CLAUSE_2_BODY, 'agreement-lint: disabel PAY004 reason="x"')]))
    assert not waived
    (bad,) = [f for f in kept if f.code == "LINT003"]
    assert bad.location.paragraph == CLAUSE_2_BODY and bad.location.clause == "2"
    assert "it should read disable CODE" in bad.message


def test_directive_without_reason_applies_and_is_reported() -> None:
    kept, waived = _run(_draft([(CLAUSE_2, "agreement-lint: disable PAY004")]))
    assert _where(waived) == [("PAY004", CLAUSE_2_BODY)]
    (meta,) = [f for f in kept if f.code.startswith("LINT")]
    assert meta.code == "LINT001" and meta.location.paragraph == CLAUSE_2
    assert meta.severity == Severity.WARNING


def test_unused_directive_is_reported_at_the_commented_paragraph() -> None:
    kept, waived = _run(_draft([(3, 'agreement-lint: disable PAY004 reason="kept"')]))
    assert not waived
    (meta,) = [f for f in kept if f.code.startswith("LINT")]
    assert meta.code == "LINT002" and meta.location.paragraph == 3 and "PAY004" in meta.message


def test_clause_directive_before_any_clause_is_malformed() -> None:
    kept, waived = _run(_draft([(PARTIES, 'agreement-lint: disable PAY004 reason="x"')]))
    assert not waived
    (bad,) = [f for f in kept if f.code == "LINT003"]
    assert bad.location.paragraph == PARTIES and "not attached to a clause" in bad.message


@pytest.mark.parametrize("text", [
    "Please check this with the Network.",
    "Ask whether agreement-lint: disable PAY004 is right here",
    "",
])
def test_comments_that_are_not_directives_are_ignored(text: str) -> None:
    data = _draft([(CLAUSE_2_BODY, text)])
    assert _read(data).comments == ()
    kept, waived = _run(data)
    assert not waived and not [f for f in kept if f.code.startswith("LINT")]


def test_comments_written_by_agreement_lint_are_not_read_as_directives() -> None:
    data = _draft([(TITLE, "agreement-lint: 3 points about the draft as a whole")], author=AUTHOR)
    assert _read(data).comments == ()


def test_a_directive_written_over_several_runs_and_paragraphs_is_read_whole() -> None:
    document = docx.Document(io.BytesIO(_draft()))
    comment = document.add_comment(document.paragraphs[CLAUSE_2].runs, text="agreement-lint:",
                                   author="Jo Drafter")
    comment.paragraphs[0].add_run(" disable ")
    comment.paragraphs[0].add_run("PAY004")
    comment.add_paragraph('reason="pilot year"')
    buffer = io.BytesIO()
    document.save(buffer)
    kept, waived = _run(buffer.getvalue())
    assert _where(waived) == [("PAY004", CLAUSE_2_BODY)]
    assert not [f for f in kept if f.code.startswith("LINT")]


def test_a_range_that_starts_between_paragraphs_belongs_to_the_next_one() -> None:
    document = docx.Document(io.BytesIO(
        _draft([(CLAUSE_2_1_BODY, 'agreement-lint: disable STR002 reason="venue agreed"')])))
    body = document.element.body
    start = next(body.iter(qn("w:commentRangeStart")))
    start.getparent().remove(start)
    body.insert(list(body).index(document.paragraphs[CLAUSE_2_1_BODY]._p), start)
    assert start.getparent() is body
    (found,) = directive_comments(document)
    assert found.paragraph == CLAUSE_2_1_BODY


def test_a_comment_attached_nowhere_can_still_waive_the_whole_file() -> None:
    document = docx.Document(io.BytesIO(
        _draft([(TITLE, 'agreement-lint: disable-file PAY001 reason="grant letter"')])))
    for tag in ("w:commentRangeStart", "w:commentRangeEnd", "w:commentReference"):
        for element in list(document.element.body.iter(qn(tag))):
            element.getparent().remove(element)
    buffer = io.BytesIO()
    document.save(buffer)
    kept, waived = _run(buffer.getvalue())
    assert _where(waived) == [("PAY001", None)]
    assert not [f for f in kept if f.code.startswith("LINT")]


def test_a_comment_without_an_id_is_ignored() -> None:
    document = docx.Document(io.BytesIO(_draft([(CLAUSE_2, "agreement-lint: disable PAY004")])))
    comment = next(document.part._comments_part.element.iterchildren(qn("w:comment")))
    del comment.attrib[qn("w:id")]
    assert directive_comments(document) == []


def _with_comments_content_type(data: bytes, content_type: str) -> bytes:
    parts = docx_files.members(data)
    types = parts["[Content_Types].xml"].decode()
    old = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
    assert old in types
    parts["[Content_Types].xml"] = types.replace(old, content_type).encode()
    return docx_files.build_zip(parts)


def test_a_comments_part_with_an_unexpected_content_type_is_still_read() -> None:
    data = _with_comments_content_type(
        _draft([(CLAUSE_2, 'agreement-lint: disable PAY004 reason="pilot"')]), "application/xml")
    kept, waived = _run(data)
    assert _where(waived) == [("PAY004", CLAUSE_2_BODY)]
    assert not [f for f in kept if f.code.startswith("LINT")]


def test_a_markdown_waiver_typed_into_the_text_still_waives_the_clause_after_it() -> None:
    document = docx.Document(io.BytesIO(_draft()))
    heading = document.paragraphs[CLAUSE_2]
    heading.insert_paragraph_before(
        '<!-- agreement-lint: disable STR002 reason="venue agreed" -->')
    buffer = io.BytesIO()
    document.save(buffer)
    agreement = _read(buffer.getvalue())
    (comment,) = agreement.comments
    assert comment.location.paragraph == CLAUSE_2 and comment.next_clause == "2"
    shifted = [f.model_copy(update={"location": f.location.model_copy(
        update={"paragraph": f.location.paragraph + 1})}) if f.location.paragraph else f
               for f in FINDINGS]
    outcome = apply_waivers(agreement, shifted, RULES, enabled=lambda _code: True)
    assert _where(list(outcome.waived)) == [("STR002", CLAUSE_2_1_BODY + 1)]


# Through the command line: real findings, the input untouched, the reviewed copy.

def _write(tmp_path: Path, comments: Sequence[tuple[int, str]]) -> tuple[Path, str]:
    path = tmp_path / "draft.docx"
    path.write_bytes(_draft(comments))
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    code = run_main(["check", "--no-config", "--format", "json", str(path)])
    assert code in (0, 1)
    return json.loads(capsys.readouterr().out)


def _file_entry(report: dict) -> dict:
    (entry,) = report["files"]
    return entry


def _real_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Finding:
    """A finding the rules really make in a clause of the draft (the test waives it)."""
    path, _ = _write(tmp_path, [])
    located = [f for f in _file_entry(_check(path, capsys))["findings"]
               if f["location"].get("paragraph") is not None and f["location"].get("clause")]
    if not located:
        pytest.skip("the rules make no clause finding in this draft")
    first = located[0]
    return _finding(first["code"], first["location"]["paragraph"], first["location"]["clause"])


def test_check_waives_a_real_finding_and_leaves_the_draft_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = _real_finding(tmp_path, capsys)
    paragraph = target.location.paragraph
    assert paragraph is not None
    waiver = f"agreement-lint: disable {target.code} reason=\u201cagreed by the partners\u201d"
    path, digest = _write(tmp_path, [(paragraph, waiver)])
    entry = _file_entry(_check(path, capsys))
    assert (target.code, paragraph) in [
        (f["code"], f["location"].get("paragraph")) for f in entry["waived"]]
    assert (target.code, paragraph) not in [
        (f["code"], f["location"].get("paragraph")) for f in entry["findings"]]
    assert not [f for f in entry["findings"] if f["code"].startswith("LINT")]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_annotate_keeps_the_waiver_comment_and_comments_nothing_it_waived(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = _real_finding(tmp_path, capsys)
    paragraph = target.location.paragraph
    assert paragraph is not None
    waiver = f'agreement-lint: disable {target.code} reason="agreed at the steering group"'
    path, digest = _write(tmp_path, [(paragraph, waiver), (3, "Please check this.")])
    output = tmp_path / "draft.reviewed.docx"
    assert run_main(["annotate", "--no-config", str(path), "-o", str(output)]) == 0
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    reviewed = docx.Document(str(output))
    theirs = [(c.author, c.text) for c in reviewed.comments if c.author != AUTHOR]
    assert theirs == [("Jo Drafter", waiver), ("Jo Drafter", "Please check this.")]
    ours = [c.text for c in reviewed.comments if c.author == AUTHOR]
    assert ours and not any(text.startswith(f"{target.code} ") for text in ours)
    starts = {start.get(qn("w:id")): item.index
              for item in iter_body_paragraphs(reviewed.element.body)
              for start in item.element.iter(qn("w:commentRangeStart"))}
    waiver_id = next(str(c.comment_id) for c in reviewed.comments if c.text == waiver)
    assert starts[waiver_id] == paragraph
    # The reviewed copy, checked again, still honours the waiver and reads none of ours.
    entry = _file_entry(_check(output, capsys))
    assert target.code in [f["code"] for f in entry["waived"]]
    assert not [f for f in entry["findings"] if f["code"].startswith("LINT")]


def test_a_damaged_comments_part_is_passed_over_not_refused() -> None:
    """Comments are only read for waivers: a comments part that is not well formed leaves the
    draft with none, where a damaged footnotes part (text of the draft) is refused."""
    from types import SimpleNamespace

    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    def document(blob: bytes) -> SimpleNamespace:
        part = SimpleNamespace(element=None, blob=blob)
        rel = SimpleNamespace(reltype=RT.COMMENTS, is_external=False, target_part=part)
        return SimpleNamespace(part=SimpleNamespace(rels={"rId9": rel}))

    assert directive_comments(document(b"<w:comments><w:comment")) == []
    good = (b'<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b'<w:comment w:id="1" w:author="Sam"><w:p><w:r><w:t>agreement-lint: disable PAY004'
            b'</w:t></w:r></w:p></w:comment></w:comments>')
    found = directive_comments(SimpleNamespace(part=document(good).part,
                                               element=SimpleNamespace(body=docx.Document()
                                                                       .element.body)))
    assert [(c.comment_id, c.text, c.paragraph) for c in found] == [
        ("1", "agreement-lint: disable PAY004", None)]
