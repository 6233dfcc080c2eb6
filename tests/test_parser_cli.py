"""``agreement-lint parse`` prints the outline or the model as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from agreement_lint.cli import cli

DRAFT = (
    "# Memorandum of Understanding\n\nBETWEEN:\n\n(1) University of Northmoor "
    "(the \"University\"); and\n\n(2) Eastgate Residents Forum CIC (the \"Forum\").\n\n"
    "## 1. Payment\n\n1.1 The University will pay the Forum within 30 days (see clause 2.1).\n\n"
    "## 2. Ending\n\n2.1 Either party may end this MoU.\n\nSchedule 1 - Budget\n\n1. Staff\n"
)


def test_outline(tmp_path: Path) -> None:
    path = tmp_path / "mou.md"
    path.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Title: Memorandum of Understanding" in lines
    assert '  University of Northmoor ("University") - university' in lines
    assert "  1 Payment  (line 9)" in lines
    assert "    1.1  (line 11)" in lines
    assert "Schedule 1 - Budget  (line 17)" in lines
    assert "Definitions: 2" in lines


def test_json(tmp_path: Path) -> None:
    path = tmp_path / "mou.md"
    path.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", "--json", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == "Memorandum of Understanding"
    first = data["clauses"][0]
    assert (first["number"], first["heading"]) == ("1", "Payment")
    assert first["children"][0]["location"]["line"] == 11
    assert data["cross_references"][0]["target"] == "2.1"
    assert data["source"]["path"] == str(path)


def test_stdin() -> None:
    result = CliRunner().invoke(cli, ["parse", "-"], input=DRAFT)
    assert result.exit_code == 0, result.output
    assert "  2 Ending  (line 13)" in result.output.splitlines()


def test_broken_front_matter_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: x\nnot a key value line\n---\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code != 0
    assert result.exception is not None
    assert "front matter" in str(result.exception)
