#!/usr/bin/env python3
"""Build the Word test fixtures in tests/fixtures/docx/ from the Markdown samples.

Each draft becomes a .docx the way a drafter's Word file looks: clause numbers are *automatic*
(``numbering.xml``: ``%1.``, ``%1.%2``, ``(%3)`` lower-letter, ``(%4)`` lower-roman), Heading 1
and Heading 2 get their numbers from the style, sub-clauses from paragraph-level numbering, and
a schedule restarts its numbers through a ``lvlOverride/startOverride``. Numbers the automatic
list would not produce (``1.2.1``, ``(A)``), and the sub-clauses of one section on purpose, stay
typed in the text, because real drafts mix both. Every file also carries the awkward parts of
real Word files: text split across runs, bold, hyperlinks (one paragraph that is only a
hyperlink), a cross-reference field, a tracked insertion and deletion, an existing comment, an
empty paragraph and a table holding a budget.

Beside each ``NAME.docx`` goes ``NAME.numbers.json``: for every numbered paragraph, its body
paragraph index and the number Word shows, worked out here from this script's own counters
(it never calls the reader it is meant to test).

Usage: python scripts/make_docx_fixtures.py [--out tests/fixtures/docx]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DEFAULT_OUT = ROOT / "tests" / "fixtures" / "docx"

LIST_NUM = 90
"""The clause list (abstractNum and num share the id)."""
SCHEDULE_NUM = 91
"""A second instance of the clause list that restarts at 1 (lvlOverride/startOverride)."""
BULLET_NUM = 92
BULLET_ABSTRACT = 91
AUTHOR = "Fixture Reviewer"
FIXED_DATE = datetime(2026, 5, 14, 9, 0, 0, tzinfo=UTC)

OWN_DRAFT = """\
# Community Data-Sharing Agreement: Eastgate Food Network

This agreement is between **Eastgate Food Network**, a registered charity (the "Network"), and
the **University of Northmoor** (the "University").

## 1. Purpose

1.1 The Network and the University will share information about food bank use in Eastgate so
that both can plan support for families through the winter.

1.2 The information shared is described in Schedule 1 and in clause 3.

### 1.3 Shared aims

(a) to understand how many households use the Network each month;

(b) to plan, with residents, where new food points should open; and

(c) to publish what we learn in plain language:

(i) as a short report for residents;

(ii) as a briefing for the Council.

## 2. Payment

2.1 The University will pay the Network £3,000 for the time its volunteers spend preparing the
information, within 30 days of receiving the Network's invoice.

2.2 The Network will send one invoice at the end of each quarter.

## 3. Keeping information safe

3.1 The Network will remove names and addresses before sharing anything.

3.2 The University will keep the information on its secure research drive and delete it when
this agreement ends.

## 4. Ending this agreement

4.1 Either of us may end this agreement by giving the other one month's notice in writing.

## Schedule 1 – Information to be shared

1. Monthly counts of households using each food point.

1.1 Counts are by ward, never by household.

1.2 The Network decides what it shares each month.

2. A short note of any change to opening hours.

| Item | Paid by | Amount |
|---|---|---|
| Volunteer time preparing information | University | £2,400 |
| Translation of the residents' report | University | £600 |
| **Total** | | **£3,000** |

## Signatures

Signed for and on behalf of Eastgate Food Network
Name: Amina Shah, Coordinator
Date:

Signed for and on behalf of the University of Northmoor
Name: Dr Leo Marsh, Head of Civic Engagement
Date:
"""


# ------------------------------------------------------------------ numbering definitions

def _level(ilvl: int, fmt: str, text: str, style: str | None = None) -> str:
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    indent = 360 * (ilvl + 1)
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{style_xml}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr></w:lvl>'
    )


CLAUSE_LEVELS = [
    ("decimal", "%1.", "Heading1"),
    ("decimal", "%1.%2", "Heading2"),
    ("lowerLetter", "(%3)", None),
    ("lowerRoman", "(%4)", None),
    ("decimal", "%5.", None),
    ("decimal", "%6.", None),
    ("decimal", "%7.", None),
    ("decimal", "%8.", None),
    ("decimal", "%9.", None),
]


def install_numbering(document: Any) -> None:
    """Add the clause list, its restarting instance and a bullet list to numbering.xml."""
    numbering = document.part.numbering_part.element
    levels = "".join(_level(i, f, t, s) for i, (f, t, s) in enumerate(CLAUSE_LEVELS))
    clause_abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{LIST_NUM}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )
    bullets = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        f'<w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{360 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i in range(9)
    )
    bullet_abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{BULLET_ABSTRACT}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{bullets}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    for abstract in (clause_abstract, bullet_abstract):
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{LIST_NUM}"><w:abstractNumId w:val="{LIST_NUM}"/></w:num>'
    ))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{SCHEDULE_NUM}"><w:abstractNumId w:val="{LIST_NUM}"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    ))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{BULLET_NUM}">'
        f'<w:abstractNumId w:val="{BULLET_ABSTRACT}"/></w:num>'
    ))
    # Heading 1 names only the list (its level comes from the level's pStyle link);
    # Heading 2 names list and level.
    for style_id, ilvl in (("Heading1", None), ("Heading2", 1)):
        style = document.styles.get_by_id(style_id, 1)
        num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_numId().val = LIST_NUM
        if ilvl is not None:
            num_pr.get_or_add_ilvl().val = ilvl


def set_num(paragraph: Any, num_id: int, ilvl: int | None) -> None:
    """Paragraph-level numbering (numId 0 switches a numbered style's number off)."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    if ilvl is not None:
        num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


# ------------------------------------------------------------------ the script's own counting

@dataclass
class Counters:
    """What Word shows for the clause list, counted the simple way this script builds it."""

    values: list[int] = field(default_factory=lambda: [0] * 9)
    restarted: bool = False

    def peek(self, level: int) -> str:
        """The number the next paragraph at ``level`` would show, without counting it."""
        trial = list(self.values)
        trial[level] += 1
        for deeper in range(level + 1, 9):
            trial[deeper] = 0
        return self._show(trial, level)

    def take(self, level: int) -> str:
        """Count one paragraph at ``level`` and return what Word shows."""
        self.values[level] += 1
        for deeper in range(level + 1, 9):
            self.values[deeper] = 0
        return self._show(self.values, level)

    def restart(self) -> None:
        """A list instance with startOverride 1 on level 0 is about to be used."""
        self.values = [0] * 9

    @staticmethod
    def _show(values: list[int], level: int) -> str:
        def top(n: int) -> int:
            return n if n else 1
        if level == 0:
            return f"{values[0]}."
        if level == 1:
            return f"{top(values[0])}.{values[1]}"
        if level == 2:
            return f"({'abcdefghijklmnopqrstuvwxyz'[values[2] - 1]})"
        romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
        return f"({romans[values[3] - 1]})"


# ------------------------------------------------------------------ inline text

_INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*"
    r"|\[(?P<link>[^\]]+)\]\((?P<url>[^)]+)\)"
    r"|(?P<email>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)"
    r"|(?P<web>https?://[^\s)]+)"
    r"|(?P<clause>\b[Cc]lause (?P<ref>\d+(?:\.\d+)*))"
)


class Builder:
    """Adds paragraphs to a document and remembers each one's body index and number."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.index = 0
        self.records: list[dict[str, Any]] = []
        self.counters = Counters()
        self.change_id = 100
        self.field_done = False

    def _next_change_id(self) -> str:
        self.change_id += 1
        return str(self.change_id)

    def paragraph(self, style: str | None = None) -> Any:
        paragraph = self.document.add_paragraph(style=style)
        self.index += 1
        return paragraph

    def record(self, number: str, auto: bool, text: str) -> None:
        self.records.append(
            {"paragraph": self.index - 1, "number": number, "automatic": auto, "text": text}
        )

    # -- runs -------------------------------------------------------------------------
    def add_text(self, paragraph: Any, text: str) -> None:
        """Runs for ``text``: bold, links, e-mail addresses, one field, split plain text."""
        position = 0
        for match in _INLINE.finditer(text):
            self._plain(paragraph, text[position:match.start()])
            if match.group("bold") is not None:
                run = paragraph.add_run(match.group("bold"))
                run.bold = True
            elif match.group("link") is not None:
                self.hyperlink(paragraph, match.group("link"), match.group("url"))
            elif match.group("email") is not None:
                self.hyperlink(paragraph, match.group("email"), "mailto:" + match.group("email"))
            elif match.group("web") is not None:
                self.hyperlink(paragraph, match.group("web"), match.group("web"))
            elif not self.field_done:
                self.field_done = True
                paragraph.add_run(match.group("clause")[: -len(match.group("ref"))])
                self.field(paragraph, match.group("ref"))
            else:
                self._plain(paragraph, match.group("clause"))
            position = match.end()
        self._plain(paragraph, text[position:])

    def _plain(self, paragraph: Any, text: str) -> None:
        """Plain text in runs of about 40 characters, split at spaces (as Word often does)."""
        while len(text) > 48:
            cut = text.find(" ", 40)
            if cut < 0:
                break
            paragraph.add_run(text[: cut + 1])
            text = text[cut + 1:]
        if text:
            paragraph.add_run(text)

    def hyperlink(self, paragraph: Any, text: str, url: str) -> None:
        r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:rPr>'
            '<w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>'
            f'<w:t xml:space="preserve">{_escape(text)}</w:t></w:r></w:hyperlink>'
        )
        paragraph._p.append(link)

    def field(self, paragraph: Any, result: str) -> None:
        """A cross-reference field whose displayed result is ``result``."""
        for xml in (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r><w:instrText xml:space="preserve"> REF _Ref{result.replace(".", "_")} '
            r'\r \h </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            f'<w:r><w:t>{result}</w:t></w:r>',
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        ):
            paragraph._p.append(parse_xml(xml.replace("<w:r>", f'<w:r {nsdecls("w")}>', 1)))

    def tracked_changes(self, paragraph: Any) -> None:
        """A deleted phrase at the start and the last run marked as inserted."""
        date = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
        runs = paragraph._p.findall(qn("w:r"))
        if not runs:
            return
        deletion = parse_xml(
            f'<w:del {nsdecls("w")} w:id="{self._next_change_id()}" w:author="{AUTHOR}" '
            f'w:date="{date}"><w:r><w:delText xml:space="preserve">in principle </w:delText>'
            "</w:r></w:del>"
        )
        runs[0].addprevious(deletion)
        if len(runs) > 1:
            insertion = parse_xml(
                f'<w:ins {nsdecls("w")} w:id="{self._next_change_id()}" w:author="{AUTHOR}" '
                f'w:date="{date}"/>'
            )
            runs[-1].addprevious(insertion)
            insertion.append(runs[-1])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ------------------------------------------------------------------ Markdown → Word

_HEADING = re.compile(r"^(#{1,4})\s+(.*)$")
_NUMBERED_HEADING = re.compile(r"^(\d+)\.\s+(.*)$")
_NUMBERED_HEADING_2 = re.compile(r"^(\d+\.\d+)\s+(.*)$")
_MARKER = re.compile(r"^(\d+\.|\d+\.\d+(?:\.\d+)*|\([a-zA-Z]+\)|\(\d+\))\s+(.*)$")
_SCHEDULE = re.compile(r"^(schedule|annex|appendix)\b", re.IGNORECASE)


def markdown_blocks(text: str) -> list[list[str]]:
    """Blocks of lines: front matter dropped, blank lines separate, each line its own entry."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        lines = lines[end + 1:]
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _join_prose(block: list[str]) -> list[str]:
    """Markdown wraps prose over several lines; Word has one paragraph per block of prose.

    List items, table rows, numbered lines and ``Name:`` style lines stay lines of their own.
    """
    out: list[str] = []
    for line in block:
        stripped = line.strip()
        starts_own = (
            not out
            or stripped.startswith(("- ", "* ", "|", "#"))
            or _MARKER.match(stripped)
            or re.match(r"^[A-Z][\w ]{0,20}:", stripped)
            or stripped.lower().startswith(("signed", "for and on behalf"))
        )
        if starts_own:
            out.append(stripped)
        else:
            out[-1] = out[-1] + " " + stripped
    return out


def build(markdown: str, *, hand_typed_section: int = 3) -> tuple[Any, list[dict[str, Any]]]:
    """A Word document for ``markdown`` and the sidecar records of its numbered paragraphs."""
    document = docx.Document()
    install_numbering(document)
    builder = Builder(document)
    props = document.core_properties
    props.author = AUTHOR
    props.created = FIXED_DATE.replace(tzinfo=None)
    props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_modified_by = AUTHOR
    props.revision = 1
    section = 0
    in_schedule = False
    schedule_started = False
    title_done = False
    first_clause_paragraph: Any = None
    for block in markdown_blocks(markdown):
        lines = _join_prose(block)
        if lines[0].startswith("|"):
            _table(builder, [line for line in lines if line.startswith("|")])
            continue
        for line in lines:
            heading = _HEADING.match(line)
            if heading:
                hashes, text = len(heading.group(1)), heading.group(2).strip()
                if hashes == 1 and not title_done:
                    paragraph = builder.paragraph("Title")
                    builder.add_text(paragraph, text)
                    title_done = True
                    builder.paragraph()  # an empty paragraph, as drafts have
                    continue
                numbered = _NUMBERED_HEADING.match(text)
                numbered_2 = _NUMBERED_HEADING_2.match(text)
                if hashes == 2 and numbered and not in_schedule:
                    expected = builder.counters.peek(0)
                    if expected == numbered.group(1) + ".":
                        paragraph = builder.paragraph("Heading 1")
                        builder.add_text(paragraph, numbered.group(2))
                        builder.counters.take(0)
                        builder.record(expected, True, numbered.group(2))
                        section = int(numbered.group(1))
                        continue
                if hashes == 3 and numbered_2 and not in_schedule:
                    expected = builder.counters.peek(1)
                    if expected == numbered_2.group(1):
                        paragraph = builder.paragraph("Heading 2")
                        builder.add_text(paragraph, numbered_2.group(2))
                        builder.counters.take(1)
                        builder.record(expected, True, numbered_2.group(2))
                        continue
                # An unnumbered heading in a numbered heading style: numbering switched off.
                paragraph = builder.paragraph("Heading 1" if hashes <= 2 else "Heading 2")
                set_num(paragraph, 0, None)
                builder.add_text(paragraph, text)
                if _SCHEDULE.match(text):
                    in_schedule = True
                    schedule_started = False
                continue
            if line.startswith(("- ", "* ")):
                paragraph = builder.paragraph()
                set_num(paragraph, BULLET_NUM, 0)
                builder.add_text(paragraph, line[2:].strip())
                continue
            marker = _MARKER.match(line)
            if marker:
                mark, text = marker.group(1), marker.group(2)
                level = _level_of(mark, builder.counters)
                automatic = level is not None and not (
                    section == hand_typed_section and not in_schedule
                )
                if automatic and level is not None and in_schedule and level <= 1:
                    if not schedule_started:
                        builder.counters.restart()
                    expected = builder.counters.peek(level)
                    automatic = expected == mark
                elif automatic and level is not None:
                    expected = builder.counters.peek(level)
                    automatic = expected == mark
                paragraph = builder.paragraph()
                if automatic and level is not None:
                    use_schedule = in_schedule
                    if use_schedule:
                        schedule_started = True
                    set_num(paragraph, SCHEDULE_NUM if use_schedule else LIST_NUM, level)
                    builder.add_text(paragraph, text)
                    builder.counters.take(level)
                    builder.record(mark, True, text)
                else:
                    builder.add_text(paragraph, line)
                    builder.record(mark, False, text)
                if first_clause_paragraph is None and len(text.split()) > 4:
                    first_clause_paragraph = paragraph
                continue
            paragraph = builder.paragraph()
            builder.add_text(paragraph, line)
    _finish(builder, first_clause_paragraph)
    return document, builder.records


def _level_of(mark: str, counters: Counters) -> int | None:
    """The list level a typed marker belongs to, or None when no level writes it this way."""
    if re.fullmatch(r"\d+\.", mark):
        return 0
    if re.fullmatch(r"\d+\.\d+", mark):
        return 1
    if re.fullmatch(r"\([ivx]+\)", mark) and counters.peek(2) != mark:
        return 3
    if re.fullmatch(r"\([a-z]\)", mark):
        return 2
    return None


def _table(builder: Builder, rows: list[str]) -> None:
    cells = [
        [cell.strip() for cell in row.strip().strip("|").split("|")]
        for row in rows
        if not re.fullmatch(r"\|?[\s:|-]+\|?", row.strip())
    ]
    width = max(len(row) for row in cells)
    table = builder.document.add_table(rows=len(cells), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(cells):
        for c in range(width):
            paragraph = table.cell(r, c).paragraphs[0]
            builder.index += 1
            if c < len(row) and row[c]:
                builder.add_text(paragraph, row[c])


def _finish(builder: Builder, clause_paragraph: Any) -> None:
    """The parts every fixture must have, added where the draft did not supply them."""
    document = builder.document
    if clause_paragraph is None:
        clause_paragraph = next(p for p in document.paragraphs if p.text.strip())
    builder.tracked_changes(clause_paragraph)
    runs = clause_paragraph.runs
    if runs:
        comment = document.add_comment(
            runs[0], text="Please check this with the partners.", author=AUTHOR, initials="FR"
        )
        comment._comment_elm.date = FIXED_DATE  # python-docx stamps "now"; keep files stable
    # A paragraph whose only content is a hyperlink (no runs of its own).
    paragraph = builder.paragraph()
    builder.hyperlink(
        paragraph, "https://www.example.org/agreements", "https://www.example.org/agreements"
    )
    if not any(True for _ in document.tables):
        heading = builder.paragraph("Heading 1")
        set_num(heading, 0, None)
        builder.add_text(heading, "Budget")
        _table(builder, ["| Item | Amount |", "|---|---|", "| Staff time | £1,000 |",
                         "| **Total** | **£1,000** |"])
    builder.paragraph()  # a final empty paragraph


def save_deterministic(document: Any, path: Path) -> None:
    """Save with fixed zip timestamps so that regenerating gives identical bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 5, 14, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    path.write_bytes(out.getvalue())


def drafts() -> list[tuple[str, str, str]]:
    """(fixture name, source description, Markdown) for every draft to build."""
    out = [(path.stem, f"samples/{path.name}", path.read_text(encoding="utf-8"))
           for path in sorted(SAMPLES.glob("*.md"))]
    out.append(("community-data-sharing-eastgate", "scripts/make_docx_fixtures.py", OWN_DRAFT))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, origin, markdown in drafts():
        document, records = build(markdown)
        target = args.out / f"{name}.docx"
        save_deterministic(document, target)
        sidecar = {
            "source": origin,
            "note": "Numbers Word shows for each numbered paragraph, computed by "
                    "scripts/make_docx_fixtures.py from its own construction.",
            "paragraphs": records,
        }
        (args.out / f"{name}.numbers.json").write_text(
            json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        automatic = sum(1 for r in records if r["automatic"])
        print(f"{target.relative_to(ROOT)}: {automatic} automatic, "
              f"{len(records) - automatic} typed numbers")


if __name__ == "__main__":
    main()
