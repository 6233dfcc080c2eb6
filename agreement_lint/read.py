"""The first stage: turn a path (or standard input) into an :class:`Agreement`.

Text drafts go through :mod:`agreement_lint.textio` and the grammar; Word files through the
.docx guard and reader, which is imported only when a .docx is actually read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import InputError
from .model import Agreement, Source
from .textio import DEFAULT_MAX_TEXT_BYTES, decode_text

TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text"})
DOCX_SUFFIXES = frozenset({".docx"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | DOCX_SUFFIXES


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
    try:
        if path.is_dir():
            raise InputError("is a directory, not a file", path=shown)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"is {size / 1_048_576:.1f} MiB, over the {max_bytes / 1_048_576:.0f} MiB limit "
                "(raise it with --max-file-size)",
                path=shown,
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=shown) from None
    except PermissionError:
        raise InputError("permission denied (cannot read the file)", path=shown) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=shown) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path=shown) from None


def parse_text_document(text: str, *, path: str, fmt: str, sha256: str | None) -> Agreement:
    """Parse decoded text with the agreement grammar."""
    from .parser import parse_text

    return parse_text(text, source=Source(path=path, format=fmt, sha256=sha256))  # type: ignore[arg-type]


def read_agreement(
    path: Path,
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_TEXT_BYTES,
    display_path: str | None = None,
) -> Agreement:
    """Read and parse one file: a Markdown/text draft or a Word document."""
    shown = display_path or str(path)
    fmt = source_format(path.name)
    if fmt == "docx":
        from .docx.reader import read_docx

        return read_docx(path, display_path=shown)
    data = read_bytes(path, max_bytes=max_bytes)
    text = decode_text(data, path=shown, encoding=encoding)
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
    fmt = source_format(name)
    if fmt == "docx":
        from .docx.reader import read_docx_bytes

        return read_docx_bytes(data, display_path=name)
    text = decode_text(data, path=name, encoding=encoding)
    return parse_text_document(text, path=name, fmt=fmt, sha256=hashlib.sha256(data).hexdigest())
