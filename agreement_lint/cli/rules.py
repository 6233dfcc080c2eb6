"""``agreement-lint rules``: list every rule with its code, name, severity and principles."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..engine.ruleset import Rule, RuleSet


def rule_pack_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--rule-pack`` (alias ``--rules-dir``) and ``--no-config``, shared with ``explain``."""
    command = click.option(
        "--no-config", is_flag=True,
        help="Ignore configuration files (and the rule packs they name).",
    )(command)
    return click.option(
        "--rule-pack", "--rules-dir", "rule_packs", multiple=True,
        type=click.Path(exists=True, path_type=Path), metavar="PATH",
        help="Add a directory (or file) of your own rules (repeatable).",
    )(command)


def load_for_cli(rule_packs: Sequence[Path], no_config: bool) -> RuleSet:
    """The bundled rules plus the project configuration's rule packs and ``--rule-pack``."""
    from ..config import ConfigFinder
    from ..engine import load_ruleset

    configured: tuple[Path, ...] = ()
    if not no_config:
        configured = ConfigFinder(cwd=Path.cwd()).project().rule_pack_paths
    packs = list(dict.fromkeys([*configured, *(p.resolve() for p in rule_packs)]))
    return load_ruleset(packs)


def rule_record(rule: Rule, kind: str | None = None) -> dict[str, Any]:
    """The JSON form of one rule in the listing."""
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": str(rule.severity_for(kind) if kind else rule.severity),
        "principles": list(rule.principles),
        "kinds": list(rule.kinds),
    }


@click.command("rules")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@click.option("--kind", metavar="KIND",
              help="Only rules that apply to this kind of agreement, at its severities.")
@rule_pack_options
def rules(as_json: bool, kind: str | None, rule_packs: tuple[Path, ...], no_config: bool) -> None:
    """List every rule with its code, name, severity and the principles it cites."""
    ruleset = load_for_cli(rule_packs, no_config)
    chosen = ruleset.require_kind(kind) if kind else None
    listed = [r for r in ruleset.rules if chosen is None or r.applies_to(chosen)]
    if as_json:
        click.echo(json.dumps([rule_record(r, chosen) for r in listed], indent=2))
        return
    _print_table(listed, chosen)


def _print_table(listed: Sequence[Rule], kind: str | None) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    colours = {"error": "red", "warning": "yellow", "info": "cyan"}
    title = f"Rules for a {kind} ({len(listed)})" if kind else f"Rules ({len(listed)})"
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Code", no_wrap=True)
    table.add_column("Name")
    table.add_column("Severity", no_wrap=True)
    table.add_column("Principles")
    for rule in listed:
        severity = str(rule.severity_for(kind) if kind else rule.severity)
        table.add_row(rule.code, rule.name, f"[{colours[severity]}]{severity}[/]",
                      ", ".join(rule.principles))
    console = Console(soft_wrap=False)
    console.print(table)
    console.print("Run `agreement-lint explain CODE` for the principle, examples and a fix.")
