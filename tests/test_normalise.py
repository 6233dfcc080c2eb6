"""Normalisation keeps every line where it was and flattens Unicode punctuation."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.normalise import normalise


def test_line_endings_become_newlines() -> None:
    assert normalise("a\r\nb\rc\n") == "a\nb\nc\n"


def test_quotes_dashes_spaces_and_invisible_characters() -> None:
    text = "\ufeff\u201cTerm\u201d means\u00a0the Trust\u2019s \u2013 fee\u200b \u2014 now"
    assert normalise(text) == "\"Term\" means the Trust's - fee - now"


def test_tabs_expand_to_list_levels() -> None:
    assert normalise("\t1.\tText") == "    1.  Text"


def test_unicode_line_separators_do_not_add_lines() -> None:
    assert normalise("a\u2028b\u2029c\x0bd\x0ce\x85f") == "a b c d e f"


@given(st.text())
def test_line_count_is_kept(text: str) -> None:
    expected = text.replace("\r\n", "\n").replace("\r", "\n").count("\n")
    assert normalise(text).count("\n") == expected


@given(st.text())
def test_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
