"""Check a .docx package from its zip directory before anything decompresses it.

python-docx inflates every part of the package into memory and hands the XML to lxml, so a
hostile file (a zip bomb, a billion-laughs entity, a renamed legacy ``.doc``) must be refused
here, cheaply, with a one-line message a drafter can act on. Only the central directory, the
small ``[Content_Types].xml`` and ``_rels/.rels`` parts, the first bytes of each XML part and a
streamed checksum of the main document part are read.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from ..errors import InputError
from ..files import read_input_bytes

MiB = 1024 * 1024

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOTM_MAIN = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
OFFICE_DOCUMENT_REL = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)

_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_SMALL_PART_LIMIT = 1 * MiB
"""``[Content_Types].xml`` and ``_rels/.rels`` are a few kilobytes in any real file."""

_PROLOG_HEAD = 64 * 1024
"""How much of each XML part is inflated to find its root element (and any DOCTYPE)."""

_RATIO_FLOOR = 1 * MiB
"""Parts smaller than this are not judged by compression ratio (small XML compresses well)."""


_MEMBER_READ_ERRORS = (
    zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, ValueError,
)
"""What reading a damaged part can raise: ValueError covers a negative seek from a corrupt
header offset and a part name that is not valid UTF-8."""


@dataclass(frozen=True)
class DocxLimits:
    """Ceilings a .docx must stay under before it is opened; generous for real agreements."""

    max_file_bytes: int = 50 * MiB
    max_members: int = 2_000
    max_total_uncompressed: int = 200 * MiB
    max_member_uncompressed: int = 100 * MiB
    max_ratio: float = 200.0


DEFAULT_LIMITS = DocxLimits()


def load_docx_bytes(path: Path, *, shown: str, limits: DocxLimits = DEFAULT_LIMITS) -> bytes:
    """Read a .docx file's bytes (size checked first); OS failures become one-line errors."""
    return read_input_bytes(
        path, shown=shown, what="a Word file",
        check_size=lambda size: _check_file_size(size, shown, limits),
    )


def _check_file_size(size: int, shown: str, limits: DocxLimits) -> None:
    if size > limits.max_file_bytes:
        raise InputError(
            f"is {size / MiB:.1f} MiB, over the {limits.max_file_bytes / MiB:.0f} MiB limit "
            "for Word files",
            path=shown,
        )


def check_docx(data: bytes, *, shown: str, limits: DocxLimits = DEFAULT_LIMITS) -> str:
    """Refuse anything that is not a safe, ordinary .docx; return the main part's name.

    Raises :class:`InputError` with a one-line reason: too big, legacy or password-protected
    Word file, not a zip, damaged zip, too many parts, a part that inflates too far, missing
    or wrong main part, macros, or a DOCTYPE in an XML part.
    """
    _check_file_size(len(data), shown, limits)
    head = data[:8]
    if head == OLE2_SIGNATURE:
        raise InputError(
            "is a legacy Word 97-2003 .doc or a password-protected file: save it as .docx "
            "without a password",
            path=shown,
        )
    if not data:
        raise InputError("is empty, not a Word .docx file", path=shown)
    if not head.startswith(ZIP_SIGNATURES):
        raise InputError(
            "is not a Word .docx file (a .docx is a zip package; this file is not one)",
            path=shown,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
            NotImplementedError) as exc:
        raise InputError(
            f"is damaged: its zip package cannot be read ({_short(exc)})", path=shown
        ) from None
    with archive:
        infos = archive.infolist()
        _check_directory(infos, shown, limits)
        names = {info.filename for info in infos}
        main = _main_part(archive, names, shown)
        _check_main_content_type(archive, names, main, shown)
        for info in infos:
            if _is_xml_part(info.filename):
                _check_prolog(archive, info, shown)
        _check_crc(archive, archive.getinfo(main), shown)
    return main


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]


def _check_directory(infos: list[zipfile.ZipInfo], shown: str, limits: DocxLimits) -> None:
    if len(infos) > limits.max_members:
        raise InputError(
            f"has {len(infos):,} parts inside its zip package, over the limit of "
            f"{limits.max_members:,}; it is not an ordinary Word document",
            path=shown,
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(
                "is encrypted inside its zip package: save it as .docx without a password",
                path=shown,
            )
        if info.file_size > limits.max_member_uncompressed:
            raise InputError(
                f"has a part ({info.filename}) that would expand to "
                f"{info.file_size / MiB:,.0f} MiB, over the "
                f"{limits.max_member_uncompressed / MiB:.0f} MiB limit; refusing to open it",
                path=shown,
            )
        if info.file_size >= _RATIO_FLOOR:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise InputError(
                    f"has a part ({info.filename}) compressed {ratio:,.0f} to 1, more than "
                    f"{limits.max_ratio:,.0f} to 1; it looks like a zip bomb, refusing to open it",
                    path=shown,
                )
        total += info.file_size
        if total > limits.max_total_uncompressed:
            raise InputError(
                f"would expand to more than {limits.max_total_uncompressed / MiB:.0f} MiB "
                "when opened; refusing to open it",
                path=shown,
            )


def _read_small(archive: zipfile.ZipFile, name: str, shown: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > _SMALL_PART_LIMIT:
        raise InputError(f"has an oversized {name} part; it is not an ordinary Word document",
                         path=shown)
    try:
        return archive.read(name)
    except _MEMBER_READ_ERRORS as exc:
        raise _damaged_part(name, exc, shown) from None


def _parse_small_xml(data: bytes, name: str, shown: str) -> ElementTree.Element:
    if _has_doctype(data[:_PROLOG_HEAD]):
        raise InputError(f"has a DOCTYPE in {name}; Word never writes one, refusing to open it",
                         path=shown)
    try:
        return ElementTree.fromstring(data)
    except (ElementTree.ParseError, LookupError, ValueError) as exc:
        raise InputError(f"is damaged: its {name} part is not valid XML ({_short(exc)})",
                         path=shown) from None


def _main_part(archive: zipfile.ZipFile, names: set[str], shown: str) -> str:
    """The main document part named by ``_rels/.rels`` (``word/document.xml`` normally)."""
    if "[Content_Types].xml" not in names:
        raise InputError(
            "is not a Word .docx file: its zip package has no [Content_Types].xml", path=shown
        )
    main = "word/document.xml"
    if "_rels/.rels" in names:
        rels = _parse_small_xml(_read_small(archive, "_rels/.rels", shown), "_rels/.rels", shown)
        for rel in rels.iter(f"{_REL_NS}Relationship"):
            if rel.get("Type") == OFFICE_DOCUMENT_REL and rel.get("TargetMode") != "External":
                target = (rel.get("Target") or "").lstrip("/")
                main = str(PurePosixPath(target))
                break
    if main not in names:
        raise InputError(
            f"is not a Word .docx file: its zip package has no main document ({main})",
            path=shown,
        )
    return main


def _check_main_content_type(
    archive: zipfile.ZipFile, names: set[str], main: str, shown: str
) -> None:
    types = _parse_small_xml(
        _read_small(archive, "[Content_Types].xml", shown), "[Content_Types].xml", shown
    )
    content_type = None
    for override in types.iter(f"{_CT_NS}Override"):
        if (override.get("PartName") or "").lstrip("/") == main:
            content_type = override.get("ContentType")
            break
    if content_type is None:
        extension = main.rpartition(".")[2].lower()
        for default in types.iter(f"{_CT_NS}Default"):
            if (default.get("Extension") or "").lower() == extension:
                content_type = default.get("ContentType")
                break
    if content_type == DOCX_MAIN:
        return
    if content_type in (DOCM_MAIN, DOTM_MAIN) or "word/vbaProject.bin" in names:
        raise InputError(
            "is a macro-enabled Word file (.docm); agreement-lint does not open files with "
            "macros: save a copy as .docx (Word Document) and check that",
            path=shown,
        )
    if content_type == DOTX_MAIN:
        raise InputError(
            "is a Word template (.dotx), not a document: create a document from it and save "
            "that as .docx",
            path=shown,
        )
    raise InputError(
        f"is not a Word document: its main part has content type {content_type or 'none'!r} "
        "(is it a spreadsheet or presentation renamed to .docx?)",
        path=shown,
    )


def _is_xml_part(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".xml", ".rels", ".vml"))


_PROLOG_ITEM = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)


def _has_doctype(head: bytes) -> bool:
    """True when the prolog of an XML document declares a DOCTYPE (or cannot be seen whole)."""
    text = _as_ascii(head)
    position = 0
    while True:
        match = _PROLOG_ITEM.match(text, position)
        if not match:
            break
        position = match.end()
    rest = text[position:].lstrip()
    if not rest:
        return False
    return rest[:2] == b"<!"


def _as_ascii(head: bytes) -> bytes:
    """The head of an XML part as ASCII-compatible bytes (UTF-16 parts are transcoded)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").encode("ascii", errors="replace")
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:]
    if len(head) >= 2 and head[0] == 0 and head[1] != 0:
        return head.decode("utf-16-be", errors="ignore").encode("ascii", errors="replace")
    if len(head) >= 2 and head[0] != 0 and head[1] == 0:
        return head.decode("utf-16-le", errors="ignore").encode("ascii", errors="replace")
    return head


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> None:
    """Refuse a DOCTYPE (entity definitions: billion laughs, external entities) in any XML part."""
    try:
        with archive.open(info) as handle:
            head = handle.read(_PROLOG_HEAD)
    except _MEMBER_READ_ERRORS as exc:
        raise _damaged_part(info.filename, exc, shown) from None
    if _has_doctype(head):
        raise InputError(
            f"has a DOCTYPE in {info.filename}; Word never writes one (it can hide entity "
            "expansion attacks), refusing to open it",
            path=shown,
        )


def _check_crc(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> None:
    """Inflate the main part in chunks so a damaged file fails here, with a clear message."""
    try:
        with archive.open(info) as handle:
            while handle.read(1 * MiB):
                pass
    except _MEMBER_READ_ERRORS as exc:
        raise _damaged_part(info.filename, exc, shown) from None


def _damaged_part(name: str, exc: BaseException, shown: str) -> InputError:
    """One message for a part that fails its checksum or cannot be inflated."""
    return InputError(
        f"is damaged: its {name} part fails its checksum or cannot be inflated "
        f"({_short(exc)}); open it in Word and save it again",
        path=shown,
    )
