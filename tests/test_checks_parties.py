"""The quick ways the party checks search text find exactly what the plain searches find."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.engine.checks import balance, governance, ownership, termination
from agreement_lint.engine.checks.parties import PartyIndex
from agreement_lint.engine.checks.text import case_blind_search, case_blind_starts
from agreement_lint.engine.folding import lowered
from agreement_lint.model import Party, PartyType

_WORDS = (
    "the", "The", "THE", "each", "Each", "party", "Parties", "partner", "we", "We", "such",
    "shall", "SHALL", "will", "may", "terminate", "decide", "determine", "approve", "and", "or",
    ",", "(a)", "'s", "’s", "-", "of", "both", "all", "a", "other", "in", "its", "sole",
    "discretion", "agrees", "to", "must", "not", "be", "liable", "own", "owns", "vests",
    "notice", "30", "days'", "immediately", "Company", "University", "Trust", "Council",
    "Acme", "acme", "ACME", "3M", "Ltd.", "école", "École", "ſhall", "\u212a", "İt", "ıt",
    "ñandú", "\n",
)
_NAMES = ("Acme Ltd.", "3M Company", "École Nationale", "Ñandú Trust", "Kelvin Works",
          "University of Eastgate")

sentences = st.lists(st.sampled_from(_WORDS + _NAMES), max_size=30).map(" ".join)
party_sets = st.lists(
    st.tuples(st.sampled_from(_NAMES), st.sampled_from(list(PartyType))),
    max_size=3, unique_by=lambda pair: pair[0],
)


def _index(pairs: list[tuple[str, PartyType]]) -> PartyIndex:
    return PartyIndex({name.lower(): Party(name=name, type=kind) for name, kind in pairs})


@given(party_sets, sentences)
def test_subject_starts_include_every_place_the_plain_pattern_finds_a_subject(
    pairs: list[tuple[str, PartyType]], sentence: str
) -> None:
    index = _index(pairs)
    plain = re.compile(rf"(?<![\w'-])(?={index.subject})", re.IGNORECASE)
    starts = set(index.subject_starts(sentence))
    assert {m.start() for m in plain.finditer(sentence)} <= starts
    # The only extra places are role nouns in lower case.
    extra = starts - {m.start() for m in plain.finditer(sentence)}
    assert all(sentence[start].islower() or sentence[start:start + 3].lower() == "the"
               for start in extra)


@given(party_sets, sentences)
def test_find_gives_the_matches_finditer_gives(
    pairs: list[tuple[str, PartyType]], sentence: str
) -> None:
    index = _index(pairs)
    for verb in (balance.OBLIGATION, governance.DECIDES, termination.RIGHT, ownership._OWNS):
        pattern = index.compile_subject(verb)
        found = [(m.span(), m.groupdict()) for m in index.find(pattern, sentence)]
        assert found == [(m.span(), m.groupdict()) for m in pattern.finditer(sentence)]


def test_find_skips_words_no_subject_starts_with() -> None:
    index = _index([("Acme Ltd.", PartyType.BUSINESS)])
    pattern = index.compile_subject("shall")
    sentence = "Unless agreed, Acme Ltd. shall report and each party shall attend."
    assert [m.group("subjects") for m in index.find(pattern, sentence)] == [
        "Acme Ltd.", "each party"]


@given(sentences)
def test_case_blind_search_in_lowered_text_finds_the_same_places(sentence: str) -> None:
    folded = lowered(sentence)
    for pattern in (ownership._ASSETS, ownership._VESTS, termination._RIGHT_WORDS,
                    governance._BODY, governance.DECIDES, r"\bfor\s"):
        plain = [m.start() for m in re.finditer(pattern, sentence, re.IGNORECASE)]
        assert case_blind_starts(pattern, sentence, folded) == plain
        assert case_blind_search(pattern, sentence, folded) == bool(plain)
    notice = re.search(termination.NOTICE, sentence, re.IGNORECASE | re.VERBOSE)
    assert case_blind_search(termination.NOTICE, sentence, folded, re.VERBOSE) == bool(notice)


def test_letters_that_fold_to_ascii_fall_back_to_the_case_blind_search() -> None:
    assert lowered("\u017fhall") is None  # long s: a case-blind "s" matches it
    assert case_blind_search("shall", "\u017fhall", None)
    assert case_blind_search("notice", "NOTICE", lowered("NOTICE"))


_VERBS = (balance.OBLIGATION, governance.DECIDES, governance._APPOINTS, termination.RIGHT,
          ownership._OWNS, r"shall|will|must|may|agrees?|undertakes?|is|are")
"""Every verb the checks look for after a list of subjects."""


def _by_pattern(index: PartyIndex, verb: str, sentence: str) -> list[tuple[int, int, str]]:
    pattern = index.compile_subject(verb)
    return [(m.start(), m.end(), m.group("subjects")) for m in pattern.finditer(sentence)]


def _by_list_and_tail(index: PartyIndex, verb: str, sentence: str) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.subjects) for m in index.find_subjects(verb, sentence)]


_AMBIGUOUS_NAMES = ("Acme", "Acme Also", "Acme (UK)", "Each Party Ltd", "Trust, Jointly",
                    "University of Eastgate", "Also")
"""Names whose lists of subjects may end in several places before a verb."""

ambiguous_sentences = st.lists(
    st.sampled_from(_WORDS + _NAMES + _AMBIGUOUS_NAMES + ("also", "jointly", "(UK)", "hereto",
                                                         "partners", "the Parties hereto")),
    max_size=30).map(" ".join)
ambiguous_party_sets = st.lists(
    st.tuples(st.sampled_from(_NAMES + _AMBIGUOUS_NAMES), st.sampled_from(list(PartyType))),
    max_size=4, unique_by=lambda pair: pair[0],
)


@given(ambiguous_party_sets, ambiguous_sentences)
def test_subjects_found_by_list_and_tail_are_what_the_whole_pattern_finds(
    pairs: list[tuple[str, PartyType]], sentence: str
) -> None:
    index = _index(pairs)
    for verb in _VERBS:
        assert _by_list_and_tail(index, verb, sentence) == _by_pattern(index, verb, sentence)


def test_a_list_ending_in_two_places_before_the_verb_takes_the_patterns_choice() -> None:
    index = _index([("Acme", PartyType.BUSINESS), ("Acme Also", PartyType.CHARITY)])
    sentence = "Acme Also shall pay."
    assert _by_list_and_tail(index, "shall", sentence) == [(0, 15, "Acme Also")]
    assert _by_pattern(index, "shall", sentence) == [(0, 15, "Acme Also")]
