"""Acronyms used without being spelt out.

Plain language for partners means spelling out every acronym once — even ones a university
or NHS reader takes for granted (ICB, REF, KTP, VCSE) — except a very short list everyone
knows (UK, EU, PDF). An acronym counts as explained when the draft expands it anywhere:
"Integrated Care Board (ICB)", "ICB (Integrated Care Board)", `(the "ICB")`, "ICB means …",
a glossary line "ICB: …", or a front-matter entry. Roman numerals, clause labels, headings and
ALL-CAPS boilerplate (US-style warranty disclaimers) are not acronyms in running text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...fixed import fixed_pattern
from ...model import Agreement
from ..context import CheckContext
from . import Hit, register
from .references import roman_value
from .scan import is_word, line_starts, matches_from, starts_before
from .text import locate, run_blocks

DEFAULT_ALLOW = ("UK", "EU", "PDF")
"""Acronyms so widely known that spelling them out would be odd."""

LEGAL_FORMS = frozenset(
    {"LLC", "LLP", "PLC", "LP", "INC", "LTD", "CIC", "CIO", "SA", "AG", "GMBH", "BV", "NV",
     "SARL", "SPA", "AB", "AS", "PTE", "PTY", "CO", "GP", "LLLP"}
)
"""Company-form suffixes: part of a name ("Acme Ltd", "Foo CIC"), not jargon of the text."""

_ACRONYM = fixed_pattern(
    # The capital comes before the test of what precedes it, so the search skips straight to
    # capitals instead of trying the pattern at every character.
    r"(?P<acr>[A-Z](?<![\w&/.-][A-Z])[A-Z&]{1,5}\d*)(?P<plural>s)?(?![\w&-])"
)
_POSTCODE_REST = fixed_pattern(r"\s+\d[A-Z]{2}\b")
"""What follows the outward half of a UK postcode ("WY3"): the inward half, "8QL"."""
_CODE_REST = fixed_pattern(r"[./]\d")
"""What follows the letters of a code such as an accession number: a full stop or slash and
a digit."""
_CAPS_WORD = fixed_pattern(r"\b[A-Z][A-Z'&-]+\b")
_WORD = fixed_pattern(r"\b[A-Za-z][A-Za-z'&-]*\b")


def _is_caps_line(line: str) -> bool:
    """A heading or boilerplate line written in capitals (most of its words)."""
    words = _WORD.findall(line)
    if not words:
        return False
    caps = len(_CAPS_WORD.findall(line))
    return (caps >= 3 and caps / len(words) >= 0.5) or (len(words) <= 2 and caps == len(words))


_A = r"([A-Z][A-Z&]{1,5}\d*)"
_EXPANSIONS = (
    fixed_pattern(rf"\(\s*(?:the\s+|an?\s+)?[\"']?{_A}s?[\"']?\s*\)"),      # … (ICB) / (the "ICB")
    fixed_pattern(rf"[\"']{_A}[\"']\s*(?:shall\s+)?(?:means?|refers?\s+to|stands?\s+for|is)\b"),
    fixed_pattern(rf"(?<![\w]){_A}\s*(?:means|stands\s+for|refers\s+to)\b"),
    # a glossary line; a table's rows count only when the parser reads the table as a
    # glossary (as its definitions), not when it lists data fields or codes
    fixed_pattern(rf"(?:^|\n)\s*[-*]?\s*\**{_A}\**\s*(?:[:=]|-\s|–)"),
    fixed_pattern(rf"(?<![\w]){_A}s?\s*\(\s*[A-Za-z][a-z]+(?:\s+\w+){{0,8}}\s*\)"),  # ICB (…)
)


_QUOTE = r"(?:the\s+|an?\s+)?[\"'][^\"'()\n]{1,30}[\"']"
_QUOTED_SHORT_FORM = fixed_pattern(
    rf"\(\s*({_QUOTE}(?:\s*[,;]\s*(?:(?:or|and)\s+)?{_QUOTE}){{0,3}})\s*\)")
"""``(the "UK GDPR")``, ``("you", "RYP")``: every acronym in a bracket of quoted short forms
is explained by what precedes it."""

NOT_ACRONYMS = frozenset(
    {"AND", "OR", "THE", "OF", "TO", "BY", "IN", "ON", "AT", "AS", "IS", "IT", "BE", "WE",
     "NO", "NOT", "FOR", "ALL", "ANY", "BETWEEN", "DRAFT", "NOTE", "DATED", "DATE", "FINAL",
     "NAME", "TITLE", "SIGNED", "WHEREAS", "NOW", "PARTY", "PARTIES", "AGREEMENT", "AMONG",
     "SCHEDULE", "ANNEX", "CLAUSE", "WITNESS", "HEREBY", "TBC", "TBD", "TBA",
     "YES", "OK", "AM", "PM"}
)
"""Words written in capitals for emphasis, and placeholders, which are not acronyms."""


def _acronym_part(char: str) -> bool:
    """A character an acronym and the spaces after it may hold (digits included)."""
    return "A" <= char <= "Z" or char == "&" or char.isdigit() or char.isspace()


def _acronym_or_plural_part(char: str) -> bool:
    return _acronym_part(char) or char == "s"


def _expansion_matches(corpus: str) -> Iterator[re.Match[str]]:
    """Every match of the :data:`_EXPANSIONS` patterns, each tried only where it can begin.

    "ICB means", a glossary line and "ICB (Integrated …)" can only begin at a line's start
    or in the stretch of capitals and spaces before "means" or a bracket; trying them only
    there finds what ``finditer`` does without trying them at every character.
    """
    bracket, quoted, means, glossary, spelt_after = _EXPANSIONS
    yield from bracket.finditer(corpus)
    yield from quoted.finditer(corpus)
    yield from matches_from(means, corpus, starts_before(
        corpus, ("means", "stands", "refers"), _acronym_part))
    yield from matches_from(glossary, corpus, line_starts(corpus))
    yield from matches_from(spelt_after, corpus, starts_before(
        corpus, ("(",), _acronym_or_plural_part))


def expansions(corpus: str) -> set[str]:
    """Every acronym that ``corpus`` spells out or defines somewhere."""
    found = {match.group(1) for match in _expansion_matches(corpus)}
    for match in _QUOTED_SHORT_FORM.finditer(corpus):
        found.update(re.findall(r"[A-Z][A-Z&]{1,5}\d*", match.group(1)))
    for match in _BRACKETED_SHORT_FORM.finditer(corpus):
        initials = "".join(
            w[0].upper() for w in re.findall(r"[A-Za-z]\w*", corpus[max(0, match.start() - 120):
                                                              match.start()])[-10:])
        for acronym in re.findall(r"\b[A-Z][A-Z&]{1,5}\d*\b", match.group(1)):
            if _spelt_in(acronym.replace("&", ""), initials):
                found.add(acronym)
    return found


_BRACKETED_SHORT_FORM = fixed_pattern(
    r"\(\s*(?:the\s+)?((?:[A-Z][A-Za-z&]{0,11}\d*\s+){1,2}[A-Z][A-Z&]{1,5}\d*)\s*\)")
"""``(UK GDPR)`` after its expansion: an acronym inside a longer bracketed short form."""


def _spelt_in(acronym: str, initials: str) -> bool:
    """The acronym's letters are, in order, initials of the words before the bracket."""
    position = 0
    for letter in acronym:
        position = initials.find(letter, position) + 1
        if position == 0:
            return False
    return True


_COMPANY_NAME_AFTER = fixed_pattern(
    r"(?:\s+[A-Z][\w&.'-]*){0,4},?\s+(?:LLC|L\.L\.C\.|Inc\b|Ltd\b|Limited\b|B\.\s?V|N\.\s?V"
    r"|plc\b|PLC\b|GmbH|LLP\b|LP\b|L\.P\.|Corporation\b|Corp\b|CIC\b|Company\b)"
)
_CAPS_TOKEN = fixed_pattern(r"[A-Z][A-Z'&-]+|[A-Z]")


def _in_capitals_run(line: str, match: re.Match[str]) -> bool:
    """The acronym sits in a run of three or more words in capitals (boilerplate)."""
    before = line[: match.start()].rsplit(None, 2)[-2:]  # the two words before: no more
    after = line[match.end():].split(None, 2)[:2]
    run = 1
    for word in reversed(before):
        if not _CAPS_TOKEN.fullmatch(word.strip(",.;:()\"'")):
            break
        run += 1
    for word in after:
        if not _CAPS_TOKEN.fullmatch(word.strip(",.;:()\"'")):
            break
        run += 1
    return run >= 3


def _glossary(agreement: Agreement) -> str:
    """Front matter as ``key: value`` lines, so a glossary there counts as expansion."""
    lines: list[str] = []
    for key, value in agreement.metadata.items():
        for item in value if isinstance(value, list) else [value]:
            lines.append(f"{key}: {item}")
            lines.append(str(item))
    return "\n".join(lines)


def _defined_terms(agreement: Agreement) -> set[str]:
    """Terms the parser read as defined (``"**PA**" means …``, a glossary table's rows)."""
    return {definition.term.strip() for definition in agreement.definitions}


@register("acronym-undefined")
def acronym_undefined(ctx: CheckContext) -> Iterator[Hit]:
    """Fire once per unexplained acronym, at its first use.

    Params: ``allow`` (acronyms that need no expansion, default UK, EU, PDF).
    vars: ``acronym``.
    """
    agreement = ctx.agreement
    allow = {str(a).upper() for a in ctx.params.get("allow", DEFAULT_ALLOW)}
    party_words = {
        word for party in agreement.parties for name in party.names for word in name.split()
    }
    all_blocks = [b for b in run_blocks(ctx) if b.origin not in {"front-matter"}]
    corpus = "\n".join(b.text for b in all_blocks) + "\n" + _glossary(agreement)
    ordinary = _OrdinaryWords(corpus)
    # Worked out only when some acronym needs it (many texts have none).
    explained: set[str] | None = None
    reported: set[str] = set()
    for block in all_blocks:
        if block.origin in {"heading", "title", "signature"}:
            continue
        text = block.text
        if _ACRONYM.search(text) is None:
            continue  # nothing to check (the pattern finds the same in a line as in its block)
        for line_match in re.finditer(r"[^\n]+", text):
            line = line_match.group(0)
            caps_line: bool | None = None  # whether the whole line is capitals, when asked
            for match in _ACRONYM.finditer(line):
                acronym = match.group("acr")
                if acronym in reported or acronym in allow or acronym in NOT_ACRONYMS:
                    continue
                if acronym.strip("&") != acronym or acronym in party_words:
                    continue
                if roman_value(acronym.lower()) is not None:
                    continue
                if acronym.lower() in ordinary or _in_capitals_run(line, match):
                    continue  # "WAIVER The waiver …", "SUCH DAMAGES SHALL …": a word shouted
                after = line[match.end():]
                if re.match(r"\s+\d{5}\b", after):
                    continue  # a US state before a ZIP code: "Berkeley, CA 94710"
                if acronym[-1].isdigit() and _POSTCODE_REST.match(after):
                    continue  # the first half of a UK postcode: "WY3 8QL", "SW1A 1AA"
                if _CODE_REST.match(after):
                    continue  # a catalogue or reference code: "CHM.1921.14", "AB/2027/3"
                if _COMPANY_NAME_AFTER.match(after):
                    continue  # part of a company's name: "VA Partners I, LLC", "IREYA B.V"
                if acronym in LEGAL_FORMS and re.search(r"[A-Z][\w&.]*,?\s+$",
                                                        line[: match.start()]):
                    continue
                if _LABEL_WORD_BEFORE.search(_last_word(line[: match.start()])):
                    continue  # a label: "Schedule AB"
                if caps_line is None:
                    caps_line = _is_caps_line(line)
                if caps_line:
                    break  # a heading or boilerplate in capitals: no acronym on it counts
                reported.add(acronym)
                if explained is None:
                    explained = expansions(corpus) | _defined_terms(agreement)
                if acronym in explained:
                    continue
                yield Hit(locate(block, line_match.start() + match.start()), evidence=acronym,
                          vars={"acronym": acronym})


_LABEL_WORD_BEFORE = fixed_pattern(
    r"(?:schedule|annex|appendix|exhibit|clause|section|part|article)\s+$", re.IGNORECASE)


def _last_word(before: str) -> str:
    """The end of ``before`` from where its last eight non-spaces begin: all that a pattern of
    a word of up to eight letters and the spaces after it, anchored at the end, can match."""
    return before[max(0, len(before.rstrip()) - 8):]


class _OrdinaryWords:
    """Whether a word is written somewhere in lower case, or with only its first letter
    capitalised: then a capitalised use of it is a word shouted, not an acronym.

    Each word is looked for in the text when first asked about (a handful per agreement),
    rather than every word of the text listed.
    """

    def __init__(self, corpus: str) -> None:
        self._corpus = corpus
        self._known: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._written(word)
        return known

    def _written(self, word: str) -> bool:
        """Whether ``word`` (lower case) is in the text as a whole word matching
        ``[A-Za-z][a-z]+``: in lower case, or with its first letter a capital."""
        if len(word) < 2 or not (word.isascii() and word.isalpha() and word.islower()):
            return False
        corpus = self._corpus
        for spelling in (word, word[0].upper() + word[1:]):
            at = corpus.find(spelling)
            while at != -1:
                end = at + len(spelling)
                if (not at or not is_word(corpus[at - 1])) and (
                        end == len(corpus) or not is_word(corpus[end])):
                    return True
                at = corpus.find(spelling, at + 1)
        return False
