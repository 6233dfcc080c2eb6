"""Finding a pattern's matches without trying it at every character of a long text.

A pattern that opens with an anchor (``^``, ``\\n``) or a lookbehind gives the regular
expression engine nothing to skip ahead by, so ``finditer`` tries it at every character. When
the places a match can begin are few and quick to list — new lines, the stretch before a
word it needs — trying the pattern only there finds exactly the same matches far sooner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator


def matches_from(pattern: re.Pattern[str], text: str, starts: Iterable[int]
                 ) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` finds, trying the pattern only at ``starts``.

    ``starts`` must be in ascending order and hold every offset where a match can begin, and
    the pattern must not match empty text. A lookbehind still sees the text before each start.
    """
    free = 0
    for at in starts:
        if at >= free:
            match = pattern.match(text, at)
            if match is not None:
                free = match.end()
                yield match


def line_starts(text: str) -> list[int]:
    """The text's start and every new line: where a pattern opening ``(?:^|\\n)`` begins."""
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at)
        at = text.find("\n", at + 1)
    return starts


def starts_before(text: str, words: Iterable[str], part: Callable[[str], bool]) -> list[int]:
    """Offsets from which a match can reach one of ``words`` (found as written) through
    characters that ``part`` accepts: every place in the stretch of such characters before
    each occurrence, and the occurrence itself. In ascending order.
    """
    starts: set[int] = set()
    for word in words:
        at = text.find(word)
        while at != -1:
            begin = at
            while begin and part(text[begin - 1]):
                begin -= 1
            starts.update(range(begin, at + 1))
            at = text.find(word, at + 1)
    return sorted(starts)


def is_word(char: str) -> bool:
    """Whether a regular expression counts the character as part of a word (``\\w``)."""
    return char.isalnum() or char == "_"
