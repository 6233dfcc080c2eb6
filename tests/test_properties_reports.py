"""Whatever text an agreement contains, every report stays well formed.

Findings, paths, rule metadata and error messages are drawn from hostile text: control
characters, lone surrogates, right-to-left overrides, terminal escape sequences, rich markup,
workflow-command syntax, XML syntax and 10,000-character lines. JSON must parse, SARIF must
validate against the OASIS 2.1.0 schema, JUnit must be well-formed XML, every GitHub annotation
must stay on its own line, the text report must carry no raw control character (beyond its
own colour codes), and every report must be encodable as UTF-8 (it is written to a pipe or a
file).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_stubs import StubRule, StubRules

from agreement_lint.findings import Finding, Severity
from agreement_lint.model import Location
from agreement_lint.report import FileResult, ReportOptions, render

SCHEMA = Path(__file__).resolve().parent / "sarif-schema-2.1.0.json"
SHARED_SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "schemas" / SCHEMA.name

_BUDGET = {"ci": 2_000, "dev": 50, "deep": 20_000}


def _examples() -> int:
    return _BUDGET.get(settings.get_current_profile_name(), _BUDGET["ci"])


SPECIAL = (
    "", " ", "\x00", "\x07", "\x1b[31mred\x1b[0m", "\x1b]8;;http://example.invalid\x1b\\", "\x7f",
    "\x85", "\x9b2J", "\r", "\r\n", "\n\n", "\t", "\u2028", "\u2029", "\ufeff", "\ufffe",
    "\ud800", "\udcff", "\udfff\ud800", "\u202e", "\u2066", "مذكرة تفاهم", "שותפות", "🤝",
    "[bold red]x[/]", "[/]", "[link=http://x]y", "::error::x", "%0A", "%25", "::", ",",
    "${{ secrets.TOKEN }}", "<!--", "]]>", "<![CDATA[", "&amp;", "&", "<x>", "\"", "'", "\\",
    "{}", "{party}", "%s", "a" * 10_000,
)

_anything = st.characters(codec=None, exclude_categories=())
hostile_text = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(_anything, max_size=40),
    st.lists(st.sampled_from(SPECIAL) | st.text(_anything, max_size=5), max_size=6).map("".join),
)
small_int = st.none() | st.integers(min_value=0, max_value=10**6)
codes = st.sampled_from(("PAY001", "PAY002", "STR001", "LANG003", "X1")) | st.text(
    _anything, min_size=1, max_size=8
)


@st.composite
def locations(draw: st.DrawFn) -> Location:
    return Location(
        line=draw(small_int), column=draw(small_int), end_line=draw(small_int),
        end_column=draw(small_int), paragraph=draw(small_int),
        clause=draw(st.none() | hostile_text),
        heading_path=tuple(draw(st.lists(hostile_text, max_size=3))),
        excerpt=draw(hostile_text),
    )


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    return Finding(
        code=draw(codes), name=draw(hostile_text), severity=draw(st.sampled_from(Severity)),
        message=draw(hostile_text), principles=tuple(draw(st.lists(hostile_text, max_size=3))),
        location=draw(locations()), evidence=draw(hostile_text), suggestion=draw(hostile_text),
    )


@st.composite
def file_results(draw: st.DrawFn) -> FileResult:
    error = draw(st.none() | hostile_text.filter(bool))
    found = () if error is not None else tuple(draw(st.lists(findings(), max_size=4)))
    return FileResult(
        path=draw(hostile_text.filter(bool)), canonical=draw(hostile_text),
        kind=draw(st.none() | hostile_text), format=draw(st.sampled_from((None, "markdown",
                                                                         "text", "docx"))),
        error=error, findings=found,
        waived=tuple(draw(st.lists(findings(), max_size=2))),
        baselined=draw(st.integers(min_value=0, max_value=5)),
        rules_applied=draw(st.none() | st.lists(codes, max_size=3).map(tuple)),
    )


@st.composite
def rule_sets(draw: st.DrawFn, results: list[FileResult]) -> StubRules:
    used = {f.code for r in results for f in (*r.findings, *r.waived)}
    extra = draw(st.lists(codes, max_size=2))
    return StubRules([
        StubRule(code, draw(hostile_text), draw(st.sampled_from(Severity)),
              tuple(draw(st.lists(hostile_text, max_size=2))), draw(hostile_text),
              draw(hostile_text), draw(hostile_text))
        for code in sorted(used | set(extra))
    ])


_Run = tuple[list[FileResult], StubRules, ReportOptions]


@st.composite
def runs(draw: st.DrawFn) -> _Run:
    results = draw(st.lists(file_results(), min_size=0, max_size=3))
    ruleset = draw(rule_sets(results))
    options = ReportOptions(
        show_waived=draw(st.booleans()), show_suggestions=draw(st.booleans()),
        statistics=draw(st.booleans()), color=draw(st.booleans()), quiet=draw(st.booleans()),
        tool_version=draw(st.sampled_from(("0.1.0", ""))),
        root_uri=draw(st.sampled_from((None, "file:///work/project/"))),
    )
    return results, ruleset, options


@cache
def _sarif_validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    path = SCHEMA if SCHEMA.exists() else SHARED_SCHEMA
    if not path.exists():
        pytest.skip("the SARIF 2.1.0 schema is not available")
    schema = json.loads(path.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _check_json(out: str, run: _Run) -> None:
    json.loads(out)


def _check_sarif(out: str, run: _Run) -> None:
    errors = sorted(_sarif_validator().iter_errors(json.loads(out)), key=str)
    assert not errors, errors[0].message


def _check_junit(out: str, run: _Run) -> None:
    ET.fromstring(out.encode("utf-8"))


def _check_github(out: str, run: _Run) -> None:
    lines = out.splitlines()
    expected = sum(len(r.findings) + (r.error is not None) for r in run[0])
    assert len(lines) == expected, "an annotation was split over several lines"
    for line in lines:
        assert re.match(r"::(error|warning|notice)( [^:]*)?::", line), line


_SGR = re.compile("\x1b\\[[0-9;]*m")
"""The colour codes rich writes when colour is on; any other escape came from the text."""


def _check_text(out: str, run: _Run) -> None:
    if run[2].color:
        out = _SGR.sub("", out)
    match = _RAW_CONTROL.search(out)
    assert match is None, f"raw control character {match.group()!r} in the text report"


CHECKS = {
    "json": _check_json,
    "sarif": _check_sarif,
    "junit": _check_junit,
    "github": _check_github,
    "text": _check_text,
}


@settings(max_examples=_examples())
@given(run=runs())
def test_every_report_is_well_formed_whatever_the_text(run: _Run) -> None:
    # One generated run feeds all five formats: generating hostile runs is the costly part.
    for fmt, check in CHECKS.items():
        out = render(fmt, *run)
        try:
            out.encode("utf-8")  # a lone surrogate would make the report unwritable
            check(out, run)
        except Exception as exc:
            raise AssertionError(f"{fmt} report is malformed: {exc}") from exc
