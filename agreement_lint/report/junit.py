"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines).

One ``testsuite`` per file and one ``testcase`` per rule that was run on it (every rule in
the rule set when the run does not say which applied); a rule that fired gets one
``failure`` listing all its findings in that file. A file that could not be read is a suite
with a single ``read`` test case in ``error``. Characters XML cannot carry are removed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence

from ..findings import Finding
from . import FileResult, ReportOptions, RuleCatalogue, place_label, position

_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Drop characters that XML 1.0 cannot represent (control characters, lone surrogates)."""
    return _ILLEGAL_XML.sub("", text)


def _finding_line(path: str, finding: Finding) -> str:
    where = position(finding)
    head = f"{path}:{where}" if where else path
    return f"{head}: {finding.severity.value}: {' '.join(finding.message.split())} " \
           f"[{place_label(finding)}]"


def _suite(result: FileResult, ruleset: RuleCatalogue) -> ET.Element:
    suite = ET.Element("testsuite", name=xml_safe(result.path))
    if result.error is not None:
        case = ET.SubElement(suite, "testcase", name="read", classname=xml_safe(result.path))
        error = ET.SubElement(case, "error", message=xml_safe(result.error), type="InputError")
        error.text = xml_safe(result.error)
        suite.set("tests", "1")
        suite.set("failures", "0")
        suite.set("errors", "1")
        return suite
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_code[finding.code].append(finding)
    codes = [r.code for r in ruleset.rules]
    if result.rules_applied is not None:
        codes = list(result.rules_applied)
    codes.extend(code for code in by_code if code not in codes)
    names = {r.code: r.name for r in ruleset.rules}
    failures = 0
    for code in codes:
        findings = by_code.get(code, [])
        name = names.get(code) or (findings[0].name if findings else "")
        case = ET.SubElement(suite, "testcase", name=xml_safe(f"{code} {name}".strip()),
                             classname=xml_safe(result.path))
        if findings:
            failures += 1
            summary = findings[0].message if len(findings) == 1 else \
                f"{len(findings)} findings: {findings[0].message}"
            failure = ET.SubElement(case, "failure", message=xml_safe(" ".join(summary.split())),
                                    type=findings[0].severity.value)
            failure.text = xml_safe("\n".join(_finding_line(result.path, f) for f in findings))
    suite.set("tests", str(len(codes)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    return suite


def render(results: Sequence[FileResult], ruleset: RuleCatalogue, options: ReportOptions) -> str:
    """The JUnit XML document."""
    root = ET.Element("testsuites", name="agreement-lint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in results:
        suite = _suite(result, ruleset)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
        root.append(suite)
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
