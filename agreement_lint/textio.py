"""Turn the bytes of a text draft into a string, or say clearly why not.

Policy (documented in the README): UTF-8 with or without a byte-order mark; UTF-16 and UTF-32
when they carry a byte-order mark. Anything else that is not valid UTF-8 (for example a cp1252
file saved by an old Word) is refused with the line and column of the first bad byte, unless
the user names the encoding with ``--encoding``. A file containing NUL bytes (and no UTF-16/32
byte-order mark) is treated as binary and refused.
"""

from __future__ import annotations

import codecs

from .errors import InputError

DEFAULT_MAX_TEXT_BYTES = 20 * 1024 * 1024
"""Largest text draft read by default (20 MiB); ``--max-file-size`` changes it."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _position_of(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of ``offset``."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def decode_text(data: bytes, *, path: str, encoding: str | None = None) -> str:
    """Decode a draft's bytes following the policy above; raise :class:`InputError` if refused."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path=path) from None
        except UnicodeDecodeError as exc:
            line, col = _position_of(data, exc.start)
            raise InputError(
                f"cannot be decoded as {encoding} (byte 0x{data[exc.start]:02x})",
                path=path, line=line, column=col,
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(
                    f"starts with a {codec.upper()} byte-order mark but is not valid "
                    f"{codec.upper()}",
                    path=path,
                ) from None
    if b"\x00" in data:
        line, col = _position_of(data, data.index(b"\x00"))
        raise InputError(
            "looks like a binary file (it contains NUL bytes), not a text draft",
            path=path, line=line, column=col,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position_of(data, exc.start)
        raise InputError(
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8 or pass "
            "--encoding (for example --encoding cp1252)",
            path=path, line=line, column=col,
        ) from None
