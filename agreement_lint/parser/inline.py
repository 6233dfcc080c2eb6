"""What the parser reads inside a line: headings, definitions, cross-references and parties.

Every pattern here is applied to one line (or one short paragraph) at a time and is written
so that its cost grows linearly with the length of the line: no nested repetition, bounded
look-arounds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..fixed import fixed_pattern
from ..model import PartyType

# ------------------------------------------------------------------ markup

_HEADER_SPAN_RE = fixed_pattern(
    r'^<span class="header_\d+">(?P<heading>[^<]{0,300})</span>[ ]*(?P<rest>.*)$'
)
_TAG_RE = fixed_pattern(r"</?[A-Za-z][A-Za-z0-9]{0,20}(?:[ ][^<>]{0,500})?/?>")
_BOLD_LEAD_RE = fixed_pattern(r"^(\*\*|__)(?P<inner>[^*_]{1,200}?)(\*\*|__)[ ]*(?P<rest>.*)$")


def strip_tags(text: str) -> str:
    """Remove inline HTML tags (Common Paper keeps headings and links in ``<span>``)."""
    return _TAG_RE.sub("", text) if "<" in text else text


def strip_markup(text: str) -> str:
    """Plain text of a heading: no tags, no bold/italic markers, single spaces."""
    text = strip_tags(text)
    if "*" in text or "__" in text:
        text = text.replace("**", "").replace("__", "")
        text = text.strip("*_ ")
    return " ".join(text.split())


# ------------------------------------------------------------------ headings on a numbered line

_SMALL_WORDS = frozenset([
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
    "to", "with", "via", "per", "vs", "&", "-", "nor",
])


def looks_like_heading(text: str, *, max_length: int = 80) -> bool:
    """True for a short title-like phrase: ``Payment``, ``Fees and Billing``, ``TERM``."""
    plain = text.strip()
    if not plain or len(plain) > max_length or plain.endswith((",", ";", ":")):
        return False
    if not plain[0].isupper() and not plain[0].isdigit() and plain[0] not in "\"'(":
        return False
    if plain.endswith(".") and not plain.endswith(".."):
        plain = plain[:-1]
    if "." in plain.rstrip("."):
        # a sentence inside (``The University will pay. Then…``) is not a heading
        return False
    words = plain.split()
    if len(words) > 10:
        return False
    for word in words:
        bare = word.strip("\"'()[]&,-/")
        if not bare or bare.lower() in _SMALL_WORDS:
            continue
        if not (bare[0].isupper() or bare[0].isdigit()):
            return False
    return True


def split_heading(rest: str) -> tuple[str | None, str]:
    """Split ``Invoices. The University will…`` into (heading, body) where that is meant.

    A numbered line's text is a heading when it is short and title-like (``Payment``), or
    when it starts with a short title-like phrase ending in a full stop followed by the body
    (``Invoices. The University will…``), or with a Common Paper header span, or bold.
    """
    text = rest.strip()
    if not text:
        return None, ""
    span = _HEADER_SPAN_RE.match(text)
    if span:
        heading = strip_markup(span.group("heading")).rstrip(".:").strip()
        return (heading or None), span.group("rest").strip()
    bold = _BOLD_LEAD_RE.match(text)
    if bold and not bold.group("inner").lstrip().startswith('"'):
        inner = strip_markup(bold.group("inner"))
        body = bold.group("rest").strip()
        if inner and len(inner) <= 120 and not re.match(r"^[:]?\s*(?:shall\s+)?means\b", body):
            return inner.rstrip(".:").strip() or None, body.lstrip(":").strip()
    plain = strip_tags(text)
    if looks_like_heading(plain) and not plain.rstrip().endswith("."):
        return " ".join(plain.split()), ""
    head, sep, body = plain.partition(". ")
    if sep and body and len(head) <= 60 and (
        looks_like_heading(head, max_length=60) or _short_phrase(head)
    ):
        first = body.lstrip(" *_")[:1]
        if first and (first.isupper() or first in "\"'(" or first.isdigit()):
            return " ".join(head.split()), body.strip()
    if plain.endswith(".") and plain.count(".") == 1 and looks_like_heading(plain, max_length=60):
        return " ".join(plain[:-1].split()), ""
    if looks_like_heading(plain) and plain.isupper():
        return " ".join(plain.rstrip(".").split()), ""
    return None, plain.strip()


_QUESTION_WORDS = frozenset(["what", "who", "how", "when", "where", "why", "if"])
_VERBS = frozenset([
    "will", "shall", "may", "must", "is", "are", "agree", "agrees", "has", "have", "can",
    "should", "would", "was", "were", "be",
])


def _short_phrase(text: str) -> bool:
    """``The cafés``, ``Ending early``, ``What the University will do``: sentence-case titles."""
    words = text.split()
    if not 1 <= len(words) <= 6 or not words[0][:1].isupper():
        return False
    if words[0].lower() in _QUESTION_WORDS:
        return True
    return not any(w.lower().strip(",;") in _VERBS for w in words)


_COLUMN_GAP_RE = fixed_pattern(r"^(?P<label>[^ ].{0,50}?)[ ]{3,}(?P<value>\S.*)$")


def split_columns(rest: str) -> tuple[str, str] | None:
    """``Measures of success      By the end of year two: …`` → (label, value).

    Heads of terms are often set in two columns: a short label on the left, what was
    agreed on the right, with a wide gap between them. The label must read as a heading
    (short, capitalised, no verb, no closing punctuation).
    """
    if "   " not in rest:
        return None
    match = _COLUMN_GAP_RE.match(rest)
    if match is None:
        return None
    label = match.group("label").strip()
    if label.endswith((".", ",", ";", ":")) or not (
            looks_like_heading(label, max_length=50) or _short_phrase(label)):
        return None
    return label, match.group("value").strip()


def is_caps_heading(text: str) -> bool:
    """A line in capitals that reads as a heading: ``PAYMENT``, ``1. DEFINITIONS``."""
    plain = strip_markup(text)
    letters = sum(1 for ch in plain if ch.isalpha())
    return letters >= 3 and len(plain) <= 90 and plain.upper() == plain and not plain.endswith(",")


# ------------------------------------------------------------------ definitions

_MEANS = (
    r"(?:shall\s+mean|shall\s+have\s+the\s+meaning|means|mean|has\s+the\s+meaning|includes|"
    r"refers\s+to|is\s+defined\s+as|shall\s+include)\b"
)
_QUOTED_MEANS_RE = fixed_pattern(
    # ``"Term"``, ``**"Term"**`` or ``__"Term"__`` at the start or after a space or bracket.
    # The pattern opens with a character class so that re skips in C to the next ``*``, ``_``
    # or ``"``; the look-behinds then check what comes before it and that ``*``/``_`` double.
    r'[*_"](?<![^\s(\[].)(?:(?<=\*)\*"|(?<=_)_"|(?<="))'
    r'(?P<term>[^"\n]{1,80})"(?:\*\*|__)?[ ]*[:,]?[ ]*' + _MEANS
)
_BOLD_MEANS_RE = fixed_pattern(
    r"^[ ]*(?:[-*+][ ]+|[\w.()]{1,12}[ ]+)?(?:\*\*|__)(?P<term>[^*_\n\"]{1,80})(?:\*\*|__)"
    r"[ ]*[:\-]?[ ]*" + _MEANS
)
_INLINE_DEF_RE = fixed_pattern(
    r'\((?P<lead>(?:(?:the|each|a|an|together|collectively|jointly|individually|hereinafter|'
    r'referred|to|as|and|or|each,|together,|collectively,|hereinafter,|severally)[ ,]+){0,6})'
    r'"(?P<term>[^"\n]{1,80})"'
    r'(?P<tail>(?:[ ]*(?:,|or|and)[ ]*(?:(?:together|collectively|jointly|each|as)[ ,]+)?'
    r'(?:the[ ]+|an?[ ]+)?"[^"\n]{1,80}")*)[ ]*\)',
    re.IGNORECASE,
)
_TAIL_TERM_RE = fixed_pattern(r'"([^"\n]{1,80})"')


DEFINITION_TEXT_LIMIT = 2000
"""Longest definition text kept (the rest of a very long line is not the definition)."""


@dataclass(frozen=True, slots=True)
class FoundDefinition:
    """A definition found in a line: the term, what it says, its style and column."""

    term: str
    text: str
    style: str
    column: int
    end_column: int


_COLON_DEFINITION_RE = fixed_pattern(
    r"^[ ]*(?:[-*+][ ]+)?(?:\*\*|__)?(?P<term>[A-Z][\w'&/()-]{0,40}(?:[ ][\w'&/()-]{1,40}){0,6})"
    r"(?:\*\*|__)?[ ]*:(?:\*\*|__)?[ ]+(?P<text>\S.*)$"
)


def find_colon_definition(text: str) -> FoundDefinition | None:
    """``Business Day: a day other than…`` (only meaningful inside a definitions clause)."""
    match = _COLON_DEFINITION_RE.match(text)
    if match is None:
        return None
    body = match.group("text")[:DEFINITION_TEXT_LIMIT].strip()
    return FoundDefinition(match.group("term").strip(), body, "means",
                           match.start("term") + 1, match.end("term") + 1)


_ALTERNATIVE_RE = fixed_pattern(
    r'(?:^|(?<=[\s(\[]))(?:\*\*|__)?"(?P<term>[^"\n]{1,80})"(?:\*\*|__)?[ ]*(?:,|or|and)[ ]*$')
"""``"Programmed Activity" or`` just before another quoted term that is being defined."""
_ALTERNATIVE_WINDOW = 120
_DEFINITION_LEAD_RE = fixed_pattern(
    r"(?:^|[,:;]|^[ ]*(?:[-*+]|\(?[\w.]{1,8}[.)]?))[ ]*$")
"""What may come before the first of several terms defined together: the start of the line,
a list marker or clause number, or a lead-in such as ``In this agreement,``."""


def _plain_term(term: str) -> str:
    """A defined term as written without the bold around it (``"**Programmed Activity**"``;
    Word's runs give ``"**Cover** **Page**"``). Other asterisks (``"[***]"``) are kept."""
    term = term.strip()
    if len(term) > 4 and term[:2] == term[-2:] and term[:2] in ("**", "__"):
        return strip_markup(term)
    return term


def _alternative_terms(text: str, end: int, body: str) -> list[FoundDefinition]:
    """The other names defined together with one: ``"Programmed Activity" or "PA" means``."""
    found: list[FoundDefinition] = []
    while end > 0 and len(found) < 4:
        window_start = max(0, end - _ALTERNATIVE_WINDOW)
        match = _ALTERNATIVE_RE.search(text, window_start, end)
        if match is None:
            break
        term = _plain_term(match.group("term"))
        if not term:
            break
        found.append(FoundDefinition(term, body, "means", match.start() + 1, match.end() + 1))
        end = match.start()
    if found and not _DEFINITION_LEAD_RE.search(text, max(0, end - 40), end):
        return []  # quoted words in a sentence (``said "yes" and "Widget" means``)
    found.reverse()
    return found


def find_definitions(text: str) -> list[FoundDefinition]:
    """Definitions in one clause line: ``"X" means …``, ``**X** means``, ``(the "X")``."""
    found: list[FoundDefinition] = []
    if '"' not in text and "*" not in text and "_" not in text:
        return found
    if '"' in text:
        for match in _QUOTED_MEANS_RE.finditer(text):
            term = _plain_term(match.group("term"))
            if term:
                body = text[match.end():match.end() + DEFINITION_TEXT_LIMIT].strip(" :,")
                found.extend(_alternative_terms(text, match.start(), body))
                found.append(FoundDefinition(term, body, "means", match.start() + 1,
                                             match.end() + 1))
    bold = _BOLD_MEANS_RE.match(text) if "**" in text or "__" in text else None
    if bold:
        term = bold.group("term").strip().rstrip(":")
        if term and not any(d.term == term for d in found):
            body = text[bold.end():bold.end() + DEFINITION_TEXT_LIMIT].strip(" :,")
            found.append(FoundDefinition(term, body, "means",
                                         bold.start("term") - 1, bold.end() + 1))
    if "(" in text and '"' in text:
        for match in _INLINE_DEF_RE.finditer(text):
            terms = [match.group("term")]
            terms.extend(_TAIL_TERM_RE.findall(match.group("tail") or ""))
            for term in terms:
                term = _plain_term(term)
                if term and not any(d.term == term and d.style == "means" for d in found):
                    found.append(FoundDefinition(term, "", "inline", match.start() + 1,
                                                 match.end() + 1))
    return found


# ------------------------------------------------------------------ cross-references

_CLAUSE_NUMBER = (
    r"(?:\d{1,5}(?:\.\d{1,5})*(?:\.(?!\d))?(?:\([a-zA-Z0-9]{1,5}\))*"
    r"|[IVXLCDM]{1,7}\b(?:\([a-zA-Z0-9]{1,5}\))*)"
)
_CLAUSE_REF_RE = fixed_pattern(
    r"\b(?P<word>[Cc]lauses?|CLAUSES?|[Ss]ections?|SECTIONS?|[Aa]rticles?|ARTICLES?|"
    r"[Pp]aragraphs?|PARAGRAPHS?)[ ]+(?P<first>" + _CLAUSE_NUMBER + r")"
    r"(?P<more>(?:[ ]*(?:,|and|or|to|-|&)[ ]*(?:" + _CLAUSE_NUMBER + r"))*)"
)
_MORE_NUMBER_RE = fixed_pattern(_CLAUSE_NUMBER)
_STATUTE_AFTER_RE = fixed_pattern(r"^[ ]+of[ ]+(?:the[ ]+)?[A-Z][\w ,()'-]{0,80}?\bAct\b")
_PART_OF_RE = fixed_pattern(
    r"^[ ]+(?:of|in|to)[ ]+(?:the[ ]+)?(?P<word>[Ss]chedule|SCHEDULE|[Aa]nnex|ANNEX|"
    r"[Aa]ppendix|APPENDIX|[Ee]xhibit|EXHIBIT)[ ]+(?P<target>\d{1,4}|[A-Z]{1,2}\b|[IVXLCDM]{1,7}\b)"
)
_ANNEX_REF_RE = fixed_pattern(
    r"\b(?P<word>[Ss]chedules?|SCHEDULES?|[Aa]nnex(?:es)?|ANNEX(?:ES)?|[Aa]ppendi(?:x|ces)|"
    r"APPENDI(?:X|CES)|[Ee]xhibits?|EXHIBITS?)[ ]+(?P<first>\d{1,4}(?:\.\d{1,4})?|[A-Z]{1,2}\b|"
    r"[IVXLCDM]{1,7}\b)(?P<more>(?:[ ]*(?:,|and|or|to|-|&)[ ]*(?:\d{1,4}|[A-Z]{1,2}\b))*)"
)
_MORE_ANNEX_RE = fixed_pattern(r"\d{1,4}|[A-Z]{1,2}\b")

_KIND_OF_WORD = {
    "clause": "clause", "section": "section", "article": "article", "paragraph": "paragraph",
    "schedule": "schedule", "annex": "annex", "annexe": "annex", "appendix": "appendix",
    "appendice": "appendix", "exhibit": "exhibit",
}


def _kind_of(word: str) -> str:
    stem = word.lower()
    if stem.endswith("ces"):
        stem = stem[:-3] + "x"
    elif stem.endswith("es") and stem[:-2] in _KIND_OF_WORD:
        stem = stem[:-2]
    elif stem.endswith("s"):
        stem = stem[:-1]
    return _KIND_OF_WORD.get(stem, "clause")


@dataclass(frozen=True, slots=True)
class FoundReference:
    """A reference found in a line, with its 1-based start and end columns."""

    text: str
    target_kind: str
    target: str
    column: int
    end_column: int


_CLAUSE_STEMS = ("lause", "ection", "rticle", "aragraph", "LAUSE", "ECTION", "RTICLE", "ARAGRAPH")
"""Every match of ``_CLAUSE_REF_RE`` starts one letter before one of these."""
_ANNEX_STEMS = ("chedule", "nnex", "ppendi", "xhibit", "CHEDULE", "NNEX", "PPENDI", "XHIBIT")
"""Every match of ``_ANNEX_REF_RE`` starts one letter before one of these."""


def _matches_at_stems(
    pattern: re.Pattern[str], text: str, stems: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, for a pattern whose matches start one letter before a stem.

    A clause can be pages long and hold a few references; ``str.find`` jumps to the places one
    can start, so the pattern is tried there rather than at every position of the text.
    """
    starts: set[int] = set()
    for stem in stems:
        at = text.find(stem, 1)
        while at >= 0:
            starts.add(at - 1)
            at = text.find(stem, at + 1)
    end = 0
    for start in sorted(starts):
        if start >= end:
            match = pattern.match(text, start)
            if match:
                end = match.end()
                yield match


def find_references(text: str) -> list[FoundReference]:
    """Every cross-reference in one line of text."""
    found: list[FoundReference] = []
    for match in _matches_at_stems(_CLAUSE_REF_RE, text, _CLAUSE_STEMS):
        after = text[match.end():match.end() + 120]
        if _STATUTE_AFTER_RE.match(after):
            continue
        kind = _kind_of(match.group("word"))
        numbers = [match.group("first")]
        numbers.extend(_MORE_NUMBER_RE.findall(match.group("more") or ""))
        written = match.group(0)
        for number in numbers:
            target = number.rstrip(".")
            if target:
                found.append(FoundReference(written, kind, target, match.start() + 1,
                                            match.end() + 1))
        part_of = _PART_OF_RE.match(after)
        if part_of and kind == "paragraph":
            start = match.end() + part_of.start("word")
            found.append(FoundReference(
                text[start:match.end() + part_of.end()], _kind_of(part_of.group("word")),
                part_of.group("target"), start + 1, match.end() + part_of.end() + 1,
            ))
    covered = {(r.column, r.target) for r in found}
    for match in _matches_at_stems(_ANNEX_REF_RE, text, _ANNEX_STEMS):
        kind = _kind_of(match.group("word"))
        numbers = [match.group("first")]
        numbers.extend(_MORE_ANNEX_RE.findall(match.group("more") or ""))
        for number in numbers:
            if (match.start() + 1, number) in covered:
                continue
            found.append(FoundReference(match.group(0), kind, number, match.start() + 1,
                                        match.end() + 1))
    found.sort(key=lambda r: r.column)
    return found


# ------------------------------------------------------------------ parties

_PARTY_TYPE_PATTERNS: tuple[tuple[PartyType, re.Pattern[str]], ...] = (
    (PartyType.NHS_TRUST, fixed_pattern(r"\bNHS\b.{0,60}\bTrust\b|\bNHS\s+Foundation\s+Trust\b",
                                        re.IGNORECASE)),
    (PartyType.NHS_BODY, fixed_pattern(
        r"\bICB\b|\bIntegrated\s+Care\s+(?:Board|System)\b|\bNHS\s+England\b|\bNHS\b|"
        r"\bClinical\s+Commissioning\s+Group\b|\bCCG\b|\bHealth\s+Board\b|\bUKHSA\b",
        re.IGNORECASE)),
    (PartyType.UNIVERSITY, fixed_pattern(r"\bUniversity\b|\bUniversities\b", re.IGNORECASE)),
    (PartyType.LOCAL_AUTHORITY, fixed_pattern(
        r"\bCouncil\b|\bBorough\b|\bCounty\b|\bCombined\s+Authority\b|\bLocal\s+Authority\b|"
        r"\bCity\s+of\s+\w+\s+Corporation\b|\bGreater\s+London\s+Authority\b", re.IGNORECASE)),
    (PartyType.SCHOOL_COLLEGE, fixed_pattern(r"\bCollege\b|\bSchool\b|\bAcademy\b|\bAcademies\b",
                                             re.IGNORECASE)),
    (PartyType.CHARITY, fixed_pattern(
        r"\bCharity\b|\bCharitable\b|\bCIO\b|\bregistered\s+charity\b|\bFoundation\b",
        re.IGNORECASE)),
    (PartyType.COMMUNITY_ORGANISATION, fixed_pattern(
        r"\bCommunity\b|\bVoluntary\b|\bResidents?\b|\bAssociation\b|\bGroup\b|\bCIC\b|"
        r"\bTrust\b|\bNetwork\b|\bCollective\b|\bForum\b|\bCo-?operative\b|\bSociety\b|"
        r"\bClub\b|\bProject\b|\bPartnership\b|\bAlliance\b|\bCentre\b|\bCenter\b",
        re.IGNORECASE)),
    (PartyType.BUSINESS, fixed_pattern(
        r"\bLtd\b\.?|\bLimited\b|\bplc\b|\bInc\b\.?|\bLLC\b|\bLLP\b|\bCorporation\b|\bCorp\b\.?|"
        r"\bCompany\b|\bGmbH\b|\bS\.A\.|\bN\.V\.|\bL\.P\.|\bLP\b|\bHoldings\b|\bCo\b\.",
        re.IGNORECASE)),
)


_CHARITY_DESCRIPTION_RE = fixed_pattern(
    r"\bregistered\s+charity\b|\bcharitable\s+(?:company|incorporated|trust|organisation)|"
    r"\bCIO\b|\bcharity\s+(?:number|no\.?)", re.IGNORECASE)


def infer_party_type(name: str, description: str = "") -> PartyType:
    """Guess an organisation's type from its name and description.

    The name decides, except that a community organisation (or an unknown one) described as
    a registered charity is a charity.
    """
    found = _type_from(name, description)
    if found in (PartyType.COMMUNITY_ORGANISATION, PartyType.OTHER) and description and (
            _CHARITY_DESCRIPTION_RE.search(description[:600])):
        return PartyType.CHARITY
    return found


def _type_from(name: str, description: str) -> PartyType:
    for text in (name, description):
        if not text:
            continue
        sample = text[:400]
        for party_type, pattern in _PARTY_TYPE_PATTERNS:
            if pattern.search(sample):
                if party_type is PartyType.BUSINESS and re.search(
                    r"\bcharit|\bCIC\b|community interest company", sample, re.IGNORECASE
                ):
                    return (PartyType.COMMUNITY_ORGANISATION
                            if re.search(r"\bCIC\b|community interest", sample, re.IGNORECASE)
                            else PartyType.CHARITY)
                return party_type
    return PartyType.OTHER


_SHORT_NAME_RE = fixed_pattern(
    r'\((?:[^()"\n]{0,60}?)"(?P<short>[^"\n]{1,60})"[^()\n]{0,40}\)'
)
_UNQUOTED_SHORT_NAME_RE = fixed_pattern(
    r"\((?:the\s+)?(?:\*\*|__)?(?P<short>[A-Z][\w&'-]{0,30}(?:\s[A-Z][\w&'-]{0,30}){0,3})"
    r"(?:\*\*|__)?\)[\s.;,]*(?:and)?[\s.;,]*$"
)
"""``… Leeds LS2 9JT (**University**).``: the short name in brackets that ends a party item."""
_NAME_CUT_RE = fixed_pattern(
    r",|;|\((?=[^)]{0,60}\")|\((?=\s*(?:the|each|hereinafter|company|registered|charity|"
    r"a\s|an\s|whose|of\s|incorporated|acting|ABN|ACN|number|no\.))|\s+whose\s|\s+a\s+company\s|"
    r"\s+a\s+(?:registered|charity|charitable|company|limited|body|local|public|statutory|"
    r"corporation|university|Delaware|Nevada|California|New\s+York)\b|\s+an?\s+[A-Z][a-z]+\s+"
    r"(?:corporation|company|limited)\b|\s+of\s+\d|\s+incorporated\s|\s+\(registered",
    re.IGNORECASE,
)
_LEADING_JUNK_RE = fixed_pattern(r"^(?:(?:and|between|by and between|among|amongst|of|the party|"
                                 r"party)\b[ :,]*)+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FoundParty:
    """A party read from a line or paragraph."""

    name: str
    short_name: str | None
    description: str


def clean_party_name(text: str) -> str:
    """A party's name without markup, list markers and trailing connectives."""
    name = strip_tags(text)
    bold = re.match(r"^\s*(?:\*\*|__)(?P<inner>[^*_]{1,200})(?:\*\*|__)", name)
    if bold:
        name = bold.group("inner")
    else:
        cut = _NAME_CUT_RE.search(name)
        if cut:
            name = name[: cut.start()]
    name = _LEADING_JUNK_RE.sub("", name.strip())
    bold = re.match(r"^\s*(?:the\s+)?(?:\*\*|__)(?P<inner>[^*_]{1,200})(?:\*\*|__)", name)
    if bold:
        name = bold.group("inner")
    name = name.replace("**", "").replace("__", "")
    if name.startswith("the "):
        name = name[4:]
    name = re.sub(r"[\s;,:.]+(?:and|AND)?[\s;,:.]*$", "", name)
    caps_then_address = re.match(r"^([A-Z0-9&'.\- ]{3,}?)\s+of\s+(?:the\s+)?[A-Z][a-z]", name)
    if caps_then_address and any(ch.isalpha() for ch in caps_then_address.group(1)):
        name = caps_then_address.group(1)
    return " ".join(name.split()).strip(" .;:,")


def party_from_text(text: str) -> FoundParty | None:
    """One party from a party item (``(1) THE UNIVERSITY OF X, … ("University"); and``)."""
    body = text.strip()
    if not body:
        return None
    short = _SHORT_NAME_RE.search(body) or _UNQUOTED_SHORT_NAME_RE.search(body)
    name = clean_party_name(body)
    if not name or len(name) > 200 or not any(ch.isalpha() for ch in name):
        return None
    if not (name[0].isupper() or name[0].isdigit() or name[0] in "[(") or _NOT_A_NAME_RE.match(
            name) or '"' in name:
        return None
    short_name = short.group("short").strip() if short else None
    if short_name == name:
        short_name = None
    return FoundParty(name, short_name, " ".join(body.split())[:300])


_BETWEEN_RE = fixed_pattern(r"\b(?:by\s+and\s+between|between|among|amongst)\b[:,]?\s*",
                            re.IGNORECASE)


def parties_from_sentence(text: str) -> list[FoundParty]:
    """Parties named in ``This Agreement is made between X ("A") and Y ("B").``

    Each party ends with its defined short name; the next one must follow straight on
    (``, and Y …``), so short names defined later in the paragraph are not taken as parties.
    """
    match = _BETWEEN_RE.search(text)
    if match is None:
        return []
    # First-person drafting: "This agreement is between us, Riverside Charity (…), and …".
    rest = _FIRST_PERSON_RE.sub("", text[match.end():], count=1)
    shorts = list(_SHORT_NAME_RE.finditer(rest))
    if shorts:
        return _parties_ending_at(rest, shorts)
    # short names in brackets without quotes: ``X, through its team (the Council), and Y``
    unquoted = _parties_ending_at(rest, list(_UNQUOTED_BRACKET_RE.finditer(rest[:2000])))
    if len(unquoted) >= 2:
        return unquoted
    # no defined short names: ``between X and Y.``
    parties: list[FoundParty] = []
    head = re.split(r"[.;]\s|\.$", rest, maxsplit=1)[0]
    pieces = re.split(r"\s+and\s+", head, maxsplit=1)
    if len(pieces) == 2:
        for piece in pieces:
            # ``… and you, Riverside CIC, about the study``: the name without its framing
            piece = _READER_RE.sub("", piece)
            piece = _SUBJECT_CUT_RE.split(piece, maxsplit=1)[0]
            party = party_from_text(piece)
            if party and len(party.name.split()) <= 12:
                parties.append(party)
    return parties if len(parties) == 2 else []


def _parties_ending_at(rest: str, shorts: list[re.Match[str]]) -> list[FoundParty]:
    """Parties each ending with the short-name bracket matched in ``shorts``, one after another."""
    parties: list[FoundParty] = []
    start = 0
    for short in shorts:
        segment = rest[start:short.end()]
        start = short.end()
        if parties:
            joined = _JOIN_RE.search(segment[: max(0, len(segment) - len(short.group(0)))])
            if joined is None or short.start() - (short.end() - len(segment)) > 800:
                break
            segment = segment[joined.end():]
        party = party_from_text(segment.lstrip(" ,;"))
        if party is None or len(party.name.split()) > 12:
            break
        if not party.short_name:
            bare = strip_markup(short.group(0)[1:-1])
            if bare != party.name:
                break
        parties.append(party)
    return parties


_UNQUOTED_BRACKET_RE = fixed_pattern(
    r"\((?:the[ ]+)?[A-Z][\w&'-]{0,30}(?:[ ][A-Z][\w&'-]{0,30}){0,3}\)")
"""``(the Council)``, ``(Harbour Youth Project)``: a short name given without quotes."""
_FIRST_PERSON_RE = fixed_pattern(r"^\s*(?:us|ourselves|we)\s*[,:]\s*", re.IGNORECASE)
_READER_RE = fixed_pattern(r"^\s*(?:you|yourselves|(?:your|our)\s+(?:organisation|organization|"
                           r"charity|group|company|club|trust|council|university|college))"
                           r"\s*[,:]\s*", re.IGNORECASE)
"""A letter's ``you, Riverside CIC`` or ``your organisation, Riverside CIC``."""
_SUBJECT_CUT_RE = fixed_pattern(
    r"\s+(?:about|regarding|concerning|relating\s+to|in\s+relation\s+to|in\s+respect\s+of|"
    r"which|who)\s")
"""Where a name in ``between X and Y about the project`` ends and the subject begins."""
_JOIN_RE = fixed_pattern(r"(?:^|.*?(?:[,;]|\s))(?:and|AND)\s+", re.DOTALL)
_NOT_A_NAME_RE = fixed_pattern(
    r"^(?:whereas|recitals?|now|which|as|each|together|collectively|in|this|these|the parties|"
    r"existing|located|having|a|an|its|their)\b", re.IGNORECASE)


def _two_organisations(text: str) -> list[FoundParty]:
    """``Millgate Youth Club and the University of Hartsmere``: two parties on one line.

    Split only when both halves are recognisably organisations, so that a name holding "and"
    ("Fenmouth and Wash Integrated Care Board") stays whole.
    """
    pieces = re.split(r"\s+and\s+", text.strip(" ;,."), maxsplit=1)
    if len(pieces) != 2:
        return []
    found = [party_from_text(piece) for piece in pieces]
    parties = [party for party in found if party is not None and len(party.name.split()) <= 8]
    if len(parties) != 2 or any(infer_party_type(p.name) is PartyType.OTHER for p in parties):
        return []
    return parties


_ITEM_MARKER_RE = fixed_pattern(r"(?:^|[\s;,])\(\d{1,2}\)\s+")


def parties_from_item(text: str) -> list[FoundParty]:
    """Parties in a party item, which may hold several: ``(1) X ("A"); and (2) Y ("B")``."""
    pieces = [p for p in _ITEM_MARKER_RE.split(text) if p.strip(" ;,")]
    if len(pieces) <= 1 and len(_SHORT_NAME_RE.findall(text)) > 1:
        return parties_from_sentence("between " + text)
    if len(pieces) == 1 and not _SHORT_NAME_RE.search(text):
        pair = _two_organisations(pieces[0])
        if pair:
            return pair
    found: list[FoundParty] = []
    for piece in pieces:
        party = party_from_text(piece.strip(" ;,"))
        if party is not None:
            found.append(party)
    return found
