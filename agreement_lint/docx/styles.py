"""What a paragraph style contributes: list numbering, heading level, bold.

Word keeps much of a paragraph's meaning on its style, not on the paragraph: a numbered
"Heading 2" carries its ``w:numPr`` on the style, and a custom "Clause Heading" style may
inherit everything from "Heading 1" through ``w:basedOn``. This module follows those chains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

MAX_BASED_ON_DEPTH = 32
"""A ``w:basedOn`` chain longer than this (or a loop) is cut short."""

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_W_VAL = qn("w:val")
_TAGS: dict[str, str] = {}


def _tag(name: str) -> str:
    """``qn`` with a cache: the same few tags are looked up for every paragraph."""
    found = _TAGS.get(name)
    if found is None:
        found = _TAGS[name] = qn(name)
    return found


def val(element: Any, tag: str) -> str | None:
    """``w:val`` of the child ``tag`` (``w:numId`` …) of ``element``, or None."""
    if element is None:
        return None
    child = element.find(_tag(tag))
    if child is None:
        return None
    value = child.get(_W_VAL)
    return value if value is not None else ""


def to_int(value: str | None) -> int | None:
    """An integer attribute value, or None when absent or malformed."""
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def on_off(element: Any, tag: str) -> bool | None:
    """An OOXML on/off property (``<w:b/>``, ``<w:b w:val="0"/>``): True, False or None."""
    if element is None:
        return None
    child = element.find(_tag(tag))
    if child is None:
        return None
    value = child.get(_W_VAL)
    return value is None or value.lower() not in {"0", "false", "off"}


@dataclass(frozen=True)
class NumPr:
    """A ``w:numPr``: which list (numId) and which level (ilvl); either may be absent."""

    num_id: int | None
    ilvl: int | None

    @classmethod
    def from_ppr(cls, ppr: Any) -> NumPr | None:
        """The numPr of a ``w:pPr`` element, or None when it has none."""
        if ppr is None:
            return None
        num_pr = ppr.find(_tag("w:numPr"))
        if num_pr is None:
            return None
        return cls(to_int(val(num_pr, "w:numId")), to_int(val(num_pr, "w:ilvl")))


@dataclass(frozen=True)
class Style:
    """The parts of one ``w:style`` that matter for reading an agreement."""

    style_id: str
    name: str
    based_on: str | None = None
    num_pr: NumPr | None = None
    outline_level: int | None = None
    bold: bool | None = None


@dataclass
class StyleSheet:
    """Paragraph styles by id, with inheritance resolved on demand."""

    styles: dict[str, Style] = field(default_factory=dict)
    default_paragraph_style: str | None = None
    _chains: dict[str | None, list[Style]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_element(cls, styles_element: Any) -> StyleSheet:
        """Read ``word/styles.xml`` (python-docx's ``CT_Styles``), or an empty sheet for None."""
        sheet = cls()
        if styles_element is None:
            return sheet
        for style in styles_element.iterchildren(qn("w:style")):
            if style.get(qn("w:type"), "paragraph") not in {"paragraph", "numbering"}:
                continue
            style_id = style.get(qn("w:styleId"))
            if not style_id:
                continue
            ppr = style.find(qn("w:pPr"))
            rpr = style.find(qn("w:rPr"))
            sheet.styles[style_id] = Style(
                style_id=style_id,
                name=val(style, "w:name") or style_id,
                based_on=val(style, "w:basedOn"),
                num_pr=NumPr.from_ppr(ppr),
                outline_level=to_int(val(ppr, "w:outlineLvl")),
                bold=on_off(rpr, "w:b"),
            )
            if style.get(qn("w:default")) in {"1", "true", "on"} and style.get(
                qn("w:type"), "paragraph"
            ) == "paragraph":
                sheet.default_paragraph_style = style_id
        return sheet

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and its ``w:basedOn`` ancestors, nearest first (loops cut)."""
        cached = self._chains.get(style_id)
        if cached is not None:
            return cached
        out = self._chains[style_id] = self._build_chain(style_id)
        return out

    def _build_chain(self, style_id: str | None) -> list[Style]:
        out: list[Style] = []
        seen: set[str] = set()
        current = style_id if style_id is not None else self.default_paragraph_style
        while current and current not in seen and len(out) < MAX_BASED_ON_DEPTH:
            seen.add(current)
            style = self.styles.get(current)
            if style is None:
                break
            out.append(style)
            current = style.based_on
        return out

    def num_pr(self, style_id: str | None) -> NumPr | None:
        """The numbering a style gives its paragraphs: numId and ilvl, each inherited separately."""
        num_id: int | None = None
        ilvl: int | None = None
        found = False
        for style in self.chain(style_id):
            if style.num_pr is None:
                continue
            found = True
            if num_id is None:
                num_id = style.num_pr.num_id
            if ilvl is None:
                ilvl = style.num_pr.ilvl
            if num_id is not None and ilvl is not None:
                break
        return NumPr(num_id, ilvl) if found else None

    def heading_level(self, style_id: str | None) -> int | None:
        """0 for Title, 1-9 for Heading 1-9 (by name, then outline level), None otherwise."""
        chain = self.chain(style_id)
        for style in chain:
            name = style.name.strip()
            if name.lower() == "title":
                return 0
            match = _HEADING_NAME.match(name)
            if match:
                return int(match.group(1))
        for style in chain:
            if style.outline_level is not None and 0 <= style.outline_level <= 8:
                return style.outline_level + 1
        return None

    def is_bold(self, style_id: str | None) -> bool:
        """Whether the style (or what it is based on) sets bold text."""
        for style in self.chain(style_id):
            if style.bold is not None:
                return style.bold
        return False

    def style_for_numbering_link(self, style_id: str) -> Style | None:
        """A numbering style (``w:numStyleLink`` target), looked up by id."""
        return self.styles.get(style_id)
