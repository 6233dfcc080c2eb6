"""The engine's fast paths answer exactly what the plain computation answers.

Each shortcut taken for speed is compared here with the straightforward way of working out the
same thing, on generated text and on the bundled samples.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.engine.folding import holds_any, lowered

# Words the checks look for, a few capitals, and the four letters that lower-case oddly.
_ALPHABET = st.sampled_from([*"abcdefghijklmnopqrstuvwxyz ABKS.,\n", "\u0130", "\u0131",
                              "\u017f", "\u212a"])
_TEXT = st.lists(st.one_of(_ALPHABET, st.sampled_from(["shall", "will", "owns", "vest", "by"])),
                 max_size=30).map("".join)
_WORDS = st.lists(st.sampled_from(["shall", "will", "own", "vest", "s", "k", "by", "ab"]),
                  max_size=5).map(tuple)


@given(_TEXT, _WORDS)
def test_holds_any_is_any_word_in_the_folded_text(text: str, words: tuple[str, ...]) -> None:
    folded = lowered(text)
    expected = folded is None or any(word in folded for word in words)
    assert holds_any(folded, words) is expected
