"""The defined-term matcher that compares words finds exactly what ``term_pattern`` matches."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.engine.checks.terms import (
    _Corpus,
    _end_of_use,
    _spellings,
    term_pattern,
)
from agreement_lint.engine.folding import lowered

TERMS = ("Party", "Third Party(ies)", "Loss or Losses", "Product/Products", "Co -op Fund",
         "Steering Group", "Services", "Data-Set", "Box", "Agency's Fee", "Ally 2", "-x")
"""Terms with every kind of spelling: plurals in -ies and -es, variants, brackets, a word
starting with a hyphen, digits and an apostrophe."""

_PIECES = st.sampled_from([
    "party", "Party", "PARTIES", "parties", "third", "Third", "loss", "Losses", "products",
    "co", "-op", "fund", "steering", "Group", "services", "data", "set", "box", "boxes",
    "agency's", "fee", "ally", "2", "x", "-x", "s", "es", "'s", "s'", "'", "-", "--", " ",
    "  ", "\n", "\u00a0", "_", "a", "é", "ß", ".", ",", "(", ")",
])


@given(st.sampled_from(TERMS), st.lists(_PIECES, max_size=14))
def test_word_matching_ends_where_the_pattern_does(term: str, pieces: list[str]) -> None:
    text = "".join(pieces)
    folded = lowered(text)
    assert folded is not None
    pattern = term_pattern(term)
    for start in range(len(text) + 1):
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue  # not the start of a word: the caller never asks
        match = pattern.match(text, start)
        expected = None if match is None else match.end()
        assert _end_of_use(text, folded, _spellings(term), start) == expected


@given(st.sampled_from(TERMS), st.lists(_PIECES, max_size=14))
def test_every_use_is_found_at_the_start_of_a_word(term: str, pieces: list[str]) -> None:
    text = "".join(pieces)
    found = list(_Corpus(text).occurrences(term))
    pattern = term_pattern(term)
    assert found == [m.span() for m in pattern.finditer(text)]


def test_texts_a_case_blind_pattern_reads_differently_use_the_pattern() -> None:
    text = "The Serviceſ and the Services."  # "ſ" matches "s" case-blind
    found = [text[start:end] for start, end in _Corpus(text).occurrences("Services")]
    assert found == ["Serviceſ", "Services"]
