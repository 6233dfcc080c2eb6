"""Faster inline scans find exactly what the straightforward scans found.

``"Term" means`` used to open with ``(?:^|(?<=[\\s(\\[]))``, which made re try the pattern at
every position of a line; it now opens with a character class and checks what precedes it
afterwards. The original is kept here as the reference. Cross-references are now looked for
only where ``str.find`` sees a stem such as ``lause``; that must find what ``finditer`` finds.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.parser import inline
from agreement_lint.parser.inline import find_definitions, find_references

_REFERENCE_QUOTED_MEANS = re.compile(
    r'(?:^|(?<=[\s(\[]))(?:\*\*|__)?"(?P<term>[^"\n]{1,80})"(?:\*\*|__)?[ ]*[:,]?[ ]*'
    + inline._MEANS
)

_PIECES = st.sampled_from(
    ['"', "**", "__", "*", "_", " ", "\n", "(", "[", "x", "Term", "Fees", ":", ",", " means",
     " shall mean", " includes", " has the meaning", "meaning", "\t", "a"]
)
_LINES = st.one_of(st.lists(_PIECES, max_size=30).map("".join), st.text(max_size=50))


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str]]:
    return [(match.span(), match.group("term")) for match in pattern.finditer(text)]


@given(_LINES)
def test_quoted_means_matches_the_reference(text: str) -> None:
    assert _found(inline._QUOTED_MEANS_RE, text) == _found(_REFERENCE_QUOTED_MEANS, text)


def test_quoted_means_needs_a_space_or_bracket_before_the_quote() -> None:
    assert [d.term for d in find_definitions('("Fees" means the fees) **"Term"** means x')] == [
        "Fees", "Term"]
    assert find_definitions('x"Fees" means the fees') == []
    assert find_definitions('*"Fees" means the fees') == []


_REFERENCE_PIECES = st.sampled_from(
    ["Clause", "clauses", "CLAUSE", "Section", "SECTIONS", "article", "Paragraph", "Schedule",
     "schedules", "ANNEX", "Annexes", "appendix", "Appendices", "EXHIBIT", "exhibits", " ", "  ",
     "1", "4.2", "4.", "(a)", "IV", "A", "B", ",", " and ", " or ", " to ", "-", "&", "x", "of",
     " of the Data Act", " of Schedule 2", "lause", "nnex", "\n"]
)
_REFERENCE_LINES = st.one_of(st.lists(_REFERENCE_PIECES, max_size=25).map("".join),
                             st.text(max_size=40))


@given(_REFERENCE_LINES)
def test_stem_scan_finds_what_finditer_finds(text: str) -> None:
    for pattern, stems in ((inline._CLAUSE_REF_RE, inline._CLAUSE_STEMS),
                           (inline._ANNEX_REF_RE, inline._ANNEX_STEMS)):
        fast = [(m.span(), m.groupdict()) for m in inline._matches_at_stems(pattern, text, stems)]
        assert fast == [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_references_found_in_a_long_clause() -> None:
    text = "x " * 500 + "as set out in clauses 4.2 and 5, Schedule 2 and paragraph 3 of Annex B."
    assert [(r.target_kind, r.target) for r in find_references(text)] == [
        ("clause", "4.2"), ("clause", "5"), ("schedule", "2"), ("paragraph", "3"),
        ("annex", "B")]
