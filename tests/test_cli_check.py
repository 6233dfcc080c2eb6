"""``agreement-lint check`` end to end: formats, exit codes, settings, waivers, baselines, stdin.

Most tests call the real entry point in-process (``main``, through ``cli_runner``) or
through click's ``CliRunner``; a few run ``python -m agreement_lint`` as a subprocess, as CI does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cli_runner import run_main
from click.testing import CliRunner

from agreement_lint import exitcodes
from agreement_lint.cli import cli

CHECKOUT = Path(__file__).resolve().parents[1]
SCHEMA = Path(__file__).resolve().parent / "sarif-schema-2.1.0.json"
PACK = Path(__file__).resolve().parent / "fixtures" / "check-pack"
"""Rules that fire on fixed words (TST001 'venue fee', TST002 'voluntary basis', TST003 no
'countersigned'), so these tests do not move when the bundled rules are tuned."""

DRAFT = """# Memorandum of Understanding

## 1. Purpose
The University and the Riverside Residents Group will run six listening events in 2026.

{waiver}
## 2. Contributions
No payment will be made under this memorandum; the Group takes part on a voluntary basis.

### 2.1 Venue
The venue fee is forty pounds.

## 3. Roles
The Group will recruit residents. The memorandum is countersigned by both partners.
"""
CLEAN = """# Memorandum of Understanding

## 1. Purpose
The University and the Riverside Residents Group will run six listening events in 2026.
The memorandum is countersigned by both partners.
"""
PACK_ARGS = ["--rule-pack", str(PACK)]
SELECT = [*PACK_ARGS, "--select", "TST001,TST002,LINT"]


def _draft(waiver: str = "") -> str:
    return DRAFT.format(waiver=waiver)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with one flawed and one clean draft, as the current directory."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "mou.md").write_text(_draft(), encoding="utf-8")
    (tmp_path / "drafts" / "clean.md").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return tmp_path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run_main(["check", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(out: str) -> dict:  # type: ignore[type-arg]
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


# --- the text report and exit codes ------------------------------------------------------------

def test_text_report_lists_findings_and_exits_1(project: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["drafts", *SELECT, "--no-color"], capsys)
    assert code == exitcodes.FINDINGS
    lines = out.splitlines()
    assert "drafts/mou.md:7:1: TST002 warning Someone takes part on a voluntary basis. " \
           "[clause 2]" in lines
    assert "drafts/mou.md:10:1: TST001 error The venue fee is mentioned. [clause 2.1]" in lines
    assert lines[-1] == "Found 2 problems (1 error, 1 warning) in 2 files."
    assert err == ""


@pytest.mark.parametrize(("argv", "expected"), [
    (["--fail-on", "never", *SELECT], exitcodes.OK),
    ([*PACK_ARGS, "--fail-on", "error", "--select", "TST002"], exitcodes.OK),
    ([*PACK_ARGS, "--fail-on", "warning", "--select", "TST002"], exitcodes.FINDINGS),
    ([*PACK_ARGS, "--fail-on", "warning", "--select", "TST003"], exitcodes.OK),
    ([*PACK_ARGS, "--fail-on", "info", "--select", "TST002"], exitcodes.FINDINGS),
    ([*PACK_ARGS, "--select", "TST001"], exitcodes.FINDINGS),
])
def test_fail_on_decides_the_exit_code(project: Path, capsys: pytest.CaptureFixture[str],
                                       argv: list[str], expected: int) -> None:
    code, _out, _err = _run(["drafts/mou.md", *argv], capsys)
    assert code == expected


def test_clean_file_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["drafts/clean.md", *SELECT], capsys)
    assert code == exitcodes.OK
    assert out.strip() == "No problems found in 1 file."


def test_document_level_finding_has_no_line(project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (project / "drafts" / "clean.md").write_text(CLEAN.replace("countersigned", "signed"),
                                                encoding="utf-8")
    code, out, _ = _run(["drafts/clean.md", *PACK_ARGS, "--select", "TST003"], capsys)
    assert code == exitcodes.OK  # info is below the default --fail-on error
    assert "drafts/clean.md: TST003 info The draft never says it is countersigned. " \
           "[whole document]" in out.splitlines()
    _code, out, _ = _run(["drafts/clean.md", *PACK_ARGS, "--select", "TST003", "--format",
                          "json"], capsys)
    location = _json(out)["files"][0]["findings"][0]["location"]
    assert location["line"] is None and location["clause"] is None


def test_one_corrupt_file_among_good_ones_exits_2_but_reports_the_rest(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "drafts" / "broken.md").write_bytes(b"# Title\n\x80\x81 not UTF-8\n")
    code, out, _ = _run(["drafts", *SELECT, "--format", "json"], capsys)
    assert code == exitcodes.USAGE_OR_INPUT_ERROR
    files = {f["path"]: f for f in _json(out)["files"]}
    assert files["drafts/broken.md"]["error"].startswith("line 2, column 1: is not valid UTF-8")
    assert files["drafts/broken.md"]["findings"] == []
    assert {f["code"] for f in files["drafts/mou.md"]["findings"]} == {"TST001", "TST002"}
    code, out, _ = _run(["drafts", *SELECT], capsys)
    assert code == exitcodes.USAGE_OR_INPUT_ERROR
    assert "drafts/broken.md: could not be checked: line 2, column 1: is not valid UTF-8" in out
    assert "TST002" in out and "1 file could not be checked" in out


def test_missing_path_is_an_error_entry_and_the_rest_is_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["nope.md", "drafts/mou.md", *SELECT, "--format", "json"], capsys)
    assert code == exitcodes.USAGE_OR_INPUT_ERROR
    files = _json(out)["files"]
    assert (files[0]["path"], files[0]["error"]) == ("nope.md", "no such file or directory")
    assert files[1]["findings"]


@pytest.mark.parametrize(("argv", "message"), [
    (["--select", "NOPE"], "--select names no known rule: NOPE"),
    (["--kind", "treaty"], "--kind: unknown kind of agreement 'treaty'"),
    (["--config", "x.toml", "--no-config"], "--config and --no-config cannot be used together"),
    (["--output", "drafts/mou.md"], "never overwrites its input"),
    (["--baseline", "missing.json"], "baseline file not found"),
    (["--max-file-size", "lots"], "is not a size"),
    (["--format", "csv"], "Invalid value for '--format'"),
])
def test_usage_errors_exit_2_with_one_line(project: Path, capsys: pytest.CaptureFixture[str],
                                           argv: list[str], message: str) -> None:
    code, out, err = _run(["drafts/mou.md", *argv], capsys)
    assert code == exitcodes.USAGE_OR_INPUT_ERROR
    assert message in err and "Traceback" not in err
    assert out == ""


def test_internal_error_in_one_file_exits_3_and_reports_the_others(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import agreement_lint.engine

    real = agreement_lint.engine.lint

    def flaky(agreement, ruleset, options=None):  # type: ignore[no-untyped-def]
        if agreement.source.path and agreement.source.path.endswith("clean.md"):
            raise ZeroDivisionError("a bug in a rule")
        return real(agreement, ruleset, options)

    monkeypatch.setattr(agreement_lint.engine, "lint", flaky)
    code, out, _ = _run(["drafts", *SELECT, "--jobs", "1"], capsys)
    assert code == exitcodes.INTERNAL_ERROR
    assert "drafts/clean.md: could not be checked: internal error: ZeroDivisionError: a bug " \
           "in a rule (please report; --debug shows more)" in out
    assert "drafts/mou.md:7:1: TST002" in out


# --- machine formats ---------------------------------------------------------------------------

def test_json_format_and_output_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["drafts", *SELECT, "--format", "json", "-o", "report.json"], capsys)
    assert code == exitcodes.FINDINGS and out == ""
    data = json.loads((project / "report.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [f["path"] for f in data["files"]] == ["drafts/clean.md", "drafts/mou.md"]
    finding = data["files"][1]["findings"][0]
    assert finding["location"]["line"] == 7 and finding["location"]["clause"] == "2"
    assert len(finding["fingerprint"]) == 32
    assert data["files"][1]["kind"] == "mou"
    assert data["summary"]["by_severity"] == {"error": 1, "warning": 1, "info": 0}
    assert not list(project.glob(".report.json.*"))


def test_sarif_format_validates(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    code, out, _ = _run(["drafts", *SELECT, "--format", "sarif"], capsys)
    assert code == exitcodes.FINDINGS
    log = json.loads(out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "TST002" in ids and "LINT001" in ids
    located = run["results"][0]["locations"][0]["physicalLocation"]
    assert located["artifactLocation"] == {"uri": "drafts/mou.md", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"


def test_github_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["drafts", *SELECT, "--format", "github"], capsys)
    assert code == exitcodes.FINDINGS
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::warning file=drafts/mou.md,line=7,")
    assert "title=TST002 test-voluntary::" in lines[0]
    assert lines[1].startswith("::error file=drafts/mou.md,line=10,")


def test_junit_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["drafts", *SELECT, "--format", "junit"], capsys)
    assert code == exitcodes.FINDINGS
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    mou = suites["drafts/mou.md"]
    names = [c.get("name") for c in mou.findall("testcase")]
    assert "TST002 test-voluntary" in names and "LINT002 unused-waiver" in names
    assert mou.get("failures") == "2" and suites["drafts/clean.md"].get("failures") == "0"


def test_statistics_and_suggestions(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = _run(["drafts", *SELECT, "--statistics", "--show-suggestions"], capsys)
    assert "1  TST001  test-venue-fee" in out
    assert "1  TST002  test-voluntary" in out
    assert "    suggestion: " in out


def test_colour_only_when_asked_or_forced(project: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _code, out, _ = _run(["drafts/mou.md", *SELECT], capsys)
    assert "\x1b[" not in out
    _code, out, _ = _run(["drafts/mou.md", *SELECT, "--color"], capsys)
    assert "\x1b[" in out
    monkeypatch.setenv("FORCE_COLOR", "1")
    _code, out, _ = _run(["drafts/mou.md", *SELECT], capsys)
    assert "\x1b[" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _code, out, _ = _run(["drafts/mou.md", *SELECT], capsys)
    assert "\x1b[" not in out


# --- discovery ---------------------------------------------------------------------------------

def test_directory_walk_skips_hidden_excluded_ignored_and_foreign_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in (".hidden/x.md", "drafts/README.md", "drafts/tool.py", "build/out.md",
                 "drafts/notes.txt", "drafts/sub/deep.markdown"):
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(CLEAN, encoding="utf-8")
    (project / ".gitignore").write_text("build/\n", encoding="utf-8")
    (project / "drafts" / "sub" / "loop").symlink_to(project / "drafts")
    _code, out, _ = _run([".", *SELECT, "--format", "json"], capsys)
    assert [f["path"] for f in _json(out)["files"]] == [
        "drafts/clean.md", "drafts/mou.md", "drafts/notes.txt", "drafts/sub/deep.markdown"]
    _code, out, _ = _run(["drafts/README.md", *SELECT, "--format", "json"], capsys)
    assert [f["path"] for f in _json(out)["files"]] == ["drafts/README.md"]
    _code, out, err = _run(["drafts/README.md", *SELECT, "--force-exclude"], capsys)
    assert "drafts/README.md: skipped (excluded by configuration)" in err


def test_empty_directory_is_not_an_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "empty").mkdir()
    code, out, err = _run(["empty", "--format", "json"], capsys)
    assert code == exitcodes.OK and _json(out)["files"] == []
    assert "no drafts found" in err


# --- configuration -----------------------------------------------------------------------------

def test_configuration_discovery_per_path_and_flag_precedence(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text("""
[tool.agreement-lint]
select = ["TST002", "TST001"]
fail-on = "warning"

[tool.agreement-lint.per-path."legacy/**"]
ignore = ["TST001"]
""", encoding="utf-8")
    (project / "legacy").mkdir()
    (project / "legacy" / "old.md").write_text(_draft(), encoding="utf-8")
    (project / "team").mkdir()
    (project / "team" / ".agreement-lint.toml").write_text('select = ["TST001"]\n',
                                                          encoding="utf-8")
    (project / "team" / "t.md").write_text(_draft(), encoding="utf-8")
    code, out, _ = _run([".", *PACK_ARGS, "--format", "json"], capsys)
    codes = {f["path"]: sorted(x["code"] for x in f["findings"]) for f in _json(out)["files"]}
    assert codes == {"drafts/clean.md": [], "drafts/mou.md": ["TST001", "TST002"],
                     "legacy/old.md": ["TST002"], "team/t.md": ["TST001"]}
    assert code == exitcodes.FINDINGS
    code, _out, _ = _run(["legacy", *PACK_ARGS, "--format", "json"], capsys)
    assert code == exitcodes.FINDINGS  # fail-on = "warning" from the file
    code, _out, _ = _run(["legacy", *PACK_ARGS, "--fail-on", "error"], capsys)
    assert code == exitcodes.OK  # the flag wins
    _code, out, _ = _run(["legacy", *PACK_ARGS, "--select", "TST001", "--format", "json"],
                         capsys)
    assert [x["code"] for x in _json(out)["files"][0]["findings"]] == []  # per-path ignore
    _code, out, _ = _run(["legacy", *PACK_ARGS, "--no-config", "--select", "TST001",
                          "--format", "json"], capsys)
    assert [x["code"] for x in _json(out)["files"][0]["findings"]] == ["TST001"]


@pytest.mark.parametrize(("text", "message"), [
    ('selct = ["PAY"]\n', ".agreement-lint.toml:1: unknown key 'selct'"),
    ('kind = "treaty"\n', ".agreement-lint.toml: unknown kind of agreement 'treaty'"),
    ('ignore = ["PAY", "NOPE"]\n', "ignore names no known rule: NOPE"),
    ('[severity]\nZZZ001 = "info"\n', "severity names no known rule: ZZZ001"),
])
def test_configuration_errors_exit_2(project: Path, capsys: pytest.CaptureFixture[str],
                                     text: str, message: str) -> None:
    (project / ".agreement-lint.toml").write_text(text, encoding="utf-8")
    code, out, err = _run(["drafts"], capsys)
    assert code == exitcodes.USAGE_OR_INPUT_ERROR
    assert message in err and out == ""


def test_severity_override_and_rule_pack_path_from_config(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = project / "packs" / "ours"
    pack.mkdir(parents=True)
    (pack / "ours.toml").write_text("[override.TST002]\nseverity = \"error\"\n", encoding="utf-8")
    (project / ".agreement-lint.toml").write_text(
        'rule-packs = ["packs/ours"]\nselect = ["TST002", "TST001"]\n'
        '[severity]\nTST001 = "info"\n', encoding="utf-8")
    _code, out, _ = _run(["drafts/mou.md", *PACK_ARGS, "--format", "json"], capsys)
    severities = {f["code"]: f["severity"] for f in _json(out)["files"][0]["findings"]}
    assert severities == {"TST002": "error", "TST001": "info"}


# --- waivers -----------------------------------------------------------------------------------

def test_waiver_with_reason_silences_and_is_counted(project: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (project / "drafts" / "mou.md").write_text(
        _draft('<!-- agreement-lint: disable TST002 reason="pilot, agreed 1 March 2026" -->'),
        encoding="utf-8")
    code, out, _ = _run(["drafts/mou.md", *SELECT], capsys)
    assert "TST002" not in out and "Not shown: 1 waived." in out
    assert code == exitcodes.FINDINGS  # TST001 in 2.1 is not waived
    _code, out, _ = _run(["drafts/mou.md", *SELECT, "--show-waived"], capsys)
    assert "TST002 warning" in out and "(waived)" in out
    _code, out, _ = _run(["drafts/mou.md", *SELECT, "--format", "json"], capsys)
    assert [w["code"] for w in _json(out)["files"][0]["waived"]] == ["TST002"]
    assert _json(out)["summary"]["waived"] == 1


def test_waiver_without_reason_and_unused_waiver_are_findings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "drafts" / "mou.md").write_text(
        _draft("<!-- agreement-lint: disable TST002, TST001 -->"), encoding="utf-8")
    (project / "drafts" / "clean.md").write_text(
        "<!-- agreement-lint: disable-file TST001 reason=\"old\" -->\n" + CLEAN, encoding="utf-8")
    code, out, _ = _run(["drafts", *SELECT, "--format", "json", "--fail-on", "warning"], capsys)
    files = {f["path"]: f for f in _json(out)["files"]}
    assert [f["code"] for f in files["drafts/mou.md"]["findings"]] == ["LINT001"]
    assert sorted(w["code"] for w in files["drafts/mou.md"]["waived"]) == ["TST001", "TST002"]
    unused = files["drafts/clean.md"]["findings"]
    assert [f["code"] for f in unused] == ["LINT002"] and unused[0]["location"]["line"] == 1
    assert code == exitcodes.FINDINGS


# --- baselines ---------------------------------------------------------------------------------

def test_baseline_hides_old_findings_even_after_lines_move(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_main(["baseline", "create", "drafts", *SELECT, "-o", "baseline.json"])
    assert code == exitcodes.OK
    assert "Recorded 2 finding(s) from 2 file(s)" in capsys.readouterr().err
    entries = json.loads((project / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert sorted(e["code"] for e in entries) == ["TST001", "TST002"]
    edited = _draft().replace("## 1. Purpose\n",
                              "## 1. Purpose\nA new first line.\n\nAnd another.\n")
    (project / "drafts" / "mou.md").write_text(edited, encoding="utf-8")
    code, out, _ = _run(["drafts", *SELECT, "--baseline", "baseline.json"], capsys)
    assert code == exitcodes.OK
    assert "No problems found in 2 files." in out and "2 already in the baseline" in out
    (project / "drafts" / "mou.md").write_text(edited + "\n## 4. Hall\nThe venue fee rises.\n",
                                               encoding="utf-8")
    code, out, _ = _run(["drafts", *SELECT, "--baseline", "baseline.json", "--format", "json"],
                        capsys)
    assert code == exitcodes.FINDINGS
    new = _json(out)["files"][1]["findings"]
    assert [(f["code"], f["location"]["clause"]) for f in new] == [("TST001", "4")]


def test_baseline_is_not_written_when_a_file_cannot_be_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "drafts" / "broken.md").write_bytes(b"\x80\x81")
    code = run_main(["baseline", "create", "drafts", *SELECT, "-o", "baseline.json"])
    assert code == exitcodes.USAGE_OR_INPUT_ERROR
    assert "baseline not written" in capsys.readouterr().err
    assert not (project / "baseline.json").exists()


# --- standard input ----------------------------------------------------------------------------

def test_stdin_with_a_filename(project: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["check", "-", "--stdin-filename", "drafts/new.md", *SELECT,
                                 "--format", "json"], input=_draft().encode("utf-8"))
    assert result.exit_code == exitcodes.FINDINGS, result.output
    data = json.loads(result.stdout)
    assert data["files"][0]["path"] == "drafts/new.md"
    assert {f["code"] for f in data["files"][0]["findings"]} == {"TST002", "TST001"}


def test_stdin_without_a_filename(project: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "-", *SELECT], input=CLEAN.encode("utf-8"))
    assert result.exit_code == exitcodes.OK, result.output
    assert "No problems found in 1 file." in result.stdout


# --- real processes ----------------------------------------------------------------------------

def _subprocess(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    env.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, "-m", "agreement_lint", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_subprocess_exit_codes_and_clean_stdout(project: Path) -> None:
    done = _subprocess(["check", "drafts", *SELECT, "--format", "json"], project)
    assert done.returncode == exitcodes.FINDINGS, done.stderr
    json.loads(done.stdout)
    done = _subprocess(["check", "drafts", "--select", "NOPE"], project)
    assert done.returncode == exitcodes.USAGE_OR_INPUT_ERROR
    assert done.stdout == "" and done.stderr.startswith("agreement-lint: ")


def test_sarif_for_the_samples_validates(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    samples = CHECKOUT / "samples"
    if not any(samples.glob("*.md")):
        pytest.skip("no samples in this checkout")
    done = _subprocess(["check", "samples", "--format", "sarif", "--fail-on", "never",
                        "-o", str(tmp_path / "out.sarif")], CHECKOUT)
    assert done.returncode in (exitcodes.OK, exitcodes.USAGE_OR_INPUT_ERROR), done.stderr
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert log["runs"][0]["results"], "the samples should have findings"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert all(uri.startswith("samples/") for uri in uris)
