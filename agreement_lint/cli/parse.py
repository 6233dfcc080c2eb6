"""``agreement-lint parse``: show how a draft was read.

Prints the clause outline (so a drafter can see at a glance whether the numbering and
headings were understood) or, with ``--json``, the whole model.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..model import Agreement, Clause


def _outline_lines(clauses: tuple[Clause, ...], indent: int = 0) -> list[str]:
    out: list[str] = []
    stack: list[tuple[Clause, int]] = [(c, indent) for c in reversed(clauses)]
    while stack:
        clause, depth = stack.pop()
        number = clause.reference or clause.number or ""
        heading = clause.heading or ("" if number else clause.label)
        label = " ".join(p for p in (number, heading) if p) or "(untitled)"
        line = clause.location.line
        where = f"  (line {line})" if line is not None else ""
        out.append(f"{'  ' * depth}{label}{where}")
        stack.extend((child, depth + 1) for child in reversed(clause.children))
    return out


def outline(agreement: Agreement) -> str:
    """The human-readable outline printed by ``parse``."""
    out: list[str] = []
    out.append(f"Title: {agreement.title or '(none found)'}")
    if agreement.kind:
        out.append(f"Kind: {agreement.kind}")
    if agreement.parties:
        out.append("Parties:")
        for party in agreement.parties:
            short = f' ("{party.short_name}")' if party.short_name else ""
            out.append(f"  {party.name}{short} - {party.type.value}")
    else:
        out.append("Parties: (none found)")
    if agreement.recitals:
        out.append(f"Recitals: {len(agreement.recitals)}")
    out.append(f"Definitions: {len(agreement.definitions)}")
    out.append(f"Cross-references: {len(agreement.cross_references)}")
    out.append("Clauses:")
    out.extend(_outline_lines(agreement.clauses, 1) or ["  (none found)"])
    for schedule in agreement.schedules:
        name = " ".join(p for p in (schedule.kind.capitalize(), schedule.number) if p)
        title = f" - {schedule.title}" if schedule.title else ""
        line = schedule.location.line
        out.append(f"{name}{title}" + (f"  (line {line})" if line else ""))
        out.extend(_outline_lines(schedule.clauses, 1))
    if agreement.signatures:
        out.append("Signature blocks:")
        for block in agreement.signatures:
            out.append(f"  {block.party or '(party not named)'}"
                       + (f"  (line {block.location.line})" if block.location.line else ""))
    return "\n".join(out)


@click.command(name="parse")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole model as JSON.")
@click.option("--encoding", default=None, help="Read the file with this text encoding.")
def parse(file: Path, as_json: bool, encoding: str | None) -> None:
    """Show how FILE was read: its clause outline, or the model as JSON ('-' reads stdin)."""
    from ..read import read_agreement, read_agreement_bytes

    if str(file) == "-":
        agreement = read_agreement_bytes(sys.stdin.buffer.read(), name="<stdin>.md",
                                         encoding=encoding)
    else:
        agreement = read_agreement(file, encoding=encoding)
    if as_json:
        click.echo(json.dumps(agreement.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        click.echo(outline(agreement))
