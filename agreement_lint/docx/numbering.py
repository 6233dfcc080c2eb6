"""Work out the number Word displays for an automatically numbered paragraph.

Automatic numbers are not in a paragraph's text: the paragraph (or its style) names a list
(``w:numId``) and a level (``w:ilvl``), and ``word/numbering.xml`` says how that level is
written (``%1.%2``, ``(%3)``), in which format (decimal, letters, roman numerals), where it
starts and when it restarts. Counters belong to the abstract list, so two list instances of the
same abstract list continue one sequence unless an instance overrides a level's start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from docx.oxml.ns import qn

from .styles import StyleSheet, on_off, to_int, val

MAX_LEVELS = 9
MAX_LINK_DEPTH = 8

_PLACEHOLDER = re.compile(r"%([1-9])")

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)


def to_roman(number: int) -> str:
    """Lower-case roman numeral (Word falls back to decimal outside 1-3999)."""
    if not 0 < number < 4000:
        return str(number)
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def to_letter(number: int) -> str:
    """Word's letter numbering: a … z, then aa … zz, aaa … (the letter repeats)."""
    if number <= 0:
        return str(number)
    repeat, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th"
    )
    return f"{number}{suffix}"


def format_number(number: int, num_fmt: str) -> str:
    """One level's counter written in its ``w:numFmt``; unknown formats fall back to decimal."""
    if num_fmt == "none":
        return ""
    if num_fmt == "lowerLetter":
        return to_letter(number)
    if num_fmt == "upperLetter":
        return to_letter(number).upper()
    if num_fmt == "lowerRoman":
        return to_roman(number)
    if num_fmt == "upperRoman":
        return to_roman(number).upper()
    if num_fmt == "decimalZero":
        return f"{number:02d}"
    if num_fmt == "ordinal":
        return _ordinal(number)
    return str(number)


@dataclass(frozen=True)
class Level:
    """One ``w:lvl`` of a list: how its number is written and when it restarts."""

    ilvl: int
    start: int = 1
    num_fmt: str = "decimal"
    lvl_text: str | None = None
    restart_after: int | None = None
    """``w:lvlRestart`` (1-based; 0 = never); None = restart after any higher level."""
    is_legal: bool = False
    p_style: str | None = None

    @classmethod
    def from_element(cls, lvl: Any) -> Level:
        """Read a ``w:lvl`` element."""
        start = to_int(val(lvl, "w:start"))
        return cls(
            ilvl=to_int(lvl.get(qn("w:ilvl"))) or 0,
            start=start if start is not None else 1,
            num_fmt=val(lvl, "w:numFmt") or "decimal",
            lvl_text=val(lvl, "w:lvlText"),
            restart_after=to_int(val(lvl, "w:lvlRestart")),
            is_legal=bool(on_off(lvl, "w:isLgl")),
            p_style=val(lvl, "w:pStyle"),
        )


@dataclass
class AbstractList:
    """A ``w:abstractNum``: the levels, or a link to a numbering style that has them."""

    abstract_id: str
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None
    style_link: str | None = None


@dataclass
class ListInstance:
    """A ``w:num``: an abstract list plus per-level overrides of start value or definition."""

    num_id: int
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


@dataclass(frozen=True)
class ListLabel:
    """What Word shows before a list paragraph: a number (``4.2``), a bullet, or nothing."""

    text: str
    level: int
    kind: Literal["number", "bullet", "none"]


@dataclass
class Numbering:
    """The lists of one document, resolved; call :meth:`label` once per paragraph, in order."""

    abstracts: dict[str, AbstractList] = field(default_factory=dict)
    instances: dict[int, ListInstance] = field(default_factory=dict)
    styles: StyleSheet = field(default_factory=StyleSheet)
    _counters: dict[str, list[int | None]] = field(default_factory=dict)
    _overrides_applied: set[tuple[int, int]] = field(default_factory=set)

    @classmethod
    def from_element(cls, numbering_element: Any, styles: StyleSheet) -> Numbering:
        """Read ``word/numbering.xml`` (None when the document has no lists)."""
        numbering = cls(styles=styles)
        if numbering_element is None:
            return numbering
        for abstract in numbering_element.iterchildren(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId"))
            if abstract_id is None:
                continue
            entry = AbstractList(
                abstract_id=abstract_id,
                num_style_link=val(abstract, "w:numStyleLink"),
                style_link=val(abstract, "w:styleLink"),
            )
            for lvl in abstract.iterchildren(qn("w:lvl")):
                level = Level.from_element(lvl)
                if 0 <= level.ilvl < MAX_LEVELS:
                    entry.levels.setdefault(level.ilvl, level)
            numbering.abstracts[abstract_id] = entry
        for num in numbering_element.iterchildren(qn("w:num")):
            num_id = to_int(num.get(qn("w:numId")))
            abstract_id = val(num, "w:abstractNumId")
            if num_id is None or abstract_id is None:
                continue
            instance = ListInstance(num_id=num_id, abstract_id=abstract_id)
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = to_int(override.get(qn("w:ilvl")))
                if ilvl is None or not 0 <= ilvl < MAX_LEVELS:
                    continue
                start = to_int(val(override, "w:startOverride"))
                if start is not None:
                    instance.start_overrides[ilvl] = start
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    instance.level_overrides[ilvl] = Level.from_element(lvl)
            numbering.instances[num_id] = instance
        return numbering

    def _abstract_for(self, num_id: int) -> AbstractList | None:
        """The abstract list that really holds the levels (following ``w:numStyleLink``)."""
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        abstract = self.abstracts.get(instance.abstract_id)
        depth = 0
        while abstract is not None and abstract.num_style_link and depth < MAX_LINK_DEPTH:
            depth += 1
            linked = self.styles.num_pr(abstract.num_style_link)
            if linked is None or linked.num_id is None:
                break
            target = self.instances.get(linked.num_id)
            if target is None:
                break
            abstract = self.abstracts.get(target.abstract_id)
        return abstract

    def _level(self, num_id: int, abstract: AbstractList, ilvl: int) -> Level | None:
        instance = self.instances[num_id]
        return instance.level_overrides.get(ilvl) or abstract.levels.get(ilvl)

    def resolve_level(self, num_id: int, ilvl: int | None, style_id: str | None) -> int:
        """The level a paragraph is on: its own ilvl, else the level linked to its style, else 0."""
        if ilvl is not None:
            return max(0, min(ilvl, MAX_LEVELS - 1))
        abstract = self._abstract_for(num_id)
        if abstract is not None and style_id is not None:
            for level in abstract.levels.values():
                if level.p_style == style_id:
                    return level.ilvl
        return 0

    def label(self, num_id: int | None, ilvl: int | None, style_id: str | None) -> ListLabel | None:
        """Advance the list's counters for one paragraph and return what Word shows for it."""
        if not num_id or num_id not in self.instances:
            return None
        abstract = self._abstract_for(num_id)
        if abstract is None:
            return None
        level_index = self.resolve_level(num_id, ilvl, style_id)
        level = self._level(num_id, abstract, level_index)
        if level is None:
            return None
        counters = self._counters.setdefault(abstract.abstract_id, [None] * MAX_LEVELS)
        instance = self.instances[num_id]
        key = (num_id, level_index)
        if level_index in instance.start_overrides and key not in self._overrides_applied:
            self._overrides_applied.add(key)
            counters[level_index] = instance.start_overrides[level_index]
        elif counters[level_index] is None:
            counters[level_index] = level.start
        else:
            counters[level_index] = (counters[level_index] or 0) + 1
        self._restart_deeper(num_id, abstract, counters, level_index)
        if level.num_fmt == "bullet":
            return ListLabel(level.lvl_text or "", level_index, "bullet")
        text = self._render(num_id, abstract, counters, level)
        return ListLabel(text, level_index, "number" if text.strip() else "none")

    def _restart_deeper(
        self, num_id: int, abstract: AbstractList, counters: list[int | None], used: int
    ) -> None:
        """Reset deeper levels that restart after the level just used (``w:lvlRestart``)."""
        for deeper in range(used + 1, MAX_LEVELS):
            level = self._level(num_id, abstract, deeper)
            restart_after = level.restart_after if level is not None else None
            if restart_after is None or (restart_after != 0 and used < restart_after):
                counters[deeper] = None

    def _render(
        self, num_id: int, abstract: AbstractList, counters: list[int | None], level: Level
    ) -> str:
        template = level.lvl_text
        if template is None:
            return ""

        def substitute(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            other = self._level(num_id, abstract, index)
            value = counters[index]
            if value is None:
                value = other.start if other is not None else 1
            if other is None:
                return str(value)
            if level.is_legal and other.num_fmt != "none":
                return str(value)
            return format_number(value, other.num_fmt)

        return _PLACEHOLDER.sub(substitute, template)
