"""SARIF 2.1.0, the format GitHub code scanning (and many other tools) read.

One run; the driver lists every rule of the rule set (with the rationale and suggestion as
help), results point at ``%SRCROOT%``-relative paths and always carry a full region (a finding
about the whole document, or one in a Word file, points at line 1, column 1; for Word the
clause and paragraph are named in the message). Files that could not be read become
``toolExecutionNotifications`` and mark the invocation unsuccessful.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from ..findings import Finding, Severity
from . import (
    FileResult,
    ReportOptions,
    RuleCatalogue,
    RuleInfo,
    place_label,
    without_surrogates,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/agreement-lint/agreement-lint"
FINGERPRINT_KEY = "agreementLintFingerprint/v1"
SRCROOT = "%SRCROOT%"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    return quote(without_surrogates(path).replace("\\", "/"), safe="/")


def _rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    help_text = rule.rationale.strip()
    help_markdown = f"**Why this matters.** {rule.rationale.strip()}"
    if rule.suggestion.strip():
        help_text += f"\n\nSuggestion:\n{rule.suggestion.strip()}"
        help_markdown += f"\n\n**Suggested wording.**\n\n{rule.suggestion.strip()}"
    more = f"Run `agreement-lint explain {rule.code}` for examples."
    help_text += f"\n\n{more}"
    help_markdown += f"\n\n{more}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": " ".join(rule.message.split()) or rule.name},
        "fullDescription": {"text": " ".join(rule.rationale.split()) or rule.name},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": _LEVEL[Severity(rule.severity)]},
        "properties": {"tags": _tags(rule.principles)},
    }


def _tags(principles: Sequence[str]) -> list[str]:
    """SARIF tags must be unique."""
    return list(dict.fromkeys(["agreement", *principles]))


def _descriptor_from_finding(finding: Finding) -> dict[str, Any]:
    """A descriptor for a code the rule set does not list (for example a removed rule)."""
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": " ".join(finding.message.split()) or finding.name},
        "defaultConfiguration": {"level": _LEVEL[finding.severity]},
        "properties": {"tags": _tags(finding.principles)},
    }


def _region(finding: Finding) -> dict[str, int]:
    loc = finding.location
    start_line = loc.line if loc.line is not None and loc.line >= 1 else 1
    start_column = loc.column if loc.line is not None and loc.column and loc.column >= 1 else 1
    end_line, end_column = start_line, start_column
    if loc.line is not None and loc.end_line is not None and loc.end_column is not None \
            and (loc.end_line, loc.end_column) >= (start_line, start_column):
        end_line, end_column = loc.end_line, max(loc.end_column, 1)
    return {"startLine": start_line, "startColumn": start_column,
            "endLine": end_line, "endColumn": end_column}


def _message(finding: Finding) -> str:
    text = " ".join(finding.message.split())
    loc = finding.location
    where = place_label(finding)
    if loc.paragraph is not None and loc.line is None:
        where += f", Word paragraph {loc.paragraph + 1}"
    return f"{text} ({where})"


def _result(finding: Finding, result: FileResult, index: dict[str, int],
            suppressed: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(result.key), "uriBaseId": SRCROOT},
                "region": _region(finding),
            }
        }],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint(result.key)},
    }
    if finding.evidence:
        out["locations"][0]["physicalLocation"]["region"]["snippet"] = {"text": finding.evidence}
    if suppressed:
        out["suppressions"] = [{"kind": "inSource"}]
    return out


def report_to_sarif(results: Sequence[FileResult], ruleset: RuleCatalogue,
                    options: ReportOptions) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dictionary."""
    descriptors = [_rule_descriptor(rule) for rule in ruleset.rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for result in results:
        if result.error is not None:
            notifications.append({
                "level": "error",
                "message": {"text": f"{result.path}: could not be checked: {result.error}"},
                "locations": [{"physicalLocation": {"artifactLocation": {
                    "uri": _uri(result.key), "uriBaseId": SRCROOT}}}],
            })
        shown = [(f, False) for f in result.findings]
        if options.show_waived:
            shown.extend((f, True) for f in result.waived)
        for finding, suppressed in shown:
            if finding.code not in index:
                index[finding.code] = len(descriptors)
                descriptors.append(_descriptor_from_finding(finding))
            sarif_results.append(_result(finding, result, index, suppressed))
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "agreement-lint",
            "informationUri": INFORMATION_URI,
            "rules": descriptors,
            **({"version": options.tool_version} if options.tool_version else {}),
        }},
        "invocations": [{
            "executionSuccessful": not notifications,
            "toolExecutionNotifications": notifications,
        }],
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    if options.root_uri:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": options.root_uri}}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results: Sequence[FileResult], ruleset: RuleCatalogue, options: ReportOptions) -> str:
    """The SARIF log, indented, ending in a newline."""
    text = json.dumps(report_to_sarif(results, ruleset, options), indent=2, ensure_ascii=False)
    return without_surrogates(text) + "\n"
