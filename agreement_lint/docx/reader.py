"""Read a Word .docx draft into the same :class:`Agreement` model as a text draft.

The file is checked by :mod:`.guard` before python-docx inflates it, then laid out as one
grammar line per paragraph (:mod:`.lines`) with Word's displayed clause numbers, and parsed by
the same grammar as Markdown drafts. Locations carry the paragraph index.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Agreement, Source
from .guard import DEFAULT_LIMITS, DocxLimits, check_docx, load_docx_bytes
from .lines import DocumentLines, WordParagraph, build_lines, read_paragraphs


def open_document(data: bytes, *, shown: str, limits: DocxLimits = DEFAULT_LIMITS) -> Any:
    """Guard, then open with python-docx; every failure is a one-line :class:`InputError`."""
    check_docx(data, shown=shown, limits=limits)
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        return docx.Document(io.BytesIO(data))
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


def document_lines(document: Any) -> tuple[list[WordParagraph], DocumentLines]:
    """The paragraphs of an open document and the grammar lines built from them."""
    paragraphs = read_paragraphs(document)
    return paragraphs, build_lines(paragraphs)


def read_docx_bytes(
    data: bytes, *, display_path: str, limits: DocxLimits = DEFAULT_LIMITS
) -> Agreement:
    """Parse a .docx given as bytes (``display_path`` names it in messages and locations)."""
    from ..parser import parse_text

    document = open_document(data, shown=display_path, limits=limits)
    _paragraphs, laid_out = document_lines(document)
    source = Source(path=display_path, format="docx", sha256=hashlib.sha256(data).hexdigest())
    return parse_text(laid_out.text, source=source, paragraph_map=laid_out.paragraph_map)


def read_docx(
    path: Path, *, display_path: str | None = None, limits: DocxLimits = DEFAULT_LIMITS
) -> Agreement:
    """Read and parse a .docx file; the guard runs before anything is inflated."""
    shown = display_path or str(path)
    data = load_docx_bytes(path, shown=shown, limits=limits)
    return read_docx_bytes(data, display_path=shown, limits=limits)
