"""Every rule's own examples are its tests: it fires on each ``fail`` and not on each ``pass``.

Adding a case is pure data: a ``[[rule.fail]]`` or ``[[rule.pass]]`` table in ``rules/``.
"""

from __future__ import annotations

import pytest

from agreement_lint.engine import Example, LintOptions, Rule, lint, load_ruleset
from agreement_lint.parser import parse_text
from agreement_lint.waivers import apply_waivers

RULESET = load_ruleset()


def _cases() -> list[object]:
    cases: list[object] = []
    for rule in RULESET.rules:
        for expect in ("fail", "pass"):
            group = rule.fail_examples if expect == "fail" else rule.pass_examples
            for number, example in enumerate(group):
                cases.append(pytest.param(rule, example, id=f"{rule.code}-{expect}-{number}"))
    return cases


@pytest.mark.parametrize(("rule", "example"), _cases())
def test_rule_example(rule: Rule, example: Example) -> None:
    agreement = parse_text(example.text)
    options = LintOptions(kind=example.kind, select=(rule.code,))
    found = lint(agreement, RULESET, options)
    if rule.check == "external":
        # Waiver findings are made after lint: run the rules the example's waivers name.
        named = tuple(c for c in RULESET.codes if c in example.text or c == rule.code)
        options = LintOptions(kind=example.kind, select=named)
        found = list(apply_waivers(agreement, lint(agreement, RULESET, options), RULESET,
                                   enabled=options.is_selected).findings)
    findings = [f for f in found if f.code == rule.code]
    kind = RULESET.resolve_kind(agreement, example.kind)
    if example.expect == "fail":
        assert rule.applies_to(kind), f"{rule.code} does not apply to kind {kind!r}"
        assert findings, f"{rule.code} should fire on its fail example (kind {kind})"
    else:
        shown = "; ".join(f"{f.location.clause or '-'}: {f.evidence or f.message}"
                          for f in findings)
        assert not findings, f"{rule.code} fired on its pass example (kind {kind}): {shown}"


def test_every_rule_has_both_kinds_of_example() -> None:
    for rule in RULESET.rules:
        assert rule.fail_examples and rule.pass_examples, rule.code
