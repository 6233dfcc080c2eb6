"""``agreement-lint explain CODE``: the principle behind a rule, examples and a fix.

Everything printed comes from the rule's own data (the same data the engine runs), so the
explanation cannot drift from what the rule does.
"""

from __future__ import annotations

import difflib
import json
import textwrap
from pathlib import Path
from typing import Any

import click

from ..engine.ruleset import Example, Rule, RuleSet
from ..errors import UsageError
from .rules import load_for_cli, rule_pack_options

WIDTH = 88


@click.command("explain")
@click.argument("code")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
@rule_pack_options
def explain(code: str, as_json: bool, rule_packs: tuple[Path, ...], no_config: bool) -> None:
    """Explain rule CODE (e.g. PAY001, or its name): why it matters and how to fix it."""
    ruleset = load_for_cli(rule_packs, no_config)
    rule = find_rule(ruleset, code)
    if as_json:
        click.echo(json.dumps(explanation_record(rule, ruleset), indent=2))
    else:
        click.echo(render_explanation(rule, ruleset))


def find_rule(ruleset: RuleSet, wanted: str) -> Rule:
    """The rule with this code or name; otherwise a one-line error listing near matches."""
    rule = ruleset.get(wanted)
    if rule is not None:
        return rule
    by_name = {r.name: r for r in (*ruleset.rules, *ruleset.disabled)}
    if wanted.strip().lower() in by_name:
        return by_name[wanted.strip().lower()]
    candidates = [*ruleset.codes, *by_name]
    near = difflib.get_close_matches(wanted.strip().upper(), list(ruleset.codes), n=3, cutoff=0.5)
    near += difflib.get_close_matches(wanted.strip().lower(), list(by_name), n=3, cutoff=0.6)
    near += [c for c in ruleset.codes if wanted.strip() and c.startswith(wanted.strip().upper())]
    near = list(dict.fromkeys(near))[:5]
    hint = f"; did you mean {', '.join(near)}?" if near else (
        f"; codes run from {candidates[0]} to {ruleset.codes[-1]} "
        "(see agreement-lint rules)" if ruleset.codes else ""
    )
    raise UsageError(f"no rule is called {wanted!r}{hint}")


def explanation_record(rule: Rule, ruleset: RuleSet) -> dict[str, Any]:
    """The JSON form of an explanation."""
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": str(rule.severity),
        "severity_by_kind": {k: str(v) for k, v in rule.severity_by_kind.items()},
        "kinds": list(rule.kinds),
        "disabled": rule.disabled,
        "message": rule.message,
        "principles": [_principle_record(pid, ruleset) for pid in rule.principles],
        "rationale": rule.rationale,
        "suggestion": rule.suggestion,
        "check": _how_checked(rule),
        "examples": {
            "fail": [_example_record(e) for e in rule.fail_examples],
            "pass": [_example_record(e) for e in rule.pass_examples],
        },
    }


def _principle_record(pid: str, ruleset: RuleSet) -> dict[str, str]:
    principle = ruleset.principles.get(pid)
    if principle is None:
        return {"id": pid, "title": "", "summary": "", "source": ""}
    return {"id": pid, "title": principle.title, "summary": principle.summary,
            "source": principle.source}


def _example_record(example: Example) -> dict[str, Any]:
    return {"text": example.text.strip("\n"), "kind": example.kind}


def _how_checked(rule: Rule) -> str:
    when = f" Only when the document matches: {rule.when.source}." if rule.when else ""
    if rule.check == "require" and rule.condition:
        missing = {"clause": "no clause matches",
                   "section": "no section (a clause with its sub-clauses) matches",
                   "document": "the document as a whole does not match"}[rule.scope]
        return f"Fires once when {missing}: {rule.condition.source}.{when}"
    if rule.check == "flag" and rule.condition:
        if rule.scope == "document":
            return (f"Fires once when the document as a whole matches: "
                    f"{rule.condition.source}.{when}")
        scope = {"clause": "clause", "section": "section (a clause with its sub-clauses)"}[
            rule.scope]
        return f"Fires at each {scope} that matches: {rule.condition.source}.{when}"
    return f"Computed check '{rule.function}'.{when}"


def render_explanation(rule: Rule, ruleset: RuleSet) -> str:
    """The plain-text explanation printed by ``agreement-lint explain``."""
    out: list[str] = []
    state = " - turned off by a rule pack" if rule.disabled else ""
    out.append(f"{rule.code} {rule.name} ({rule.severity}){state}")
    out.append("=" * min(WIDTH, len(out[0])))
    out.append(_wrap(rule.message))
    out.append("")
    out.append("Principles")
    for pid in rule.principles:
        record = _principle_record(pid, ruleset)
        out.append(_wrap(f"{pid} - {record['title']}", indent="  "))
        if record["source"]:
            out.append(_wrap(f"Source: {record['source']}", indent="    "))
        if record["summary"]:
            out.append(_wrap(record["summary"], indent="    "))
    out.append("")
    out.append("Why it matters")
    out.append(_paragraphs(rule.rationale))
    out.append("")
    out.append("Applies to")
    kinds = "every kind of agreement" if "*" in rule.kinds else ", ".join(rule.kinds)
    out.append(_wrap(kinds, indent="  "))
    if rule.severity_by_kind:
        changes = ", ".join(f"{k}: {v}" for k, v in rule.severity_by_kind.items())
        out.append(_wrap(f"Severity by kind - {changes}", indent="  "))
    out.append(_wrap(_how_checked(rule), indent="  "))
    for label, examples in (("An example that fails", rule.fail_examples),
                            ("An example that passes", rule.pass_examples)):
        if examples:
            example = examples[0]
            out.append("")
            kind = f" (kind: {example.kind})" if example.kind else ""
            out.append(f"{label}{kind}")
            out.append(textwrap.indent(example.text.strip("\n"), "  | ", lambda _line: True))
    out.append("")
    out.append("Suggested wording")
    out.append(_paragraphs(rule.suggestion))
    return "\n".join(out)


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent,
                         subsequent_indent=indent)


def _paragraphs(text: str) -> str:
    """Wrap each paragraph of ``text`` (blank-line separated) on its own."""
    blocks = [b for b in text.strip().split("\n\n") if b.strip()]
    return "\n\n".join(_wrap(b) for b in blocks)
