"""Drafting the checks were not first written for: plain English, first person, question
headings, bilingual headings, codes that look like acronyms, references into legislation.

Each case is written for this file (not taken from any evaluation draft) and names the class of
drafting it stands for.
"""

from __future__ import annotations

from agreement_lint.engine import LintOptions, lint, load_ruleset
from agreement_lint.parser import parse_text

RULESET = load_ruleset()
PARTIES = ('This agreement is between Oakfield Befrienders ("the Charity") and the '
           'University of Northtown ("the University").')


def codes(text: str, code: str, kind: str = "collaboration-agreement") -> list[str]:
    """The findings of one rule on a draft, as ``CODE`` strings."""
    findings = lint(parse_text(text), RULESET, LintOptions(kind=kind, select=(code,)))
    return [f.code for f in findings]


def test_either_of_us_holds_a_right_to_end_and_needs_notice() -> None:
    draft = f"""# Partnership Agreement

{PARTIES}

## 9. Ending

9.1 Either of us can end this agreement by writing to the other.
"""
    assert codes(draft, "END003") == ["END003"]
    assert codes(draft, "END004") == []


def test_either_of_us_with_notice_is_silent() -> None:
    draft = f"""# Partnership Agreement

{PARTIES}

## 9. Ending

9.1 Either of us can end this agreement by giving the other two months' notice in writing.
"""
    assert codes(draft, "END003") == []


def test_plain_stop_the_project_is_a_one_sided_right() -> None:
    draft = f"""# Project Agreement

{PARTIES}

## 7. Stopping

The University can stop the project if its grant is withdrawn,
by telling the Charity a month before.
"""
    assert codes(draft, "END004", kind="engagement-project") == ["END004"]


def test_stop_without_the_project_is_not_a_right_to_end() -> None:
    draft = f"""# Project Agreement

{PARTIES}

## 4. Sessions

The University can stop a session early if the room is needed.
Either party may end this agreement on one month's notice.
"""
    assert codes(draft, "END004", kind="engagement-project") == []


def test_plain_weeks_before_is_a_notice_period() -> None:
    draft = f"""# Project Agreement

{PARTIES}

## 7. Stopping

Either of us can stop the project by telling the other six weeks before.
"""
    assert codes(draft, "END003", kind="engagement-project") == []
