"""Turn a Word document into the text lines the agreement grammar reads, one per paragraph.

Each body paragraph becomes one line, written the way the same draft would be written in
Markdown, so that Word and text drafts go through one grammar:

* Word's displayed number is put in front (``4.2 The University will…``), indented four
  spaces per list level; a bulleted paragraph becomes ``- …``;
* Title becomes ``# …``; Heading 1-4 become ``##`` to ``#####`` (Heading 1 is a clause heading,
  one level below the title, as in a Markdown draft); a numbered heading takes its depth from
  its list level instead, and a long paragraph in a heading style is read as a clause;
* bold text is wrapped in ``**…**`` as a Markdown draft writes it (so a short all-bold line
  can be read as a heading and a bold party name as a name), except a long all-bold paragraph,
  which is prose in bold;
* a table whose cells each hold plain text becomes a pipe table (one line per row); any other
  table (numbered paragraphs or several paragraphs in a cell, nested tables, one column) is read
  cell by cell, paragraph by paragraph;
* tables of contents are skipped (their entries would repeat every clause number);
* each footnote or endnote a paragraph cites becomes a line of its own right after the
  paragraph's line (``Footnote 1: …``, no blank line between, so the grammar reads it as part
  of the same clause); in a table read as pipe rows it is added to the cell's text.

A blank line separates paragraphs, as in Markdown. ``paragraph_map`` gives, for every line, the
index of the paragraph it came from (None for the blank lines added here); a note's line
maps to the paragraph that cites it, so no paragraph's index moves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from .body import (
    BodyParagraph,
    CellRef,
    FieldState,
    NoteRef,
    Piece,
    iter_body_paragraphs,
    paragraph_pieces,
)
from .notes import Notes, read_notes
from .numbering import ListLabel, Numbering
from .styles import NumPr, StyleSheet, val

BOLD_HEADING_MAX = 80
"""A bold paragraph longer than this is prose in bold, not a heading."""

HEADING_MAX = 100
"""A paragraph in a heading style longer than this is a clause written in that style (legal
templates number whole clauses with Heading 2), so it is read as a numbered clause."""

_TOC_STYLE = re.compile(r"^(toc ?\d|table of contents|toc heading)", re.IGNORECASE)


@dataclass(frozen=True)
class WordParagraph:
    """One body paragraph as read: its text, the number Word shows, its heading level."""

    index: int
    text: str
    marked: str
    """The text with bold stretches wrapped in ``**`` as a Markdown draft writes them."""
    label: ListLabel | None
    style_id: str | None
    style_name: str | None
    heading_level: int | None
    """0 for Title, 1-9 for Heading 1-9, None otherwise."""
    bold: bool
    cell: CellRef | None
    table_of_contents: bool
    notes: tuple[str, ...] = ()
    """The footnotes and endnotes the paragraph cites, one line each (``Footnote 1: …``)."""

    @property
    def number(self) -> str | None:
        """The automatic number Word displays (``4.2``, ``(a)``), or None."""
        if self.label is None or self.label.kind != "number":
            return None
        return self.label.text.strip() or None


def related_element(document_part: Any, reltype: str) -> Any:
    """The XML root of a part related to the main document (styles, numbering), or None."""
    for rel in document_part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return getattr(rel.target_part, "element", None)
    return None


def read_paragraphs(document: Any, *, shown: str = "") -> list[WordParagraph]:
    """Every body paragraph of a python-docx ``Document``, numbered as Word displays it.

    ``shown`` names the file if its footnotes or endnotes part is damaged.
    """
    part = document.part
    styles = StyleSheet.from_element(related_element(part, RT.STYLES))
    numbering = Numbering.from_element(related_element(part, RT.NUMBERING), styles)
    notes = read_notes(part, shown=shown)
    fields = FieldState.new()
    facts: dict[str | None, _StyleFacts] = {}
    out: list[WordParagraph] = []
    for item in iter_body_paragraphs(document.element.body):
        out.append(_read_one(item, styles, numbering, fields, facts, notes))
    return out


@dataclass(frozen=True)
class _StyleFacts:
    """What a paragraph style says, worked out once per style."""

    name: str | None
    heading_level: int | None
    bold: bool
    table_of_contents: bool
    num_pr: NumPr | None


def _style_facts(styles: StyleSheet, style_id: str | None) -> _StyleFacts:
    chain = styles.chain(style_id)
    return _StyleFacts(
        name=chain[0].name if chain else None,
        heading_level=styles.heading_level(style_id),
        bold=styles.is_bold(style_id),
        table_of_contents=any(_TOC_STYLE.match(style.name) for style in chain),
        num_pr=styles.num_pr(style_id),
    )


_W_PPR = qn("w:pPr")
_W_SECTPR = qn("w:sectPr")


def _read_one(
    item: BodyParagraph, styles: StyleSheet, numbering: Numbering, fields: FieldState,
    facts: dict[str | None, _StyleFacts], notes: Notes,
) -> WordParagraph:
    ppr = item.element.find(_W_PPR)
    style_id = val(ppr, "w:pStyle") if ppr is not None else None
    style = facts.get(style_id)
    if style is None:
        style = facts[style_id] = _style_facts(styles, style_id)
    refs: list[NoteRef] = []
    pieces = paragraph_pieces(item.element, fields, style_bold=style.bold, notes=refs)
    text = "".join(piece.text for piece in pieces)
    shown = [piece.bold for piece in pieces if piece.text.strip()]
    own = NumPr.from_ppr(ppr)
    inherited = style.num_pr
    num_id = own.num_id if own is not None and own.num_id is not None else None
    if num_id is None and inherited is not None:
        num_id = inherited.num_id
    ilvl = own.ilvl if own is not None and own.ilvl is not None else None
    if ilvl is None and inherited is not None and (own is None or own.num_id is None):
        ilvl = inherited.ilvl
    # An empty paragraph that only carries a section break shows no number in Word.
    section_break_only = ppr is not None and ppr.find(_W_SECTPR) is not None and not text.strip()
    label = numbering.label(num_id, ilvl, style_id) if num_id and not section_break_only else None
    return WordParagraph(
        index=item.index,
        text=text,
        marked=mark_bold(pieces),
        label=label,
        style_id=style_id,
        style_name=style.name,
        heading_level=style.heading_level,
        bold=bool(shown) and all(shown),
        cell=item.cell,
        table_of_contents=style.table_of_contents,
        notes=notes.lines(refs) if refs else (),
    )


def mark_bold(pieces: list[Piece]) -> str:
    """Join pieces, wrapping each bold stretch in ``**`` (whitespace kept outside)."""
    out: list[str] = []
    groups: list[tuple[bool, str]] = []
    for piece in pieces:
        text = " ".join(piece.text.replace("\t", " ").split(" "))
        if groups and groups[-1][0] == piece.bold:
            groups[-1] = (piece.bold, groups[-1][1] + text)
        else:
            groups.append((piece.bold, text))
    for bold, text in groups:
        core = text.strip()
        if not bold or not core or "*" in core:
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        out.append(f"{lead}**{core}**{trail}")
    return "".join(out)


@dataclass(frozen=True)
class DocumentLines:
    """The text handed to the grammar and, per line, the paragraph it came from."""

    lines: list[str]
    paragraph_map: list[int | None]

    @property
    def text(self) -> str:
        """The lines joined with newlines."""
        return "\n".join(self.lines) + ("\n" if self.lines else "")


def build_lines(paragraphs: list[WordParagraph]) -> DocumentLines:
    """Lay out paragraphs as grammar lines (see the module docstring)."""
    lines: list[str] = []
    mapping: list[int | None] = []
    previous_bullet = False
    position = 0
    while position < len(paragraphs):
        paragraph = paragraphs[position]
        if paragraph.cell is not None:
            table = paragraph.cell.table
            end = position
            while end < len(paragraphs) and _in_table_block(paragraphs[end], table):
                end += 1
            block = paragraphs[position:end]
            rows = _pipe_rows(block)
            _blank(lines, mapping)
            if rows is not None:
                for row_lines, row_index in rows:
                    lines.append(row_lines)
                    mapping.append(row_index)
            else:
                for inner in block:
                    _emit(lines, mapping, inner, previous_bullet=False)
            _blank(lines, mapping)
            previous_bullet = False
            position = end
            continue
        bullet = paragraph.label is not None and paragraph.label.kind == "bullet"
        _emit(lines, mapping, paragraph, previous_bullet=previous_bullet and bullet)
        previous_bullet = bullet
        position += 1
    return DocumentLines(lines, mapping)


def _in_table_block(paragraph: WordParagraph, table: int) -> bool:
    return paragraph.cell is not None and paragraph.cell.table >= table


def _blank(lines: list[str], mapping: list[int | None]) -> None:
    if lines and lines[-1] != "":
        lines.append("")
        mapping.append(None)


def _emit(
    lines: list[str], mapping: list[int | None], paragraph: WordParagraph, *,
    previous_bullet: bool,
) -> None:
    line = paragraph_line(paragraph)
    notes = () if paragraph.table_of_contents else paragraph.notes
    if not line.strip():
        if not notes:
            return
        line = ""  # a paragraph holding only a note's mark: the note stands on its own
    if not previous_bullet or not line:
        _blank(lines, mapping)
    if line:
        lines.append(line)
        mapping.append(paragraph.index)
    for note in notes:
        lines.append(_flat(note))
        mapping.append(paragraph.index)


def _flat(text: str) -> str:
    return " ".join(text.split())


def paragraph_line(paragraph: WordParagraph) -> str:
    """One paragraph as a grammar line (empty for an empty paragraph or a contents entry)."""
    if paragraph.table_of_contents:
        return ""
    text = _flat(paragraph.text)
    marked = _flat(paragraph.marked)
    label = paragraph.label
    number = _flat(label.text) if label is not None and label.kind == "number" else ""
    level = paragraph.heading_level
    if label is not None and label.kind == "bullet":
        return "    " * label.level + "- " + marked if text else ""
    if not text and not number:
        return ""
    if level == 0:
        return f"# {number} {text}".replace("  ", " ").rstrip()
    if level is not None and level <= 4 and len(text) <= HEADING_MAX:
        # A numbered heading sits where its list level puts it (templates often use
        # "Heading 3" for second-level clauses); an unnumbered one where its style says.
        depth = label.level + 1 if number and label is not None else level
        hashes = "#" * min(depth + 1, 6)
        return f"{hashes} {number} {text}".replace("  ", " ").rstrip()
    if number:
        indent = "    " * label.level if label is not None else ""
        return f"{indent}{number} {marked}".rstrip()
    if paragraph.bold and len(text) > BOLD_HEADING_MAX:
        return text
    return marked


def _pipe_rows(block: list[WordParagraph]) -> list[tuple[str, int | None]] | None:
    """A simple table as pipe rows (index of the row's first paragraph), else None."""
    tables = {p.cell.table if p.cell is not None else None for p in block}
    if len(tables) != 1 or None in tables:
        return None
    if any(p.label is not None for p in block):
        return None
    rows: dict[int, dict[int, list[WordParagraph]]] = {}
    for paragraph in block:
        assert paragraph.cell is not None
        rows.setdefault(paragraph.cell.row, {}).setdefault(paragraph.cell.column, []).append(
            paragraph
        )
    width = max(len(cells) for cells in rows.values())
    if width < 2:
        return None
    out: list[tuple[str, int | None]] = []
    for row_number, row_index in enumerate(sorted(rows)):
        cells = rows[row_index]
        texts = []
        for column in range(width):
            parts = [_flat(" ".join((p.marked, *p.notes))) for p in cells.get(column, [])]
            texts.append(_cell_text(parts))
        first = min(p.index for ps in cells.values() for p in ps)
        out.append(("| " + " | ".join(texts) + " |", first))
        if row_number == 0:
            out.append(("|" + "---|" * width, None))
    return out


def _cell_text(parts: Iterable[str]) -> str:
    return "; ".join(p for p in parts if p).replace("|", "/")
