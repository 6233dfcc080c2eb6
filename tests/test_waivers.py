"""Waivers silence what they name, where they say, and report on themselves."""

from __future__ import annotations

import pytest

from agreement_lint.engine import load_ruleset
from agreement_lint.findings import Finding, Severity
from agreement_lint.model import Location
from agreement_lint.parser import parse_text
from agreement_lint.waivers import apply_waivers, parse_waivers

RULES = load_ruleset()

DRAFT = """# Memorandum of Understanding

{top}
## 1. Purpose
The partners will run six listening events.

{clause}
## 2. Contributions
The Group takes part on a voluntary basis.

### 2.1 Venue
The venue fee is TBC.

## 3. Roles
The Group will recruit residents.
"""


def _draft(top: str = "", clause: str = "") -> str:
    return DRAFT.format(top=top, clause=clause)


def _finding(code: str, line: int | None, clause: str | None) -> Finding:
    rule = RULES.get(code)
    assert rule is not None
    return Finding(code=code, name=rule.name, severity=rule.severity, message=rule.message,
                   location=Location(line=line, column=1, clause=clause))


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _run(text: str, findings: list[Finding], enabled: set[str] | None = None,
         severity: dict[str, Severity] | None = None) -> tuple[list[Finding], list[Finding]]:
    outcome = apply_waivers(parse_text(text), findings, RULES,
                            enabled=lambda c: enabled is None or c in enabled,
                            severity=lambda c: (severity or {}).get(c))
    return list(outcome.findings), list(outcome.waived)


def _findings(text: str) -> list[Finding]:
    return [
        Finding(code="PAY001", name="payment-terms-missing", severity=Severity.ERROR,
                message="no payment terms"),
        _finding("PAY004", _line(text, "voluntary basis"), "2"),
        _finding("STR002", _line(text, "TBC"), "2.1"),
        _finding("STR002", _line(text, "recruit residents"), "3"),
    ]


def test_clause_waiver_covers_the_clause_and_its_sub_clauses_only() -> None:
    text = _draft(clause='<!-- agreement-lint: disable STR002, PAY004 reason="pilot" -->')
    kept, waived = _run(text, _findings(text))
    assert [(f.code, f.location.clause) for f in waived] == [("PAY004", "2"), ("STR002", "2.1")]
    assert [(f.code, f.location.clause) for f in kept] == [("PAY001", None), ("STR002", "3")]


def test_clause_waiver_does_not_silence_a_document_level_finding() -> None:
    text = _draft(clause='<!-- agreement-lint: disable PAY001 reason="grant letter" -->')
    kept, waived = _run(text, _findings(text))
    assert not waived
    assert [f.code for f in kept if f.code.startswith("LINT")] == ["LINT002"]


def test_file_waiver_covers_everything_of_its_codes() -> None:
    text = _draft(top="<!-- agreement-lint: disable-file STR002,PAY001 reason='agreed' -->")
    kept, waived = _run(text, _findings(text))
    assert sorted(f.code for f in waived) == ["PAY001", "STR002", "STR002"]
    assert [f.code for f in kept] == ["PAY004"]


def test_waiver_without_reason_still_applies_and_is_reported() -> None:
    text = _draft(clause="<!-- agreement-lint: disable PAY004 -->")
    kept, waived = _run(text, _findings(text))
    assert [f.code for f in waived] == ["PAY004"]
    meta = [f for f in kept if f.code == "LINT001"]
    assert len(meta) == 1
    assert meta[0].location.line == _line(text, "disable PAY004")
    assert "PAY004" in meta[0].message and meta[0].severity == Severity.WARNING
    assert meta[0].suggestion and meta[0].principles == ("QM-6",)


def test_unused_waiver_names_only_the_codes_that_silenced_nothing() -> None:
    text = _draft(clause='<!-- agreement-lint: disable PAY004, LANG003 reason="kept" -->')
    kept, _waived = _run(text, _findings(text))
    unused = [f for f in kept if f.code == "LINT002"]
    assert len(unused) == 1
    assert "LANG003" in unused[0].message and "PAY004" not in unused[0].message


def test_a_waiver_for_a_rule_that_did_not_run_is_not_unused() -> None:
    text = _draft(clause='<!-- agreement-lint: disable LANG003 reason="kept" -->')
    kept, _ = _run(text, _findings(text), enabled={"PAY001", "PAY004", "STR002", "LINT002"})
    assert not [f for f in kept if f.code == "LINT002"]


@pytest.mark.parametrize(("comment", "problem"), [
    ('<!-- agreement-lint: disabel PAY004 reason="x" -->', "it should read disable CODE"),
    ('<!-- agreement-lint: disable NOPE123 reason="x" -->', "no rule has the code NOPE123"),
    ('<!-- agreement-lint: disable LINT001 reason="x" -->', "cannot be waived"),
])
def test_malformed_waivers_are_reported_and_waive_nothing(comment: str, problem: str) -> None:
    text = _draft(clause=comment)
    kept, waived = _run(text, _findings(text))
    assert not waived
    malformed = [f for f in kept if f.code == "LINT003"]
    assert len(malformed) == 1 and problem in malformed[0].message


def test_clause_waiver_with_no_clause_after_it_is_malformed() -> None:
    text = _draft() + '\n<!-- agreement-lint: disable STR002 reason="end" -->\n'
    kept, waived = _run(text, _findings(text))
    assert not waived
    assert "no clause follows it" in next(f for f in kept if f.code == "LINT003").message


def test_meta_findings_follow_selection_and_severity() -> None:
    text = _draft(clause="<!-- agreement-lint: disable PAY004 -->")
    kept, _ = _run(text, _findings(text), enabled={"PAY004"})
    assert not [f for f in kept if f.code.startswith("LINT")]
    kept, _ = _run(text, _findings(text), severity={"LINT001": Severity.ERROR})
    assert next(f for f in kept if f.code == "LINT001").severity == Severity.ERROR


def test_ordinary_comments_are_not_waivers() -> None:
    text = _draft(clause="<!-- note to self: check the venue -->")
    kept, waived = _run(text, _findings(text))
    assert not waived and not [f for f in kept if f.code.startswith("LINT")]
    waivers, malformed = parse_waivers(parse_text(text).comments, lambda c: True)
    assert waivers == [] and malformed == []
