"""The sentence splitter: the fast boundary pattern splits exactly as the original one did.

The original splitter is kept here as the reference. It tried three alternatives at every
position of the text; the current one starts from a single character class, which is much
faster but easy to get subtly wrong, so both random text rich in boundary characters and every
text unit of the drafts the findings snapshot covers must split identically.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from script_loader import load_script

from agreement_lint.engine.context import AgreementIndex
from agreement_lint.engine.sentences import _ABBREVIATIONS, sentence_around, split_sentences

_REFERENCE_BOUNDARY = re.compile(
    r"(?P<stop>[.!?;])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9£$€])"
    r"|\n[ \t]*\n\s*"
    r"|\n(?=[ \t]*(?:[-*•+]|\(?[a-z0-9]{1,4}[.)])\s)"
)
_REFERENCE_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


def reference_split(text: str) -> list[str]:
    """The splitter as first written: the behaviour every faster version must keep."""
    sentences: list[str] = []
    start = 0
    for match in _REFERENCE_BOUNDARY.finditer(text):
        if match.group("stop") == ".":
            before = _REFERENCE_WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
            if before and before.group(1).lower().strip(".") in _ABBREVIATIONS:
                continue
        end = match.start() + (1 if match.group("stop") else 0)
        piece = text[start:end].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


_PIECES = st.sampled_from(
    [
        ".", "!", "?", ";", "\n", "\n\n", " \n \t\n ", " ", "\t", "\r", "\u00a0", '"', "'", ")",
        "]", "(", "[", "-", "*", "•", "+", "£", "$", "€", "A", "Z", "a", "z", "0", "9", "1.",
        "(a)", "iv)", "abcde.", "e.g.", "i.e.", "cl.", "No.", "Dr.", "etc.", "Ltd.", "clause 4.2",
        "The ", "parties", " agree", "x",
    ]
)
_TEXTS = st.one_of(
    st.lists(_PIECES, max_size=40).map("".join),
    st.text(alphabet=st.sampled_from(list(".!?;\n \t\"')]([-*•+£$€Aa0e.gil")), max_size=60),
    st.text(max_size=60),
)


@given(_TEXTS)
def test_split_matches_the_reference_on_random_text(text: str) -> None:
    assert split_sentences(text) == reference_split(text)


def test_examples_split_as_documented() -> None:
    text = "See e.g. clause 4.2 of the Agreement. The Parties agree.\n\n- First item\n(a) Second"
    assert split_sentences(text) == [
        "See e.g. clause 4.2 of the Agreement.",
        "The Parties agree.",
        "- First item",
        "(a) Second",
    ]
    assert split_sentences("no boundary at all") == ["no boundary at all"]
    assert split_sentences("  \n\n ") == []


def test_sentence_around_stops_at_sentence_ends_only() -> None:
    text = "Pay per cl. 4. Then stop; now."
    assert sentence_around(text, text.index("per"), text.index("per") + 3) == "Pay per cl. 4"


@pytest.mark.corpus
def test_split_matches_the_reference_on_every_snapshot_unit() -> None:
    snapshot = load_script("snapshot_findings.py", "snapshot_findings_for_sentences")
    checked = 0
    for name, agreement in snapshot.inputs():
        index = AgreementIndex(agreement, {}, "general")
        texts = {unit.text for scope in ("clause", "section", "document")
                 for unit in index.units(scope)}
        texts.update(clause.text for clause in index.clauses())
        for text in texts:
            assert split_sentences(text) == reference_split(text), name
            checked += 1
    assert checked > 0
