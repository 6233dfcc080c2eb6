"""Sentences and clauses too long to read in one go.

A sixty-word sentence asks a reader to hold too much at once, and a clause of several hundred
words hides its obligations; plain-language guidance for agreements with community partners
asks for shorter ones. One finding per clause, pointing at its longest sentence.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...fixed import fixed_pattern
from ...model import make_excerpt
from ..context import CheckContext
from . import Hit, register

_WORD = fixed_pattern(r"[^\W_]+(?:['’.-][^\W_]+)*")


def word_count(text: str) -> int:
    """Words as a reader counts them (``non-exclusive`` and ``4.2`` are one word each)."""
    return len(_WORD.findall(text))


def _most_words(text: str) -> int:
    """The most words ``text`` can hold: each word has a character and something between it
    and the next. Counting words costs a pass of a pattern; this costs nothing."""
    return (len(text) + 1) // 2


@register("hard-to-read")
def hard_to_read(ctx: CheckContext) -> Iterator[Hit]:
    """Fire once per clause with a sentence over ``max_sentence_words`` (default 60) words or a
    body over ``max_clause_words`` (default 300).

    vars: ``words`` (of the longest sentence, or of the clause), ``limit``, ``what``
    (``sentence`` or ``clause``).
    """
    max_sentence = int(ctx.params.get("max_sentence_words", 60))
    max_clause = int(ctx.params.get("max_clause_words", 300))
    for unit in ctx.units("clause"):
        if unit.hollow or not unit.text.strip() or unit.clause is None:
            continue
        longest, longest_words = "", 0
        for sentence in ctx.sentences(unit):
            if _most_words(sentence) <= max(longest_words, max_sentence):
                continue  # too short to be the longest sentence over the limit
            words = word_count(sentence)
            if words > longest_words:
                longest, longest_words = sentence, words
        if longest_words > max_sentence:
            yield Hit(ctx.location_of(unit.clause), evidence=make_excerpt(longest, 160),
                      vars={"words": str(longest_words), "limit": str(max_sentence),
                            "what": "sentence"})
            continue
        if _most_words(unit.text) <= max_clause:
            continue  # too short to be over the limit, whatever its words
        total = word_count(unit.text)
        if total > max_clause:
            yield Hit(ctx.location_of(unit.clause), evidence=make_excerpt(unit.text, 160),
                      vars={"words": str(total), "limit": str(max_clause), "what": "clause"})
