"""Read a Word draft's footnotes and endnotes, so their terms count in the clause citing them.

Drafters sometimes put real terms in a note ("¹ Payment will be made within 30 days of
invoice"). Word keeps the notes in their own parts (``word/footnotes.xml``,
``word/endnotes.xml``), linked from the body by a reference mark; python-docx has no API for
them, so the parts are found through the main document's relationships and read as XML.

A note is text only when it is an ordinary note: the separator lines Word draws above the notes
(``w:type="separator"``, ``"continuationSeparator"``, ``"continuationNotice"``) are not. Each
note's paragraphs are joined into one line, read the way body text is read (tracked changes
accepted, field results, no hidden text).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from .body import W_ID, W_P, FieldState, NoteRef, paragraph_text
from .parts import part_root

W_TYPE = qn("w:type")
_NOTE_TAGS = {"footnote": qn("w:footnote"), "endnote": qn("w:endnote")}
_RELTYPES = {"footnote": RT.FOOTNOTES, "endnote": RT.ENDNOTES}
_LABELS = {"footnote": "Footnote", "endnote": "Endnote"}


@dataclass
class Notes:
    """The text of every ordinary footnote and endnote, and how each is numbered when cited.

    Word numbers notes in the order their references appear in the body (1, 2, 3 …), whatever
    their ids; :meth:`lines` numbers them the same way as it meets them. A reference to
    something that is not an ordinary note (a separator, a missing id) is neither numbered nor
    read.
    """

    texts: dict[NoteRef, str]
    """Every ordinary note's text ("" for an empty note, which is numbered but not read)."""
    _numbers: dict[NoteRef, int] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=dict)

    def lines(self, refs: Iterable[NoteRef]) -> tuple[str, ...]:
        """One line per note cited (``Footnote 1: …``), skipping notes with no text."""
        out: list[str] = []
        for ref in refs:
            if ref not in self.texts:
                continue
            number = self._numbers.get(ref)
            if number is None:
                number = self._counts.get(ref.kind, 0) + 1
                self._counts[ref.kind] = number
                self._numbers[ref] = number
            text = self.texts[ref]
            if text:
                out.append(f"{_LABELS[ref.kind]} {number}: {text}")
        return tuple(out)


def read_notes(document_part: Any, *, shown: str = "") -> Notes:
    """The footnotes and endnotes of a document (empty when the draft has none)."""
    texts: dict[NoteRef, str] = {}
    for kind, reltype in _RELTYPES.items():
        root = part_root(document_part, reltype, shown=shown, what=f"{kind}s")
        if root is None:
            continue
        for note in root.iterchildren(_NOTE_TAGS[kind]):
            note_id = note.get(W_ID)
            if note_id is None or note.get(W_TYPE) not in (None, "normal"):
                continue
            texts.setdefault(NoteRef(kind, note_id), note_text(note))
    return Notes(texts)


def note_text(note: Any) -> str:
    """A note's visible text, its paragraphs joined into one line."""
    fields = FieldState.new()
    parts = [paragraph_text(p, fields).text for p in note.iter(W_P)]
    return " ".join(" ".join(parts).split())
