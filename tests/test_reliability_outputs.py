"""Every output goes through the atomic writer, and a failed write leaves nothing behind.

The report (``check -o``), the reviewed Word copy (``annotate -o``) and the baseline
(``baseline create -o``) are each written with the final rename made to fail, as a full disk
or a vanished directory would: the command must exit 2 with one line naming the output, and
leave neither the output nor a temporary file. If a command wrote its output any other way,
the file would appear despite the failed rename, and the test would catch it.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from bad_inputs import docx_files
from cli_runner import run_main

from agreement_lint import atomic, exitcodes

DRAFT = (
    "# Memorandum of Understanding\n\n"
    "This memorandum is between Eastgate University and Riverside Community Group.\n\n"
    "## 1. Purpose\n\nThe partners will run a neighbourhood health project together.\n"
)


def _run(argv: list[str]) -> int:
    return run_main(argv)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "draft.docx").write_bytes(docx_files.ordinary_docx())
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture()
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), dst)

    monkeypatch.setattr(atomic.os, "replace", refuse)


COMMANDS = {
    "check-report": ["check", "--no-config", "--no-cache", "--format", "json", "draft.md",
                     "-o", "out/report.json"],
    "annotate": ["annotate", "--no-config", "draft.docx", "-o", "out/report.json"],
    "baseline": ["baseline", "create", "--no-config", "draft.md", "-o", "out/report.json"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_failed_write_leaves_nothing_and_says_so(
    name: str, project: Path, full_disk: None, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()}
    code = _run(COMMANDS[name])
    err = capsys.readouterr().err
    assert code == exitcodes.USAGE_OR_INPUT_ERROR, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "out/report.json" in lines[0], err
    assert "No space left on device" in lines[0] and "internal error" not in lines[0]
    assert list((project / "out").iterdir()) == [], "an output or temporary file was left"
    assert {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_outputs_are_written_when_the_disk_is_fine(name: str, project: Path) -> None:
    """The control case: the same commands write their output, and only that."""
    assert _run(COMMANDS[name]) in (exitcodes.OK, exitcodes.FINDINGS)
    assert [p.name for p in (project / "out").iterdir()] == ["report.json"]


def test_an_unwritable_output_directory_is_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), "out")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    code = _run(COMMANDS["check-report"])
    err = capsys.readouterr().err
    assert code == exitcodes.USAGE_OR_INPUT_ERROR, err
    assert err.count("\n") == 1 and "out/report.json" in err and "Permission denied" in err
