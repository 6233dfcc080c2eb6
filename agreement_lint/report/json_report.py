"""The JSON report: a stable, documented schema (docs/output-formats.md) for scripts and tools.

Lone surrogates (undecodable bytes in a file name) are replaced by U+FFFD so the report is
valid UTF-8. ``version`` changes only when a field is removed or changes meaning; new fields
may be added.
Output is deterministic (input order of files, ``Finding.sort_key`` within a file, no
timestamps), so two runs over the same drafts give byte-identical reports.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from ..findings import Finding
from . import FileResult, ReportOptions, RuleCatalogue, summarise, without_surrogates

SCHEMA_VERSION = 1


def finding_to_json(finding: Finding, path: str) -> dict[str, Any]:
    """One finding as a JSON object; ``path`` is the canonical path used for the fingerprint."""
    loc = finding.location
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "principles": list(finding.principles),
        "location": {
            "clause": loc.clause,
            "heading_path": list(loc.heading_path),
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
            "paragraph": loc.paragraph,
            "excerpt": loc.excerpt,
        },
        "evidence": finding.evidence,
        "suggestion": finding.suggestion,
        "fingerprint": finding.fingerprint(path),
    }


def file_to_json(result: FileResult) -> dict[str, Any]:
    """One file's entry."""
    return {
        "path": result.path,
        "kind": result.kind,
        "format": result.format,
        "error": result.error,
        "findings": [finding_to_json(f, result.key) for f in result.findings],
        "waived": [finding_to_json(f, result.key) for f in result.waived],
        "baselined": result.baselined,
    }


def report_to_json(results: Sequence[FileResult], options: ReportOptions) -> dict[str, Any]:
    """The whole report as a JSON-ready dictionary."""
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "agreement-lint", "version": options.tool_version},
        "files": [file_to_json(r) for r in results],
        "summary": asdict(summarise(results)),
    }


def render(results: Sequence[FileResult], ruleset: RuleCatalogue, options: ReportOptions) -> str:
    """The JSON report, indented, ending in a newline."""
    text = json.dumps(report_to_json(results, options), indent=2, ensure_ascii=False)
    return without_surrogates(text) + "\n"
