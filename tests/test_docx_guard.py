"""Hostile and broken Word files: each gets its one-line message and exit code 2, fast and small.

Every class is run through the real command line in a fresh interpreter that reports its own
peak memory (``ru_maxrss``) and the time taken, so a guard that inflated a zip bomb or
expanded entities would fail here, not just be slow.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from agreement_lint.docx.guard import DocxLimits, check_docx
from agreement_lint.errors import InputError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "docx"
FIXTURE = FIXTURES / "community-data-sharing-eastgate.docx"
MiB = 1024 * 1024

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>1. Payment</w:t></w:r></w:p></w:body></w:document>"
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def package(members: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def minimal(**replace: bytes | str) -> bytes:
    members: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES.format(main=DOCX_MAIN),
        "_rels/.rels": RELS,
        "word/document.xml": DOCUMENT,
    }
    members.update(replace)
    return package({k: v for k, v in members.items() if v != b"-"})


def zip_bomb() -> bytes:
    """word/document.xml declared (truthfully) as 1 GiB of zeros, in about a megabyte."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=DOCX_MAIN))
        archive.writestr("_rels/.rels", RELS)
        chunk = b"\0" * MiB
        with archive.open("word/document.xml", "w", force_zip64=True) as handle:
            for _ in range(1024):
                handle.write(chunk)
    return buffer.getvalue()


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return minimal(**{"word/document.xml": xml})


def bad_crc() -> bytes:
    """One byte of the (stored, uncompressed) main part changed after its checksum was taken."""
    members = {
        "[Content_Types].xml": CONTENT_TYPES.format(main=DOCX_MAIN),
        "_rels/.rels": RELS,
        "word/document.xml": DOCUMENT,
    }
    data = package(members, compression=zipfile.ZIP_STORED)
    return data.replace(b"1. Payment", b"1. Paymant", 1)


def many_members() -> bytes:
    members: dict[str, bytes | str] = {f"word/media/pad{i}.bin": b"x" for i in range(2_100)}
    return minimal(**members)


def large_file() -> bytes:
    import os

    members: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES.format(main=DOCX_MAIN),
        "_rels/.rels": RELS,
        "word/document.xml": DOCUMENT,
        "word/media/noise.bin": os.urandom(51 * MiB),
    }
    return package(members, compression=zipfile.ZIP_STORED)


def high_ratio() -> bytes:
    """5 MiB of one byte: well under the size limits, but about 1000 to 1."""
    return minimal(**{"word/media/pad.bin": b"a" * (5 * MiB)})


def total_uncompressed() -> bytes:
    """Three 80 MiB parts that compress about 15 to 1: a small file, 240 MiB when opened."""
    import random

    chunk = bytes(random.Random(5).choices(b"ab", weights=[95, 5], k=MiB))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=DOCX_MAIN))
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", DOCUMENT)
        for i in range(3):
            with archive.open(f"word/media/pad{i}.bin", "w") as handle:
                for _ in range(80):
                    handle.write(chunk)
    return buffer.getvalue()


CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "legacy-doc": (lambda: bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4096,
                   "legacy Word 97-2003 .doc or a password-protected file: save it as .docx "
                   "without a password"),
    "not-a-zip": (lambda: b"%PDF-1.7\n" + b"x" * 100, "is not a Word .docx file"),
    "empty": (lambda: b"", "is empty"),
    "truncated-zip": (lambda: minimal()[:200], "is damaged"),
    "no-content-types": (lambda: minimal(**{"[Content_Types].xml": b"-"}),
                         "has no [Content_Types].xml"),
    "no-document": (lambda: minimal(**{"word/document.xml": b"-"}), "has no main document"),
    "spreadsheet": (lambda: minimal(**{"[Content_Types].xml": CONTENT_TYPES.format(
        main="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")}),
        "is not a Word document"),
    "macro-enabled": (lambda: minimal(**{"[Content_Types].xml": CONTENT_TYPES.format(
        main=DOCM_MAIN)}), "macro-enabled Word file (.docm)"),
    "bad-crc": (bad_crc, "fails its checksum"),
    "zip-bomb": (zip_bomb, "would expand to 1,024 MiB"),
    "billion-laughs": (billion_laughs, "has a DOCTYPE in word/document.xml"),
    "too-many-members": (many_members, "parts inside its zip package, over the limit"),
    "too-large": (large_file, "over the 50 MiB limit for Word files"),
    "compression-ratio": (high_ratio, "looks like a zip bomb"),
    "total-uncompressed": (total_uncompressed, "would expand to more than 200 MiB"),
}

_RUNNER = r"""
import json, resource, sys, time, tracemalloc
from pathlib import Path
import docx, agreement_lint.docx.reader, agreement_lint.parser  # imports are not the guard's
from agreement_lint.errors import InputError
from agreement_lint.read import read_agreement

rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
tracemalloc.start()
start = time.perf_counter()
try:
    read_agreement(Path(sys.argv[1]))
    message = None
except InputError as exc:
    message = exc.one_line()
seconds = time.perf_counter() - start
traced = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

from agreement_lint.cli import main
try:
    main(["annotate", sys.argv[1], "-o", sys.argv[2]])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"message": message, "seconds": seconds, "traced": traced,
                  "rss_growth": rss_after - rss_before, "code": code}), file=sys.stderr)
"""


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_is_refused_quickly_in_one_line(name: str, tmp_path: Path) -> None:
    make, expected = CASES[name]
    path = tmp_path / f"{name}.docx"
    path.write_bytes(make())
    output = tmp_path / "out.docx"
    completed = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(path), str(output)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    *shown, last = completed.stderr.strip().splitlines()
    result = json.loads(last)
    assert result["message"] is not None and expected in result["message"], result
    assert result["message"].startswith(f"{path}: "), result
    assert "\n" not in result["message"]
    assert result["seconds"] < 1.0, result
    assert result["traced"] < 100 * MiB, result
    assert result["rss_growth"] < 100 * MiB, result
    # Through the command line: the same one line, exit code 2, and no output file.
    assert result["code"] == 2, completed.stderr
    assert shown == [f"agreement-lint: {result['message']}"], shown
    assert not output.exists()


def test_a_real_word_file_passes_the_guard() -> None:
    assert check_docx(FIXTURE.read_bytes(), shown="ok.docx") == "word/document.xml"


def test_limits_are_configurable() -> None:
    data = FIXTURE.read_bytes()
    with pytest.raises(InputError, match="over the 0 MiB limit"):
        check_docx(data, shown="x.docx", limits=DocxLimits(max_file_bytes=1000))
    with pytest.raises(InputError, match="parts inside its zip package"):
        check_docx(data, shown="x.docx", limits=DocxLimits(max_members=3))


def test_doctype_after_comments_and_utf16_parts_are_caught() -> None:
    sneaky = '<?xml version="1.0"?><!-- a comment --><!DOCTYPE x [<!ENTITY a "b">]><x/>'
    with pytest.raises(InputError, match="DOCTYPE"):
        check_docx(minimal(**{"word/styles.xml": sneaky}), shown="x.docx")
    utf16 = sneaky.replace('"1.0"', '"1.0" encoding="UTF-16"').encode("utf-16")
    with pytest.raises(InputError, match="DOCTYPE"):
        check_docx(minimal(**{"word/numbering.xml": utf16}), shown="x.docx")


def test_an_ordinary_python_docx_file_passes() -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    assert check_docx(buffer.getvalue(), shown="new.docx") == "word/document.xml"
