"""The decoding policy for text drafts: what is read, what is refused, and how it is said."""

from __future__ import annotations

import codecs

import pytest

from agreement_lint.errors import InputError
from agreement_lint.textio import decode_text

TEXT = "# Agreement\n\n1. Payment\nThe Council will pay £500 – within 30 days.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # carries a BOM
        TEXT.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-32-bom"],
)
def test_unicode_encodings_with_a_signature_are_decoded(data: bytes) -> None:
    assert decode_text(data, path="a.md") == TEXT


def test_cp1252_is_refused_with_line_column_and_a_way_out() -> None:
    data = "line one\nThe Trust’s fee\n".encode("cp1252")
    with pytest.raises(InputError) as info:
        decode_text(data, path="draft.txt")
    message = info.value.one_line()
    assert message.startswith("draft.txt:2:10: ")
    assert "not valid UTF-8" in message
    assert "--encoding" in message


def test_named_encoding_decodes_cp1252() -> None:
    data = "The Trust’s fee\n".encode("cp1252")
    assert decode_text(data, path="d.txt", encoding="cp1252") == "The Trust’s fee\n"


def test_unknown_named_encoding_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        decode_text(b"x", path="d.txt", encoding="no-such-codec")


def test_binary_file_is_refused() -> None:
    with pytest.raises(InputError, match="binary file") as info:
        decode_text(b"PK\x03\x04\x00\x00garbage", path="x.md")
    assert info.value.line == 1


def test_utf16_without_bom_is_treated_as_binary() -> None:
    data = TEXT.encode("utf-16-le")
    with pytest.raises(InputError, match="binary"):
        decode_text(data, path="x.md")


def test_broken_utf16_after_bom_is_refused() -> None:
    data = codecs.BOM_UTF16_LE + b"a\x00\x00\xd8"  # lone high surrogate
    with pytest.raises(InputError, match="byte-order mark"):
        decode_text(data, path="x.md")
