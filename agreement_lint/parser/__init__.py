"""The text parser: Markdown or plain-text draft in, :class:`Agreement` out.

``parse_text`` normalises the text, lifts out HTML comments (kept for waivers), classifies
every line with the Lark grammar, reads the front matter and assembles the agreement.
Only a genuinely broken structure raises :class:`~agreement_lint.errors.ParseError`.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence

from ..errors import ParseError
from ..fixed import STORE
from ..model import Agreement, Comment, Location, Source, make_excerpt
from ..normalise import normalise
from .construct import construct
from .document import DocumentBuilder
from .frontmatter import read_front_matter
from .lines import classify

STORE.save()  # every module of the parser has compiled its patterns by now

__all__ = ["ParseError", "extract_comments", "parse_text"]


def extract_comments(text: str) -> tuple[str, list[Comment]]:
    """Return ``text`` with every ``<!-- … -->`` replaced by spaces, and the comments.

    Newlines inside a comment are kept, so line numbers do not move. An unterminated
    ``<!--`` is left as text (the draft is still readable).
    """
    if "<!--" not in text:
        return text, []
    pieces: list[str] = []
    comments: list[Comment] = []
    pos = 0
    line = 1
    line_start = 0
    while True:
        begin = text.find("<!--", pos)
        if begin < 0:
            break
        end = text.find("-->", begin + 4)
        if end < 0:
            break
        end += 3
        line += text.count("\n", pos, begin)
        last_nl = text.rfind("\n", 0, begin)
        line_start = last_nl + 1
        start_line, start_column = line, begin - line_start + 1
        inner = text[begin:end]
        newlines = inner.count("\n")
        end_line = line + newlines
        end_column = (end - (text.rfind("\n", 0, end) + 1))
        body = inner[4:-3].strip()
        comments.append(construct(Comment, text=body, location=construct(
            Location,
            line=start_line, column=start_column, end_line=end_line, end_column=max(1, end_column),
            excerpt=make_excerpt(body),
        )))
        pieces.append(text[pos:begin])
        pieces.append("".join("\n" if ch == "\n" else " " for ch in inner))
        line = end_line
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), comments


def parse_text(
    text: str,
    *,
    source: Source | None = None,
    paragraph_map: Sequence[int | None] | None = None,
) -> Agreement:
    """Parse a draft agreement written in Markdown or plain text."""
    # A large draft allocates many small objects that live until the end of the parse;
    # the cyclic garbage collector would re-scan them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, source=source, paragraph_map=paragraph_map)
    finally:
        if collecting:
            gc.enable()


def _parse(
    text: str,
    *,
    source: Source | None,
    paragraph_map: Sequence[int | None] | None,
) -> Agreement:
    source = source or construct(Source)
    path = source.path
    normalised = normalise(text)
    stripped, comments = extract_comments(normalised)
    front, body = classify(stripped, path=path)
    metadata = read_front_matter(front, path=path)
    text_lines = stripped.split("\n")
    builder = DocumentBuilder(body, text_lines, list(paragraph_map) if paragraph_map else None)
    builder.read()
    return builder.finish(
        metadata=metadata,
        comments=comments,
        source=source,
        front=front,
    )
