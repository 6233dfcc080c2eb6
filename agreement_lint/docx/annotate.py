"""Write a reviewed copy of a Word draft with one real Word comment per finding.

A finding about a clause becomes a comment anchored on that clause's paragraph (on the very
words, when the finding's evidence can be found in the paragraph's runs). Findings about
something *missing* have nothing to point at: they are gathered into one summary comment on
the title (or the first paragraph with text). The text of the document is never changed:
comment ranges and references add no characters. Only ``summary=True`` appends a "Review
summary" section, which is why it is off by default.

Paragraphs are addressed by the body paragraph index defined in :mod:`.body`, the same index
the reader puts in every location.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..atomic import write_bytes_atomic
from ..errors import InputError
from ..findings import Finding, Severity
from .body import BodyParagraph, Piece, iter_body_paragraphs, paragraph_pieces
from .comments import AUTHOR as AUTHOR  # one author name, so the reader can skip our comments
from .guard import DEFAULT_LIMITS, DocxLimits, load_docx_bytes
from .reader import open_document

INITIALS = "AL"
SUMMARY_HEADING = "Review summary"

# Characters the text parser normalises one for one; evidence is matched after the same.
_ONE_FOR_ONE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\t": " ",
    "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
})


@dataclass(frozen=True)
class PrincipleRow:
    """One row of the optional summary table: a principle the run checked."""

    principle: str
    title: str = ""


@dataclass
class AnnotateResult:
    """What was written: how many comments, on which paragraphs, and what was left out."""

    output: Path | None = None
    clause_comments: int = 0
    summary_comment: bool = False
    anchored: list[int] = field(default_factory=list)
    """Paragraph index each clause comment was anchored on, in order."""
    moved: int = 0
    """Comments anchored on a neighbour because their own paragraph has no text."""

    @property
    def comments(self) -> int:
        """Total comments written."""
        return self.clause_comments + (1 if self.summary_comment else 0)


def comment_paragraphs(finding: Finding, principles: Mapping[str, str]) -> list[str]:
    """The comment for one finding, as short paragraphs: what, why (principle), what to do."""
    out = [f"{finding.code} ({finding.severity.value}): {_flat(finding.message)}"]
    cited = _principles_line(finding.principles, principles)
    if cited:
        out.append(f"Principle: {cited}")
    if finding.suggestion.strip():
        out.append(f"Suggestion: {_flat(finding.suggestion)}")
    return out


def summary_paragraphs(findings: Sequence[Finding], principles: Mapping[str, str]) -> list[str]:
    """The one comment that lists everything missing from the whole draft."""
    count = len(findings)
    points = "point" if count == 1 else "points"
    out = [
        f"agreement-lint: {count} {points} about the draft as a whole (usually something it "
        "does not yet cover):"
    ]
    for finding in findings:
        line = f"• {finding.code} ({finding.severity.value}): {_flat(finding.message)}"
        cited = _principles_line(finding.principles, principles)
        if cited:
            line += f" [Principle: {cited}]"
        out.append(line)
    return out


def _principles_line(ids: Sequence[str], principles: Mapping[str, str]) -> str:
    parts = []
    for pid in ids:
        title = principles.get(pid, "").strip()
        parts.append(f"{pid} – {title}" if title else pid)
    return "; ".join(parts)


def _flat(text: str) -> str:
    return " ".join(text.split())


def annotate_docx(
    input_path: Path,
    output: Path,
    findings: Sequence[Finding],
    *,
    principles: Mapping[str, str] | None = None,
    summary_rows: Sequence[PrincipleRow] | None = None,
    display_path: str | None = None,
    limits: DocxLimits = DEFAULT_LIMITS,
) -> AnnotateResult:
    """Read ``input_path``, add comments for ``findings`` and write ``output`` atomically.

    ``principles`` maps principle IDs to titles for the comment text. ``summary_rows`` (when
    given) appends the "Review summary" section. The input is only ever read.
    """
    shown = display_path or str(input_path)
    data = load_docx_bytes(input_path, shown=shown, limits=limits)
    document = open_document(data, shown=shown, limits=limits)
    result = annotate_document(
        document, findings, principles=principles or {}, summary_rows=summary_rows
    )
    write_bytes_atomic(output, document_bytes(document, shown=shown))
    result.output = output
    return result


def document_bytes(document: Any, *, shown: str) -> bytes:
    """The saved .docx as bytes (so the output can be written atomically)."""
    buffer = io.BytesIO()
    try:
        document.save(buffer)
    except (ValueError, KeyError) as exc:
        raise InputError(f"cannot be written back as .docx ({exc})", path=shown) from None
    return buffer.getvalue()


def annotate_document(
    document: Any,
    findings: Sequence[Finding],
    *,
    principles: Mapping[str, str],
    summary_rows: Sequence[PrincipleRow] | None = None,
) -> AnnotateResult:
    """Add the comments (and optional summary section) to an open python-docx document."""
    body = document.element.body
    paragraphs = list(iter_body_paragraphs(body))
    pieces = {item.index: paragraph_pieces(item.element) for item in paragraphs}
    result = AnnotateResult()
    missing: list[Finding] = []
    for finding in findings:
        index = finding.location.paragraph
        if index is None or not 0 <= index < len(paragraphs):
            missing.append(finding)
            continue
        target = _anchor_paragraph(paragraphs, pieces, index)
        if target is None:
            missing.append(finding)
            continue
        if target != index:
            result.moved += 1
        runs = _anchor_runs(paragraphs[target], pieces[target], finding.evidence)
        _add_comment(document, runs, comment_paragraphs(finding, principles))
        result.clause_comments += 1
        result.anchored.append(target)
    if missing:
        target = _title_paragraph(document, paragraphs, pieces)
        if target is not None:
            runs = _anchor_runs(paragraphs[target], pieces[target], "")
            _add_comment(document, runs, summary_paragraphs(missing, principles))
            result.summary_comment = True
    if summary_rows is not None:
        append_summary_section(document, findings, summary_rows)
    return result


def _anchor_paragraph(
    paragraphs: list[BodyParagraph], pieces: Mapping[int, list[Piece]], index: int
) -> int | None:
    """``index`` if its paragraph has text; else the nearest following, then preceding, one."""
    if _has_text(pieces[index]):
        return index
    for later in range(index + 1, len(paragraphs)):
        if _has_text(pieces[later]):
            return later
    for earlier in range(index - 1, -1, -1):
        if _has_text(pieces[earlier]):
            return earlier
    return None


def _has_text(pieces: list[Piece]) -> bool:
    return any(piece.text.strip() for piece in pieces)


def _title_paragraph(
    document: Any, paragraphs: list[BodyParagraph], pieces: Mapping[int, list[Piece]]
) -> int | None:
    """The Title-styled paragraph with text, else the first paragraph with text."""
    title_ids = {
        style.style_id for style in document.styles
        if getattr(style, "name", "") and style.name.lower() == "title"
    }
    for item in paragraphs:
        ppr = item.element.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        if style is not None and style.get(qn("w:val")) in title_ids and _has_text(
            pieces[item.index]
        ):
            return item.index
    for item in paragraphs:
        if _has_text(pieces[item.index]):
            return item.index
    return None


def _anchor_runs(item: BodyParagraph, pieces: list[Piece], evidence: str) -> list[Any]:
    """The runs holding ``evidence`` if it is found in the paragraph, else all its text runs."""
    runs_in_order: list[Any] = []
    for piece in pieces:
        if piece.text.strip() and (not runs_in_order or runs_in_order[-1] is not piece.run):
            runs_in_order.append(piece.run)
    span = _find_evidence(pieces, evidence)
    if span is not None:
        start, end = span
        chosen: list[Any] = []
        offset = 0
        for piece in pieces:
            piece_end = offset + len(piece.text)
            if piece_end > start and offset < end and piece.run not in chosen:
                chosen.append(piece.run)
            offset = piece_end
        if chosen:
            return chosen
    return runs_in_order


def _find_evidence(pieces: list[Piece], evidence: str) -> tuple[int, int] | None:
    """Start and end offsets of ``evidence`` in the paragraph's visible text, or None.

    Both sides are compared lower-cased, with quotes, dashes and spaces normalised and runs of
    white space collapsed, so evidence taken from the parsed text is found in Word's text.
    """
    wanted = " ".join(evidence.translate(_ONE_FOR_ONE).lower().split()).strip(" .…")
    if len(wanted) < 3:
        return None
    raw = "".join(piece.text for piece in pieces).translate(_ONE_FOR_ONE).lower()
    collapsed: list[str] = []
    origin: list[int] = []
    previous_space = True
    for position, char in enumerate(raw):
        if char.isspace():
            if previous_space:
                continue
            char = " "
            previous_space = True
        else:
            previous_space = False
        collapsed.append(char)
        origin.append(position)
    found = "".join(collapsed).find(wanted)
    if found < 0:
        return None
    return origin[found], origin[found + len(wanted) - 1] + 1


def _add_comment(document: Any, run_elements: list[Any], paragraphs: list[str]) -> None:
    """One Word comment over the runs from the first to the last of ``run_elements``."""
    first, last = run_elements[0], run_elements[-1]
    parent = Paragraph(_paragraph_of(first), document._body)
    runs = [Run(first, parent), Run(last, parent)]
    comment = document.add_comment(runs, text=_xml_text(paragraphs[0]), author=AUTHOR,
                                   initials=INITIALS)
    for text in paragraphs[1:]:
        comment.add_paragraph(_xml_text(text))


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    """Drop what XML cannot carry (control characters in a user's rule pack, for example)."""
    return _NOT_XML.sub("", text)


def _paragraph_of(run: Any) -> Any:
    parent = run.getparent()
    while parent is not None and parent.tag != qn("w:p"):
        parent = parent.getparent()
    return parent


def principle_status(findings: Sequence[Finding], principle: str) -> tuple[str, str]:
    """Status and finding codes for one principle in the summary table."""
    cited = [f for f in findings if principle in f.principles]
    if not cited:
        return "No findings", ""
    worst = max((f.severity for f in cited), key=lambda s: s.rank)
    word = {Severity.ERROR: "Needs attention", Severity.WARNING: "Worth a look",
            Severity.INFO: "For information"}[worst]
    codes = sorted({f.code for f in cited})
    return f"{word} ({len(cited)})", ", ".join(codes)


def append_summary_section(
    document: Any, findings: Sequence[Finding], rows: Sequence[PrincipleRow]
) -> None:
    """Append the headed "Review summary" table (principle, status, findings)."""
    heading = document.add_paragraph()
    if not _apply_style(heading, "Heading 1"):
        heading_run = heading.add_run(SUMMARY_HEADING)
        heading_run.bold = True
    else:
        heading.add_run(SUMMARY_HEADING)
        # A numbered heading style must not give this section a clause number.
        num_pr = heading._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_numId().val = 0
    document.add_paragraph(
        "Added by agreement-lint. Each row is a principle the draft was checked against; "
        "the comments in the text explain each finding."
    )
    table = document.add_table(rows=1 + len(rows), cols=3)
    with contextlib.suppress(KeyError, ValueError):
        table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Principle", "Status", "Findings"), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row, entry in zip(table.rows[1:], rows, strict=True):
        status, codes = principle_status(findings, entry.principle)
        label = f"{entry.principle} – {entry.title}" if entry.title else entry.principle
        for cell, text in zip(row.cells, (label, status, codes), strict=True):
            cell.paragraphs[0].add_run(text)


def _apply_style(paragraph: Any, name: str) -> bool:
    try:
        paragraph.style = name
    except (KeyError, ValueError):
        return False
    return True
