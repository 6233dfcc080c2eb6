"""The parser never crashes: any text gives an :class:`Agreement` or a :class:`ParseError`.

Two kinds of input: arbitrary Unicode (including controls, surrogates, form feeds and every
line separator Python knows) and draft-shaped text assembled from the line types the grammar
recognises (front-matter fences, headings, numbers, bullets, tables, signature fields,
definitions, cross-references, comments), shuffled, indented and mangled, so that the
structure-building code behind the grammar is exercised too.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agreement_lint.errors import ParseError
from agreement_lint.model import Agreement, Source
from agreement_lint.parser import parse_text

_BUDGET = {"ci": (2_000, 2_000), "dev": (100, 100), "deep": (50_000, 50_000)}
"""Examples per profile: (arbitrary text, draft-shaped text)."""


def _examples(which: int) -> int:
    return _BUDGET.get(settings.get_current_profile_name(), _BUDGET["ci"])[which]


SOURCE = Source(path="fuzzed.md", format="markdown")

FRAGMENTS = (
    "---", "--- ", "title: Memorandum of Understanding", "kind: mou", "parties:",
    "  - Eastgate University", "- Riverside Community Group", "kind:", ": value", "# comment",
    "# Memorandum of Understanding", "## 1. Purpose", "### 4.2 Invoices", "######", "#",
    "1.", "1. Purpose", "1.1 The partners will meet.", "1.1.1.1.1.1.1.1", "99999.99999.",
    "(a) first", "(iv) fourth", "a) item", "iv. item", "IV. PART", "Clause 4", "ARTICLE IV -",
    "Section 4.2:", "**2.** Payment", "__3__ Ending", "- bullet", "* bullet", "+ bullet",
    "| a | b |", "|---|---|", "|", "Signed for and on behalf of the University", "Name:",
    "Date: ____", "Signature:", "IN WITNESS WHEREOF", "SCHEDULE 1 - BUDGET", "ANNEX A",
    "BACKGROUND", "WHEREAS the partners wish to work together;", "NOW IT IS AGREED:",
    '"Project" means the work described in Schedule 1.', '(the "Group")',
    "“Data” means personal data.", "as set out in clause 4.2 and clause 99",
    "see Schedule 7, Annex B and Appendix IV", "<!-- agreement-lint: disable PAY002 -->",
    "<!--", "-->", "<!-- unterminated", "***", "___", "- - -", "[TBC]", "£2,000", "30 days",
    "\t1.\tindented with a tab", "\u00a0\u00a0(b) non-breaking", "\ufeff# BOM", "\x0c",
    "\u2028", "\u0085", "\r", "مذكرة تفاهم", "\u202e1.2", "１．全角", "Ⅳ. roman numeral",
    "x" * 2_000, "1." * 500, "(" * 300, "#" * 300, "|" * 300, "*" * 300,
)

_anything = st.characters(codec=None, exclude_categories=())

draft_lines = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(_anything, max_size=30),
    st.tuples(st.sampled_from(FRAGMENTS), st.text(_anything, max_size=10)).map("".join),
    st.tuples(st.sampled_from(("", " ", "  ", "    ", "        ", "\t", " " * 40)),
              st.sampled_from(FRAGMENTS)).map("".join),
)

draft_shaped = st.tuples(
    st.lists(draft_lines, max_size=60),
    st.sampled_from(("\n", "\r\n", "\r", "\n\n")),
    st.booleans(),
).map(lambda parts: parts[1].join(parts[0]) + ("\n" if parts[2] else ""))


def _parse(text: str) -> None:
    try:
        agreement = parse_text(text, source=SOURCE)
    except ParseError as error:
        line = error.one_line()
        assert "\n" not in line
        assert line.startswith("fuzzed.md"), line
    else:
        assert isinstance(agreement, Agreement)
        agreement.model_dump(mode="json")  # the model must serialise (parse --format json)


@settings(max_examples=_examples(0))
@given(text=st.text(_anything, max_size=400))
def test_any_unicode_text_parses_or_raises_parse_error(text: str) -> None:
    _parse(text)


@settings(max_examples=_examples(1))
@given(text=draft_shaped)
def test_draft_shaped_text_parses_or_raises_parse_error(text: str) -> None:
    _parse(text)
