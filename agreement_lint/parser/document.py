"""Assemble classified lines into an :class:`Agreement`.

A draft is read top to bottom through a few zones: the title, a preamble (with the parties
and the recitals, if any), the operative clauses, then schedules. Execution blocks are taken
out wherever they appear. Each zone feeds a :class:`ClauseTree`, and inline structures
(definitions, cross-references) are read from every line that belongs to a clause.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..fixed import fixed_pattern
from ..model import (
    Agreement,
    Clause,
    Comment,
    CrossReference,
    Definition,
    FrontMatterValue,
    Location,
    Party,
    Schedule,
    SignatureBlock,
    Source,
    make_excerpt,
)
from . import lines as L
from .construct import construct
from .inline import (
    FoundParty,
    find_colon_definition,
    find_definitions,
    find_references,
    infer_party_type,
    is_caps_heading,
    looks_like_heading,
    parties_from_item,
    parties_from_sentence,
    party_from_text,
    split_columns,
    split_heading,
    strip_markup,
    strip_tags,
)
from .lines import Line
from .prose_parties import header_field, organisation_in_header, parties_from_prose
from .tree import PSEUDO_HEADING_RANK, ClauseTree, Start, roman_value

MAX_DEPTH = 100
"""Deepest clause nesting kept; deeper items are attached at this depth."""

_SCHEDULE_RE = fixed_pattern(
    r"^(?P<word>schedule|annex|annexe|appendix|exhibit|attachment)\b[ ]*"
    r"(?P<number>\d{1,4}(?:\.\d{1,3})?|[A-Z]{1,2}\b|[IVXLCDM]{1,7}\b)?[ ]*"
    r"(?:[-:.][ ]*(?P<title>.*)|(?P<bare_title>[A-Z].*))?$",
    re.IGNORECASE,
)
_SCHEDULE_KIND = {"schedule": "schedule", "annex": "annex", "annexe": "annex",
                  "appendix": "appendix", "exhibit": "exhibit", "attachment": "attachment"}
_PROSE_PARTY_PARAGRAPHS = 6
"""How many opening paragraphs may name a letter's parties in running prose."""
_HEADER_LINES = 40
"""How far down a letter its ``From:`` and ``To:`` lines are looked for."""
_OPENING_LINES = 200
"""How far past the title a letter's opening (before its first clause) is read."""
_THIS_LETTER_RE = fixed_pattern(r"\b(?:this|our)[ ]+(?:letter|e-?mail|note|memorandum)\b",
                                re.IGNORECASE)
"""A paragraph that speaks of itself as a letter, an email or a memorandum."""
_FORMAL_OPENING_RE = fixed_pattern(r"\b(?:between|among|amongst)\b", re.IGNORECASE)
"""A formal opening ("made between …"): a letter's prose is not read past it."""

_PARTIES_HEADINGS = frozenset({"parties", "the parties", "between", "parties to this agreement",
                               "parties to the agreement", "parties to this memorandum",
                               "the partners", "partners", "parties and contacts"})
_RECITAL_HEADINGS = frozenset({"background", "recitals", "whereas", "recital"})
_QUESTION_PARTIES_RE = fixed_pattern(
    r"^(?:who\s+(?:is|are)\s+(?:this|the)\s+(?:agreement|charter|memorandum|partnership|project"
    r"|letter)\s+(?:between|with)|who\s+(?:has|have)\s+(?:signed|agreed)\b|who\s+we\s+are$"
    r"|who\s+are\s+(?:we|the\s+partners|the\s+parties)$|who\s+is\s+involved$)")
"""Plain-English headings over the list of parties ("Who has signed this Charter?")."""
_TRANSLATION_RE = fixed_pattern(r"\s*(?:\([^()]{1,60}\)|/[^/]{1,60})$")


def heading_key(heading: str) -> str:
    """A heading as compared with the zone headings: lower case, without a closing colon or
    question mark, and without a translation given after it in brackets or after a slash
    ("Parties (Partïon)", "Background / Cefndir")."""
    key = heading.lower().strip(" :?")
    return _TRANSLATION_RE.sub("", key).strip(" :?") or key


def is_parties_heading(heading: str) -> bool:
    """Whether a heading opens the list of parties."""
    key = heading_key(heading)
    return key in _PARTIES_HEADINGS or _QUESTION_PARTIES_RE.match(key) is not None
_OPERATIVE_RE = fixed_pattern(
    r"^(?:(?:now,?\s+)?therefore,?\s+(?:in\s+consideration|the\s+parties)|now,?\s+therefore|"
    r"it\s+is\s+(?:hereby\s+)?agreed|the\s+parties\s+(?:hereby\s+)?agree|"
    r"agreed\s+terms|operative\s+provisions|terms\s+and\s+conditions\s*$|"
    r"in\s+consideration\s+of\s+the)",
    re.IGNORECASE,
)
_WHEREAS_RE = fixed_pattern(r"^(?:\*\*)?whereas\b[:,]?\s*", re.IGNORECASE)
_BETWEEN_LINE_RE = fixed_pattern(r"^(?:\*\*|__)?(?:between|by and between|parties)(?:\*\*|__)?"
                                 r"[ ]*:?(?:\*\*|__)?[ ]*(?P<rest>.*)$", re.IGNORECASE)
_INTRO_BETWEEN_RE = fixed_pattern(r"\b(?:between|among|amongst|parties are)\b[ ]*:?[ ]*$",
                                  re.IGNORECASE)
_NOT_A_PARTY_RE = fixed_pattern(
    r"^(?:\(?each\b|\(?together\b|\(?collectively\b|\(?jointly\b|"
    r"in this (?:agreement|mou|memorandum)|"
    r"this (?:agreement|mou|memorandum|civic|collaboration|contract)|where\b|the parties\b|"
    r"(?:version|v)\s*\d|(?:draft|revision|issue)\s+(?:\d|for\b|of\b|v)|prepared\s+for\b|"
    r"dated?\b)",
    re.IGNORECASE,
)
_AND_RE = fixed_pattern(r"^(?:\*\*|__)?(?:and|AND|And)(?:\*\*|__)?[ ]*:?$")
_AND_PARTY_RE = fixed_pattern(r"^(?:\*\*|__)(?:and|AND|And)(?:\*\*|__)[ ]*:?[ ]+(?P<rest>\S.*)$")
"""``**and** Riverbend Network Ltd ("the Network")``: the second party, introduced in bold."""
_FRONT_SHEET_RE = fixed_pattern(r"^(?:dated\b|date:|\(\d{1,2}\)\s|\[?draft\b)", re.IGNORECASE)
_FILING_LABEL_RE = fixed_pattern(r"^(?:exhibit|ex-?)\s*\d[\d.()a-z-]*$", re.IGNORECASE)
_BOLD_LINE_RE = fixed_pattern(r"^[ ]*(?:\*\*|__)(?P<inner>[^*_]{1,120})(?:\*\*|__)[ ]*:?[ ]*$")
_SIGNED_PARTY_RE = fixed_pattern(
    r"(?:on\s+behalf\s+of|(?<!and\s)(?:signed|executed)\s+(?:by|for)(?!\s+and\b))"
    r"\s*:?\s*(?P<party>.*)$",
    re.IGNORECASE,
)
_WITNESS_RE = fixed_pattern(
    r"^\W*(?:in\s+witness|as\s+witness|executed\s+as|signed\s+as\s+a\s+deed)", re.IGNORECASE)
_FIELD_RE = fixed_pattern(r"^[ ]*(?:\*\*|__)?(?P<key>[A-Za-z][A-Za-z ]{0,20}?)(?:\*\*|__)?[ ]*:"
                          r"(?:\*\*|__)?[ ]*(?P<value>.*)$")
_SIGNING_KEYS = frozenset({"signature", "signed", "by"})
_DEFINITIONS_HEADING_RE = fixed_pattern(
    r"\b(?:definitions?|interpretation|defined terms|meanings?|glossary|words used)\b",
    re.IGNORECASE)
_AGREEMENT_WORD_RE = fixed_pattern(
    r"\b(?:agreement|memorandum|contract|terms|understanding|deed|letter|mou|nda|charter|"
    r"protocol|partnership|collaboration|arrangement|accord|compact|concordat|cover page)\b",
    re.IGNORECASE,
)
_SIGNING_HEADING_RE = fixed_pattern(
    r"^(?:signed|signatures?|signatories|signing|execution|agreed and signed|"
    r"signed by the parties|signed on behalf of the (?:parties|partners))\b[ :.]*$",
    re.IGNORECASE,
)
_SIGNED_FOR_RE = fixed_pattern(
    r"^for\s+(?:and\s+on\s+behalf\s+of\s+)?(?P<party>[^:]{2,120}):\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_TRAILING_DATE_RE = fixed_pattern(
    r"\s(?:-|,|on)\s+(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}|\[[^\]]*date[^\]]*\]"
    r"|\d{1,2}/\d{1,2}/\d{2,4})\s*$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Zone:
    """Where we are in the document while reading it top to bottom."""

    name: str = "preamble"
    opened_by_heading: bool = False
    opened_by_intro: bool = False
    """Opened by a line that introduces a list ("… entered into by and among:")."""
    recital_family: str | None = None
    last_decimal: int | None = None


@dataclass(slots=True)
class _ScheduleDraft:
    kind: str
    number: str | None
    title: str | None
    line: Line
    tree: ClauseTree


@dataclass(slots=True)
class _PartyDraft:
    line: Line
    parts: list[str] = field(default_factory=list)


class DocumentBuilder:
    """Reads the body lines once and produces the parts of an :class:`Agreement`."""

    def __init__(self, body: list[Line], text_lines: list[str],
                 paragraph_map: list[int | None] | None) -> None:
        self.body = body
        self.text_lines = text_lines
        self.paragraph_map = paragraph_map
        self.title: str | None = None
        self.preamble: list[str] = []
        self.parties: list[Party] = []
        self.signatures: list[SignatureBlock] = []
        self.body_tree = ClauseTree(text_lines, paragraph_map)
        self.recital_tree = ClauseTree(text_lines, paragraph_map)
        self.schedules: list[_ScheduleDraft] = []
        self.clause_lines: list[Line] = []
        """Lines whose inline structures (definitions, references) are read."""
        self.owner: list[tuple[str | None, tuple[str, ...]] | None] = [None] * (
            len(text_lines) + 2)
        self._excerpts: dict[int, str] = {}
        """Each line's own excerpt, made once however many locations point into the line."""
        self._caps_counts: dict[str, int] = {}
        """How often each capitals line occurs: three or more is a running header, not a
        heading (``KALLO - MOBILECARE`` at the top of every page of a filed contract)."""
        for line in body:
            if line.kind == L.CAPS:
                key = line.text.strip()
                self._caps_counts[key] = self._caps_counts.get(key, 0) + 1
        self._plain_headings = _plain_numbered_headings(body)
        """Lines like ``1. Why we come together`` over a paragraph: headings, not clause text."""
        self._bold_headings = _standalone_bold_headings(body)
        """Bold lines standing alone like ``**How we will measure it**``: headings too."""
        self._column_rows = _two_column_rows(body)
        """Numbered rows of a two-column heads of terms: ``5. Term      Three years …``."""

    # ------------------------------------------------------------------ helpers

    def location(self, line: int, column: int = 1, end_column: int | None = None,
                 excerpt: str | None = None) -> Location:
        """A location on ``line`` carrying the owning clause and heading path."""
        owner = self.owner[line] if 0 <= line < len(self.owner) else None
        text = self.text_lines[line - 1] if 0 < line <= len(self.text_lines) else ""
        paragraph = None
        if self.paragraph_map is not None and 0 < line <= len(self.paragraph_map):
            paragraph = self.paragraph_map[line - 1]
        if excerpt is not None:
            excerpt = make_excerpt(strip_tags(excerpt[:400]))
        else:
            excerpt = self._excerpts.get(line)
            if excerpt is None:
                excerpt = self._excerpts[line] = make_excerpt(strip_tags(text[:400]))
        return construct(
            Location,
            line=line, column=column, end_line=line,
            end_column=end_column if end_column is not None else max(1, len(text)),
            paragraph=paragraph,
            clause=owner[0] if owner else None,
            heading_path=owner[1] if owner else (),
            excerpt=excerpt,
        )

    def _start_from(self, line: Line) -> Start | None:
        """Read a line as a clause start (numbered, heading, capitals, bold), or None."""
        kind = line.kind
        column = line.indent + 1
        if kind == L.NUMBERED and line.marker is not None:
            style = line.marker_style or ""
            rest = line.rest
            if style in ("clause", "section", "article", "part", "paragraph", "chapter"):
                sep = line.extra.get("separator", "")
                if rest and not sep and not (rest[0].isupper() or rest[0] in "*<\"'(["):
                    return None  # ``Section 3 of the Act…`` is prose
                rest = rest.lstrip("-:. ")
            columns = split_columns(rest) if line.number in self._column_rows else None
            heading, text = columns if columns is not None else split_heading(rest)
            if heading is None and ((line.bold and text and len(text) <= 80 and not text.endswith(
                    (".", ";", ","))) or line.number in self._plain_headings):
                heading, text = text, ""
            family = {"clause": "decimal", "section": "decimal", "paragraph": "decimal",
                      "chapter": "article"}.get(style, style)
            core = line.marker.strip("()").rstrip(")")
            if family == "decimal" and not re.fullmatch(r"\d+(?:\.\d+)*", core):
                family = "article"
            number = line.marker if style in ("paren", "halfparen") else line.marker.rstrip(".")
            return Start(line.number, column, line.indent, number, heading, strip_tags(text),
                         family=family, core=core)
        if kind == L.MD_HEADING:
            return self._heading_start(line, line.rest, line.heading_level, column)
        if kind == L.CAPS and is_caps_heading(line.text) and not line.text.rstrip().endswith(
                (".", ":")) and self._caps_counts.get(line.text.strip(), 0) < 3:
            return Start(line.number, column, line.indent, None, strip_markup(line.text), "",
                         is_heading=True, rank=PSEUDO_HEADING_RANK)
        if kind == L.TEXT:
            bold = _BOLD_LINE_RE.match(line.text)
            if bold:
                heading = strip_markup(bold.group("inner")).rstrip(".:")
                if heading and (looks_like_heading(heading, max_length=100)
                                or line.number in self._bold_headings):
                    return Start(line.number, column, line.indent, None, heading, "",
                                 is_heading=True, rank=PSEUDO_HEADING_RANK)
        return None

    def _heading_start(self, line: Line, rest: str, level: int, column: int) -> Start:
        numbered = L._NUMBER_RE.match(rest)
        if (numbered and numbered.group("rest") is not None) or (
            numbered and rest.strip() == numbered.group(0).strip()
        ):
            inner = Line(line.number, L.NUMBERED, rest)
            L._split_number(inner)
            if inner.kind == L.NUMBERED and inner.marker is not None:
                sub = self._start_from(inner)
                if sub is not None:
                    # ``### 1.1 Obligations. Each party will…`` (a Word heading style on a
                    # whole paragraph): the heading, then the body
                    heading = sub.heading or sub.text or None
                    body = sub.text if sub.heading else ""
                    if sub.heading is None and sub.text and (
                            len(sub.text) > 80 or sub.text.endswith((".", ":", ";"))):
                        heading, body = None, sub.text  # a sentence in a heading style
                    return Start(line.number, column, line.indent, sub.number,
                                 strip_markup(heading) if heading else None, body,
                                 is_heading=True, rank=level, family=sub.family, core=sub.core)
        return Start(line.number, column, line.indent, None, strip_markup(rest) or None, "",
                     is_heading=True, rank=level)

    # ------------------------------------------------------------------ signatures

    def find_signatures(self) -> set[int]:
        """Indexes (into ``body``) of lines that belong to execution blocks."""
        taken: set[int] = set()
        witness = False
        i = 0
        body = self.body
        signing_level = 0
        """Heading level of an open ``## Signed`` section (0 when none is open)."""
        while i < len(body):
            line = body[i]
            if line.kind == L.SIGNED and _WITNESS_RE.match(line.text):
                witness = True
                i += 1
                continue
            if line.kind == L.MD_HEADING:
                if _SIGNING_HEADING_RE.match(strip_markup(line.rest)):
                    signing_level = line.heading_level
                elif line.heading_level <= signing_level:
                    signing_level = 0
            elif line.kind == L.CAPS and _SIGNING_HEADING_RE.match(strip_markup(line.text)):
                signing_level = 7
            if signing_level and line.kind == L.TEXT:
                signed_for = _SIGNED_FOR_RE.match(strip_markup(line.text))
                if signed_for:
                    self._one_line_block(line, signed_for)
                    taken.add(i)
                    i += 1
                    continue
            starts_block = line.kind == L.SIGNED or (
                line.kind == L.SIGNATURE_FIELD
                and (witness or self._field_key(line.text) in _SIGNING_KEYS)
            )
            if not starts_block:
                i += 1
                continue
            i = self._read_block(i, taken)
        return taken

    def _in_definitions(self, line: int) -> bool:
        """True when ``line`` belongs to a Definitions / Interpretation clause."""
        owner = self.owner[line] if 0 <= line < len(self.owner) else None
        return owner is not None and any(
            _DEFINITIONS_HEADING_RE.search(label) for label in owner[1])

    def _one_line_block(self, line: Line, match: re.Match[str]) -> None:
        """``For the University: Dr A Person, Director - 18 January 2027`` under ``## Signed``."""
        fields: dict[str, str] = {}
        rest = match.group("rest").strip()
        dated = _TRAILING_DATE_RE.search(rest)
        if dated:
            fields["date"] = dated.group("date").strip()
            rest = rest[: dated.start()].strip()
        fields["name"] = rest
        self.signatures.append(construct(
            SignatureBlock,
            party=match.group("party").strip(), fields=fields,
            location=construct(Location, line=line.number, column=line.indent + 1,
                               end_line=line.number, end_column=max(1, len(line.text)),
                               excerpt=make_excerpt(strip_markup(line.text))),
        ))

    @staticmethod
    def _field_key(text: str) -> str:
        match = _FIELD_RE.match(text)
        return " ".join(match.group("key").lower().split()) if match else ""

    def _read_block(self, i: int, taken: set[int]) -> int:
        body = self.body
        first = body[i]
        fields: dict[str, str] = {}
        party: str | None = None
        if first.kind == L.SIGNED:
            signed = _SIGNED_PARTY_RE.search(strip_markup(first.text))
            if signed and signed.group("party").strip(" :_"):
                party = signed.group("party").strip(" :_")
            field_match = _FIELD_RE.match(first.text)
            if field_match:
                key = " ".join(field_match.group("key").lower().split())
                fields[key] = strip_markup(field_match.group("value"))
        else:
            key = self._field_key(first.text)
            match = _FIELD_RE.match(first.text)
            fields[key] = strip_markup(match.group("value")) if match else ""
        taken.add(i)
        j = i + 1
        if j < len(body) and body[j].kind == L.SIGNED and not _WITNESS_RE.match(body[j].text):
            # ``Signed by [NAME]`` then ``for and on behalf of THE UNIVERSITY``: one block
            behalf = _SIGNED_PARTY_RE.search(strip_markup(body[j].text))
            if behalf and "behalf" in body[j].text.lower():
                if party:
                    fields.setdefault("name", party)
                party = behalf.group("party").strip(" :_") or party
                taken.add(j)
                j += 1
        if party is None:
            party = self._party_above(i)
        while j < len(body):
            line = body[j]
            if line.kind == L.BLANK:
                j += 1
                continue
            if line.kind == L.SIGNATURE_FIELD:
                key = self._field_key(line.text)
                if key in fields and key != "date":
                    break
                match = _FIELD_RE.match(line.text)
                fields[key] = strip_markup(match.group("value")) if match else ""
                taken.add(j)
                j += 1
                continue
            if line.kind == L.TEXT and re.fullmatch(r"[ _./s\-]*", line.text) and line.text.strip():
                fields.setdefault("signature", line.text.strip())
                taken.add(j)
                j += 1
                continue
            break
        party_name = re.sub(r"[\s:,]+(?:by)?[\s:]*$", "", party) if party else None
        self.signatures.append(construct(
            SignatureBlock,
            party=party_name or None, fields=fields,
            location=construct(Location, line=first.number, column=first.indent + 1,
                               end_line=body[max(taken_index for taken_index in (i, j - 1))].number,
                               end_column=max(1, len(body[j - 1].text)),
                               excerpt=make_excerpt(strip_markup(first.text))),
        ))
        return j

    def _party_above(self, i: int) -> str | None:
        """The name written just above a block (``ACME LTD`` / ``### The University``)."""
        k = i - 1
        while k >= 0 and self.body[k].kind == L.BLANK:
            k -= 1
        if k < 0:
            return None
        line = self.body[k]
        if line.kind in (L.SIGNED, L.SIGNATURE_FIELD):
            return None
        text = line.rest if line.kind == L.MD_HEADING else line.text
        plain = strip_markup(text)
        if plain and len(plain) <= 100 and (line.kind == L.CAPS or not plain.endswith(".")):
            return plain.rstrip(":")
        return None

    # ------------------------------------------------------------------ title

    def find_title(self) -> int:
        """Index of the first body line after the title (0 when there is no title line).

        The title is the first level-1 Markdown heading, if it comes before any numbered
        line; otherwise a first line in capitals, or a short first line followed by the
        ``BETWEEN``/``This Agreement…`` opening. Lines above the title (a ``DRAFT`` banner, a
        filing label) and a subtitle heading right below it go to the preamble.
        """
        content_seen = 0
        for i, line in enumerate(self.body[:200]):
            if line.kind in (L.BLANK, L.RULE):
                continue
            plain = strip_markup(line.rest if line.kind == L.MD_HEADING else line.text)
            if line.kind == L.NUMBERED and not (
                    line.marker_style == "paren" and (line.marker or "")[1:-1].isdigit()):
                break
            if line.kind == L.MD_HEADING:
                if not L._NUMBER_RE.match(line.rest) and (
                    line.heading_level == 1 or _AGREEMENT_WORD_RE.search(plain)
                ):
                    self.title = plain or None
                    return self._title_at(i)
                break
            if _FRONT_SHEET_RE.match(plain) or (content_seen == 0 and _FILING_LABEL_RE.match(
                    plain)):
                continue  # ``EXHIBIT 10.13``, ``DATED 2026``, ``(1) THE UNIVERSITY`` above a title
            content_seen += 1
            if line.kind == L.CAPS and is_caps_heading(line.text) and (
                    content_seen == 1 or _AGREEMENT_WORD_RE.search(plain)):
                self.title = plain
                return self._title_at(i)
            if content_seen == 1 and line.kind == L.TEXT and len(plain) <= 120 and (
                    not plain.endswith((".", ",", ";", ":"))) and (
                        self._next_is_between(i)
                        or (_AGREEMENT_WORD_RE.search(plain) and looks_like_heading(plain))):
                self.title = plain
                return self._title_at(i)
            if content_seen >= 3:
                break
        return 0

    def _title_at(self, i: int) -> int:
        """The title is body line ``i``: what came above it is preamble."""
        self.preamble.extend(strip_tags(b.text) for b in self.body[:i] if b.kind != L.BLANK)
        return self._after_subtitle(i + 1)

    def _after_subtitle(self, index: int) -> int:
        """Skip an unnumbered heading or bold line straight after the title (a subtitle)."""
        k = index
        while k < len(self.body) and self.body[k].kind == L.BLANK:
            k += 1
        if k < len(self.body):
            line = self.body[k]
            is_subtitle = (
                line.kind == L.MD_HEADING and line.heading_level >= 2
                and not L._NUMBER_RE.match(line.rest)
                and not is_parties_heading(strip_markup(line.rest))
                and heading_key(strip_markup(line.rest)) not in _RECITAL_HEADINGS
                and self._next_is_between(k)
            ) or (
                line.kind == L.TEXT and _BOLD_LINE_RE.match(line.text) is not None
                and self._control(line, None) is None
                and not is_parties_heading(strip_markup(line.text))
                and heading_key(strip_markup(line.text)) not in _RECITAL_HEADINGS
            )
            if is_subtitle:
                self.preamble.append(strip_markup(line.rest if line.kind == L.MD_HEADING
                                                  else line.text))
                return k + 1
        return index

    def _next_is_between(self, i: int) -> bool:
        for line in self.body[i + 1:i + 6]:
            if line.kind == L.BLANK:
                continue
            plain = strip_markup(line.text).lower()
            return plain.startswith(("between", "this agreement", "this memorandum",
                                     "parties", "dated", "this ", "date:")) or (
                "between" in plain[:300] or "made on" in plain[:200])
        return False

    # ------------------------------------------------------------------ zones

    def _control(self, line: Line, start: Start | None) -> str | None:
        """``parties``, ``recitals`` or ``operative`` when the line opens that zone."""
        if start is not None and start.is_heading and start.number is None and start.heading:
            name = heading_key(start.heading)
            if is_parties_heading(start.heading):
                return "parties"
            if name in _RECITAL_HEADINGS:
                return "recitals"
            if _OPERATIVE_RE.match(name):
                return "operative"
        plain = strip_markup(line.text)
        if line.kind in (L.TEXT, L.CAPS, L.SIGNED):
            if _BETWEEN_LINE_RE.match(plain) and (
                plain.lower().rstrip(" :") in ("between", "by and between", "parties")
                or (re.match(r"^(?:between|by and between)\b", plain, re.IGNORECASE)
                and not re.search(r"\bbetween\b.{0,200}\band\b.{0,200}\"", plain))
            ):
                return "parties"
            if _INTRO_BETWEEN_RE.search(plain) and plain.rstrip().endswith(":"):
                return "parties"
            if _WHEREAS_RE.match(plain):
                return "recitals"
            if plain.lower().rstrip(": ") in ("recitals", "background", "whereas"):
                return "recitals"
            if _OPERATIVE_RE.match(plain):
                return "operative"
        return None

    def read(self) -> None:
        """Walk the lines once, filling the trees, parties and preamble."""
        signature_lines = self.find_signatures()
        begin = self.find_title()
        toc_start, toc_end = self._table_of_contents(begin)
        zone = _Zone()
        party_drafts: list[_PartyDraft] = []
        current_party: _PartyDraft | None = None
        paragraph: list[Line] = []
        tree = self.body_tree
        schedule: _ScheduleDraft | None = None
        previous_blank = True
        opening_end = len(self.body)  # where the operative part begins

        def flush_paragraph() -> None:
            if paragraph and not self.parties and not party_drafts:
                text = " ".join(p.text.strip() for p in paragraph)[:5000]
                for found in parties_from_sentence(strip_markup(text)):
                    self._add_party(found, paragraph[0])
            paragraph.clear()

        for index in range(begin, len(self.body)):
            line = self.body[index]
            if index in signature_lines:
                previous_blank = False
                continue
            if toc_start <= index < toc_end:
                if line.kind != L.BLANK:
                    self.preamble.append(strip_tags(line.text))
                if zone.name == "parties":
                    zone = _Zone("preamble-closed")
                continue
            start = self._start_from(line) if line.kind not in (L.BLANK, L.RULE) else None
            if zone.name != "body":
                control = self._control(line, start)
                if control == "operative":
                    flush_paragraph()
                    zone.name = "preamble-closed"
                    self.preamble.append(strip_tags(line.text))
                    continue
                if control == "parties":
                    flush_paragraph()
                    # A numbered list is a list of parties under a Parties heading, or straight
                    # after a line that introduces one ("… entered into by and among:").
                    zone = _Zone("parties", opened_by_heading=start is not None or (
                        zone.name == "parties" and zone.opened_by_heading),
                        opened_by_intro=strip_markup(line.text).rstrip().endswith(":"))
                    current_party = None
                    self.clause_lines.append(line)
                    match = _BETWEEN_LINE_RE.match(line.text.strip())
                    rest = match.group("rest") if match and start is None else ""
                    if rest.strip():
                        current_party = _PartyDraft(line, [rest])
                        party_drafts.append(current_party)
                    continue
                if control == "recitals" and zone.name != "recitals":
                    flush_paragraph()
                    zone = _Zone("recitals")
                    if start is not None:
                        continue
                if zone.name == "parties":
                    handled, current_party = self._party_line(line, start, zone, party_drafts,
                                                              current_party, previous_blank)
                    previous_blank = line.kind == L.BLANK
                    if handled:
                        continue
                    zone = _Zone("preamble-closed")
                if zone.name == "recitals":
                    if self._recital_line(line, start, zone):
                        previous_blank = line.kind == L.BLANK
                        continue
                    zone = _Zone("preamble-closed")
                if start is None or (start.is_heading and start.rank == PSEUDO_HEADING_RANK and (
                    line.kind == L.CAPS and not self.body_tree.empty
                )):
                    if line.kind in (L.BLANK, L.RULE):
                        flush_paragraph()
                    else:
                        paragraph.append(line)
                        self.preamble.append(strip_tags(line.text))
                        self.clause_lines.append(line)
                    previous_blank = line.kind == L.BLANK
                    continue
                flush_paragraph()
                zone = _Zone("body")
                opening_end = index
            # the operative part and the schedules
            if not self.body_tree.empty and line.kind in (L.MD_HEADING, L.CAPS, L.TEXT):
                opened = self._schedule_heading(line, start, index)
                if opened is not None:
                    schedule = opened
                    self.schedules.append(schedule)
                    tree = schedule.tree
                    continue
            if start is not None:
                tree.add_start(start)
                self._trim_depth(tree)
            elif line.kind == L.RULE:
                pass
            else:
                tree.add_text(line.number, strip_tags(line.text))
            if line.kind != L.BLANK:
                self.clause_lines.append(line)
            previous_blank = line.kind == L.BLANK
        flush_paragraph()
        for draft in party_drafts:
            for found in parties_from_item(strip_tags(" ".join(draft.parts))):
                self._add_party(found, draft.line)
        if not self.parties:
            self._letter_parties(begin, opening_end)

    def _table_of_contents(self, begin: int) -> tuple[int, int]:
        """Body indexes ``[start, end)`` of a table of contents, or ``(0, 0)``.

        A contents list repeats the clause numbers and headings; read as clauses it would
        double every number. It starts at a ``Contents`` line and ends where the numbering
        starts again (the first article or top-level number not above one already listed).
        """
        body = self.body
        limit = min(len(body), begin + 400)
        start = -1
        for i in range(begin, limit):
            plain = strip_markup(body[i].rest if body[i].kind == L.MD_HEADING else body[i].text)
            if _CONTENTS_RE.match(plain) or (
                    len(plain) <= 120 and _TABLE_OF_CONTENTS_RE.search(plain)):
                start = i
                break
        if start < 0:
            return 0, 0
        highest: dict[str, int] = {}
        for i in range(start + 1, min(len(body), start + 600)):
            line = body[i]
            if highest and line.kind in (L.TEXT, L.CAPS) and self._control(line, None) in (
                    "recitals", "parties", "operative"):
                return start, i  # the opening of the agreement itself follows the contents
            key_value = _top_marker(line)
            if key_value is None:
                continue
            key, value = key_value
            if key in highest and value <= highest[key]:
                return start, i
            highest[key] = max(value, highest.get(key, 0))
        return 0, 0

    def _trim_depth(self, tree: ClauseTree) -> None:
        stack = tree._stack
        if len(stack) > MAX_DEPTH:
            node = stack.pop()
            parent = stack[MAX_DEPTH - 2] if MAX_DEPTH >= 2 else None
            if node.parent is not None:
                node.parent.children.remove(node)
            del stack[MAX_DEPTH - 1:]
            node.parent = parent
            if parent is not None:
                parent.children.append(node)
            stack.append(node)

    def _party_line(self, line: Line, start: Start | None, zone: _Zone,
                    drafts: list[_PartyDraft], current: _PartyDraft | None,
                    previous_blank: bool) -> tuple[bool, _PartyDraft | None]:
        """Read one line of a parties block; False when the block has ended."""
        if line.kind in (L.BLANK, L.RULE):
            return True, current
        text = line.text.strip()
        if _AND_RE.match(text):
            return True, None
        and_party = _AND_PARTY_RE.match(text)
        if and_party and line.kind in (L.TEXT, L.CAPS) and drafts and (
                start is None or not start.is_heading):
            self.clause_lines.append(line)
            current = _PartyDraft(line, [and_party.group("rest")])
            drafts.append(current)
            return True, current
        if start is not None and start.is_heading:
            plain = strip_markup(text)
            if not (line.kind == L.CAPS and current is None and start.rank == PSEUDO_HEADING_RANK
                    and infer_party_type(plain).value != "other"):
                return False, current
            # ``ACME LIMITED`` in capitals on its own line between BETWEEN and AND
            current = _PartyDraft(line, [text])
            drafts.append(current)
            self.clause_lines.append(line)
            return True, current
        if line.kind == L.NUMBERED and (
                line.marker_style in ("article", "part", "chapter", "clause", "section")
                or (line.marker_style == "decimal" and "." in (line.marker or ""))):
            return False, current  # ``ARTICLE 1`` or ``1.1``: the operative part has begun
        numbered_list = zone.opened_by_intro and all(
            d.line.kind == L.NUMBERED for d in drafts)
        is_item = line.kind == L.BULLET or (
            line.kind == L.NUMBERED and line.marker is not None
            and (zone.opened_by_heading or line.marker_style == "paren" or numbered_list)
        )
        if is_item:
            self.clause_lines.append(line)
            body = line.rest if line.kind == L.NUMBERED else text[1:].strip()
            current = _PartyDraft(line, [body])
            drafts.append(current)
            return True, current
        if line.kind == L.NUMBERED:
            return False, current
        if line.kind in (L.TEXT, L.CAPS):
            plain = strip_markup(text)
            self.clause_lines.append(line)
            if _NOT_A_PARTY_RE.match(plain) or re.search(r"\bbetween\b", plain, re.IGNORECASE):
                if not drafts and re.search(r"\bbetween\b", plain, re.IGNORECASE):
                    for found in parties_from_sentence(plain[:5000]):
                        self._add_party(found, line)
                return not previous_blank or not drafts or bool(
                    _NOT_A_PARTY_RE.match(plain)), None
            if current is not None and not previous_blank:
                current.parts.append(text)
                return True, current
            list_items = any(d.line.kind in (L.BULLET, L.NUMBERED) for d in drafts)
            if not list_items and (
                '"' in plain or infer_party_type(plain[:200]).value != "other" or not drafts
            ) and not re.match(r"^[\w' ]{1,40}:", plain):
                if _OPERATIVE_RE.match(plain) or len(plain) > 600:
                    return False, current
                current = _PartyDraft(line, [text])
                drafts.append(current)
                return True, current
        return False, current

    def _recital_line(self, line: Line, start: Start | None, zone: _Zone) -> bool:
        """Read one line of the recitals; False when they have ended."""
        if start is not None and start.is_heading:
            return False
        if start is not None:
            family = start.family
            core = start.core or ""
            if family in ("article", "part") or (
                zone.recital_family is None and not self.recital_tree.empty
            ) or (family == "decimal" and "." in core):
                return False
            if family == "decimal" and core.isdigit():
                # recitals numbered 1, 2, 3 end where the operative numbering starts again
                if zone.last_decimal is not None and int(core) <= zone.last_decimal:
                    return False
                zone.last_decimal = int(core)
            if zone.recital_family is None:
                zone.recital_family = family
            elif family != zone.recital_family and self.recital_tree.empty is False and (
                family == "decimal" and zone.recital_family != "decimal"
            ):
                return False
            self.recital_tree.add_start(start)
            self.clause_lines.append(line)
            return True
        plain = strip_markup(line.text)
        if _WHEREAS_RE.fullmatch(plain.strip()):
            # a bare ``WHEREAS:`` introducing lettered or numbered recitals
            self.preamble.append(plain)
            return True
        if line.kind == L.TEXT and _WHEREAS_RE.match(plain):
            self.recital_tree.add_start(Start(line.number, line.indent + 1, line.indent, None,
                                              None, strip_tags(line.text.strip())))
            self.clause_lines.append(line)
            return True
        if line.kind != L.RULE:
            self.recital_tree.add_text(line.number, strip_tags(line.text))
            if line.kind != L.BLANK:
                self.clause_lines.append(line)
        return True

    def _schedule_heading(self, line: Line, start: Start | None,
                          index: int) -> _ScheduleDraft | None:
        """A ``Schedule 1 - Budget`` / ``# Annex A`` / ``APPENDIX 2`` line opens a schedule."""
        if start is not None:
            if not start.is_heading or start.number is not None or not start.heading:
                return None
            candidate = start.heading
        else:
            candidate = strip_markup(line.text)
            if len(candidate) > 100 or candidate.endswith((".", ",", ";")):
                return None
        match = _SCHEDULE_RE.match(candidate)
        if match is None:
            return None
        title = (match.group("title") or match.group("bare_title") or "").strip() or None
        number = match.group("number")
        if number is None and title is None and candidate.strip().lower() not in _SCHEDULE_KIND:
            return None
        if title is None:
            title = self._title_below(index)
        kind = _SCHEDULE_KIND[match.group("word").lower()]
        tree = ClauseTree(self.text_lines, self.paragraph_map)
        return _ScheduleDraft(kind, number, title, line, tree)

    def _title_below(self, index: int) -> str | None:
        for line in self.body[index + 1:index + 4]:
            if line.kind == L.BLANK:
                continue
            if line.kind in (L.CAPS, L.MD_HEADING):
                plain = strip_markup(line.rest if line.kind == L.MD_HEADING else line.text)
                return plain or None
            return None
        return None

    def _letter_parties(self, begin: int, end: int) -> None:
        """Parties a letter or memorandum names in its opening prose or its address lines.

        The opening runs from the title to the first numbered clause; a letter's own heading
        (``# Letter Agreement: …``) may already have opened the body. Its first paragraphs
        are read for a sentence naming the parties, then the ``From:``/``To:`` lines.
        """
        if not self.recital_tree.empty:
            return  # recitals belong to a formal agreement, which names its parties otherwise
        paragraphs: list[list[Line]] = [[]]
        for line in self.body[begin:min(len(self.body), begin + _OPENING_LINES)]:
            if line.kind == L.NUMBERED or (
                    line.kind == L.MD_HEADING and L._NUMBER_RE.match(line.rest)) or (
                    self._control(line, None) is not None):
                break
            if line.kind in (L.BLANK, L.RULE, L.MD_HEADING):
                if paragraphs[-1]:
                    paragraphs.append([])
                continue
            paragraphs[-1].append(line)
        for paragraph in [p for p in paragraphs if p][:_PROSE_PARTY_PARAGRAPHS]:
            text = strip_markup(" ".join(p.text.strip() for p in paragraph)[:5000])
            found = parties_from_prose(text)
            if not found and _THIS_LETTER_RE.search(text):
                found = parties_from_sentence(text)  # "This letter is between X and Y."
            if found:
                for party in found:
                    self._add_party(party, paragraph[0])
                return
            if _FORMAL_OPENING_RE.search(text):
                return  # a formal "made between …" opening the parser could not read
        self._header_parties(end)

    def _header_parties(self, end: int) -> None:
        """Parties from a letter's ``From:`` and ``To:`` lines above its first clause.

        Both lines must name an organisation (not only a person), and different ones.
        """
        found: dict[str, tuple[FoundParty, Line]] = {}
        for line in self.body[:min(end, _HEADER_LINES)]:
            if line.kind == L.BLANK:
                continue
            field = header_field(line.text)
            if field is None or field[0] in found:
                continue
            party = organisation_in_header(field[1])
            if party is None:
                return
            found[field[0]] = (party, line)
        if len(found) == 2 and found["from"][0].name != found["to"][0].name:
            for party, line in (found["from"], found["to"]):
                self._add_party(party, line)

    def _add_party(self, found: FoundParty, line: Line) -> None:
        for i, known in enumerate(self.parties):
            if known.name == found.name:
                # Named again later with a short name ("… (we call it "the Club")"): keep it.
                if known.short_name is None and found.short_name:
                    self.parties[i] = known.model_copy(update={"short_name": found.short_name})
                return
        self.parties.append(construct(
            Party,
            name=found.name,
            short_name=found.short_name,
            type=infer_party_type(found.name, found.description),
            description=found.description,
            location=self.location(line.number, line.indent + 1, excerpt=found.description),
        ))

    # ------------------------------------------------------------------ finish

    def finish(self, *, metadata: dict[str, FrontMatterValue], comments: list[Comment],
               source: Source, front: list[Line]) -> Agreement:
        """Build the clause trees and read definitions and references from clause lines."""
        recitals = self.recital_tree.build(self.owner)
        clauses = self.body_tree.build(self.owner)
        schedules: list[Schedule] = []
        for draft in self.schedules:
            built = draft.tree.build(self.owner)
            label = " ".join(p for p in (draft.kind.capitalize(), draft.number) if p)
            self.owner[draft.line.number] = (label, (label,))
            schedules.append(construct(
                Schedule,
                kind=draft.kind,
                number=draft.number,
                title=draft.title,
                text="\n".join(t.strip() for t in draft.tree.loose).strip(),
                clauses=built,
                location=self.location(draft.line.number, draft.line.indent + 1),
            ))
        front_matter_parties = parties_from_metadata(metadata, front) if front else []
        definitions: list[Definition] = definitions_from_metadata(metadata, front)
        references: list[CrossReference] = []
        for clause_line in self.clause_lines:
            text = clause_line.text
            found_here = find_definitions(text)
            if not found_here and clause_line.kind in (L.TEXT, L.BULLET) and self._in_definitions(
                    clause_line.number):
                colon = find_colon_definition(text)
                if colon is not None:
                    found_here = [colon]
            for found in found_here:
                definitions.append(construct(
                    Definition,
                    term=found.term, text=strip_tags(found.text), style=found.style,
                    location=self.location(clause_line.number, found.column,
                                           found.end_column),
                ))
            for ref in find_references(strip_tags(text) if "<" in text else text):
                references.append(construct(
                    CrossReference,
                    text=ref.text, target_kind=ref.target_kind,
                    target=ref.target,
                    location=self.location(clause_line.number, ref.column, ref.end_column),
                ))
        definitions.extend(_table_definitions(self.body, self))
        section = _parties_section(clauses)
        found_parties = self.parties or _parties_from_section(section, self)
        parties = _merge_parties(front_matter_parties, found_parties)
        opening = " ".join(self.preamble)[:20_000]
        if section is not None:
            opening += " " + section.full_text[:20_000]
        parties = _short_names_from_preamble(parties, opening)
        title = metadata.get("title")
        return construct(
            Agreement,
            title=title if isinstance(title, str) and title else self.title,
            kind=_kind(metadata),
            parties=tuple(parties),
            recitals=recitals,
            definitions=tuple(definitions),
            clauses=clauses,
            schedules=tuple(schedules),
            signatures=tuple(self.signatures),
            cross_references=tuple(references),
            comments=tuple(_attach_comments(comments, self)),
            metadata=metadata,
            preamble="\n".join(t.strip() for t in self.preamble if t.strip()),
            source=source,
        )


_PLAIN_HEADING_MAX_WORDS = 8


def _plain_numbered_headings(body: list[Line]) -> set[int]:
    """Line numbers of short numbered lines that head the paragraph below them.

    In plain text a heading is often written ``1. Why we come together`` with a blank line and
    prose after it. Such a line is short, ends without punctuation, starts with a capital, has a
    single top-level number, and is followed (after a blank line) by a longer line of prose.
    """
    found: set[int] = set()
    for i, line in enumerate(body):
        if line.kind != L.NUMBERED or line.marker_style != "decimal" or line.bold:
            continue
        marker = (line.marker or "").rstrip(".")
        rest = strip_markup(line.rest or "").strip()
        if not marker.isdigit() or not rest or not rest[0].isupper():
            continue
        if len(rest) > 60 or len(rest.split()) > _PLAIN_HEADING_MAX_WORDS:
            continue
        if rest.endswith((".", ",", ";", ":", "!")):
            continue  # a sentence or a lead-in, not a heading (a question heading is kept)
        if i + 2 >= len(body) or body[i + 1].kind != L.BLANK:
            continue
        following = body[i + 2]
        prose = strip_markup(following.text).strip()
        if following.kind == L.TEXT and len(prose) > len(rest) and prose.endswith(
                (".", ":", ";", "?", "!", ")", '"')):
            found.add(line.number)
    return found


_COLUMN_ROWS_MIN = 3


def _two_column_rows(body: list[Line]) -> set[int]:
    """Line numbers of numbered rows set out in two columns, label then what was agreed.

    A row counts when its right-hand column starts at the same place as in at least two
    other numbered rows: a wide gap after a heading on a single line happens in flattened
    contracts too, but there the text after it does not line up from row to row.
    """
    by_column: dict[int, list[int]] = {}
    for line in body:
        if line.kind != L.NUMBERED or line.marker_style != "decimal" or "   " not in line.rest:
            continue
        columns = split_columns(line.rest)
        if columns is None:
            continue
        column = line.text.rfind(columns[1])
        by_column.setdefault(column, []).append(line.number)
    return {number for rows in by_column.values() if len(rows) >= _COLUMN_ROWS_MIN
            for number in rows}


_BOLD_HEADING_MAX_WORDS = 12


def _standalone_bold_headings(body: list[Line]) -> set[int]:
    """Line numbers of bold lines that stand alone between blank lines, in sentence case.

    A draft that marks its headings in bold writes them as it speaks (``**What we want to
    achieve**``, ``**Reviewing how it is going**``) as often as in title case; alone in their
    paragraph they are headings all the same. A bold lead-in ending with a colon (``**Both
    parties commit to**:``) or a bold sentence ending with a full stop is not.
    """
    found: set[int] = set()
    last = len(body) - 1
    for i, line in enumerate(body):
        if line.kind != L.TEXT or ("*" not in line.text and "_" not in line.text):
            continue
        bold = _BOLD_LINE_RE.match(line.text)
        if bold is None or line.text.rstrip().endswith(":"):
            continue
        if (i > 0 and body[i - 1].kind not in (L.BLANK, L.RULE)) or (
                i < last and body[i + 1].kind not in (L.BLANK, L.RULE)):
            continue
        if _under_heading(body, i):
            continue  # a caption under a heading (``**Effective Date**`` then what it means)
        heading = strip_markup(bold.group("inner"))
        if not heading or not (heading[0].isupper() or heading[0].isdigit()):
            continue
        if heading.endswith((".", ",", ";", ":")) or "." in heading or (
                len(heading.split()) > _BOLD_HEADING_MAX_WORDS):
            continue
        found.add(line.number)
    return found


def _under_heading(body: list[Line], i: int) -> bool:
    """Whether the last line with words above ``body[i]`` is a heading or a bold line."""
    k = i - 1
    while k >= 0 and body[k].kind in (L.BLANK, L.RULE):
        k -= 1
    if k < 0:
        return False
    above = body[k]
    return above.kind in (L.MD_HEADING, L.CAPS) or (
        above.kind == L.TEXT and _BOLD_LINE_RE.match(above.text) is not None)


def _kind(metadata: dict[str, FrontMatterValue]) -> str | None:
    kind = metadata.get("kind") or metadata.get("type")
    if isinstance(kind, str) and kind.strip():
        return "-".join(kind.strip().lower().split())
    return None


_GLOSSARY_TERM_HEADERS = frozenset({
    "term", "terms", "defined term", "definition", "expression", "word", "acronym", "acronyms",
    "abbreviation", "abbreviations", "short form", "initials",
})
_GLOSSARY_MEANING_HEADERS = frozenset({
    "meaning", "definition", "means", "description", "stands for", "full name", "in full",
    "full form", "what it means", "what it stands for",
})


def _table_definitions(body: list[Line], builder: DocumentBuilder) -> list[Definition]:
    """Rows of a glossary table: ``| Term | Meaning |``, ``| Acronym | In full |``.

    A table of data fields or codes (``| Field | Detail |``) is not a glossary: its rows
    describe what is recorded, they do not say what a word means."""
    found: list[Definition] = []
    in_table = False
    for line in body:
        if line.kind != L.TABLE_ROW:
            in_table = False
            continue
        cells = [c.strip() for c in line.text.strip().strip("|").split("|")]
        if not in_table:
            header = [strip_markup(c).lower().rstrip(":") for c in cells]
            in_table = len(header) >= 2 and header[0] in _GLOSSARY_TERM_HEADERS and (
                header[1] in _GLOSSARY_MEANING_HEADERS)
            continue
        if len(cells) < 2 or set("".join(cells)) <= set("-: "):
            continue
        term = strip_markup(cells[0]).strip("\"' ")
        if term:
            found.append(construct(Definition, term=term, text=strip_markup(cells[1]),
                                   style="table",
                                   location=builder.location(line.number, line.indent + 1)))
    return found


def _attach_comments(comments: list[Comment], builder: DocumentBuilder) -> list[Comment]:
    """Set each comment's location owner and the clause that follows it."""
    starts: list[tuple[int, str]] = []
    for line, owner in enumerate(builder.owner):
        if owner is not None and (not starts or starts[-1][1] != owner[0]) and owner[0]:
            starts.append((line, owner[0]))
    lines = [s[0] for s in starts]
    out: list[Comment] = []
    for comment in comments:
        loc = comment.location
        end_line = loc.end_line or loc.line or 0
        k = bisect.bisect_left(lines, end_line)
        next_clause = starts[k][1] if k < len(starts) else None
        owner = builder.owner[loc.line] if loc.line is not None and loc.line < len(
            builder.owner) else None
        out.append(construct(
            Comment,
            text=comment.text,
            next_clause=next_clause,
            location=loc.model_copy(update={
                "clause": owner[0] if owner else None,
                "heading_path": owner[1] if owner else (),
                "paragraph": _paragraph(builder, loc.line),
            }),
        ))
    return out


def _paragraph(builder: DocumentBuilder, line: int | None) -> int | None:
    if builder.paragraph_map is None or line is None or not 0 < line <= len(builder.paragraph_map):
        return None
    return builder.paragraph_map[line - 1]


def _item_lines(front: list[Line], key: str) -> list[int]:
    """Line numbers of the ``- item`` lines listed under ``key:`` in the front matter."""
    lines: list[int] = []
    current: str | None = None
    for line in front:
        if line.kind == "FM_KEY_VALUE":
            current = " ".join(line.text.partition(":")[0].split()).lower()
            value = line.text.partition(":")[2].strip()
            if current == key and value:
                lines.append(line.number)
        elif line.kind == "FM_ITEM" and current == key:
            lines.append(line.number)
    return lines


def parties_from_metadata(metadata: dict[str, FrontMatterValue],
                          front: list[Line]) -> list[Party]:
    """Parties listed in the front matter (``parties:`` then ``- Name ("Short")`` items)."""
    value = metadata.get("parties")
    items = value if isinstance(value, list) else ([value] if value else [])
    lines = _item_lines(front, "parties")
    parties: list[Party] = []
    for index, item in enumerate(items):
        found = party_from_text(item) if '"' in item else None
        name = found.name if found else item.strip()
        if not name:
            continue
        line = lines[index] if index < len(lines) else (front[0].number if front else 1)
        parties.append(construct(
            Party,
            name=name,
            short_name=found.short_name if found else None,
            type=infer_party_type(name),
            description=item,
            location=construct(Location, line=line, column=1, end_line=line,
                               excerpt=make_excerpt(item)),
        ))
    return parties


def definitions_from_metadata(metadata: dict[str, FrontMatterValue],
                              front: list[Line]) -> list[Definition]:
    """``definitions:`` in the front matter, each item ``Term: meaning``."""
    value = metadata.get("definitions")
    items = value if isinstance(value, list) else []
    lines = _item_lines(front, "definitions")
    found: list[Definition] = []
    for index, item in enumerate(items):
        term, sep, meaning = item.partition(":")
        if not sep:
            term, sep, meaning = item.partition(" - ")
        term = term.strip().strip("\"'*")
        if not term:
            continue
        line = lines[index] if index < len(lines) else 1
        found.append(construct(
            Definition,
            term=term, text=meaning.strip(), style="front-matter",
            location=construct(Location, line=line, column=1, end_line=line,
                               excerpt=make_excerpt(item)),
        ))
    return found


def clauses_walk(clauses: tuple[Clause, ...]) -> list[Clause]:
    """Every clause depth first (kept iterative for very deep trees)."""
    out: list[Clause] = []
    stack = list(reversed(clauses))
    while stack:
        clause = stack.pop()
        out.append(clause)
        stack.extend(reversed(clause.children))
    return out


def _party_key(name: str) -> str:
    plain = re.sub(r"\([^)]*\)", " ", name.lower())
    plain = re.sub(r"^the\s+", "", plain.strip())
    return " ".join(re.findall(r"\w+", plain))


def _merge_parties(declared: list[Party], found: list[Party]) -> list[Party]:
    """Front-matter parties win; the text adds their short names and descriptions."""
    if not declared:
        return [p for p in found if not _NOT_A_PARTY_RE.match(p.name)]
    by_key = {_party_key(p.name): p for p in found}
    merged: list[Party] = []
    for party in declared:
        key = _party_key(party.name)
        match = by_key.get(key) or next(
            (p for k, p in by_key.items() if k and key and (k in key or key in k)), None)
        if match is None:
            merged.append(party)
            continue
        merged.append(party.model_copy(update={
            "short_name": party.short_name or match.short_name,
            "description": match.description or party.description,
            "type": match.type if match.type.value != "other" else party.type,
            "location": match.location,
        }))
    return merged


def _short_names_from_preamble(parties: list[Party], preamble: str) -> list[Party]:
    """``the **University of Northmoor**, acting through … ("the University")``: a short name
    defined just after a declared party's name, when the text has no party block."""
    if not preamble or all(p.short_name for p in parties):
        return parties
    plain = strip_markup(preamble)
    lowered = plain.lower()
    out: list[Party] = []
    for party in parties:
        core = re.sub(r"\s*\([^)]*\)", "", party.name).strip().lower()
        where = lowered.find(core) if core else -1
        if party.short_name or where < 0:
            out.append(party)
            continue
        window = plain[where + len(core): where + len(core) + 250]
        short = _SHORT_AFTER_NAME_RE.search(window)
        if short is None:
            out.append(party)
            continue
        name = re.sub(r"^the\s+", "", short.group("short").strip(), flags=re.IGNORECASE)
        described = infer_party_type(party.name, window[: short.start("short")])
        out.append(party.model_copy(update={"short_name": name, "type": described}))
    return out


_SHORT_AFTER_NAME_RE = fixed_pattern(r'^[^"()]{0,200}\((?:[^()"]{0,30})"(?P<short>[^"]{1,60})"\)')


_SIGNATORIES_RE = fixed_pattern(
    r"^(?:the\s+)?signator(?:y|ies)(?:\s+(?:organisations?|organizations?|institutions?|"
    r"bodies|partners|anchors))?$")
"""``The signatories`` over the list of organisations a charter or compact is made between."""
_OPENING_WALK = 8
"""How many clauses, depth first, may come before a nested list of parties."""


def _parties_section(clauses: tuple[Clause, ...]) -> Clause | None:
    """The clause that lists the parties, which some drafts use instead of a party block.

    A top-level ``1. Parties`` clause; or, before the first numbered clause, a ``Parties`` or
    ``The signatories`` heading nested under the draft's opening headings (``## Our
    commitments`` then ``### The signatories``).
    """
    for clause in clauses[:5]:
        if clause.heading and is_parties_heading(clause.heading):
            return clause
    stack = list(reversed(clauses))
    walked = 0
    while stack and walked < _OPENING_WALK:
        clause = stack.pop()
        walked += 1
        if clause.heading and (is_parties_heading(clause.heading)
                               or _SIGNATORIES_RE.match(heading_key(clause.heading))):
            return clause
        if clause.number is not None:
            return None  # the operative clauses have begun
        stack.extend(reversed(clause.children))
    return None


def _parties_from_section(section: Clause | None, builder: DocumentBuilder) -> list[Party]:
    """Parties listed as the items (sub-clauses or bullets) of a Parties clause."""
    if section is None:
        return []
    items: list[tuple[str, Location]] = []
    for child in section.children:
        # a whole item in title case (``Fenwick Borough Council (the "Council"); and``) is
        # read as a heading: it is the item itself, not a bold name before a description
        text = (f"**{child.heading}** {child.text}" if child.heading and child.text
                else child.heading or child.text)
        items.append((text, child.location))
    for raw in section.text.split("\n"):
        if raw.startswith(("- ", "* ", "+ ")):
            items.append((raw[2:], section.location))
    parties: list[Party] = []
    if not items and section.text:
        # ``Parties   X (the "University"); and Y (the "Makerspace").`` in one paragraph
        for listed in parties_from_item(" ".join(section.text.split())[:5000]):
            parties.append(construct(
                Party, name=listed.name, short_name=listed.short_name,
                type=infer_party_type(listed.name, listed.description),
                description=listed.description, location=section.location))
        return parties
    # A clause that names the parties in a sentence ("This agreement is between us, X, and Y")
    # names them all; its sibling clauses are not parties.
    candidates: list[tuple[FoundParty | None, Location]] = []
    for text, location in items[:2]:
        named = parties_from_sentence(strip_markup(text)[:5000])
        if len(named) >= 2:
            candidates = [(found, location) for found in named]
            break
    else:
        candidates = [(party_from_text(text), location) for text, location in items]
    for found, location in candidates:
        if found is None or any(p.name == found.name for p in parties):
            continue
        parties.append(construct(
            Party,
            name=found.name, short_name=found.short_name,
            type=infer_party_type(found.name, found.description),
            description=found.description, location=location,
        ))
    return parties


_TABLE_OF_CONTENTS_RE = fixed_pattern(r"\btable\s+of\s+contents\b", re.IGNORECASE)
_CONTENTS_RE = fixed_pattern(r"^(?:table\s+of\s+contents|contents|index)\b[\s:.]*(?:page)?\s*$",
                             re.IGNORECASE)


def _top_marker(line: Line) -> tuple[str, int] | None:
    """(``article`` or ``decimal``, value) for a top-level clause number on ``line``."""
    marker, style = line.marker, line.marker_style
    if line.kind == L.MD_HEADING:
        inner = Line(line.number, L.NUMBERED, line.rest)
        L._split_number(inner)
        marker, style = inner.marker, inner.marker_style
    if line.kind not in (L.NUMBERED, L.MD_HEADING) or marker is None:
        return None
    core = marker.strip("()").rstrip(".")
    if style in ("article", "part", "chapter"):
        value = int(core) if core.isdigit() else roman_value(core)
        return ("article", value) if value else None
    if style in ("decimal", "clause", "section") and core.isdigit():
        return "decimal", int(core)
    return None
