"""Classify every line of a draft with the Lark grammar.

The grammar (``grammar/agreement.lark``) turns the text into one token per line, each of a
kind (numbered clause, Markdown heading, bullet, table row, signature field, prose…). This
module runs it, turns grammar failures into :class:`ParseError`, and splits each numbered
line into its number and the rest, giving the later stages a flat list of :class:`Line`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..errors import ParseError
from ..fixed import fixed_pattern
from ..resources import grammar_cache_file, grammar_path

_PARSER: Lark | None = None
_PARSER_LOCK = threading.Lock()


def grammar_parser() -> Lark:
    """The compiled agreement grammar, built once per process (and kept between runs)."""
    global _PARSER
    if _PARSER is None:
        with _PARSER_LOCK:
            if _PARSER is None:
                grammar = grammar_path("agreement.lark").read_text(encoding="utf-8")
                _PARSER = Lark(
                    grammar,
                    parser="lalr",
                    lexer="contextual",
                    propagate_positions=False,  # each line's token carries its own line
                    maybe_placeholders=False,
                    cache=grammar_cache_file("agreement", grammar),
                )
    return _PARSER


# Kinds of line, as named by the grammar's terminals.
BLANK = "BLANK"
RULE = "RULE"
MD_HEADING = "MD_HEADING"
TABLE_ROW = "TABLE_ROW"
NUMBERED = "NUMBERED"
BULLET = "BULLET"
SIGNED = "SIGNED"
SIGNATURE_FIELD = "SIGNATURE_FIELD"
CAPS = "CAPS"
TEXT = "TEXT"

_NUMBER_RE = fixed_pattern(
    r"""(?P<indent>[ ]*)(?P<bold>\*\*|__)?
    (?:
        (?P<keyword>[Cc]lause|CLAUSE|[Ss]ection|SECTION|[Aa]rticle|ARTICLE|[Pp]art|PART
            |[Cc]hapter|CHAPTER)[ ]+
            (?P<kwnum>\d{1,5}(?:\.\d{1,5})*|[IVXLCDM]{1,7}|[A-Z])(?P<kwsep>\.|:|[ ]*-)?
      | (?P<decimal>\d{1,5}(?:\.\d{1,5})+)\.?
      | (?P<single>\d{1,5})[.)]
      | \((?P<paren>[a-zA-Z]{1,5}|\d{1,3})\)
      | (?P<halfparen>[a-z]|[ivx]{2,5})\)
      | (?P<letterdot>[a-zA-Z]|[ivxlcdm]{2,7}|[IVXLCDM]{2,7})\.
    )
    (?P<closebold>\*\*|__)?
    (?:[ ]+(?P<rest>.*)|(?<=\d\.)(?=[A-Z]{2})(?P<glued>.*))?$""",
    re.VERBOSE,
)

_HEADING_RE = fixed_pattern(r"(?P<indent>[ ]{0,3})(?P<hashes>#{1,6})(?:[ ]+(?P<rest>.*?))?[ #]*$")


@dataclass(slots=True)
class Line:
    """One classified line of the draft (1-based ``number``; ``text`` has no newline)."""

    number: int
    kind: str
    text: str
    indent: int = 0
    marker: str | None = None
    """For numbered lines: the number as written, e.g. ``4.2``, ``(a)``, ``IV``."""
    marker_style: str | None = None
    """``decimal``, ``paren``, ``letterdot``, ``halfparen`` or the keyword (``clause``…)."""
    rest: str = ""
    """What follows the number or the ``#`` marks."""
    heading_level: int = 0
    """1–6 for Markdown headings, 0 otherwise."""
    bold: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def _error_for(exc: UnexpectedInput, text: str, path: str | None) -> ParseError:
    """Turn a grammar failure (only possible inside front matter) into a user-facing error."""
    if isinstance(exc, UnexpectedEOF) or (
        isinstance(exc, UnexpectedToken) and exc.token.type == "$END"
    ):
        first = text.split("\n", 1)[0]
        return ParseError(
            "the front matter that starts on line 1 with '---' is never closed; add a line "
            "with just '---' after the last 'key: value' line",
            path=path, line=1, column=1, source_line=first,
        )
    line = getattr(exc, "line", None) or 1
    column = getattr(exc, "column", None) or 1
    if isinstance(exc, UnexpectedToken) and isinstance(exc.token, Token):
        line = exc.token.line or line
        column = 1
    lines = text.split("\n")
    offending = lines[line - 1] if 0 < line <= len(lines) else ""
    return ParseError(
        "this line in the front matter is not 'key: value' or '- item'; front matter must "
        "end with a '---' line before the agreement text starts",
        path=path, line=line, column=column, source_line=offending,
    )


def classify(text: str, *, path: str | None = None) -> tuple[list[Line], list[Line]]:
    """Return ``(front_matter_lines, body_lines)`` for normalised ``text``.

    Front-matter lines include the two fences. Raises :class:`ParseError` for a broken
    front matter block; any other text is accepted.
    """
    if not text:
        return [], []
    source = text if text.endswith("\n") else text + "\n"
    try:
        tree = grammar_parser().parse(source)
    except (UnexpectedCharacters, UnexpectedToken, UnexpectedEOF) as exc:
        raise _error_for(exc, source, path) from None
    front: list[Line] = []
    body: list[Line] = []
    for child in tree.children:
        if isinstance(child, Tree):  # front_matter
            for token in child.children:
                assert isinstance(token, Token)
                front.append(Line(token.line or 0, str(token.type), token.value[:-1]))
        else:
            line = _make_line(child)
            if line.kind == SIGNED and body and _continues_sentence(body[-1], line):
                line.kind = TEXT
            body.append(line)
    return front, body


def _continues_sentence(previous: Line, line: Line) -> bool:
    """``… from the date the full agreement is`` then ``signed, expected to be …``: a line
    that starts with "signed" in lower case after a line that stops mid-sentence goes on
    with that sentence; it does not open an execution block."""
    start = line.text.lstrip(" *_")
    if not start.startswith(("signed", "executed")) or previous.kind not in (
            TEXT, NUMBERED, BULLET):
        return False  # ``Signed by …`` then ``for and on behalf of …`` is one block
    return not previous.text.rstrip(" *_").endswith((".", ":", ";", "!", "?"))


def _make_line(token: Token) -> Line:
    text = token.value[:-1]
    kind = str(token.type)
    line = Line(token.line or 0, kind, text, indent=len(text) - len(text.lstrip(" ")))
    if kind == NUMBERED:
        _split_number(line)
    elif kind == MD_HEADING:
        match = _HEADING_RE.match(text)
        if match:
            line.heading_level = len(match.group("hashes"))
            line.rest = (match.group("rest") or "").strip()
    return line


def _split_number(line: Line) -> None:
    match = _NUMBER_RE.match(line.text)
    if match is None:  # the grammar and this pattern agree; stay safe if they ever do not
        line.kind = TEXT
        return
    line.bold = bool(match.group("bold"))
    rest = match.group("rest") or match.group("glued") or ""
    if match.group("keyword"):
        line.marker = match.group("kwnum")
        line.marker_style = match.group("keyword").lower()
        line.extra["separator"] = (match.group("kwsep") or "").strip()
    elif match.group("decimal"):
        line.marker = match.group("decimal")
        line.marker_style = "decimal"
    elif match.group("single"):
        line.marker = match.group("single")
        line.marker_style = "decimal"
    elif match.group("paren"):
        line.marker = "(" + match.group("paren") + ")"
        line.marker_style = "paren"
    elif match.group("halfparen"):
        line.marker = match.group("halfparen") + ")"
        line.marker_style = "halfparen"
    else:
        line.marker = match.group("letterdot")
        line.marker_style = "letterdot"
    if line.bold and match.group("closebold") is None and rest.endswith(("**", "__")):
        rest = rest[:-2]
    line.rest = rest.strip()


def promote_to_heading(line: Line, level: int) -> None:
    """Re-read a heading-like line (capitals, bold) as a Markdown heading of ``level``."""
    line.kind = MD_HEADING
    line.heading_level = level
