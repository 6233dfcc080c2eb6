"""Whatever the text, the parser returns an agreement or a ParseError: never anything else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agreement_lint.errors import ParseError
from agreement_lint.model import Agreement
from agreement_lint.normalise import normalise
from agreement_lint.parser import parse_text

_DEEP_EXAMPLES = {"ci": 2_000, "dev": 200, "deep": 50_000}
"""Examples for the line-soup property, which is worth more than the profile's default."""


def _examples() -> int:
    return _DEEP_EXAMPLES.get(settings.get_current_profile_name(), 2_000)


_LINE_PIECES = st.sampled_from([
    "", "---", "# Title", "## 1. Payment", "### Annex A", "1.", "1.1", "1.1.1", "(a)", "(i)",
    "(A)", "a.", "iv.", "IV.", "Clause 4 -", "Section 3.", "Article IV", "ARTICLE 2",
    "**1. Payment**", "**Budget**", "- ", "* ", "+ ", "| Term | Meaning |", "|---|---|",
    "BETWEEN", "(1)", "AND", "WHEREAS", "BACKGROUND", "IT IS AGREED", "Schedule 1 - Budget",
    "APPENDIX 2", "Signed for and on behalf of", "Name:", "Title:", "Date:", "By:",
    "IN WITNESS WHEREOF", "<!--", "-->", "<!-- note -->", '"Term" means', '(the "X")',
    "clause 7.2", "Schedule 1", "title: x", "- item", "    ", "\t", "<span class=\"header_2\">",
    "</span>", "PAYMENT", "University of X (\"University\")", "NHS Trust", "Ltd",
])

_LINE = st.lists(st.one_of(_LINE_PIECES, st.text(max_size=12)), max_size=5).map(" ".join)
_SOUP = st.lists(_LINE, max_size=40).map("\n".join)


def _parses_or_refuses(text: str) -> None:
    try:
        result = parse_text(text)
    except ParseError as exc:
        assert exc.line is not None and exc.line >= 1
        assert exc.column is not None and exc.column >= 1
        assert exc.source_line is not None
        return
    assert isinstance(result, Agreement)
    result.model_dump(mode="json")
    total_lines = normalise(text).count("\n") + 1
    for clause in result.walk():
        assert clause.location.line is not None and 1 <= clause.location.line <= total_lines


@given(st.text())
def test_any_unicode_text(text: str) -> None:
    _parses_or_refuses(text)


@settings(max_examples=_examples(), deadline=None)
@given(_SOUP)
def test_agreement_like_line_soup(text: str) -> None:
    _parses_or_refuses(text)


@given(_SOUP)
def test_soup_after_front_matter(text: str) -> None:
    _parses_or_refuses("---\ntitle: T\nparties:\n  - A Ltd\n---\n" + text)
