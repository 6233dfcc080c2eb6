"""Nest clause starts into a tree, by their numbers first and their indentation second.

The grammar says which lines start a clause; this module decides each clause's parent:

1. A multi-part number (``4.2``) belongs under the open clause numbered ``4``.
2. A number that continues an open list (``(b)`` after ``(a)``, ``3.`` after ``2.``) is that
   item's sibling, however the lines happen to be indented (plain-text contracts indent at
   random).
3. Otherwise a line indented deeper than the open item is its child (Markdown nested lists:
   Common Paper writes ``2.`` then ``    1.`` for 2.1 and ``        a.`` for 2.1(a)).
4. Otherwise an item of a style already open at the same level (``(a)`` … ``(i)`` …) closes
   back to it; a new style opens a deeper level.

Markdown headings (and capitals or bold lines read as headings) nest by their level and
contain every numbered item below them.

Each clause also gets a *reference*: the number by which the rest of the agreement cites it.
For ``4.2`` it is ``4.2``; for a relative list number it is built from the parent's
reference: ``1.`` under clause 2 is ``2.1``; ``(a)`` or ``a.`` under 2.1 is ``2.1(a)``.
The number as written stays in ``Clause.number``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..fixed import fixed_pattern
from ..model import Clause, Location, make_excerpt
from .construct import construct

PSEUDO_HEADING_RANK = 7
"""Rank of a capitals or bold heading: below every Markdown heading level (1–6)."""

_ROMAN_RE = fixed_pattern(
    r"^(?=[ivxlcdm]+$)m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(text: str) -> int | None:
    """Value of a Roman numeral (either case), or None when it is not one."""
    lower = text.lower()
    if not lower or not _ROMAN_RE.match(lower):
        return None
    total = 0
    for i, ch in enumerate(lower):
        value = _ROMAN_VALUES[ch]
        if i + 1 < len(lower) and _ROMAN_VALUES[lower[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def letters_value(text: str) -> int:
    """``a`` → 1 … ``z`` → 26, ``aa`` → 27 (the usual doubling of letters)."""
    lower = text.lower()
    return (len(lower) - 1) * 26 + ord(lower[0]) - ord("a") + 1


@dataclass(slots=True)
class Start:
    """A line that starts a clause, as the document stage has read it."""

    line: int
    column: int
    indent: int
    number: str | None
    heading: str | None
    text: str
    is_heading: bool = False
    rank: int = 0
    """Heading level for headings (1–7); 0 for numbered items."""
    family: str | None = None
    """Marker family: ``decimal``, ``paren``, ``halfparen``, ``letterdot``, ``article``…"""
    core: str | None = None
    """The marker without punctuation: ``4.2``, ``a``, ``iv``, ``IV``."""


@dataclass(slots=True)
class _Node:
    start: Start
    style: str | None
    value: int | None
    depth: int
    """Number of parts of a decimal number (0 for articles and parts, -1 otherwise)."""
    reference: str | None = None
    body: list[str] = field(default_factory=list)
    first_body_line: int = 0
    last_line: int = 0
    last_line_length: int = 0
    children: list[_Node] = field(default_factory=list)
    parent: _Node | None = None


def _style_and_value(start: Start, stack: list[_Node]) -> tuple[str | None, int | None, int]:
    """The marker's style key, its value in sequence and its decimal depth."""
    family, core = start.family, start.core
    if family is None or core is None:
        return None, None, -1
    if family in ("article", "part"):
        value = roman_value(core) if not core.isdigit() else int(core)
        return family, value, 0
    if family == "decimal":
        parts = core.split(".")
        return f"dec{len(parts)}", int(parts[-1]), len(parts)
    if core.isdigit():
        return f"{family}-digit", int(core), -1
    upper = core.isupper()
    case = "U" if upper else "l"
    roman = roman_value(core)
    if roman is not None and len(core) == 1 and core.lower() in "ivx":
        # ``(i)`` is roman unless it follows ``(h)``; ``(v)``/``(x)`` only after iv/ix.
        alpha_style = f"{family}-alpha-{case}"
        alpha_value = letters_value(core)
        follows_alpha = any(n.style == alpha_style and n.value == alpha_value - 1 for n in stack)
        roman_style = f"{family}-roman-{case}"
        follows_roman = any(n.style == roman_style and n.value == roman - 1 for n in stack)
        if follows_alpha or (core.lower() != "i" and not follows_roman):
            return alpha_style, alpha_value, -1
        return roman_style, roman, -1
    if roman is not None and len(core) > 1:
        return f"{family}-roman-{case}", roman, -1
    if core.isalpha():
        return f"{family}-alpha-{case}", letters_value(core), -1
    return family, None, -1


def _reference(node: _Node, parent: _Node | None) -> str | None:
    start = node.start
    if start.number is None:
        return None
    family, core = start.family, start.core or start.number
    parent_ref = parent.reference if parent is not None else None
    if family == "decimal" and "." in core:
        return core
    if family == "decimal":
        if (parent_ref and parent is not None and parent.depth >= 1 and parent_ref[-1].isdigit()
                and not start.is_heading):
            return f"{parent_ref}.{core}"
        return core
    if family in ("article", "part", "clause", "section", "paragraph"):
        return core
    if family in ("paren", "halfparen", "letterdot"):
        if (parent_ref and parent is not None and parent.depth != -1) or (
            parent_ref and parent_ref.endswith(")")
        ):
            return f"{parent_ref}({core})"
        return f"({core})" if family != "letterdot" else core
    return core


def _find_parent(node: _Node, stack: list[_Node]) -> int:
    """Index in ``stack`` of the new node's parent (-1 for top level); pops above it."""
    start = node.start
    if start.is_heading:
        for i in range(len(stack) - 1, -1, -1):
            other = stack[i]
            if other.start.is_heading and other.start.rank < start.rank:
                return i
        return -1
    if node.style is None:
        # an unnumbered item (a ``WHEREAS`` paragraph): sibling of the last unnumbered one
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].start.is_heading:
                return i
            if stack[i].style is None:
                return i - 1
        return len(stack) - 1
    if node.depth == 0:
        # an article or part: sibling of the last one, otherwise under the innermost
        # Markdown heading (never under a capitals or bold line, which it outranks)
        for i in range(len(stack) - 1, -1, -1):
            other = stack[i]
            if other.style == node.style:
                return i - 1
            if other.start.is_heading and other.start.rank < PSEUDO_HEADING_RANK:
                return i
        return -1
    # 1. a multi-part decimal number goes under its prefix
    if node.depth >= 2 and start.core is not None:
        prefix = start.core.rsplit(".", 1)[0]
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].reference == prefix or stack[i].start.core == prefix:
                return i
    # 2. continuing an open list: sibling of the item it follows
    if node.style is not None and node.value is not None:
        best: int | None = None
        for i in range(len(stack) - 1, -1, -1):
            other = stack[i]
            if other.style == node.style and other.value == node.value - 1:
                if other.start.indent == start.indent:
                    best = i
                    break
                if best is None:
                    best = i
        if best is not None:
            return best - 1
    # 3. deeper indentation than the innermost open item: a child of it
    top = len(stack) - 1
    while top >= 0 and not stack[top].start.is_heading and stack[top].start.indent > start.indent:
        top -= 1
    if top >= 0 and not stack[top].start.is_heading and stack[top].start.indent < start.indent:
        return top
    # 4. an open item of the same style at this level: its sibling (a list that starts again
    # at 1 is a new, deeper list, not a continuation)
    if node.style is not None and node.value != 1:
        for i in range(top, -1, -1):
            other = stack[i]
            if other.start.is_heading:
                break
            if other.style == node.style and other.start.indent == start.indent:
                return i - 1
        for i in range(top, -1, -1):
            other = stack[i]
            if other.start.is_heading:
                break
            if other.style == node.style:
                return i - 1
    # a decimal number closes deeper decimal levels (``2.`` after ``1.1`` with no ``1.``)
    if node.depth >= 0 and any(n.depth >= 0 for n in stack[: top + 1]):
        for i in range(top, -1, -1):
            other = stack[i]
            if other.start.is_heading:
                return i
            if other.depth >= 0 and other.depth < node.depth:
                return i
        return -1
    return top


class ClauseTree:
    """Collects clause starts and body lines in document order, then builds the clauses."""

    def __init__(self, text_of_line: list[str],
                 paragraph_map: list[int | None] | None = None) -> None:
        self._lines = text_of_line
        self._paragraphs = paragraph_map
        self._roots: list[_Node] = []
        self._stack: list[_Node] = []
        self.loose: list[str] = []
        """Body lines that came before the first clause start."""
        self.loose_first_line = 0

    @property
    def empty(self) -> bool:
        """True until the first clause start."""
        return not self._roots

    def add_start(self, start: Start) -> None:
        """Open a clause at ``start``; it closes the open clauses it does not belong under."""
        style, value, depth = _style_and_value(start, self._stack)
        node = _Node(start, style, value, depth, last_line=start.line,
                     last_line_length=len(self._lines[start.line - 1]))
        if start.text:
            node.body.append(start.text)
            node.first_body_line = start.line
        parent_index = _find_parent(node, self._stack)
        del self._stack[parent_index + 1:]
        parent = self._stack[-1] if self._stack else None
        node.parent = parent
        node.reference = _reference(node, parent)
        if parent is None:
            self._roots.append(node)
        else:
            parent.children.append(node)
        self._stack.append(node)

    def add_text(self, line: int, text: str) -> None:
        """A body line (prose, bullet, table row, blank) of the innermost open clause."""
        if not self._stack:
            if text.strip() or self.loose:
                if not self.loose:
                    self.loose_first_line = line
                self.loose.append(text)
            return
        node = self._stack[-1]
        if not node.body and not text.strip():
            return
        if not node.body:
            node.first_body_line = line
        node.body.append(text)
        if text.strip():
            node.last_line = line
            node.last_line_length = len(self._lines[line - 1])

    def build(self, owner: list[tuple[str | None, tuple[str, ...]] | None]) -> tuple[Clause, ...]:
        """The finished clauses; ``owner[line]`` is set to (clause, heading path) per line."""
        return tuple(self._build(node, (), 1, owner) for node in self._roots)

    def _build(self, node: _Node, path: tuple[str, ...], level: int,
               owner: list[tuple[str | None, tuple[str, ...]] | None]) -> Clause:
        # Iterative over siblings, recursive over depth; depth is bounded by the caller's
        # nesting limit, so recursion cannot exhaust the stack.
        start = node.start
        label = " ".join(p for p in (node.reference or start.number, start.heading) if p)
        if not label:
            label = make_excerpt(start.text or "\n".join(node.body), 40)
        my_path = (*path, label)
        clause_id = node.reference or start.number or start.heading
        children = tuple(self._build(child, my_path, level + 1, owner) for child in node.children)
        last_line, last_length = node.last_line, node.last_line_length
        if node.children:
            last_child = children[-1].location
            if last_child.end_line is not None and last_child.end_line > last_line:
                last_line, last_length = last_child.end_line, (last_child.end_column or 1)
        for line in range(start.line, node.last_line + 1):
            if line < len(owner) and owner[line] is None:
                owner[line] = (clause_id, my_path)
        body = _tidy(node.body)
        excerpt_source = " ".join(p for p in (start.heading, body) if p)
        # The parser builds these from values it has already checked: skip re-validation,
        # which would otherwise dominate the cost of a large draft.
        return construct(
            Clause,
            number=start.number,
            reference=node.reference,
            heading=start.heading,
            text=body,
            children=children,
            level=level,
            location=construct(
                Location,
                line=start.line,
                column=start.column,
                end_line=last_line,
                end_column=max(1, last_length),
                clause=clause_id,
                heading_path=my_path,
                excerpt=make_excerpt(excerpt_source[:400]),
                paragraph=self._paragraph(start.line),
            ),
        )


    def _paragraph(self, line: int) -> int | None:
        paragraphs = self._paragraphs
        if paragraphs is None or not 0 < line <= len(paragraphs):
            return None
        return paragraphs[line - 1]


def _tidy(body: list[str]) -> str:
    """Join body lines, dropping leading/trailing blank lines and collapsing blank runs."""
    out: list[str] = []
    blank = False
    for raw in body:
        text = raw.strip()
        if not text:
            blank = bool(out)
            continue
        if blank:
            out.append("")
            blank = False
        out.append(text)
    return "\n".join(out)
