"""parse → render_markdown → parse keeps clause numbers, headings and nesting."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.model import Clause
from agreement_lint.parser import parse_text
from agreement_lint.render import render_markdown

_WORDS = st.sampled_from(["Payment", "Term", "Data", "Governance", "Notices", "Ending",
                          "Fees and Billing", "Intellectual Property", "Review", "Budget"])
_BODY = st.sampled_from(["", "The parties will meet.", "The University will pay the Group.",
                         "Each party keeps its own data."])


@dataclass
class _Item:
    heading: str | None
    body: str
    children: list[_Item]


def _items(depth: int) -> st.SearchStrategy[list[_Item]]:
    leaf = st.builds(_Item, st.one_of(st.none(), _WORDS), _BODY, st.just([]))
    if depth == 0:
        return st.lists(leaf, min_size=1, max_size=3)
    node = st.builds(_Item, st.one_of(st.none(), _WORDS), _BODY,
                     st.one_of(st.just([]), _items(depth - 1)))
    return st.lists(node, min_size=1, max_size=4)


_STYLES = [
    lambda i: f"{i}.",           # level 2 is written absolutely below
    lambda i: f"({chr(96 + i)})",
    lambda i: f"({['i', 'ii', 'iii', 'iv'][i - 1]})",
    lambda i: f"({chr(64 + i)})",
]


def _write(items: list[_Item], prefix: str, depth: int, out: list[str]) -> None:
    for index, item in enumerate(items, 1):
        if depth == 0:
            number = f"{index}."
        elif depth == 1:
            number = f"{prefix}.{index}"
        else:
            number = _STYLES[depth - 1](index)
        heading = f" **{item.heading}**" if item.heading else ""
        body = f" {item.body}" if item.body else ""
        if not heading and not body:
            body = " See below."
        out.append(" " * (4 * max(depth - 1, 0)) + number + heading + body)
        _write(item.children, prefix=str(index) if depth == 0 else prefix, depth=depth + 1,
               out=out)


def _shape(clauses: tuple[Clause, ...], depth: int = 0) -> list[tuple[int, str | None,
                                                                        str | None]]:
    out: list[tuple[int, str | None, str | None]] = []
    for clause in clauses:
        out.append((depth, clause.number, clause.heading))
        out.extend(_shape(clause.children, depth + 1))
    return out


@given(_items(3))
def test_generated_outlines_survive_a_round_trip(items: list[_Item]) -> None:
    lines = ["# Agreement", ""]
    _write(items, "", 0, lines)
    first = parse_text("\n".join(lines) + "\n")
    expected = []

    def walk(items: list[_Item], depth: int) -> None:
        for item in items:
            expected.append((depth, item.heading))
            walk(item.children, depth + 1)

    walk(items, 0)
    assert [(d, h) for d, _n, h in _shape(first.clauses)] == expected
    second = parse_text(render_markdown(first))
    assert _shape(second.clauses) == _shape(first.clauses)
    assert second.title == first.title


def test_round_trip_keeps_schedules_parties_and_comments() -> None:
    text = (
        "# MoU\n\nBETWEEN:\n\n(1) University of Northmoor (the \"University\"); and\n\n"
        "(2) Eastgate Forum CIC (the \"Forum\").\n\n1. Payment\n<!-- waive PAY001 -->\n"
        "1.1 The University will pay.\n\nSchedule 1 - Budget\n\n1. Staff\n"
    )
    first = parse_text(text)
    second = parse_text(render_markdown(first))
    assert [(p.name, p.short_name) for p in second.parties] == [
        (p.name, p.short_name) for p in first.parties]
    assert [(s.kind, s.number, s.title) for s in second.schedules] == [
        (s.kind, s.number, s.title) for s in first.schedules]
    assert [(c.text, c.next_clause) for c in second.comments] == [
        (c.text, c.next_clause) for c in first.comments]
    assert _shape(second.clauses) == _shape(first.clauses)
