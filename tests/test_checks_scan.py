"""Trying a pattern only where it can begin finds exactly what trying it everywhere does."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.engine import hollow
from agreement_lint.engine.checks import placeholders, references, structure
from agreement_lint.engine.checks.scan import line_starts, matches_from, starts_before

_PIECES = st.sampled_from(
    ["\n", " ", "  ", "   ", ".", ":", ";", "*", "Section", "SECTION", "Article", "ARTICLE",
     "Clause", "PARAGRAPH", "1", "12", "4.2", "3.4.", "IV", "(a)", "a.", "b)", "The", "x",
     "Schedule", "exhibit", "ANNEX", "\u017f", "\u00a0", "\t", " 4.4 ", ",", "ICB", "means",
     "{", "}", "[", "]", "£", "$", "/", "XX", "DD", "___", "TBC", "TB", "Insert"]
)
TEXTS = st.lists(_PIECES, max_size=40).map("".join)


def spans(matches: object) -> list[tuple[object, ...]]:
    return [m.span() + m.groups() for m in matches]  # type: ignore[attr-defined]


@given(TEXTS)
def test_patterns_opening_a_line_are_found_from_line_starts(text: str) -> None:
    pattern = re.compile(r"(?:^|\n)\s*\(?([a-z])[.)]")
    assert spans(matches_from(pattern, text, line_starts(text))) == spans(
        pattern.finditer(text))


@given(TEXTS)
def test_patterns_ending_in_a_word_are_found_from_the_stretch_before_it(text: str) -> None:
    pattern = re.compile(r"(?<!\w)([A-Z][A-Z&]{1,5}\d*)\s*means\b")
    starts = starts_before(text, ["means"], lambda c: c.isspace() or c.isupper() or c == "&"
                           or c.isdigit())
    assert spans(matches_from(pattern, text, starts)) == spans(pattern.finditer(text))


@given(TEXTS)
def test_clause_labels_in_running_text_are_all_found(text: str) -> None:
    found = matches_from(references._TEXT_LABEL, text, references._label_starts(text))
    assert spans(found) == spans(references._TEXT_LABEL.finditer(text))


@given(TEXTS)
def test_schedules_named_in_the_text_are_all_found(text: str) -> None:
    found = references._schedule_mentions(text)
    assert spans(found) == spans(references._SCHEDULE_MENTION.finditer(text))


@given(TEXTS)
def test_placeholders_are_all_found(text: str) -> None:
    pattern = placeholders.PLACEHOLDER
    found = matches_from(pattern, text, placeholders._placeholder_starts(text))
    assert spans(found) == spans(pattern.finditer(text))


_HOLLOW_PIECES = st.sampled_from(
    ["{{x}}", "{a}", "{", "}", "[x]", "[", "]", "___", "_", "....", "...", "\u2026\u2026",
     "TBC", "tbd", "TBAgreed", "N/A", "XXX", "xx", "to be agreed", "To Be Confirmed", "to be",
     "to be set", "TO BE FINALIZED", "tb", "later",
     " ", "\n", "a", "\u0131", "\u212a", "later"]
)


@given(st.lists(_HOLLOW_PIECES, max_size=12).map("".join))
def test_the_quick_placeholder_test_agrees_with_the_pattern(text: str) -> None:
    assert structure._holds_placeholder(text) == bool(hollow.PLACEHOLDER.search(text))


def test_a_match_is_not_found_again_inside_an_earlier_one() -> None:
    pattern = re.compile(r"ab|b")
    assert [m.group() for m in matches_from(pattern, "abab", [0, 1, 2, 3])] == ["ab", "ab"]
