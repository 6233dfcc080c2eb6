"""Reading never crashes: any bytes decode or are refused in one line, OS failures included.

Also the last line of defence with a real input: a bug that escapes while a file is being
read comes out as the one-line internal error (exit 3), and ``--debug`` shows the traceback.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from cli_runner import run_main
from hypothesis import given, settings
from hypothesis import strategies as st

from agreement_lint import exitcodes
from agreement_lint.errors import InputError
from agreement_lint.read import read_agreement, read_bytes
from agreement_lint.textio import decode_text

_BUDGET = {"ci": 2_000, "dev": 100, "deep": 50_000}


def _examples() -> int:
    return _BUDGET.get(settings.get_current_profile_name(), _BUDGET["ci"])


BOMS = (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


@settings(max_examples=_examples())
@given(bom=st.sampled_from(BOMS), body=st.binary(max_size=300),
       encoding=st.sampled_from((None, None, "cp1252", "latin-1", "utf-16", "ascii", "nope")))
def test_any_bytes_decode_or_are_refused_in_one_line(
    bom: bytes, body: bytes, encoding: str | None
) -> None:
    try:
        text = decode_text(bom + body, path="d.md", encoding=encoding)
    except InputError as error:
        line = error.one_line()
        assert "\n" not in line and line.startswith("d.md")
    else:
        assert isinstance(text, str)


def test_permission_denied_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root here, where chmod 000 cannot make a file unreadable; the refusal is
    # simulated at the point the file is opened.
    draft = tmp_path / "locked.md"
    draft.write_text("# MoU\n", encoding="utf-8")

    def refuse(_self: Path) -> bytes:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(draft))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError) as info:
        read_bytes(draft, max_bytes=1024)
    assert info.value.one_line() == f"{draft}: permission denied (cannot read the file)"


@pytest.mark.parametrize("failure", [
    OSError(errno.EIO, os.strerror(errno.EIO)),
    IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)),
])
def test_other_os_failures_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: OSError
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# MoU\n", encoding="utf-8")

    def fail(_self: Path) -> bytes:
        raise failure

    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(InputError) as info:
        read_agreement(draft)
    assert "\n" not in info.value.one_line() and str(draft) in info.value.one_line()


def _boom(*_args: object, **_kwargs: object) -> object:
    raise RuntimeError("a bug\nover two lines")


def _run(argv: list[str]) -> int:
    return run_main(argv)


@pytest.mark.parametrize("debug", [False, True])
def test_a_bug_while_reading_a_real_file_is_the_internal_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    debug: bool,
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# MoU\n\n1. Aims\nWe will work together.\n", encoding="utf-8")
    import agreement_lint.parser

    monkeypatch.setattr(agreement_lint.parser, "parse_text", _boom)
    code = _run([*(["--debug"] if debug else []), "parse", str(draft)])
    err = capsys.readouterr().err
    assert code == exitcodes.INTERNAL_ERROR
    last = err.strip().splitlines()[-1]
    assert last == ("agreement-lint: internal error: RuntimeError: a bug over two lines "
                    "(please report; --debug shows more)")
    assert ("Traceback" in err) is debug
