"""Unfilled placeholders: blanks, brackets and template fields still waiting for wording.

A draft sent to a partner with ``[Insert date]`` or ``£[ ]`` in it cannot be agreed to as it
stands. Every placeholder is reported where it is — title, parties, front matter, clauses,
schedules and signature fields alike — except what is *meant* to stay blank or bracketed:
signature lines in a signature block, Markdown links, list and recital labels (``[A]``),
citations (``[2019]``), "[Reserved]", ``[***]`` redaction marks and, when the document
says it has redactions, ``[*]`` too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...fixed import fixed_pattern
from ..context import CheckContext
from ..folding import holds_any, lowered
from . import Hit, register
from .scan import matches_from
from .text import Block, locate, run_blocks

PLACEHOLDER = fixed_pattern(
    r"""
      (?P<curly>\{\{[^{}\n]*\}\})                                   # {{party_name}}
    | (?P<brace>(?<!\{)\{[A-Za-z_][\w .-]{0,40}\}(?!\}))            # {amount}
    | (?P<bracket>[£$€]?\s?\[[^\[\]\n]{0,80}\])(?!\()               # [•] [Insert …] £[ ]
    | (?P<date>\b(?:XX|DD|dd)/(?:XX|MM|mm)/(?:XXXX|YYYY|yyyy|XX|YY)\b)  # XX/XX/XXXX
    | (?P<money>[£$€]\s?X[X,.]*\b)                                 # £X,XXX
    | (?P<blank>_{3,})                                              # ______
    | (?P<tbc>(?<![\w-])(?:TBC|TBD|TBA)(?![\w-]))
    """,
    re.VERBOSE,
)

_PLACEHOLDER_MARKS = ("{", "[", "/", "£", "$", "€", "___", "TB")
"""Something each kind of placeholder holds: a text with none of them has no placeholder."""
_SIGN_OR_BRACE = fixed_pattern(r"[{\[£$€]")
_UNDERLINE = fixed_pattern(r"___+")


def _placeholder_starts(text: str) -> list[int]:
    """Every offset where a :data:`PLACEHOLDER` match can begin, in order.

    Each kind begins at (or just before) a mark that is quick to find: a brace, a bracket
    (perhaps after a currency sign and a space), a currency sign, an underline, two
    characters before a slash (``XX/XX/XXXX``) or "TB". Trying the pattern only there finds
    what ``finditer`` does; trying it at every character of a long agreement costs far more.
    """
    starts: set[int] = set()
    for mark in _SIGN_OR_BRACE.finditer(text):
        at = mark.start()
        starts.add(at)
        if text[at] == "[":
            starts.update((at - 1, at - 2))
    for line in _UNDERLINE.finditer(text):
        starts.update(range(line.start(), line.end()))
    for word, back in (("/", 2), ("TB", 0)):
        at = text.find(word)
        while at != -1:
            starts.add(at - back)
            at = text.find(word, at + 1)
    return sorted(at for at in starts if at >= 0)

_FILLER = fixed_pattern(r"[\s.…•●·○◦▪_*-]*")
_LABEL = fixed_pattern(r"[A-Za-z]|[ivxlcdmIVXLCDM]+|\d{1,4}|[xX✓✔]")
_INSTRUCTION = fixed_pattern(
    r"^(?:insert|enter|add|specify|complete|state|describe|confirm|tbc|tbd|to\s+be|xx+|select"
    r"|choose|drafting\s+note|note\s+to\s+draft)",
    re.IGNORECASE,
)
_FIELD_WORD = fixed_pattern(
    r"\b(?:name|names|date|address|amount|number|title|organi[sz]ation|signature|details|sum"
    r"|figure|e-?mail|phone|telephone|role|position|year|month|price|fee|value|percentage"
    r"|post\s?code|company|party|partner)\b",
    re.IGNORECASE,
)
_NOT_PLACEHOLDER = fixed_pattern(
    r"reserved|intentionally|omitted|deleted|signature\s+pages?|follows?|redacted|\bsic\b"
    r"|emphasis|continued|page\b|not\s+used",
    re.IGNORECASE,
)
_TITLE_WORD = fixed_pattern(r"[A-Z][\w'-]*|of|and|the|for|to|in|&|/")
_SIGNATURE_START = fixed_pattern(
    r"in\s+witness\s+whereof|signed\s+(?:for|by|on\s+behalf)|executed\s+(?:as|by|on)"
    r"|signature\s+page|(?:^|\n)\s*(?:signatures?|execution)\s*(?:\n|$)"
    r"|(?:^|\n|\s{2})(?:by|signed|signature)\s*:\s*_",
    re.IGNORECASE,
)
_SIGNATURE_LABEL = fixed_pattern(
    r"(?:signature|signed|sign|by|name|print(?:ed)?\s+name|title|position|date|dated|witness"
    r"|its|per|for\s+and\s+on\s+behalf\s+of[^:\n]*|authori[sz]ed\s+(?:signatory|signature)"
    r"|/s/[^_\n]*)\s*:?\s*$",
    re.IGNORECASE,
)
_ALWAYS_SIGNATURE = fixed_pattern(r"(?:signature|signed|sign|by|/s/[^_\n]*)\s*:?\s*$",
                                  re.IGNORECASE)
_REDACTIONS = (
    ("confidential", fixed_pattern(r"confidential\s+treatment", re.IGNORECASE)),
    ("portion", fixed_pattern(r"portions?\s+[^.]{0,60}(?:omitted|redacted)", re.IGNORECASE)),
    ("redact", fixed_pattern(r"\bredact", re.IGNORECASE)),
    ("[", fixed_pattern(r"\[\s*\*\s*\*\s*\*\s*\]")),
)
"""Wording that says a filed document has redactions, each with a word it cannot match
without (in lower case)."""


def _says_redacted(text: str) -> bool:
    """Whether the text says it has redactions ("[***]", "confidential treatment" …)."""
    folded = lowered(text)
    return any(holds_any(folded, (word,)) and pattern.search(text)
               for word, pattern in _REDACTIONS)


def bracket_is_placeholder(content: str, line: str, start: int, end: int,
                           redactions: bool) -> bool:
    """Whether ``[content]``, found at ``line[start:end]``, stands for text still to write."""
    inner = content.strip()
    if redactions and set(inner) <= {"*", " "}:
        return False  # "marked with brackets [ ] and an asterisk": the filing's redactions
    if not inner or _FILLER.fullmatch(inner):
        if inner and set(inner) <= {"*", " "}:
            # "[***]" is how filed agreements mark redactions; a lone "[*]" (or "[•]") is a
            # drafter's blank unless the document says it has redactions.
            return inner.count("*") < 3 and not redactions
        # "- [ ] item" is a Markdown task-list box, not a blank.
        return bool(inner) or not re.match(r"\s*[-*+]\s*$", line[:start])
    if _LABEL.fullmatch(inner) or re.fullmatch(r"\d{4}(?:\]\s*\w+)?", inner):
        return False  # "[A]" labels, "[1]" notes, "[2019]" citations
    if _NOT_PLACEHOLDER.search(inner):
        return False
    if _INSTRUCTION.match(inner):
        return True
    words = inner.split()
    if len(words) <= 8 and _FIELD_WORD.search(inner):
        return True
    if len(words) <= 5 and all(_TITLE_WORD.fullmatch(w) for w in words) and not inner.isupper():
        before = line[:start].strip()
        after = line[end:].strip()
        heading_label = re.search(r"(?:article|section|clause|part|chapter)\s+[\w.]+$", before,
                                  re.IGNORECASE)
        return bool(before or after) and not heading_label
    return False


def _signature_region(block: Block) -> int:
    """Offset where a block's signature region starts (len(text) when it has none)."""
    if block.origin == "signature":
        return 0
    clause = block.clause
    if clause is not None and re.search(r"sign|execut", clause.heading or "", re.IGNORECASE):
        return 0
    found = _SIGNATURE_START.search(block.text)
    return found.start() if found else len(block.text)


@register("placeholder")
def placeholder(ctx: CheckContext) -> Iterator[Hit]:
    """Fire at every unfilled placeholder, at its line. vars: ``placeholder``."""
    all_blocks = run_blocks(ctx)
    redactions = any(_says_redacted(b.text) for b in all_blocks)
    for block in all_blocks:
        text = block.text
        if not any(mark in text for mark in _PLACEHOLDER_MARKS):
            continue
        signatures_from: int | None = None
        for match in matches_from(PLACEHOLDER, text, _placeholder_starts(text)):
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            line = text[line_start: line_end if line_end != -1 else len(text)]
            start, end = match.start() - line_start, match.end() - line_start
            if match.group("bracket") is not None:
                content = match.group("bracket").lstrip("£$€ ")[1:-1]
                if not bracket_is_placeholder(content, line, start, end, redactions):
                    continue
            elif match.group("blank") is not None:
                if signatures_from is None:
                    signatures_from = _signature_region(block)
                if _expected_blank(text, line, start, match.start() >= signatures_from):
                    continue
            yield Hit(locate(block, match.start()), evidence=match.group(0).strip(),
                      vars={"placeholder": match.group(0).strip()})


def _expected_blank(text: str, line: str, start: int, in_signatures: bool) -> bool:
    """A signing line: after "Signature:" or "By:", or any blank inside a signature block."""
    before = line[:start]
    if re.search(r"(?:^|\s)\d{1,3}\s+(?:_{3,}\s+)*$", before):
        return True  # "… 6 ____ ____": a page's initials boxes after its number
    before = re.split(r"\s{3,}|_{3,}", before)[-1] if before.strip() else before
    if _ALWAYS_SIGNATURE.search(before):
        return True
    if in_signatures:
        return True
    return bool(_SIGNATURE_LABEL.search(before)) and bool(
        re.search(r"(?:signature|signed|/s/)", text, re.IGNORECASE)
    ) and _near_signature(text, line)


def _near_signature(text: str, line: str) -> bool:
    """The line sits within a few lines of a signing line."""
    lines = text.split("\n")
    try:
        index = lines.index(line)
    except ValueError:
        return False
    window = "\n".join(lines[max(0, index - 4): index + 5])
    return bool(re.search(r"signature|signed|\bby\s*:|/s/", window, re.IGNORECASE))
