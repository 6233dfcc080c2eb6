"""Read a Word .docx draft into the same :class:`Agreement` model as a text draft.

The file is checked by :mod:`.guard` before python-docx inflates it, then laid out as one
grammar line per paragraph (:mod:`.lines`) with Word's displayed clause numbers, and parsed by
the same grammar as Markdown drafts. Locations carry the paragraph index. The drafter's Word
comments that start ``agreement-lint:`` (:mod:`.comments`) become the agreement's comments,
each on the clause its paragraph belongs to, so waivers work as in a text draft.

Footnotes and endnotes are read into the clause whose paragraph cites them (:mod:`.notes`,
laid out by :mod:`.lines` without moving any paragraph's index). Headers and footers are not
clause text; when the body has no title, a header line naming the document (:mod:`.headers`)
becomes the metadata ``title``, which the engine reads to work out the kind of agreement.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from ..errors import InputError, ParseError
from ..model import Agreement, Comment, Location, Source, make_excerpt
from .anchors import clause_at_paragraph
from .comments import DirectiveComment, directive_comments
from .guard import DEFAULT_LIMITS, DocxLimits, check_docx, load_docx_bytes
from .headers import header_title
from .lines import DocumentLines, WordParagraph, build_lines, read_paragraphs


def open_document(data: bytes, *, shown: str, limits: DocxLimits = DEFAULT_LIMITS) -> Any:
    """Guard, then open with python-docx; every failure is a one-line :class:`InputError`."""
    check_docx(data, shown=shown, limits=limits)
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"is damaged: an XML part is not well formed ({' '.join(str(exc).split())[:120]}); "
            "open it in Word and save it again",
            path=shown,
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(
            f"is damaged: a part of its zip package cannot be read ({str(exc)[:120]}); "
            "open it in Word and save it again",
            path=shown,
        ) from None
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(
            f"cannot be opened as a Word document ({' '.join(str(exc).split())[:120]})",
            path=shown,
        ) from None
    except MemoryError:
        raise
    except Exception as exc:  # python-docx trips over a package it does not expect
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise InputError(
            f"cannot be opened as a Word document: its package is not laid out as Word "
            f"writes it ({type(exc).__name__}: {detail}); open it in Word and save it again",
            path=shown,
        ) from None
    root = document.element
    if root.tag != qn("w:document") or root.find(qn("w:body")) is None:
        raise InputError(
            "is damaged: its main document part has no document body; open it in Word and "
            "save it again",
            path=shown,
        )
    return document


def document_lines(
    document: Any, *, shown: str = ""
) -> tuple[list[WordParagraph], DocumentLines]:
    """The paragraphs of an open document and the grammar lines built from them."""
    paragraphs = read_paragraphs(document, shown=shown)
    return paragraphs, build_lines(paragraphs)


def agreement_from_document(document: Any, *, shown: str, sha256: str | None) -> Agreement:
    """Parse an open document with the agreement grammar, one line per paragraph.

    The grammar's line numbers refer to the text built here, which the user never sees, so
    every location keeps only the Word paragraph (and clause, headings, excerpt).
    """
    from ..parser import parse_text

    _paragraphs, laid_out = document_lines(document, shown=shown)
    source = Source(path=shown, format="docx", sha256=sha256)
    try:
        agreement = parse_text(
            laid_out.text, source=source, paragraph_map=laid_out.paragraph_map
        )
    except ParseError as exc:
        raise _in_paragraphs(exc, laid_out, shown) from None
    agreement = paragraph_locations(agreement, laid_out.paragraph_map)
    agreement = with_header_title(agreement, document)
    return with_word_comments(agreement, directive_comments(document))


def with_header_title(agreement: Agreement, document: Any) -> Agreement:
    """The agreement with its page header's document name as metadata ``title``, if untitled.

    Only a draft with neither a title nor a metadata title gets one, so a title in the body
    always wins; the name is read for the kind of agreement, never as a clause.
    """
    if agreement.title or agreement.metadata.get("title"):
        return agreement
    name = header_title(document)
    if name is None:
        return agreement
    metadata = {**agreement.metadata, "title": name}
    return agreement.model_copy(update={"metadata": metadata})


def with_word_comments(agreement: Agreement, found: list[DirectiveComment]) -> Agreement:
    """The agreement with the drafter's ``agreement-lint:`` Word comments added to its comments.

    Each comment is located at the paragraph it is attached to, and names the clause that
    paragraph belongs to (a Word comment sits *on* its clause, where a Markdown comment sits
    before it).
    """
    if not found:
        return agreement
    comments = [_comment(agreement, directive) for directive in found]
    return agreement.model_copy(update={"comments": (*agreement.comments, *comments)})


def _comment(agreement: Agreement, directive: DirectiveComment) -> Comment:
    paragraph = directive.paragraph
    clause = clause_at_paragraph(agreement, paragraph) if paragraph is not None else None
    name = number = None
    heading_path: tuple[str, ...] = ()
    if clause is not None:
        number = clause.reference or clause.number
        name = number or clause.heading or clause.label
        heading_path = clause.location.heading_path
    location = Location(paragraph=paragraph, clause=number, heading_path=heading_path,
                        excerpt=make_excerpt(directive.text))
    return Comment(text=directive.text, location=location, next_clause=name)


_LINE_KEYS = ("line", "column", "end_line", "end_column")


def paragraph_locations(agreement: Agreement, paragraph_map: list[int | None]) -> Agreement:
    """The agreement with every location pointing at its Word paragraph, not a text line.

    A location that has a line but no paragraph gets the paragraph of that line (or of the
    next line that came from a paragraph); line and column are then dropped.
    """
    data = agreement.model_dump()
    _to_paragraphs(data, paragraph_map)
    return Agreement.model_validate(data)


def _paragraph_of_line(line: int, paragraph_map: list[int | None]) -> int | None:
    for position in range(line - 1, len(paragraph_map)):
        if position >= 0 and paragraph_map[position] is not None:
            return paragraph_map[position]
    return None


def _to_paragraphs(value: Any, paragraph_map: list[int | None]) -> None:
    if isinstance(value, dict):
        if "paragraph" in value and "excerpt" in value:
            line = value.get("line")
            if value.get("paragraph") is None and isinstance(line, int):
                value["paragraph"] = _paragraph_of_line(line, paragraph_map)
            for key in _LINE_KEYS:
                value[key] = None
        for item in value.values():
            _to_paragraphs(item, paragraph_map)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _to_paragraphs(item, paragraph_map)


def _in_paragraphs(exc: ParseError, laid_out: DocumentLines, shown: str) -> ParseError:
    """A grammar error re-pointed from the hidden text line to the Word paragraph."""
    paragraph = None
    if exc.line is not None and 0 < exc.line <= len(laid_out.paragraph_map):
        paragraph = laid_out.paragraph_map[exc.line - 1]
    where = f"paragraph {paragraph + 1}: " if paragraph is not None else ""
    return ParseError(where + exc.message, path=shown, source_line=exc.source_line)


def read_docx_bytes(
    data: bytes, *, display_path: str, limits: DocxLimits = DEFAULT_LIMITS
) -> Agreement:
    """Parse a .docx given as bytes (``display_path`` names it in messages and locations)."""
    document = open_document(data, shown=display_path, limits=limits)
    return agreement_from_document(
        document, shown=display_path, sha256=hashlib.sha256(data).hexdigest()
    )


def read_docx(
    path: Path, *, display_path: str | None = None, limits: DocxLimits = DEFAULT_LIMITS
) -> Agreement:
    """Read and parse a .docx file; the guard runs before anything is inflated."""
    shown = display_path or str(path)
    data = load_docx_bytes(path, shown=shown, limits=limits)
    return read_docx_bytes(data, display_path=shown, limits=limits)
