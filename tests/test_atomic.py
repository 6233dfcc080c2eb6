"""Outputs are written whole or not at all, and never over an input."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreement_lint.atomic import (
    atomic_writer,
    check_output_path,
    write_bytes_atomic,
    write_text_atomic,
)
from agreement_lint.errors import UsageError


def test_write_text_atomic_replaces_the_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old")
    write_text_atomic(out, "new\n")
    assert out.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_write_bytes_atomic(tmp_path: Path) -> None:
    out = tmp_path / "copy.docx"
    write_bytes_atomic(out, b"PK\x03\x04")
    assert out.read_bytes() == b"PK\x03\x04"


def test_failure_midway_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    out.write_text("previous")
    with pytest.raises(RuntimeError), atomic_writer(out) as handle:
        handle.write("partial")
        raise RuntimeError("boom")
    assert out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_output_equal_to_input_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# x\n")
    with pytest.raises(UsageError, match="never overwrites its input"):
        check_output_path(tmp_path / "." / "draft.md", draft)


def test_output_in_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        check_output_path(tmp_path / "nope" / "out.json")


def test_output_that_is_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a directory"):
        check_output_path(tmp_path)
