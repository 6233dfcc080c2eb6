"""Sentences and clauses too long to read."""

from __future__ import annotations

from agreement_lint.engine.checks import REGISTRY, Hit
from agreement_lint.engine.checks.readability import word_count
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement, Clause


def run(*texts: str, **params: object) -> list[Hit]:
    clauses = tuple(Clause(number=str(i + 1), text=t) for i, t in enumerate(texts))
    ctx = CheckContext.for_agreement(Agreement(clauses=clauses), {}, params=params)
    return list(REGISTRY["hard-to-read"](ctx))


def long_sentence(words: int) -> str:
    return "The partners " + " ".join(["agree"] * (words - 2)) + "."


def test_a_long_sentence_is_reported_once_per_clause() -> None:
    text = long_sentence(65) + " " + long_sentence(70)
    hits = run(text, "A short clause.")
    assert len(hits) == 1
    assert hits[0].vars == {"words": "70", "limit": "60", "what": "sentence"}
    assert hits[0].location.clause == "1"


def test_a_long_clause_of_short_sentences_is_reported() -> None:
    text = " ".join(["The partners meet every month to review progress."] * 40)
    hits = run(text)
    assert [h.vars["what"] for h in hits] == ["clause"]
    assert run(text, max_clause_words=400) == []


def test_limits_come_from_params_and_short_text_passes() -> None:
    assert run(long_sentence(50)) == []
    assert len(run(long_sentence(50), max_sentence_words=40)) == 1


def test_word_count_treats_numbers_and_hyphenated_words_as_one() -> None:
    assert word_count("A non-exclusive licence under clause 4.2, isn't it?") == 8
