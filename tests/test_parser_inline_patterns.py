"""Rewritten inline patterns find exactly what the patterns as first written found.

``"Term" means`` used to open with ``(?:^|(?<=[\\s(\\[]))``, which made re try the pattern at
every position of a line; it now opens with a character class and checks what precedes it
afterwards. The original is kept here as the reference.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.parser import inline
from agreement_lint.parser.inline import find_definitions

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
