"""Parties named in the running prose that opens a letter or memorandum.

A letter-style draft has no parties block: its opening paragraph says, for example, that the
letter records what a university ("we", "the University") and a community group ("you")
have agreed, or a ``From:``/``To:`` header names the two organisations. A name counts only
when the wording around it marks it as a party: a bracket that gives it short names, in a
list of two or more such names, in a sentence about the agreement; or a header line naming
an organisation. People's names, projects, places and funders mentioned in passing are not
parties.
"""

from __future__ import annotations

import re

from ..fixed import fixed_pattern
from ..model import PartyType
from .inline import FoundParty, infer_party_type, party_from_text, strip_markup

# ------------------------------------------------------------------ names with short names

_DEFINING_BRACKET_RE = fixed_pattern(
    r"\((?P<inner>[ ]*(?:(?:the|together|each|hereinafter|referred[ ]+to[ ]+as|called|"
    r"known[ ]+as|also|both|or|and)[ ,]+){0,4}"
    r"(?P<q>[\"'])[^\"'\n]{1,60}(?P=q)"
    r"(?:[ ]*(?:,|;|/|or|and)[ ]*(?:(?:or|and|the)[ ]+)?[\"'][^\"'\n]{1,60}[\"']){0,5}[ ]*)\)",
    re.IGNORECASE,
)
"""``("we", "the University")``, ``(the "Association")``, ``('you' or 'RYP')``."""
_QUOTED_RE = fixed_pattern(r"[\"']([^\"'\n]{1,60})[\"']")

_PRONOUNS = frozenset({"we", "us", "our", "ours", "you", "your", "yours", "they", "them"})
"""Short names a letter gives its writer and its reader: they mark a party."""

_NAME_WORDS = frozenset({"of", "and", "for", "the", "&", "in", "on", "upon", "at", "de", "y"})
"""Small words that may sit inside an organisation's name."""
_LEADING_WORDS = frozenset({
    "this", "between", "and", "dear", "we", "our", "both", "by", "with", "from", "to", "that",
    "further", "as", "under", "i", "it", "its", "each", "for", "of", "&", "in", "on", "at",
    "upon", "de", "y", "re", "subject", "hi", "hello", "what", "how", "who",
})
"""Words that can precede a name in a sentence but never begin one."""
_LEGAL_SUFFIXES = frozenset({"inc", "ltd", "limited", "llc", "llp", "plc", "cic", "cio", "co",
                             "lp", "gmbh"})
"""Endings that a comma may separate from the rest of a company's name."""
_KEPT_ABBREVIATIONS = frozenset({"st.", "co.", "ltd.", "inc.", "plc."})

_PERSON_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "cllr",
    "councillor", "rev", "revd", "reverend", "lord", "lady",
})

_NOT_AN_ORGANISATION = frozenset({
    "study", "programme", "program", "agreement", "memorandum", "letter", "plan", "scheme",
    "fund", "funding", "grant", "award", "prize", "data", "dataset", "service", "services",
    "survey", "policy", "act", "regulations", "strategy", "framework", "initiative",
    "protocol", "schedule", "annex", "appendix", "report", "festival", "event", "events",
    "campaign", "pilot", "evaluation", "trial", "research", "area", "site", "venue",
    "premises", "building", "materials", "outputs", "licence", "term", "period", "budget",
    "website", "app", "project", "activities", "work", "works", "sessions", "workshops",
})
"""Words that name an activity, thing or place; as the last word of a name or as its short
name they show that the bracket defines a project or a document, not a party."""

_GAP_RE = fixed_pattern(
    r"^[ ]*[,;]?[ ]*(?:(?:and|&|(?:together[ ]+)?with)[ ]+)?(?:(?:you|we|us)[ ]*,[ ]*)?"
    r"(?:the[ ]+)?$", re.IGNORECASE)
"""What may stand between one party's bracket and the next party's name."""
_PASSING_MENTION_RE = fixed_pattern(
    r"\b(?:(?:funded|supported|sponsored|financed|awarded|granted|backed|hosted|owned)[ ]+by|"
    r"funding[ ]+from|grants?[ ]+from|money[ ]+from|support[ ]+from|on[ ]+behalf[ ]+of|"
    r"located[ ]+(?:at|in)|based[ ]+(?:at|in)|held[ ]+(?:at|in)|like|such[ ]+as|including)"
    r"[ ,]*(?:the[ ]+)?$",
    re.IGNORECASE,
)
"""Wording just before a list of names that shows they are mentioned in passing."""
_AGREEMENT_CUE_RE = fixed_pattern(
    r"\b(?:agree\w*|agreement|letter|memorandum|understanding|between|partner\w*|together|"
    r"collaborat\w*|confirm\w*|records?|sets?[ ]+out|arrangements?|terms|commit\w*|"
    r"undertak\w*|sign\w*)\b",
    re.IGNORECASE,
)
"""A sentence that names the parties says what it records: an agreement, a partnership."""
_SENTENCE_END_RE = fixed_pattern(r"[.!?][ ]+(?=[A-Z\"'(])")

_AGREED_PAIR_RE = fixed_pattern(
    r"\b(?:what|how|that)[ ]+(?P<pair>[A-Z][^.;:()\"\n]{4,200}?)[ ]+"
    r"(?:have|has)[ ]+(?:now[ ]+)?agreed\b"
)
"""``… this letter records what Hallam University and Riverside CIC have agreed``."""

_SCAN_WINDOW = 160
"""How far before a bracket the name is looked for."""
_PARAGRAPH_LIMIT = 5000


def parties_from_prose(text: str) -> list[FoundParty]:
    """Parties named in one opening paragraph of a letter or memorandum.

    ``… what Hallam University ("we", "the University") and Riverside CIC ("you") have
    agreed``: two or more names, each followed by a bracket giving its short names, joined by
    commas or "and". Without brackets, ``what X and Y have agreed`` names two parties when
    both are recognisably organisations.
    """
    text = strip_markup(text[:_PARAGRAPH_LIMIT])
    if "(" in text:
        found = _bracketed_list(text)
        if found:
            return found
    pair = _AGREED_PAIR_RE.search(text)
    if pair:
        return _two_organisations(pair.group("pair"))
    return []


class _Piece:
    """One name and its defining bracket, with where they start and end in the paragraph."""

    __slots__ = ("end", "party", "start", "strong")

    def __init__(self, start: int, end: int, party: FoundParty, strong: bool) -> None:
        self.start = start
        self.end = end
        self.party = party
        self.strong = strong


def _bracketed_list(text: str) -> list[FoundParty]:
    """The first list of two or more names with defining brackets that reads as the parties."""
    chain: list[_Piece] = []
    for bracket in _DEFINING_BRACKET_RE.finditer(text):
        piece = _piece(text, bracket)
        if piece is not None and chain and _GAP_RE.match(text[chain[-1].end:piece.start]):
            chain.append(piece)
            continue
        if _accepted(text, chain):
            break
        chain = [piece] if piece is not None else []
    return [p.party for p in chain] if _accepted(text, chain) else []


def _accepted(text: str, chain: list[_Piece]) -> bool:
    """Whether a list of names reads as the parties to what the paragraph records."""
    if len(chain) < 2 or not any(p.strong for p in chain):
        return False
    names = {p.party.name.lower() for p in chain}
    if len(names) < len(chain):
        return False
    before = text[max(0, chain[0].start - 60):chain[0].start]
    if _PASSING_MENTION_RE.search(before):
        return False
    return _AGREEMENT_CUE_RE.search(_sentence_around(text, chain[0].start, chain[-1].end)) \
        is not None


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or sentences) holding ``text[start:end]``."""
    opening = 0
    for match in _SENTENCE_END_RE.finditer(text, 0, start):
        opening = match.end()
    closing = _SENTENCE_END_RE.search(text, end)
    return text[opening:closing.start() if closing else len(text)]


def _piece(text: str, bracket: re.Match[str]) -> _Piece | None:
    """The name just before a defining bracket, when it can be a party's name."""
    start = _name_start(text, bracket.start())
    if start is None:
        return None
    name = text[start:bracket.start()].strip()
    shorts = [s.strip() for s in _QUOTED_RE.findall(bracket.group("inner"))]
    words = name.split()
    if not words or len(words) > 12 or words[0].lower().rstrip(".") in _PERSON_TITLES:
        return None
    proper = [s for s in shorts if s.lower() not in _PRONOUNS]
    addressed = len(proper) < len(shorts)  # ("we") or ("you"): the letter's writer or reader
    if words[-1].lower().strip(".'") in _NOT_AN_ORGANISATION and not addressed:
        return None
    if any(_bare(s) in _NOT_AN_ORGANISATION for s in proper):
        return None
    party = party_from_text(name)
    if party is None:
        return None
    strong = addressed or infer_party_type(party.name) is not PartyType.OTHER
    description = text[start:bracket.end()]
    short = proper[0] if proper and proper[0] != party.name else None
    return _Piece(start, bracket.end(), FoundParty(party.name, short, description), strong)


def _bare(short: str) -> str:
    """``the University`` → ``university``: a short name without its article."""
    lowered = short.lower()
    return lowered[4:] if lowered.startswith("the ") else lowered


def _name_start(text: str, end: int) -> int | None:
    """Where the organisation's name that ends at ``end`` begins, or None if there is none.

    The name is the run of capitalised words (and small words such as "of" between them)
    just before the bracket; the words that lead into it ("between", "this", "and") are not
    part of it.
    """
    window_start = max(0, end - _SCAN_WINDOW)
    tokens = [(m.start() + window_start, m.group()) for m in
              re.finditer(r"\S+", text[window_start:end])]
    if window_start > 0 and tokens:
        tokens = tokens[1:]  # the first token may be cut in half by the window
    kept: list[tuple[int, str]] = []
    for position, token in reversed(tokens):
        if kept and token.endswith(",") and all(
                t.lower().strip(".,") in _LEGAL_SUFFIXES for _, t in kept):
            kept.append((position, token))  # ``Autoliv ASP, Inc.``
            continue
        if kept and (token[-1] in ",;:)\"'" and not token.endswith("s'")):
            break
        if kept and token.endswith(".") and token.lower() not in _KEPT_ABBREVIATIONS:
            break
        if token[0].isupper() or token[0].isdigit() or token.lower() in _NAME_WORDS:
            kept.append((position, token))
            continue
        break
    kept.reverse()
    while kept and (kept[0][1].lower() in _LEADING_WORDS and kept[0][1] != "The"):
        kept.pop(0)
    while kept and kept[-1][1].lower() in _NAME_WORDS:
        kept.pop()
    if not kept or not any(token[0].isupper() for _, token in kept):
        return None
    return kept[0][0]


def _two_organisations(text: str) -> list[FoundParty]:
    """``Hallam University and Riverside Youth Project CIC``: both must be organisations."""
    pieces = re.split(r"[ ]+and[ ]+", text.strip(" ,"), maxsplit=1)
    if len(pieces) != 2:
        return []
    found: list[FoundParty] = []
    for piece in pieces:
        party = party_from_text(piece)
        if party is None or len(party.name.split()) > 8 or infer_party_type(
                party.name) is PartyType.OTHER:
            return []
        found.append(party)
    return found


# ------------------------------------------------------------------ From: and To: headers

_HEADER_RE = fixed_pattern(
    r"^[ ]*(?:\*\*|__)?(?P<field>from|to)(?:\*\*|__)?[ ]*:[ ]*(?P<value>.+)$", re.IGNORECASE)
_EMAIL_RE = fixed_pattern(r"<[^<>]{0,200}>|\S+@\S+")
_TYPE_RANK = {party_type: rank for rank, party_type in enumerate((
    PartyType.NHS_TRUST, PartyType.NHS_BODY, PartyType.UNIVERSITY, PartyType.LOCAL_AUTHORITY,
    PartyType.SCHOOL_COLLEGE, PartyType.CHARITY, PartyType.COMMUNITY_ORGANISATION,
    PartyType.BUSINESS,
))}


def header_field(line: str) -> tuple[str, str] | None:
    """``From: University of X, Research Office`` → ``("from", "University of X, …")``."""
    match = _HEADER_RE.match(strip_markup(line)) if ":" in line else None
    if match is None:
        return None
    return match.group("field").lower(), match.group("value")


def organisation_in_header(value: str) -> FoundParty | None:
    """The organisation a ``From:`` or ``To:`` line names, if it names one.

    The value is split at commas (person, job title, organisation, address); the part that is
    recognisably an organisation is kept, preferring a university or public body over a
    school or office inside it. A person's name or an email address alone gives nothing.
    """
    best: tuple[int, FoundParty] | None = None
    for part in _EMAIL_RE.sub(" ", value).split(","):
        words = part.split()
        if not words or len(words) > 10 or words[0].lower().rstrip(".") in _PERSON_TITLES:
            continue
        party = party_from_text(" ".join(words))
        if party is None:
            continue
        rank = _TYPE_RANK.get(infer_party_type(party.name))
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, FoundParty(party.name, None, value.strip()[:300]))
    return best[1] if best else None
