"""The quick ways the party checks search text find exactly what the plain searches find.

The party index reads subjects off the lower-cased text without compiling a pattern of the
agreement's names; each test holds that reading against the straightforward pattern.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.engine.checks import balance, governance, ownership, termination
from agreement_lint.engine.checks.parties import (
    Around,
    PartyIndex,
    SubjectMatch,
    owner_of,
    party_index,
    unique_groups,
)
from agreement_lint.engine.checks.text import case_blind_search, case_blind_starts
from agreement_lint.engine.context import CheckContext
from agreement_lint.engine.folding import lowered
from agreement_lint.model import Party, PartyType
from agreement_lint.read import read_agreement

_WORDS = (
    "the", "The", "THE", "each", "Each", "party", "Parties", "partner", "we", "We", "such",
    "shall", "SHALL", "will", "may", "terminate", "decide", "determine", "approve", "and", "or",
    ",", "(a)", "'s", "’s", "-", "of", "both", "all", "a", "other", "in", "its", "sole",
    "discretion", "agrees", "to", "must", "not", "be", "liable", "own", "owns", "vests",
    "notice", "30", "days'", "immediately", "Company", "University", "Trust", "Council",
    "Acme", "acme", "ACME", "3M", "Ltd.", "école", "École", "ſhall", "\u212a", "İt", "ıt",
    "ñandú", "\n", "decided", "by", "approved", "for", "approval", "prior", "vested", "vests",
    "belongs", "and/or", "representatives", "members", "from", "nominated", "at", "is", "owned",
    "the property of", "hereto", "partners", "partner", "the other party", "We", "us", "its",
    "Ltd", "'", "’", "X's", ",", "the\tTrust", "ACME LTD.",
)
_NAMES = ("Acme Ltd.", "3M Company", "École Nationale", "Ñandú Trust", "Kelvin Works",
          "University of Eastgate")



def _joined(words: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Sentences of up to 30 ``words``, each followed by a space, nothing, a tab or a
    hyphen (so that an apostrophe or a letter may stand right after a name)."""
    pieces = st.tuples(words, st.sampled_from((" ", " ", " ", "", "\t", "-", "_")))
    return st.lists(pieces, max_size=30).map(lambda ps: "".join(w + gap for w, gap in ps))


sentences = _joined(st.sampled_from(_WORDS + _NAMES))
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
    if index._folded(sentence) is not None:  # read literally: exactly those places
        assert starts == {m.start() for m in plain.finditer(sentence)}
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
        found = [(m.start, m.end, m.subjects) if isinstance(m, SubjectMatch)
                 else (m.start(), m.end(), m.group("subjects"))
                 for m in index.find(pattern, sentence)]
        assert found == [(m.start(), m.end(), m.group("subjects"))
                         for m in pattern.finditer(sentence)]


@given(party_sets, sentences)
def test_mentions_are_the_subject_patterns_matches(
    pairs: list[tuple[str, PartyType]], sentence: str
) -> None:
    index = _index(pairs)
    found = [(m.key, m.start, m.end) for m in index.mentions(sentence)]
    assert found == [(index.key_of(m), m.start(), m.end())
                     for m in index._pattern.finditer(sentence)]


def test_find_skips_words_no_subject_starts_with() -> None:
    index = _index([("Acme Ltd.", PartyType.BUSINESS)])
    sentence = "Unless agreed, Acme Ltd. shall report and each party shall attend."
    assert [m.subjects for m in index.find_subjects("shall", sentence)] == [
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


def _by_pattern(index: PartyIndex, verb: str, sentence: str, post: str = ""
                ) -> list[tuple[int, int, str]]:
    pattern = index.compile_subject(verb, post)
    return [(m.start(), m.end(), m.group("subjects")) for m in pattern.finditer(sentence)]


def _by_list_and_tail(index: PartyIndex, verb: str, sentence: str, post: str = ""
                      ) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.subjects) for m in index.find_subjects(verb, sentence, post)]


_AMBIGUOUS_NAMES = ("Acme", "Acme Also", "Acme (UK)", "Each Party Ltd", "Trust, Jointly",
                    "University of Eastgate", "Also", "The Acme", "Theatre Works")
"""Names whose lists of subjects may end in several places before a verb."""

ambiguous_sentences = _joined(
    st.sampled_from(_WORDS + _NAMES + _AMBIGUOUS_NAMES + ("also", "jointly", "(UK)", "hereto",
                                                         "partners", "the Parties hereto")))
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


_AROUNDS = (
    (governance._DECIDED_BY, governance._FOR_APPROVAL),
    governance._AROUND_A_NAME,
    (governance._DISCRETION,),
    (governance._MEMBERS_OF,),
    governance._MEMBERS_AROUND,
    (ownership._VESTING,),
)
"""Every group of wordings around a subject the checks look for."""


def _around_by_pattern(index: PartyIndex, arounds: tuple[Around, ...], sentence: str
                       ) -> list[tuple[int, int, str]]:
    whole = unique_groups("|".join(around.pattern(index.subject) for around in arounds))
    return [(m.start(), m.end(), owner_of(m))
            for m in re.finditer(whole, sentence, re.IGNORECASE)]


@given(ambiguous_party_sets, ambiguous_sentences)
def test_subjects_found_around_fixed_wording_are_what_the_whole_pattern_finds(
    pairs: list[tuple[str, PartyType]], sentence: str
) -> None:
    index = _index(pairs)
    for arounds in _AROUNDS:
        found = [(m.start, m.end, m.owner) for m in index.find_around(arounds, sentence)]
        assert found == _around_by_pattern(index, arounds, sentence)


def test_a_lead_that_can_end_in_two_places_takes_the_longer_first() -> None:
    index = _index([("Acme", PartyType.BUSINESS), ("Beta", PartyType.CHARITY)])
    sentence = "All results vest in and Acme Beta."  # "in and Acme " then Beta, not "in " Acme…
    expected = _around_by_pattern(index, (ownership._VESTING,), sentence)
    assert [(m.start, m.end, m.owner)
            for m in index.find_around((ownership._VESTING,), sentence)] == expected
    assert [owner for _, _, owner in expected] == ["Beta"]
    index = _index([("And Acme", PartyType.BUSINESS)])
    sentence = "All results vest in and Acme shall."  # "in and Acme " then no subject
    expected = _around_by_pattern(index, (ownership._VESTING,), sentence)
    assert [(m.start, m.end, m.owner)
            for m in index.find_around((ownership._VESTING,), sentence)] == expected
    assert [owner for _, _, owner in expected] == ["and Acme"]


def test_a_shared_subject_is_tried_at_each_place_it_can_end() -> None:
    index = _index([("Acme", PartyType.BUSINESS)])
    for sentence in ("The parties hereto shall meet.", "The parties hereto, Acme shall meet.",
                     "Each partners shall meet.", "Each partner shall meet.",
                     "The parties hereto_day shall meet."):
        assert _by_list_and_tail(index, "shall", sentence) == _by_pattern(index, "shall",
                                                                            sentence)
        assert [(m.key, m.start, m.end) for m in index.mentions(sentence)] == [
            (index.key_of(m), m.start(), m.end()) for m in index._pattern.finditer(sentence)]


def test_a_name_after_the_comes_before_a_name_that_starts_with_the() -> None:
    index = _index([("Acme", PartyType.BUSINESS), ("The Acme", PartyType.CHARITY)])
    sentence = "The Acme shall pay."
    assert [m.key for m in index.mentions(sentence)] == [
        index.key_of(m) for m in index._pattern.finditer(sentence)] == ["Acme"]


def test_a_possessive_is_no_decision_by_that_party() -> None:
    index = _index([("Acme", PartyType.BUSINESS)])
    for sentence in ("It is approved by Acme's board.", "It is approved by the parties hereto's"
                     " board.", "It is approved by Acme and the parties."):
        found = [(m.start, m.end, m.owner)
                 for m in index.find_around(_AROUNDS[0], sentence)]
        assert found == _around_by_pattern(index, _AROUNDS[0], sentence), sentence


def test_a_name_that_starts_a_longer_word_is_not_found_around_fixed_wording() -> None:
    index = PartyIndex({"you": Party(name="Brightside Theatre", short_name="you",
                                     type=PartyType.CHARITY)})
    for arounds in _AROUNDS:
        for sentence in ("Two members of the youth panel.", "It is decided by the you-group.",
                         "It is decided by youngsters."):
            found = [(m.start, m.end, m.owner) for m in index.find_around(arounds, sentence)]
            assert found == _around_by_pattern(index, arounds, sentence) == [], sentence
    assert [m.owner for m in index.find_around(_AROUNDS[0], "It is decided by you.")] == ["you"]


def test_a_letters_we_and_you_bring_their_possessives() -> None:
    writer = Party(name="Brookfield University", short_name="the University",
                   description='Brookfield University ("we", "the University")')
    reader = Party(name="Hilltop Arts", short_name="you", description='Hilltop Arts ("you")')
    index = PartyIndex({"brookfield university": writer, "hilltop arts": reader})
    sentence = "Two of our staff and two of yours, with your director."
    assert ([m.key for m in index.mentions(sentence)]
            == ["the University", "Hilltop Arts", "Hilltop Arts"])
    plain = PartyIndex({"brookfield university": Party(name="Brookfield University"),
                        "hilltop arts": Party(name="Hilltop Arts")})
    assert list(plain.mentions(sentence)) == []
    together = Party(name="Hilltop Arts", description='Hilltop Arts (together "we")')
    both = PartyIndex({"brookfield university": writer, "hilltop arts": together})
    assert [m.key for m in both.mentions("Two of our staff.")] == []


_SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.parametrize("path", sorted(p for p in _SAMPLES.iterdir()
                                        if p.suffix in (".md", ".txt")), ids=lambda p: p.name)
def test_every_sample_sentence_reads_as_the_whole_patterns_read_it(path: Path) -> None:
    ctx = CheckContext.for_agreement(read_agreement(path), {})
    index = party_index(ctx)
    for unit in ctx.units("clause"):
        for sentence in ctx.sentences(unit):
            assert [(m.key, m.start, m.end) for m in index.mentions(sentence)] == [
                (index.key_of(m), m.start(), m.end()) for m in index._pattern.finditer(sentence)]
            for verb in _VERBS:
                assert (_by_list_and_tail(index, verb, sentence)
                        == _by_pattern(index, verb, sentence)), (verb, sentence)
            for arounds in _AROUNDS:
                assert ([(m.start, m.end, m.owner) for m in index.find_around(arounds, sentence)]
                        == _around_by_pattern(index, arounds, sentence)), sentence


_POST_WORDS = ("'s", "’s", "'", "Principal", "Investigator", "project", "lead", "Director", "of",
               "Research", "board", "will", "decide", "approve", "shall", "determine")

post_sentences = _joined(st.sampled_from(_WORDS + _NAMES + _AMBIGUOUS_NAMES + _POST_WORDS))


@given(ambiguous_party_sets, post_sentences)
def test_subjects_whose_post_decides_are_what_the_whole_pattern_finds(
    pairs: list[tuple[str, PartyType]], sentence: str
) -> None:
    index = _index(pairs)
    assert (_by_list_and_tail(index, governance.DECIDES, sentence, governance.POST)
            == _by_pattern(index, governance.DECIDES, sentence, governance.POST))
