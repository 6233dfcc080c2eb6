"""Write an :class:`Agreement` back out as Markdown.

Used to check that the parser reads what it writes (parse → render → parse keeps every
clause number and heading) and to show a normalised form of a draft. The output is plain,
conventional Markdown: front matter, a ``#`` title, the preamble, parties, recitals,
clauses (headed clauses as ``**Heading**`` after their number, sub-clauses indented four
spaces per level), schedules as ``##`` headings and signature blocks.
"""

from __future__ import annotations

from .model import Agreement, Clause, Comment, FrontMatterValue, Schedule, SignatureBlock

INDENT = "    "


def _front_matter(metadata: dict[str, FrontMatterValue]) -> list[str]:
    if not metadata:
        return []
    out = ["---"]
    for key, value in metadata.items():
        if isinstance(value, list):
            out.append(f"{key}:")
            out.extend(f"  - {item}" for item in value)
        else:
            out.append(f"{key}: {value}" if value else f"{key}:")
    out.append("---")
    out.append("")
    return out


def _marker(clause: Clause) -> str | None:
    number = clause.number
    if number is None:
        return None
    if number.startswith("(") or number.endswith(")"):
        return number
    if number.isdigit() or (len(number) <= 7 and number.isalpha()):
        return f"{number}."
    return number


def _comment_lines(comments: dict[str, list[Comment]], key: str | None, indent: str) -> list[str]:
    if key is None or key not in comments:
        return []
    return [f"{indent}<!-- {c.text} -->" for c in comments.pop(key)]


def _clause_lines(clauses: tuple[Clause, ...], comments: dict[str, list[Comment]],
                  heading_level: int) -> list[str]:
    """Clauses depth first, iteratively (drafts can nest deeply)."""
    out: list[str] = []
    stack: list[tuple[Clause, int, int]] = [(c, 0, heading_level) for c in reversed(clauses)]
    while stack:
        clause, depth, level = stack.pop()
        key = clause.reference or clause.number or clause.heading
        marker = _marker(clause)
        child_depth, child_level = depth + 1, level
        if marker is None and clause.heading:
            # an unnumbered heading: a Markdown heading at its own level
            out.extend(_comment_lines(comments, key, ""))
            out.append("")
            out.append(f"{'#' * min(level, 6)} {clause.heading}")
            out.append("")
            indent = ""
            child_depth, child_level = 0, level + 1
        else:
            indent = INDENT * depth
            out.extend(_comment_lines(comments, key, indent))
            parts = [p for p in (marker, f"**{clause.heading}**" if clause.heading else None) if p]
            first, *rest = clause.text.split("\n") if clause.text else [""]
            if (first and not parts) or first:
                parts.append(first)
            out.append(indent + " ".join(parts))
            for line in rest:
                out.append(f"{indent}{INDENT}{line}" if line else "")
            if clause.text and marker is None:
                out.append("")
            indent = INDENT * depth
        if marker is None and clause.heading and clause.text:
            out.extend(clause.text.split("\n"))
            out.append("")
        stack.extend((child, child_depth, child_level) for child in reversed(clause.children))
    return out


def _schedule_lines(schedule: Schedule, comments: dict[str, list[Comment]]) -> list[str]:
    name = " ".join(p for p in (schedule.kind.capitalize(), schedule.number) if p)
    out = ["", f"## {name}" + (f" - {schedule.title}" if schedule.title else ""), ""]
    if schedule.text:
        out.extend(schedule.text.split("\n"))
        out.append("")
    out.extend(_clause_lines(schedule.clauses, comments, 3))
    return out


def _signature_lines(block: SignatureBlock) -> list[str]:
    out = ["", f"Signed for and on behalf of {block.party}" if block.party else "Signed:"]
    for key, value in block.fields.items():
        if key == "signed" and not block.party:
            continue
        out.append(f"{key.capitalize()}: {value}".rstrip())
    return out


def render_markdown(agreement: Agreement) -> str:
    """The agreement as Markdown that :func:`agreement_lint.parser.parse_text` reads back."""
    comments: dict[str, list[Comment]] = {}
    for comment in agreement.comments:
        if comment.next_clause:
            comments.setdefault(comment.next_clause, []).append(comment)
    out: list[str] = _front_matter(agreement.metadata)
    if agreement.title:
        out.extend([f"# {agreement.title}", ""])
    if agreement.parties and "parties" not in agreement.metadata:
        out.append("BETWEEN:")
        for i, party in enumerate(agreement.parties, 1):
            short = f' ("{party.short_name}")' if party.short_name else ""
            out.append(f"({i}) {party.name}{short}")
        out.append("")
    if agreement.preamble:
        out.extend([*agreement.preamble.split("\n"), ""])
    if agreement.recitals:
        out.extend(["## Background", ""])
        out.extend(_clause_lines(agreement.recitals, comments, 3))
        out.extend(["", "## Agreed terms", ""])
    out.extend(_clause_lines(agreement.clauses, comments, 2))
    for schedule in agreement.schedules:
        out.extend(_schedule_lines(schedule, comments))
    for block in agreement.signatures:
        out.extend(_signature_lines(block))
    for leftover in comments.values():
        out.extend(f"<!-- {c.text} -->" for c in leftover)
    for comment in agreement.comments:
        if not comment.next_clause:
            out.append(f"<!-- {comment.text} -->")
    text = "\n".join(out).strip("\n") + "\n"
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
