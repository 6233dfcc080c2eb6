"""Read the drafter's Word comments that speak to agreement-lint (waivers).

A Word user waives a finding the way they would answer a reviewer: with an ordinary comment
(Review → New Comment) on the clause, whose text starts ``agreement-lint:``. This module reads
``word/comments.xml`` directly through the package's relationships (python-docx's own
``Document.comments`` would add an empty comments part to a draft that has none), keeps only
the comments that start that way, and finds the first body paragraph each is attached to.

Comments written by ``agreement-lint annotate`` (author :data:`AUTHOR`) are never read back as
directives, so checking a reviewed copy again does not report its summary comment as a broken
waiver. The text is normalised as a text draft is, so the curly quotes Word's AutoCorrect
types (“…”) read as straight ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ..errors import InputError
from ..normalise import normalise
from .body import W_ID, W_P, FieldState, iter_body_paragraphs, paragraph_text
from .parts import part_root

AUTHOR = "agreement-lint"
"""The author of the comments agreement-lint writes in a reviewed copy."""

_DIRECTIVE_START = re.compile(r"^\s*agreement-lint\s*:", re.IGNORECASE)

W_COMMENT = qn("w:comment")
W_AUTHOR = qn("w:author")
_ANCHORS = (qn("w:commentRangeStart"), qn("w:commentReference"))


@dataclass(frozen=True)
class DirectiveComment:
    """A Word comment addressed to agreement-lint, and where it is attached."""

    comment_id: str
    text: str
    """The comment's text, normalised, paragraphs joined by newlines."""
    paragraph: int | None
    """The first body paragraph the comment is attached to; None when it is attached
    elsewhere (a header, a footnote) or nowhere."""


def directive_comments(document: Any) -> list[DirectiveComment]:
    """Every ``agreement-lint:`` comment of an open python-docx document, in document order."""
    root = _comments_root(document.part)
    if root is None:
        return []
    texts: dict[str, str] = {}
    for comment in root.iterchildren(W_COMMENT):
        comment_id = comment.get(W_ID)
        if comment_id is None or comment_id in texts or comment.get(W_AUTHOR) == AUTHOR:
            continue
        text = _comment_text(comment)
        if _DIRECTIVE_START.match(text):
            texts[comment_id] = text
    if not texts:
        return []
    anchored = _anchor_paragraphs(document, set(texts))
    found = [DirectiveComment(cid, text, anchored.get(cid)) for cid, text in texts.items()]
    found.sort(key=lambda c: float("inf") if c.paragraph is None else c.paragraph)
    return found


def _comments_root(document_part: Any) -> Any:
    """The comments part's XML; a damaged comments part holds no waiver that can be read, so it
    is passed over rather than refused (the draft itself may be fine)."""
    try:
        return part_root(document_part, RT.COMMENTS, shown="", what="comments")
    except InputError:
        return None


def _comment_text(comment: Any) -> str:
    lines = [paragraph_text(p, FieldState.new()).text for p in comment.iter(W_P)]
    return normalise("\n".join(lines)).strip()


def _anchor_paragraphs(document: Any, wanted: set[str]) -> dict[str, int]:
    """Comment id → index of the first body paragraph its range starts in (or its mark is in).

    A range may start between paragraphs (before a table, say): it then starts in the next
    body paragraph.
    """
    body = document.element.body
    items = list(iter_body_paragraphs(body))  # kept alive, so each element keeps its id
    index = {id(item.element): item.index for item in items}
    anchored: dict[str, int] = {}
    waiting: list[str] = []
    for element in body.iter(W_P, *_ANCHORS):
        if element.tag == W_P:
            if waiting and id(element) in index:
                for comment_id in waiting:
                    anchored.setdefault(comment_id, index[id(element)])
                waiting.clear()
            continue
        comment_id = element.get(W_ID)
        if comment_id not in wanted or comment_id in anchored:
            continue
        paragraph = _body_paragraph(element, index)
        if paragraph is None:
            waiting.append(comment_id)
        else:
            anchored[comment_id] = paragraph
    return anchored


def _body_paragraph(element: Any, index: dict[int, int]) -> int | None:
    """The index of the outermost body paragraph holding ``element``, if any."""
    found = None
    parent = element.getparent()
    while parent is not None:
        if id(parent) in index:
            found = index[id(parent)]
        parent = parent.getparent()
    return found
