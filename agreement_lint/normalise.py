"""Make a draft's text uniform before the grammar sees it.

Drafts arrive from Word, Google Docs, e-mail and text editors with every kind of line ending,
space and quotation mark. The grammar is written for plain ASCII punctuation, so this module
maps the Unicode variants onto it. It never adds or removes a line: line ``n`` of the result
is line ``n`` of the input, so every location the parser reports points at the user's file.
Lines are separated by ``\\n`` only; the other Unicode line and paragraph separators become
spaces (they would otherwise make line numbers disagree between tools).
"""

from __future__ import annotations

import re

TAB_WIDTH = 4
"""Tabs expand to the next multiple of four columns (the indentation of one list level)."""

_TRANSLATION: dict[int, str] = {}


def _map(chars: str, replacement: str) -> None:
    for char in chars:
        _TRANSLATION[ord(char)] = replacement


# Spaces: NBSP, the typographic spaces, ideographic space, and the separators that are not
# ``\n`` (vertical tab, form feed, NEL, LINE/PARAGRAPH SEPARATOR, information separators).
_map("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
     "\u202f\u205f\u3000\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029", " ")
# Zero-width characters and the byte-order mark carry no meaning in a draft.
_map("\u200b\u200c\u200d\u2060\ufeff\u00ad", "")
# Quotation marks and apostrophes.
_map("\u2018\u2019\u201a\u201b\u2032\u00b4", "'")
_map("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"')
# Dashes and minus signs.
_map("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
# Bullets other than the ASCII ones.
_map("\u2022\u25cf\u25aa\u25e6\u2043\u2219", "*")
# Ellipsis keeps its meaning as three dots would change columns; a single dot is enough.
_map("\u2026", ".")

_NEEDS_TRANSLATION = re.compile("[" + "".join(re.escape(chr(c)) for c in _TRANSLATION) + "]")


def _replacement(match: re.Match[str]) -> str:
    return _TRANSLATION[ord(match.group())]


def _expand_tabs(line: str) -> str:
    return line.expandtabs(TAB_WIDTH) if "\t" in line else line


def normalise(text: str) -> str:
    """Return ``text`` with uniform line endings, spaces, quotes and dashes.

    The number of ``\\n``-separated lines is that of the input with CRLF and lone CR counted
    as one line break each.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _NEEDS_TRANSLATION.search(text):
        # substituting only the characters that need it is far quicker than translate()
        text = _NEEDS_TRANSLATION.sub(_replacement, text)
    if "\t" in text:
        text = "\n".join(_expand_tabs(line) for line in text.split("\n"))
    return text
