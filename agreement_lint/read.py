"""The first stage: turn a path (or standard input) into an :class:`Agreement`.

Text drafts go through :mod:`agreement_lint.textio` and the grammar; Word files through the
.docx guard and reader, which is imported only when a .docx is actually read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import InputError
from .files import read_input_bytes
from .model import Agreement, Source
from .textio import DEFAULT_MAX_TEXT_BYTES, decode_text

TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text"})
DOCX_SUFFIXES = frozenset({".docx"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | DOCX_SUFFIXES

_OTHER_FORMATS = {
    ".doc": "is a Word 97-2003 .doc file: open it in Word and save it as .docx (Word Document)",
    ".dot": "is a Word 97-2003 template: create a document from it and save that as .docx",
    ".docm": "is a macro-enabled Word file (.docm); agreement-lint does not open files with "
             "macros: save a copy as .docx (Word Document) and check that",
    ".dotm": "is a macro-enabled Word template; agreement-lint does not open files with macros: "
             "create a document from it and save that as .docx",
    ".dotx": "is a Word template (.dotx), not a document: create a document from it and save "
             "that as .docx",
    ".pdf": "is a PDF: agreement-lint reads .docx, Markdown and plain text; check the Word "
            "original, or save the draft as .docx or .txt",
    ".odt": "is an OpenDocument file: save it as .docx (Word Document) and check that",
    ".rtf": "is a Rich Text file: save it as .docx (Word Document) and check that",
    ".pages": "is a Pages file: export it as .docx (Word Document) and check that",
}
"""Formats a drafter may well pass by name, each refused with what to do instead (reading them
as text would only say "binary file")."""

EMPTY_DRAFT = "is empty: there is no agreement text to check"


def source_format(name: str) -> str:
    """``markdown``, ``text`` or ``docx`` from a file name (Markdown when unknown)."""
    suffix = Path(name).suffix.lower()
    if suffix in DOCX_SUFFIXES:
        return "docx"
    if suffix in {".txt", ".text"}:
        return "text"
    return "markdown"


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """Read a file's bytes, turning every OS failure into a one-line :class:`InputError`."""
    shown = str(path)

    def check_size(size: int) -> None:
        if size > max_bytes:
            raise InputError(
                f"is {size / 1_048_576:.1f} MiB, over the {max_bytes / 1_048_576:.0f} MiB limit "
                "(raise it with --max-file-size)",
                path=shown,
            )

    return read_input_bytes(path, shown=shown, what="a file", check_size=check_size)


def _refuse_other_formats(name: str, shown: str) -> None:
    """Refuse legacy Word, macro-enabled, template, PDF and other formats by name, with advice."""
    advice = _OTHER_FORMATS.get(Path(name).suffix.lower())
    if advice is not None:
        raise InputError(advice, path=shown)


def _non_empty(text: str, shown: str) -> str:
    """Refuse a text draft with no text: an empty file is a failed save or the wrong file."""
    if not text.strip():
        raise InputError(EMPTY_DRAFT, path=shown)
    return text


def parse_text_document(text: str, *, path: str, fmt: str, sha256: str | None) -> Agreement:
    """Parse decoded text with the agreement grammar."""
    from .parser import parse_text
    from .parser.construct import construct

    return parse_text(text, source=construct(Source, path=path, format=fmt, sha256=sha256))


def read_agreement(
    path: Path,
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_TEXT_BYTES,
    display_path: str | None = None,
) -> Agreement:
    """Read and parse one file: a Markdown/text draft or a Word document."""
    shown = display_path or str(path)
    _refuse_other_formats(path.name, shown)
    fmt = source_format(path.name)
    if fmt == "docx":
        from .docx.reader import read_docx

        return read_docx(path, display_path=shown)
    data = read_bytes(path, max_bytes=max_bytes)
    text = _non_empty(decode_text(data, path=shown, encoding=encoding), shown)
    return parse_text_document(
        text, path=shown, fmt=fmt, sha256=hashlib.sha256(data).hexdigest()
    )


def read_agreement_bytes(
    data: bytes, *, name: str, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_TEXT_BYTES
) -> Agreement:
    """Parse a draft given as bytes (standard input); ``name`` decides the format."""
    if len(data) > max_bytes:
        raise InputError(
            f"is {len(data) / 1_048_576:.1f} MiB, over the {max_bytes / 1_048_576:.0f} MiB limit",
            path=name,
        )
    _refuse_other_formats(name, name)
    fmt = source_format(name)
    if fmt == "docx":
        from .docx.reader import read_docx_bytes

        return read_docx_bytes(data, display_path=name)
    text = _non_empty(decode_text(data, path=name, encoding=encoding), name)
    return parse_text_document(text, path=name, fmt=fmt, sha256=hashlib.sha256(data).hexdigest())
