"""Find the name of the document in a Word draft's page header, for a draft with no title.

Headers and footers repeat on every page, so they are never read as clause text. But some
drafts name the document only there ("Data Sharing Agreement" at the top of every page) and
start the body with the parties. The reader then uses that name the way it uses a front-matter
``title``: to work out what kind of agreement the draft is.

Only the header of the first page of the first section is looked at (the first-page header when
the section has a different first page, else the default one), and only a short line that names
a kind of document ("… Agreement", "Memorandum of Understanding", "Terms of Reference") counts:
page numbers, "Confidential", "Draft v3" and dates do not.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn

from .body import W_P, FieldState, paragraph_text
from .styles import on_off

W_PPR = qn("w:pPr")
W_SECTPR = qn("w:sectPr")
W_HEADERREFERENCE = qn("w:headerReference")
W_TYPE = qn("w:type")
R_ID = qn("r:id")

TITLE_MAX_WORDS = 12
"""A header line longer than this is a sentence, not a document's name."""

_DOCUMENT_NAME = re.compile(
    r"\b(agreement|memorandum|mou|contract|charter|compact|concordat|protocol|accord|"
    r"terms\s+of\s+(reference|business)|letter\s+of\s+(intent|understanding|agreement))\b",
    re.IGNORECASE,
)
_HAS_LETTERS = re.compile(r"[^\W\d_]{3}")


def header_title(document: Any) -> str | None:
    """The document's name as its first page header gives it, or None."""
    section = _first_section(document.element.body)
    if section is None:
        return None
    wanted = ("first", "default") if on_off(section, "w:titlePg") else ("default",)
    references = {ref.get(W_TYPE) or "default": ref.get(R_ID)
                  for ref in section.iterchildren(W_HEADERREFERENCE)}
    for kind in wanted:
        root = _header_root(document.part, references.get(kind))
        if root is None:
            continue
        for paragraph in root.iter(W_P):
            line = " ".join(paragraph_text(paragraph, FieldState.new()).text.split())
            if looks_like_title(line):
                return line
    return None


def looks_like_title(line: str) -> bool:
    """True for a short line that names a kind of document."""
    words = line.split()
    return (
        0 < len(words) <= TITLE_MAX_WORDS
        and _HAS_LETTERS.search(line) is not None
        and _DOCUMENT_NAME.search(line) is not None
    )


def _first_section(body: Any) -> Any:
    """The ``w:sectPr`` closing the first section (in a paragraph's properties, or the body's).

    Section breaks sit only in the properties of the body's own paragraphs, so only those are
    looked at, not the whole tree.
    """
    for paragraph in body.iterchildren(W_P):
        properties = paragraph.find(W_PPR)
        if properties is not None:
            found = properties.find(W_SECTPR)
            if found is not None:
                return found
    return body.find(W_SECTPR)


def _header_root(document_part: Any, r_id: str | None) -> Any:
    if not r_id:
        return None
    rel = document_part.rels.get(r_id)
    if rel is None or rel.is_external:
        return None
    return getattr(rel.target_part, "element", None)
