"""Split clause text into sentences, for evidence and for concept exclusions.

Agreements are full of abbreviations (``e.g.``, ``cl.``, ``No.``) and numbered references
(``clause 4.2``) that a naive split on full stops would cut; bullets and blank lines end a
sentence too. One regular-expression pass, linear in the text.
"""

from __future__ import annotations

from ..fixed import fixed_pattern

_ABBREVIATIONS = frozenset(
    {
        "e.g", "i.e", "etc", "eg", "ie", "no", "nos", "cl", "cll", "para", "paras", "sch",
        "art", "sec", "mr", "mrs", "ms", "dr", "prof", "st", "ltd", "inc", "co", "plc",
        "vs", "v", "approx", "incl", "viz", "cf", "al", "fig", "ref", "p", "pp",
    }
)

_BOUNDARY = fixed_pattern(
    # Every boundary begins with one of these characters; a pattern that starts with a single
    # character class lets Python's re skip through the text to the next one in C instead of
    # trying each alternative at every position. The look-behinds pick the alternative.
    r"[.!?;\n]"
    r"(?:(?<=[.!?;])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9£$€])"  # a full stop before a capital
    r"|(?<=\n)[ \t]*\n\s*"  # a blank line
    r"|(?<=\n)(?=[ \t]*(?:[-*•+]|\(?[a-z0-9]{1,4}[.)])\s))"  # a bullet or list item on a new line
)

_WORD_BEFORE = fixed_pattern(r"([A-Za-z.]+)$")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, in order; empty pieces are dropped."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        at = match.start()
        stop = text[at]
        if stop == "." and _is_abbreviation(text, at):
            continue
        piece = text[start : at if stop == "\n" else at + 1].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_abbreviation(text: str, index: int) -> bool:
    """The full stop at ``index`` closes an abbreviation such as ``e.g.`` or ``cl.``."""
    before = _WORD_BEFORE.search(text, max(0, index - 12), index)
    return before is not None and before.group(1).lower().strip(".") in _ABBREVIATIONS


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that contains the span ``start:end`` (for exclusions)."""
    left = start
    while left > 0:
        char = text[left - 1]
        if char in ".!?;\n" and (char != "." or _is_sentence_stop(text, left - 1)):
            break
        left -= 1
    right = end
    length = len(text)
    while right < length:
        char = text[right]
        if char in ".!?;\n" and (char != "." or _is_sentence_stop(text, right)):
            break
        right += 1
    return text[left:right]


def _is_sentence_stop(text: str, index: int) -> bool:
    """A full stop at ``index`` ends a sentence (not a decimal, number or abbreviation)."""
    following = text[index + 1 : index + 2]
    if following and not following.isspace():
        return False
    return not _is_abbreviation(text, index)
