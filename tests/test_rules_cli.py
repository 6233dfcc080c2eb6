"""``agreement-lint rules`` and ``agreement-lint explain``: listings, explanations, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agreement_lint.cli import main
from agreement_lint.engine import load_ruleset

RULESET = load_ruleset()
FIRST = RULESET.rules[0]

PACK_RULE = '''
[[rule]]
code = "ORG001"
name = "board-minutes-missing"
severity = "info"
principles = ["QM-8"]
check = "require"
condition = "communication"
message = "Nothing says how decisions are recorded."
rationale = "Our board asks for minutes of every partnership meeting."
suggestion = "Minutes of each meeting will be shared within two weeks."

[[rule.fail]]
text = """
# Agreement
## 1. Purpose
We will run events.
"""

[[rule.pass]]
text = """
# Agreement
## 1. Meetings
The partners will meet monthly and share notes within a week.
"""
'''


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(args)
    captured = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()  # stop the configuration search here
    monkeypatch.chdir(tmp_path)


@pytest.fixture()
def pack(tmp_path: Path) -> Path:
    directory = tmp_path / "org-rules"
    directory.mkdir()
    (directory / "org.toml").write_text(PACK_RULE, encoding="utf-8")
    return directory


def test_rules_json_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["rules", "--json"], capsys)
    assert code == 0 and err == ""
    records = json.loads(out)
    assert [r["code"] for r in records] == [r.code for r in RULESET.rules]
    assert set(records[0]) == {"code", "name", "severity", "principles", "kinds"}
    assert records[0]["principles"] == list(FIRST.principles)


def test_rules_kind_filters_and_uses_that_kinds_severity(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for kind in RULESET.kinds:
        code, out, _ = run(["rules", "--json", "--kind", kind], capsys)
        assert code == 0
        expected = [
            (r.code, str(r.severity_for(kind))) for r in RULESET.rules if r.applies_to(kind)
        ]
        assert [(r["code"], r["severity"]) for r in json.loads(out)] == expected


def test_rules_table_shows_codes_and_principles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules"], capsys)
    assert code == 0
    for rule in RULESET.rules:
        assert rule.code in out
    assert FIRST.principles[0] in out


def test_rules_unknown_kind_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["rules", "--kind", "treaty"], capsys)
    assert code == 2 and out == ""
    assert "unknown kind of agreement 'treaty'" in err and err.count("\n") == 1


def test_explain_shows_principle_rationale_examples_and_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["explain", FIRST.code.lower()], capsys)
    assert code == 0
    principle = RULESET.principles[FIRST.principles[0]]
    assert out.startswith(f"{FIRST.code} {FIRST.name}")
    assert principle.title in out
    assert " ".join(FIRST.rationale.split()[:4]) in " ".join(out.split())
    assert "An example that fails" in out and "An example that passes" in out
    first_fail_line = next(line for line in FIRST.fail_examples[0].text.splitlines() if line)
    assert f"  | {first_fail_line}" in out
    assert " ".join(FIRST.suggestion.split()[:4]) in " ".join(out.split())


def test_explain_by_name_and_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["explain", FIRST.name, "--json"], capsys)
    assert code == 0
    record = json.loads(out)
    assert record["code"] == FIRST.code
    assert record["principles"][0]["id"] == FIRST.principles[0]
    assert record["principles"][0]["summary"]
    assert len(record["examples"]["fail"]) == len(FIRST.fail_examples)
    assert record["suggestion"] == FIRST.suggestion


def test_explain_unknown_code_lists_near_matches(capsys: pytest.CaptureFixture[str]) -> None:
    near = FIRST.code[:-1]  # e.g. "AIM00"
    code, out, err = run(["explain", near], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert f"no rule is called '{near}'" in err and FIRST.code in err


def test_rule_pack_adds_a_rule_to_both_commands(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["rules", "--json", "--rule-pack", str(pack)], capsys)
    assert code == 0 and "ORG001" in [r["code"] for r in json.loads(out)]
    code, out, _ = run(["explain", "ORG001", "--rules-dir", str(pack)], capsys)
    assert code == 0 and "board-minutes-missing" in out and "Our board asks" in out
    code, _, err = run(["explain", "ORG001"], capsys)
    assert code == 2 and "no rule is called 'ORG001'" in err


def test_configured_rule_packs_are_used_unless_no_config(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".agreement-lint.toml").write_text('rule-packs = ["org-rules"]\n',
                                                   encoding="utf-8")
    code, out, _ = run(["rules", "--json"], capsys)
    assert code == 0 and "ORG001" in out
    code, out, _ = run(["rules", "--json", "--no-config"], capsys)
    assert code == 0 and "ORG001" not in out


def test_broken_rule_pack_is_exit_2_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "bad.toml").write_text(PACK_RULE.replace('"info"', '"urgent"'), encoding="utf-8")
    code, out, err = run(["rules", "--rule-pack", str(broken)], capsys)
    assert code == 2 and out == ""
    assert "bad.toml:5: rule ORG001: 'severity' is 'urgent'" in err


def test_every_rule_explains_itself() -> None:
    from agreement_lint.cli.explain import explanation_record, render_explanation

    for rule in RULESET.rules:
        text = render_explanation(rule, RULESET)
        assert text.startswith(f"{rule.code} {rule.name} ({rule.severity})")
        for pid in rule.principles:
            assert pid in text
        assert "Why it matters" in text and "Suggested wording" in text
        record = explanation_record(rule, RULESET)
        assert all(p["title"] for p in record["principles"]), rule.code
        json.dumps(record)
