"""Units: the pieces of an agreement a condition is evaluated on, at three scopes.

* ``clause`` — each clause's own heading and body;
* ``section`` — each clause with its descendants (a sub-clause's heading counts as a heading);
* ``document`` — the whole agreement (title, front matter, parties, preamble, recitals,
  clauses, schedules) as one unit.

The preamble and each schedule become pseudo-clauses so that every scope covers all the text.
Hollow clauses contribute nothing to a section's or the document's text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import NOWHERE, Agreement, Clause, Location, make_excerpt
from .hollow import HollowJudge

SCOPES = ("clause", "section", "document")


@dataclass(frozen=True)
class Unit:
    """A piece of text a condition is evaluated on."""

    clause: Clause | None
    """The clause (or a schedule / preamble pseudo-clause); None for the document unit."""
    heading: str
    """The clause heading ('' if none)."""
    text: str
    """Scope-dependent text: the clause's own body, or body plus descendants."""
    location: Location
    hollow: bool
    """The body is only a placeholder or a deferral to an absent document (nothing counts)."""
    match_headings: tuple[str, ...] | None = None
    """Headings whose matches count as heading matches (None: just ``heading``)."""
    pieces: tuple[str, ...] | None = None
    """The texts that ``text`` joins with blank lines (None: ``text`` itself). Concept matches
    are cached per piece, so a clause's body is scanned once for all three scopes."""
    scope: str = "clause"
    """The scope the unit was built for: ``clause``, ``section`` or ``document``."""

    @property
    def headings(self) -> tuple[str, ...]:
        """Every heading that counts for heading matches in this unit."""
        if self.match_headings is not None:
            return self.match_headings
        return (self.heading,) if self.heading else ()


def schedule_heading(kind: str, number: str | None, title: str | None) -> str:
    """``Schedule 2 - Budget``-style heading for a schedule's pseudo-clause."""
    name = " ".join(p for p in (kind.capitalize(), number) if p)
    return f"{name} - {title}" if title else name


def top_level(agreement: Agreement) -> Iterator[Clause]:
    """Preamble, recitals, clauses and schedules as top-level (pseudo-)clauses, in order."""
    if agreement.preamble.strip():
        yield Clause.model_construct(heading=None, text=agreement.preamble, level=1)
    yield from agreement.recitals
    yield from agreement.clauses
    for schedule in agreement.schedules:
        yield Clause.model_construct(
            heading=schedule_heading(schedule.kind, schedule.number, schedule.title),
            text=schedule.text,
            children=schedule.clauses,
            location=schedule.location,
            level=1,
        )


def location_of(clause: Clause) -> Location:
    """The clause's location, with its number and an excerpt filled in when missing."""
    location = clause.location
    update: dict[str, object] = {}
    if location.clause is None and clause.number:
        update["clause"] = clause.number
    if not location.heading_path and clause.heading:
        update["heading_path"] = (clause.heading,)
    if not location.excerpt and (clause.text or clause.heading):
        update["excerpt"] = make_excerpt(clause.text or clause.heading or "")
    return location.model_copy(update=update) if update else location


class UnitBuilder:
    """Builds (once) the units of one agreement at each scope."""

    def __init__(self, agreement: Agreement, judge: HollowJudge) -> None:
        self.agreement = agreement
        self.judge = judge
        self._roots = list(top_level(agreement))
        self._cache: dict[str, list[Unit]] = {}
        self._below: dict[int, tuple[list[str], list[str]]] = {}

    def units(self, scope: str) -> list[Unit]:
        """The units at ``scope`` (``clause``, ``section`` or ``document``), in document order."""
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}; expected one of {', '.join(SCOPES)}")
        cached = self._cache.get(scope)
        if cached is None:
            if scope == "clause":
                cached = [self._clause_unit(c) for root in self._roots for c in root.walk()]
            elif scope == "section":
                cached = [self._section_unit(c) for root in self._roots for c in root.walk()]
            else:
                cached = [self._document_unit()]
            self._cache[scope] = cached
        return cached

    def _clause_unit(self, clause: Clause) -> Unit:
        heading_counts, text = self.judge.gist(clause)
        return Unit(
            clause=clause,
            heading=clause.heading or "",
            text=text,
            location=location_of(clause),
            hollow=self.judge.is_hollow(clause),
            match_headings=None if heading_counts else (),
        )

    def _section_unit(self, clause: Clause) -> Unit:
        own_hollow = self.judge.is_hollow(clause)
        heading_counts, own_text = self.judge.gist(clause)
        parts: list[str] = [] if own_hollow else [own_text]
        headings: list[str] = [] if own_hollow or not clause.heading or not heading_counts else [
            clause.heading]
        for child in clause.children:
            self._gather(child, headings, parts)
        pieces = tuple(p for p in parts if p)
        text = "\n\n".join(pieces)
        return Unit(
            clause=clause,
            heading=clause.heading or "",
            text=text,
            location=location_of(clause),
            hollow=own_hollow and not text and not headings,
            match_headings=tuple(headings),
            pieces=pieces,
            scope="section",
        )

    def _gather(self, clause: Clause, headings: list[str], parts: list[str]) -> None:
        """Add the counted headings and texts of ``clause`` and its descendants, in document
        order, to a unit being built.

        Hollow clauses add nothing; a heading counts only where the judge says it does. What a
        clause adds is worked out once and reused by every section above it, so deep outlines
        cost no more than shallow ones.
        """
        below = self._below.get(id(clause))
        if below is None:
            own_headings: list[str] = []
            own_parts: list[str] = []
            if not self.judge.is_hollow(clause):
                counts, text = self.judge.gist(clause)
                if clause.heading and counts:
                    own_headings.append(clause.heading)
                    own_parts.append(clause.heading)
                own_parts.append(text)
            for child in clause.children:
                self._gather(child, own_headings, own_parts)
            below = self._below[id(clause)] = (own_headings, own_parts)
        headings.extend(below[0])
        parts.extend(below[1])

    def _document_unit(self) -> Unit:
        agreement = self.agreement
        parts: list[str] = []
        for key, value in agreement.metadata.items():
            shown = ", ".join(value) if isinstance(value, list) else value
            parts.append(f"{key}: {shown}")
        for party in agreement.parties:
            parts.append(party.description or party.name)
        headings: list[str] = [agreement.title] if agreement.title else []
        for root in self._roots:
            self._gather(root, headings, parts)
        pieces = tuple(p for p in parts if p)
        return Unit(
            clause=None,
            heading=agreement.title or "",
            text="\n\n".join(pieces),
            location=NOWHERE,
            hollow=False,
            match_headings=tuple(headings),
            pieces=pieces,
            scope="document",
        )
