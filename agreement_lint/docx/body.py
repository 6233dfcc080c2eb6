"""Walk a Word document body paragraph by paragraph, and read each paragraph's visible text.

**Paragraph index** (used in every location and by the Word annotator): the 0-based position
of a ``w:p`` element among all ``w:p`` elements of the document body, in document order,
counting paragraphs inside tables (cell by cell, row by row, nested tables included) and inside
content controls, and *not* counting paragraphs nested inside another paragraph (text boxes
and shapes). Headers, footers, footnotes and comments are not part of the body.

Visible text is what Word shows with tracked changes accepted: inserted text is kept, deleted
and moved-away text is dropped, hyperlinks' text is kept, a field shows its result (not its
code), comments, hidden text and drawings are left out. A footnote or endnote reference shows
only a mark; :func:`paragraph_pieces` can also report which notes a paragraph refers to (the
notes' text is read by :mod:`.notes`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from .styles import on_off

W_P = qn("w:p")
W_TBL = qn("w:tbl")
W_TR = qn("w:tr")
W_TC = qn("w:tc")
W_R = qn("w:r")
W_RPR = qn("w:rPr")
W_T = qn("w:t")
W_FLDCHAR = qn("w:fldChar")
W_FLDCHARTYPE = qn("w:fldCharType")
_TABS = (qn("w:tab"), qn("w:ptab"))
_BREAKS = (qn("w:br"), qn("w:cr"))
W_NOBREAKHYPHEN = qn("w:noBreakHyphen")
W_FOOTNOTEREFERENCE = qn("w:footnoteReference")
W_ENDNOTEREFERENCE = qn("w:endnoteReference")
W_ID = qn("w:id")
_NOTE_KINDS = {W_FOOTNOTEREFERENCE: "footnote", W_ENDNOTEREFERENCE: "endnote"}

_SKIPPED_INLINE = frozenset(
    qn(tag)
    for tag in (
        "w:del", "w:moveFrom", "w:pPr", "w:rPr", "w:commentRangeStart", "w:commentRangeEnd",
        "w:bookmarkStart", "w:bookmarkEnd", "w:proofErr", "w:permStart", "w:permEnd",
    )
)
_SKIPPED_IN_RUN = frozenset(
    qn(tag)
    for tag in (
        "w:rPr", "w:delText", "w:instrText", "w:delInstrText", "w:drawing", "w:pict",
        "w:object", "w:commentReference", "w:footnoteReference", "w:endnoteReference",
        "w:annotationRef", "w:sym", "w:softHyphen", "w:lastRenderedPageBreak",
    )
)
_MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_OMATH_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"


@dataclass(frozen=True)
class CellRef:
    """Where a table paragraph sits: which table (document order), row and column."""

    table: int
    row: int
    column: int


@dataclass(frozen=True)
class BodyParagraph:
    """One body paragraph with its index and, when it is in a table, its cell."""

    index: int
    element: Any
    cell: CellRef | None


def iter_body_paragraphs(body: Any) -> Iterator[BodyParagraph]:
    """Every body paragraph in document order with its index (see the module docstring)."""
    counter = _Counter()
    yield from _walk(body, None, counter)


class _Counter:
    def __init__(self) -> None:
        self.paragraphs = 0
        self.tables = 0


def _walk(element: Any, cell: CellRef | None, counter: _Counter) -> Iterator[BodyParagraph]:
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == W_P:
            yield BodyParagraph(counter.paragraphs, child, cell)
            counter.paragraphs += 1
        elif tag == W_TBL:
            table = counter.tables
            counter.tables += 1
            yield from _walk_table(child, table, counter)
        else:
            yield from _walk(child, cell, counter)


def _walk_table(table: Any, table_index: int, counter: _Counter) -> Iterator[BodyParagraph]:
    rows = [row for row in table.iter(W_TR) if _nearest(row, W_TBL) is table]
    for row_index, row in enumerate(rows):
        cells = [tc for tc in row.iter(W_TC) if _nearest(tc, W_TR) is row]
        for column, tc in enumerate(cells):
            yield from _walk(tc, CellRef(table_index, row_index, column), counter)


def _nearest(element: Any, tag: str) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


@dataclass
class FieldState:
    """Complex fields (``w:fldChar``) may span runs and paragraphs; track code vs result."""

    stack: list[str]

    @classmethod
    def new(cls) -> FieldState:
        """No field open."""
        return cls([])

    @property
    def showing(self) -> bool:
        """True when text here is displayed (not inside a field's code)."""
        return all(part == "result" for part in self.stack)

    def update(self, fld_char: Any) -> None:
        """Follow one ``w:fldChar`` (begin / separate / end)."""
        kind = fld_char.get(W_FLDCHARTYPE)
        if kind == "begin":
            self.stack.append("code")
        elif kind == "separate" and self.stack:
            self.stack[-1] = "result"
        elif kind == "end" and self.stack:
            self.stack.pop()


@dataclass(frozen=True)
class Piece:
    """A stretch of visible text and the run (``w:r`` element) it comes from."""

    run: Any
    text: str
    bold: bool


@dataclass(frozen=True)
class NoteRef:
    """A visible footnote or endnote reference in a paragraph: the note's kind and id."""

    kind: str
    """``footnote`` or ``endnote``."""
    note_id: str


@dataclass(frozen=True)
class ParagraphText:
    """A paragraph's visible text and whether all of it is bold."""

    text: str
    bold: bool


def paragraph_pieces(
    paragraph: Any, fields: FieldState | None = None, *, style_bold: bool = False,
    notes: list[NoteRef] | None = None,
) -> list[Piece]:
    """The visible text of a ``w:p``, run by run (see the module docstring).

    When ``notes`` is given, the footnote and endnote references shown in the paragraph are
    appended to it in order (a reference in deleted or hidden text is not shown).
    """
    state = fields if fields is not None else FieldState.new()
    pieces: list[Piece] = []
    _collect(paragraph, state, pieces, style_bold, notes)
    return pieces


def paragraph_text(
    paragraph: Any, fields: FieldState | None = None, *, style_bold: bool = False
) -> ParagraphText:
    """The visible text of a ``w:p`` and whether all of it is bold."""
    pieces = paragraph_pieces(paragraph, fields, style_bold=style_bold)
    text = "".join(piece.text for piece in pieces)
    shown = [piece.bold for piece in pieces if piece.text.strip()]
    return ParagraphText(text, bool(shown) and all(shown))


def _collect(
    element: Any, state: FieldState, pieces: list[Piece], style_bold: bool,
    notes: list[NoteRef] | None,
) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED_INLINE or tag == _MC_ALTERNATE:
            continue
        if tag.startswith(_OMATH_NS):
            continue
        if tag == W_R:
            _collect_run(child, state, pieces, style_bold, notes)
        else:
            _collect(child, state, pieces, style_bold, notes)


def _collect_run(
    run: Any, state: FieldState, pieces: list[Piece], style_bold: bool,
    notes: list[NoteRef] | None,
) -> None:
    rpr = run.find(W_RPR)
    if on_off(rpr, "w:vanish") or on_off(rpr, "w:specVanish"):
        return
    run_bold = on_off(rpr, "w:b")
    is_bold = style_bold if run_bold is None else run_bold
    for child in run.iterchildren():
        tag = child.tag
        if notes is not None and tag in _NOTE_KINDS and state.showing:
            note_id = child.get(W_ID)
            if note_id is not None:
                notes.append(NoteRef(_NOTE_KINDS[tag], note_id))
            continue
        if not isinstance(tag, str) or tag in _SKIPPED_IN_RUN or tag == _MC_ALTERNATE:
            continue
        if tag == W_FLDCHAR:
            state.update(child)
            continue
        if not state.showing:
            continue
        piece = _run_piece(child, tag)
        if piece:
            pieces.append(Piece(run, piece, is_bold))


def _run_piece(child: Any, tag: str) -> str:
    if tag == W_T:
        return str(child.text or "")
    if tag in _TABS:
        return "\t"
    if tag in _BREAKS:
        return " "
    if tag == W_NOBREAKHYPHEN:
        return "-"
    return ""
