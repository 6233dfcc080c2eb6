"""Well-formed and hostile Word files, built in memory.

``ordinary_docx`` is a real document made by python-docx; every hostile class is derived from it
(or from a bare zip) so that each test exercises exactly one defect. ``mutate`` applies one of
several random corruptions, for the property tests and the fuzz script.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Callable

MAIN = "word/document.xml"


def ordinary_docx(paragraphs: tuple[str, ...] = ()) -> bytes:
    """A small, valid .docx with a title, a numbered clause list and some prose."""
    import docx

    document = docx.Document()
    document.add_heading("Memorandum of Understanding", level=1)
    for text in paragraphs or (
        "This memorandum is between the University and the Community Group.",
        "1. Purpose",
        "The partners will work together on a neighbourhood health project.",
        "2. Payment",
        "The University will pay the Group within 30 days of each invoice.",
    ):
        document.add_paragraph(text)
    document.add_paragraph("Each partner keeps its own intellectual property.", style="List Number")
    document.add_paragraph("Either partner may end this memorandum on notice.", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Signed for the University"
    table.cell(1, 0).text = "Name:"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    """The parts of a zip package, by name, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def build_zip(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip package holding ``parts`` in the given order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, payload in parts.items():
            archive.writestr(name, payload)
    return buffer.getvalue()


# --- one hostile file per class ------------------------------------------------------------

def not_a_zip() -> bytes:
    """Plain text saved with a .docx name."""
    return b"This is a draft agreement typed into a text editor and renamed.\n"


def legacy_doc() -> bytes:
    """The start of an OLE2 compound file: a Word 97-2003 .doc (or a password-protected file)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def zip_without_word_parts() -> bytes:
    """A zip package that is not a Word document at all."""
    return build_zip({"notes.txt": b"just a zip", "data/figures.csv": b"a,b\n1,2\n"})


def zip_bomb() -> bytes:
    """A main part that inflates a thousandfold (16 MiB from about 16 KiB)."""
    parts = members(ordinary_docx())
    body = parts[MAIN]
    padding = b" " * (16 * 1024 * 1024)
    parts[MAIN] = body.replace(b"<w:body>", b"<w:body>" + padding, 1)
    return build_zip(parts)


def too_many_members(count: int = 2_500) -> bytes:
    """An ordinary document plus thousands of tiny extra parts."""
    parts = members(ordinary_docx())
    for index in range(count):
        parts[f"customXml/item{index}.bin"] = b""
    return build_zip(parts, compression=zipfile.ZIP_STORED)


def corrupt_crc() -> bytes:
    """The main part's stored checksum does not match its content."""
    data = bytearray(ordinary_docx())
    _patch_central_field(data, MAIN, 16, lambda crc: crc ^ 0xFFFFFFFF)
    _patch_local_field(data, MAIN, 14, lambda crc: crc ^ 0xFFFFFFFF)
    return bytes(data)


def macro_enabled() -> bytes:
    """A .docm: macro-enabled content type and a VBA project part."""
    parts = members(ordinary_docx())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
    return build_zip(parts)


def entity_expansion() -> bytes:
    """A 'billion laughs' DOCTYPE in the main part."""
    parts = members(ordinary_docx())
    doctype = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'
    )
    body = parts[MAIN]
    start = body.index(b"<w:document")
    laugh = b"<w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p>"
    parts[MAIN] = doctype + body[start:].replace(b"<w:body>", laugh, 1)
    return build_zip(parts)


def huge_declared_size() -> bytes:
    """The central directory claims the main part inflates to 4 GiB."""
    data = bytearray(ordinary_docx())
    _patch_central_field(data, MAIN, 24, lambda _size: 0xFFFFFFF0)
    return bytes(data)


def truncated() -> bytes:
    """The first half of an ordinary file (an interrupted download)."""
    data = ordinary_docx()
    return data[: len(data) // 2]


def empty() -> bytes:
    """A zero-byte file called .docx."""
    return b""


HOSTILE: dict[str, Callable[[], bytes]] = {
    "not-a-zip": not_a_zip,
    "legacy-doc": legacy_doc,
    "zip-without-word-parts": zip_without_word_parts,
    "zip-bomb": zip_bomb,
    "too-many-members": too_many_members,
    "corrupt-crc": corrupt_crc,
    "docm": macro_enabled,
    "entity-expansion": entity_expansion,
    "huge-declared-size": huge_declared_size,
    "truncated": truncated,
    "empty": empty,
}
"""Every hostile .docx class the catalogue covers, by name."""


# --- zip surgery ---------------------------------------------------------------------------

def _central_entries(data: bytes | bytearray) -> list[tuple[int, str, int]]:
    """(offset of central header, name, offset of local header) for each member."""
    end = data.rfind(b"PK\x05\x06")
    count = struct.unpack_from("<H", data, end + 10)[0]
    offset = struct.unpack_from("<I", data, end + 16)[0]
    entries = []
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, offset + 28)
        local = struct.unpack_from("<I", data, offset + 42)[0]
        name = bytes(data[offset + 46: offset + 46 + name_len]).decode("utf-8", "replace")
        entries.append((offset, name, local))
        offset += 46 + name_len + extra_len + comment_len
    return entries


def _patch_central_field(
    data: bytearray, member: str, field: int, change: Callable[[int], int]
) -> None:
    for offset, name, _local in _central_entries(data):
        if name == member:
            value = struct.unpack_from("<I", data, offset + field)[0]
            struct.pack_into("<I", data, offset + field, change(value) & 0xFFFFFFFF)
            return
    raise KeyError(member)


def _patch_local_field(
    data: bytearray, member: str, field: int, change: Callable[[int], int]
) -> None:
    for _offset, name, local in _central_entries(data):
        if name == member:
            value = struct.unpack_from("<I", data, local + field)[0]
            struct.pack_into("<I", data, local + field, change(value) & 0xFFFFFFFF)
            return
    raise KeyError(member)


# --- defects the fuzz run found (each once crashed the guard) -------------------------------

def unsupported_zip_version() -> bytes:
    """A member that claims to need zip version 18.2 (zipfile raised NotImplementedError)."""
    data = bytearray(ordinary_docx())
    for offset, _name, _local in _central_entries(data)[:1]:
        struct.pack_into("<H", data, offset + 6, 182)
    return bytes(data)


def unknown_xml_encoding() -> bytes:
    """[Content_Types].xml declares an encoding Python does not know (LookupError)."""
    parts = members(ordinary_docx())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"encoding='UTF-8'", b"encoding='ULF-8'", 1
    )
    return build_zip(parts)


def negative_member_offset() -> bytes:
    """The end record puts the central directory 64 MiB further on, so every member offset
    comes out negative (zipfile raised ValueError: negative seek value)."""
    data = bytearray(ordinary_docx())
    end = data.rfind(b"PK\x05\x06")
    value = struct.unpack_from("<I", data, end + 16)[0]
    struct.pack_into("<I", data, end + 16, value + (1 << 26))
    return bytes(data)


def undecodable_member_name() -> bytes:
    """A local header flagged UTF-8 whose name is not UTF-8 (UnicodeDecodeError on open)."""
    data = bytearray(ordinary_docx())
    for _offset, name, local in _central_entries(data):
        if name == "[Content_Types].xml":
            flags = struct.unpack_from("<H", data, local + 6)[0]
            struct.pack_into("<H", data, local + 6, flags | 0x800)
            data[local + 30 + 3] = 0xB5
    return bytes(data)


CRASHERS: dict[str, Callable[[], bytes]] = {
    "unsupported-zip-version": unsupported_zip_version,
    "unknown-xml-encoding": unknown_xml_encoding,
    "negative-member-offset": negative_member_offset,
    "undecodable-member-name": undecodable_member_name,
}


# --- random corruption ---------------------------------------------------------------------

GARBAGE_XML = (
    b"",
    b"<",
    b"not xml at all",
    b"<?xml version='1.0'?><w:document>",
    b"<w:document xmlns:w='urn:x'><w:body><w:p><w:r><w:t>\x01\x02</w:t></w:r></w:p></w:body>",
    b"<?xml version='1.0' encoding='UTF-16'?><a/>",
    b"\xff\xfe<\x00a\x00/\x00>\x00",
    b"<!DOCTYPE x SYSTEM 'http://example.invalid/x.dtd'><x/>",
    b"<a>" * 5000 + b"</a>" * 5000,
    b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'/>",
    b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
    b"<w:body><w:p><w:pPr><w:numPr><w:ilvl w:val='99999999999'/><w:numId w:val='-1'/>"
    b"</w:numPr></w:pPr><w:r><w:t>1. Hello</w:t></w:r></w:p></w:body></w:document>",
)


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One random corruption of a valid .docx: (description, corrupted bytes)."""
    choice = rng.randrange(7)
    if choice == 0:
        cut = rng.randrange(len(data))
        return f"truncated at {cut}", data[:cut]
    if choice == 1:
        out = bytearray(data)
        flips = rng.randint(1, 16)
        for _ in range(flips):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return f"{flips} bit flips", bytes(out)
    if choice == 2:
        out = bytearray(data)
        start = rng.randrange(len(out))
        length = rng.randint(1, 256)
        out[start: start + length] = bytes(rng.randrange(256) for _ in range(length))
        return f"{length} random bytes at {start}", bytes(out)
    parts = members(data)
    names = list(parts)
    if choice == 3:
        victim = rng.choice(names)
        del parts[victim]
        return f"deleted {victim}", build_zip(parts)
    if choice == 4:
        victim = rng.choice(names)
        parts[victim] = rng.choice(GARBAGE_XML)
        return f"garbage in {victim}", build_zip(parts)
    if choice == 5:
        victim = rng.choice(names)
        body = parts[victim]
        if body:
            cut = rng.randrange(len(body))
            parts[victim] = body[:cut] + bytes([rng.randrange(256)]) + body[cut + 1:]
        return f"one byte changed inside {victim}", build_zip(parts)
    out = bytearray(data)
    victim = rng.choice(names)
    field = rng.choice((20, 24))  # compressed or uncompressed size
    value = rng.choice((0, 1, 0x7FFFFFFF, 0xFFFFFFFF, rng.randrange(1 << 32)))
    _patch_central_field(out, victim, field, lambda _old: value)
    return f"declared size {value} for {victim}", bytes(out)
