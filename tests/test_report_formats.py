"""Every report format, driven by hand-made findings so that it does not depend on any rule."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from report_stubs import StubRule, StubRules

from agreement_lint.findings import Finding, Severity
from agreement_lint.model import Location
from agreement_lint.report import FORMATS, FileResult, ReportOptions, render, summarise

SCHEMA = Path(__file__).resolve().parent / "sarif-schema-2.1.0.json"


RULES = StubRules([
    StubRule("PAY002", "payment-timescale-missing", Severity.WARNING, ("QM-7",),
             "Payment is agreed, but not when.", "Late payment hurts small groups.",
             "The University will pay within 30 days of invoice."),
    StubRule("STR001", "placeholder-left", Severity.ERROR, ("QM-1",),
             "A placeholder is still in the text.", "Placeholders mean unfinished terms.", ""),
    StubRule("LANG003", "jargon", Severity.INFO, (), "Jargon.", "Plain words help.",
             "Say it plainly."),
])

CLAUSE = Finding(
    code="STR001", name="placeholder-left", severity=Severity.ERROR,
    message="A placeholder is still in the text.", principles=("QM-1",),
    location=Location(line=14, column=5, end_line=14, end_column=9, clause="4.2",
                      heading_path=("Payment", "Invoices"), excerpt="TBC"),
    evidence="TBC",
)
DOCUMENT = Finding(
    code="PAY002", name="payment-timescale-missing", severity=Severity.WARNING,
    message="Payment is agreed, but not when.", principles=("QM-7",),
    suggestion="The University will pay within 30 days of invoice.",
)
WORD = Finding(
    code="LANG003", name="jargon", severity=Severity.INFO, message="Jargon.",
    location=Location(paragraph=12, clause="7", heading_path=("Ending",)), evidence="hereinafter",
)


def _results() -> list[FileResult]:
    return [
        FileResult(path="drafts/mou.md", canonical="drafts/mou.md", kind="mou",
                   format="markdown", findings=(DOCUMENT, CLAUSE), waived=(WORD,)),
        FileResult(path="drafts/offer letter.docx", canonical="drafts/offer letter.docx",
                   format="docx", findings=(WORD,)),
        FileResult(path="drafts/broken.md", canonical="drafts/broken.md",
                   error="is not valid UTF-8 (byte 0xff)"),
        FileResult(path="drafts/clean.md", canonical="drafts/clean.md", format="markdown"),
    ]


def test_summary_counts_every_severity_waiver_and_error() -> None:
    summary = summarise(_results())
    assert summary.files == 4
    assert summary.files_with_errors == 1
    assert summary.by_severity == {"error": 1, "warning": 1, "info": 1}
    assert summary.findings == 3
    assert summary.waived == 1


def test_text_lines_name_file_position_code_severity_and_clause() -> None:
    out = render("text", _results(), RULES)
    lines = out.splitlines()
    assert "drafts/mou.md:14:5: STR001 error A placeholder is still in the text. [clause 4.2]" \
        in lines
    assert ("drafts/mou.md: PAY002 warning Payment is agreed, but not when. [whole document]"
            in lines)
    assert "drafts/offer letter.docx:¶13: LANG003 info Jargon. [clause 7]" in lines
    assert "drafts/broken.md: could not be checked: is not valid UTF-8 (byte 0xff)" in lines
    assert "Found 3 problems (1 error, 1 warning, 1 info) in 3 files." in lines
    assert "Not shown: 1 waived." in lines
    assert "1 file could not be checked (see above)." in lines
    assert "\x1b[" not in out
    # document-level findings come before clause findings within a file
    assert lines.index("drafts/mou.md: PAY002 warning Payment is agreed, but not when. "
                       "[whole document]") < lines.index(
        "drafts/mou.md:14:5: STR001 error A placeholder is still in the text. [clause 4.2]")


def test_text_shows_control_characters_as_escapes() -> None:
    hostile = CLAUSE.model_copy(update={"message": "bell\x07 and \x1b[31mred"})
    out = render("text", [FileResult(path="a\nb.md", findings=(hostile,))], RULES)
    assert "a\\nb.md:14:5: STR001 error bell\\x07 and \\x1b[31mred [clause 4.2]" in out
    assert "\x1b" not in out and "\x07" not in out


def test_text_options_waived_suggestions_statistics_quiet_colour() -> None:
    out = render("text", _results(), RULES, ReportOptions(
        show_waived=True, show_suggestions=True, statistics=True))
    assert "drafts/mou.md:¶13: LANG003 info Jargon. [clause 7] (waived)" in out
    assert "    suggestion: The University will pay within 30 days of invoice." in out
    assert re.search(r"^1  LANG003  jargon$", out, re.M)
    quiet = render("text", _results(), RULES, ReportOptions(quiet=True))
    assert "Found" not in quiet and "STR001" in quiet
    coloured = render("text", _results(), RULES, ReportOptions(color=True))
    assert "\x1b[" in coloured
    assert "No problems found in 1 file." in render("text", _results()[3:], RULES)


def test_json_follows_the_documented_schema() -> None:
    data = json.loads(render("json", _results(), RULES, ReportOptions(tool_version="9.9")))
    assert data["version"] == 1
    assert data["tool"] == {"name": "agreement-lint", "version": "9.9"}
    first = data["files"][0]
    assert set(first) == {"path", "kind", "format", "error", "findings", "waived", "baselined"}
    doc, clause = first["findings"]
    assert set(doc) == {"code", "name", "severity", "message", "principles", "location",
                        "evidence", "suggestion", "fingerprint"}
    assert doc["location"]["line"] is None and doc["location"]["clause"] is None
    assert clause["location"] == {
        "clause": "4.2", "heading_path": ["Payment", "Invoices"], "line": 14, "column": 5,
        "end_line": 14, "end_column": 9, "paragraph": None, "excerpt": "TBC"}
    assert clause["fingerprint"] == CLAUSE.fingerprint("drafts/mou.md")
    assert data["files"][2]["error"].startswith("is not valid UTF-8")
    assert data["summary"] == {"files": 4, "files_with_errors": 1, "findings": 3,
                               "by_severity": {"error": 1, "warning": 1, "info": 1},
                               "waived": 1, "baselined": 0}


def test_sarif_validates_and_points_at_regions() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    log = json.loads(render("sarif", _results(), RULES, ReportOptions(
        tool_version="1.0", root_uri="file:///repo/")))
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["LANG003", "PAY002", "STR001"]
    pay = rules[1]
    assert pay["defaultConfiguration"]["level"] == "warning"
    assert "QM-7" in pay["properties"]["tags"]
    assert "within 30 days" in pay["help"]["text"] and "within 30 days" in pay["help"]["markdown"]
    results = run["results"]
    assert len(results) == 3
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        assert result["partialFingerprints"]
    doc, clause, word = results
    assert doc["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert clause["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 14, "startColumn": 5, "endLine": 14, "endColumn": 9,
        "snippet": {"text": "TBC"}}
    assert clause["level"] == "error" and word["level"] == "note"
    artifact = word["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "drafts/offer%20letter.docx", "uriBaseId": "%SRCROOT%"}
    assert "Word paragraph 13" in word["message"]["text"] and "clause 7" in word["message"]["text"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///repo/"
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "broken.md" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_lists_waived_findings_as_suppressed_only_when_asked() -> None:
    plain = json.loads(render("sarif", _results()[:1], RULES))
    assert all("suppressions" not in r for r in plain["runs"][0]["results"])
    shown = json.loads(render("sarif", _results()[:1], RULES, ReportOptions(show_waived=True)))
    suppressed = [r for r in shown["runs"][0]["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["LANG003"]


def test_github_annotations_per_finding_and_error() -> None:
    lines = render("github", _results(), RULES).splitlines()
    assert lines[0].startswith("::warning file=drafts/mou.md,title=PAY002 payment-timescale-")
    assert "%0A%0ASuggestion%3A" not in lines[0] and "%0A%0ASuggestion: The University" in lines[0]
    assert lines[1].startswith("::error file=drafts/mou.md,line=14,endLine=14,col=5,title=STR001")
    assert lines[2].startswith("::notice file=drafts/offer letter.docx,title=LANG003 jargon::")
    assert lines[3].startswith("::error file=drafts/broken.md,title=agreement-lint input error::")
    assert len(lines) == 4


def test_junit_one_suite_per_file_one_case_per_rule() -> None:
    results = _results()
    results.append(FileResult(path="bad\x01name.md", findings=(
        CLAUSE.model_copy(update={"message": "bell \x07 and <tag> & co"}),)))
    root = ET.fromstring(render("junit", results, RULES))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.path.replace("\x01", "") for r in results]
    mou = suites[0]
    assert [c.get("name") for c in mou.findall("testcase")] == [
        "LANG003 jargon", "PAY002 payment-timescale-missing", "STR001 placeholder-left"]
    assert (mou.get("tests"), mou.get("failures")) == ("3", "2")
    broken = suites[2]
    assert broken.find("testcase/error") is not None and broken.get("errors") == "1"
    odd = suites[4].find("testcase/failure")
    assert odd is not None and odd.get("message") == "bell  and <tag> & co"
    assert root.get("failures") == "4" and root.get("errors") == "1"


def test_junit_uses_the_rules_that_applied_when_known() -> None:
    result = FileResult(path="a.md", findings=(CLAUSE,), rules_applied=("STR001",))
    suite = ET.fromstring(render("junit", [result], RULES)).find("testsuite")
    assert suite is not None
    assert [c.get("name") for c in suite.findall("testcase")] == ["STR001 placeholder-left"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_run(fmt: str) -> None:
    assert isinstance(render(fmt, [], RULES), str)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        render("csv", [], RULES)
