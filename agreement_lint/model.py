"""The typed model of an agreement that every later stage reads.

The text parser and the Word reader both produce an :class:`Agreement`; rules never see the
raw text or the .docx, only this model. Everything is JSON-serialisable with
``model.model_dump(mode="json")``.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EXCERPT_LENGTH = 80
"""How many characters of a clause a location carries as its excerpt."""


def make_excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """A short single-line excerpt of ``text`` for messages and Word locations.

    Flattening the start of a text gives the start of its flattening, so when a few times
    ``length`` characters already flatten to more than ``length`` they decide the excerpt,
    and a clause of tens of thousands of characters is not flattened whole.
    """
    head = text[: 4 * length]
    if len(head) < len(text) and len(" ".join(head.split())) > length:
        text = head
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


class _Frozen(BaseModel):
    # Validators are built on first validation, not at import: the parser builds its output
    # without validation, so a plain check never pays for them.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Location(_Frozen):
    """Where something is: line/column in text, paragraph in Word, always clause and heading path.

    Lines and columns are 1-based. ``paragraph`` is the 0-based index of the paragraph in the
    Word document body (tables' paragraphs included, in document order). A document-level
    location (for something *missing*) has every field empty.
    """

    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    paragraph: int | None = None
    clause: str | None = None
    heading_path: tuple[str, ...] = ()
    excerpt: str = ""

    @property
    def is_document_level(self) -> bool:
        """True when the location points at the document as a whole."""
        return self.line is None and self.paragraph is None and self.clause is None


NOWHERE = Location.model_construct()
"""The document-level location, the default of every ``location`` field.

Built without validation so that defining the model classes does not build their validators
(they are built on first validation: ``defer_build``).
"""


class PartyType(StrEnum):
    """What kind of organisation a party is, when the text says or implies it."""

    UNIVERSITY = "university"
    NHS_TRUST = "nhs-trust"
    NHS_BODY = "nhs-body"
    LOCAL_AUTHORITY = "local-authority"
    COMMUNITY_ORGANISATION = "community-organisation"
    CHARITY = "charity"
    BUSINESS = "business"
    SCHOOL_COLLEGE = "school-college"
    OTHER = "other"


class Party(_Frozen):
    """A party to the agreement: its name, the short name the text defines, and its type."""

    name: str
    short_name: str | None = None
    type: PartyType = PartyType.OTHER
    description: str = ""
    location: Location = NOWHERE

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the text may use for this party."""
        return (self.name,) if not self.short_name else (self.name, self.short_name)


class Definition(_Frozen):
    """A defined term: ``"X" means …`` or an inline ``(the "X")``."""

    term: str
    text: str = ""
    style: Literal["means", "inline", "table", "front-matter"] = "means"
    location: Location = NOWHERE


class CrossReference(_Frozen):
    """A reference in the text to a clause, schedule, annex, appendix or paragraph."""

    text: str
    """The reference as written, e.g. ``clause 7.2`` or ``Schedule 1``."""
    target_kind: Literal["clause", "schedule", "annex", "appendix", "paragraph", "section",
                         "article", "exhibit"]
    target: str
    """The normalised target: ``7.2``, ``1``, ``B``, ``IV`` (as written, dots kept)."""
    location: Location = NOWHERE


class Clause(_Frozen):
    """A numbered or headed unit of the agreement, with its sub-clauses.

    ``text`` is the clause's own body (its sub-clauses are in ``children``); it does not repeat
    the number or the heading.
    """

    number: str | None = None
    """The number as written, without trailing dot: ``4``, ``4.2``, ``(a)``, ``IV``."""
    reference: str | None = None
    """The number by which the agreement cites the clause: ``2.1`` for a ``1.`` nested under
    clause 2, ``2.1(a)`` for an ``(a)`` under 2.1; equal to ``number`` when that is absolute."""
    heading: str | None = None
    text: str = ""
    children: tuple[Clause, ...] = ()
    location: Location = NOWHERE
    level: int = 1
    """Depth in the clause tree, 1 for top-level clauses."""

    def walk(self) -> Iterator[Clause]:
        """This clause and every descendant, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def full_text(self) -> str:
        """Heading, body and every descendant's text, for section-wide matching."""
        parts = [p for p in (self.heading, self.text) if p]
        parts.extend(child.full_text for child in self.children)
        return "\n".join(parts)

    @property
    def label(self) -> str:
        """``4.2 Invoices``-style label for messages."""
        return " ".join(p for p in (self.number, self.heading) if p) or make_excerpt(self.text, 40)


class Schedule(_Frozen):
    """A schedule, annex, appendix or exhibit at the end of the agreement."""

    kind: Literal["schedule", "annex", "appendix", "exhibit", "attachment"] = "schedule"
    number: str | None = None
    """``1``, ``A``, ``II`` — None for an unnumbered schedule."""
    title: str | None = None
    text: str = ""
    clauses: tuple[Clause, ...] = ()
    location: Location = NOWHERE

    def walk(self) -> Iterator[Clause]:
        """Every clause of the schedule, depth first."""
        for clause in self.clauses:
            yield from clause.walk()


class SignatureBlock(_Frozen):
    """An execution block: ``Signed for and on behalf of …`` with Name/Title/Date lines."""

    party: str | None = None
    fields: dict[str, str] = Field(default_factory=dict)
    """Lower-cased field name → value as written (``name``, ``title``, ``date``, ``signature``)."""
    location: Location = NOWHERE


class Comment(_Frozen):
    """A comment in the source (``<!-- … -->``); waivers are read from these."""

    text: str
    location: Location = NOWHERE
    next_clause: str | None = None
    """Number (or heading) of the clause that follows the comment, if any."""


class Source(_Frozen):
    """Where the agreement was read from."""

    path: str | None = None
    format: Literal["markdown", "text", "docx"] = "markdown"
    sha256: str | None = None


FrontMatterValue = str | list[str]


class Agreement(_Frozen):
    """A whole agreement as drafted: the object every rule inspects."""

    title: str | None = None
    kind: str | None = None
    """The kind given in front matter (``civic-university-agreement`` …); rules may infer one."""
    parties: tuple[Party, ...] = ()
    recitals: tuple[Clause, ...] = ()
    definitions: tuple[Definition, ...] = ()
    clauses: tuple[Clause, ...] = ()
    schedules: tuple[Schedule, ...] = ()
    signatures: tuple[SignatureBlock, ...] = ()
    cross_references: tuple[CrossReference, ...] = ()
    comments: tuple[Comment, ...] = ()
    metadata: dict[str, FrontMatterValue] = Field(default_factory=dict)
    """Front matter, ``key: value`` and lists, keys lower-cased."""
    preamble: str = ""
    """Text between the title and the first clause that is not parties or recitals."""
    source: Source = Source.model_construct()

    def walk(self) -> Iterator[Clause]:
        """Every clause in document order: recitals, body clauses, then schedules' clauses."""
        for recital in self.recitals:
            yield from recital.walk()
        for clause in self.clauses:
            yield from clause.walk()
        for schedule in self.schedules:
            yield from schedule.walk()

    def body_clauses(self) -> Iterator[Clause]:
        """Every operative clause (no recitals, no schedules), depth first."""
        for clause in self.clauses:
            yield from clause.walk()

    def clause_numbers(self) -> set[str]:
        """Every clause number in the body and schedules, as written and as cited."""
        return {n for c in self.walk() for n in (c.number, c.reference) if n}
