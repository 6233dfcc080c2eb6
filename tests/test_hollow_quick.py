"""The hollow-clause judge's quick test never changes its answer: a sentence it passes over
holds no deferral that the full expressions would find."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.engine import hollow
from agreement_lint.engine.hollow import DEFERRAL, PLACEHOLDER, HollowJudge
from agreement_lint.model import Agreement, Clause


def _judge() -> HollowJudge:
    return HollowJudge(Agreement(title="Draft", clauses=[Clause(heading="Payment", text="x")]))


def _full(judge: HollowJudge, sentence: str) -> bool:
    """The judge's answer without the quick test (the expressions alone)."""
    stripped = PLACEHOLDER.sub(" ", sentence)
    matches = list(DEFERRAL.finditer(stripped))
    if not matches or any(judge._target_present(m) for m in matches):
        return False
    words = hollow._WORD.findall(DEFERRAL.sub(" ", stripped))
    return len(words) <= hollow.MAX_LEFTOVER_WORDS


SENTENCES = [
    "Payment is as set out in Schedule 2.",
    "See Appendix B",
    "Fees are described in the attached Order Form.",
    "As set out [TBC] in Schedule 4",
    "Details are set out in ſchedule 3",  # long s: the expressions ignore case this way too
    "See appendıx C",  # dotless i
    "See EXHİBIT 2",  # dotted capital I
    "Refer to clause 12.",
    "The Parties will meet monthly.",
    "In accordance with the project plan",
    "",
]


def test_known_sentences() -> None:
    judge = _judge()
    for sentence in SENTENCES:
        assert judge._empty_deferral(sentence) == _full(judge, sentence), sentence


WORDS = ["see", "refer", "to", "set", "out", "in", "as", "the", "schedule", "Schedule 2",
         "ſchedule", "appendıx", "EXHİBIT", "annex A", "clause 9", "section", "[TBC]", "{x}",
         "___", "order", "form", "cover", "note", "key", "terms", "project", "plan", "fees",
         "are", "described", "accordance", "with", "sched", "ule", "….."]


@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_random_sentences(words: list[str]) -> None:
    judge = _judge()
    sentence = " ".join(words)
    assert judge._empty_deferral(sentence) == _full(judge, sentence)
