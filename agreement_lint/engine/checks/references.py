"""Cross-references that point at nothing: "see clause 9.4" in a draft with no clause 9.4.

Precision matters more than recall here: real agreements cite other documents constantly
("Section 13(d) of the Exchange Act", "clause 3 of the Funding Agreement"), number their
clauses in several styles ("4.1(a)" cited as "4(a)", "Article IV" as "Article 4", "Section
1.01" as "Section 1.1"), and keep sub-paragraph labels inside a clause's text where the parser
does not make them clauses of their own. A reference is reported only when none of these
readings finds its target.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property, lru_cache

from ...fixed import fixed_pattern
from ...model import Agreement, Clause, CrossReference
from ..context import CheckContext
from ..folding import lowered
from . import Hit, register
from .scan import is_word, line_starts, matches_from, starts_before
from .text import Block, run_blocks, run_text

SCHEDULE_KINDS = frozenset({"schedule", "annex", "appendix", "exhibit", "attachment"})

_ROMAN = fixed_pattern(r"^[ivxlcdm]+$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_SEGMENT = fixed_pattern(r"[A-Za-z]+|\d+")
_PREFIX = fixed_pattern(
    r"^\s*(?:clauses?|sections?|articles?|paragraphs?|paras?\.?|sub-?clauses?|sub-?sections?"
    r"|sub-?paragraphs?|schedules?|annex(?:es)?|appendix|exhibits?|attachments?|part|§+)\s*",
    re.IGNORECASE,
)

_TEXT_LABEL = fixed_pattern(
    r"""(?: (?:SECTION|ARTICLE|CLAUSE|PARAGRAPH)\s+(?P<kw>[\dIVXLC][\d.IVXLC]*)
          | (?:^|\n|[ ]{2,})(?:Section|Article|Clause|Paragraph)\s+
            (?P<tkw>[\dIVXLC][\d.IVXLC]*?)\.?(?=\s{2,}|\n)
          | (?:^|\n)(?:Section|Article|Clause)[ ]+(?P<glued>[\dIVXLC][\d.IVXLC]*?)\.(?=[A-Z][a-z])
          | (?:^|\n|[ ]{2,})(?P<bare>\d{1,3}(?:\.\d{1,3})*(?:\([a-z0-9]{1,5}\))*)[.):]?[ ]
          | (?<=[.:;][ ])(?:Section[ ]|Article[ ])?(?P<run>\d{1,3}(?:\.\d{1,3})*)\.?[ ]+
            (?=[A-Z][A-Za-z]+)
          | (?<=[.:;][ ])(?:Article|Section|Clause)[ ](?P<rkw>[IVXLC]{1,6}|\d{1,3})\.?[ ]+
            (?=[A-Z\[])
        )""",
    re.VERBOSE,
)
"""A clause label in running text that the parser did not make a clause: "   4.2 The …",
"ARTICLE IV", "… agreed. 3.4. Maintenance of Records" — but not "see Section 3.1"."""

_RUN_LABEL = fixed_pattern(r"(?<=[A-Za-z0-9,] )(?P<label>\d{1,3}(?:\.\d{1,3})+)\.?[ ]+(?=[A-Z])")
"""A dotted number run into the text before a capital: "information 4.4 Non-Circumvention"."""
_REFERRING_WORDS = frozenset(
    {"section", "sections", "clause", "clauses", "article", "articles", "paragraph",
     "paragraphs", "and", "or", "to", "through", "in", "under", "of", "see", "per", "with",
     "schedule", "exhibit", "annex", "appendix", "rule", "form", "item", "version", "no.",
     "number", "pursuant"}
)

_EXTERNAL_AFTER = fixed_pattern(
    r"""^(?:\s*\([^()\n]{1,12}\))*                        # trailing sub-labels: (a)(ii)
        (?:\s*(?:,|and|or|through|to|-)\s*(?:(?:sub-?)?(?:sections?|clauses?|articles?
            |paragraphs?|rules?)\s+)?(?:[\w.]+(?:\s?\([^()\n]{1,12}\))*
            |(?:\([^()\n]{1,12}\))+))*                              # "and 14(d)", "or (2)"
        \s*,?\s*(?:(?:of|in|under|to)\s+(?:the\s+|that\s+certain\s+|said\s+)?
        |(?=there(?:of|in|under)\b))(?P<doc>[A-Za-z0-9][\w.&'-]*)""",
    re.VERBOSE,
)
_INTERNAL_DOCS = frozenset(
    {"this", "these", "hereof", "herein", "hereto", "schedule", "schedules", "exhibit",
     "exhibits", "annex", "annexes", "appendix", "appendices", "attachment", "such"}
)
_EXTERNAL_BEFORE = fixed_pattern(
    r"(?:U\.?\s?S\.?\s?C\.?|C\.?F\.?R\.?|Code|Act|Regulations?|Rules?|Treaty|Directive)"
    r"[\s,]*(?:§+\s*)?$"
    r"|\b(?:in|of|under)\s+(?:the|that\s+certain)\s+(?:[A-Z][\w&-]*\s+){0,4}[A-Z][\w&-]*"
    r"\s*\((?:including|see|e\.g\.,?|as\s+defined\s+in)\s+$",
)
"""Words just before a reference that show it cites another document: "35 U.S.C. §", "in
the JV Agreement (including Section 9.3.11 …)"."""


_LABEL_CUES = fixed_pattern(
    r"\n(?=[SACP\d])|  +(?=[SACP\d])|\.(?= [SAC\d])|:(?= [SAC\d])|;(?= [SAC\d])"
    r"|SECTION|ARTICLE|CLAUSE|PARAGRAPH"
)
"""What comes at or just before the start of every :data:`_TEXT_LABEL` match: a new line or
a gap before a keyword or a number, a stop and a space before one, or a keyword in capitals.
Each alternative opens with a fixed character, so the search skips through the rest."""
_RUN_LABEL_CUE = fixed_pattern(r" \d{1,3}\.\d")
"""A space before a dotted number, where every :data:`_RUN_LABEL` match begins."""
_INLINE_LABEL = fixed_pattern(r"\(([a-zA-Z]{1,5}|\d{1,3})\)")
_ITEM_LETTER = fixed_pattern(r"(?:^|\n)\s*\(?([a-z])[.)]")
_SCHEDULE_MENTION = fixed_pattern(
    r"(?:^|\n|\s{2,})(?:\d{1,3}[ ]+)?\**(schedule|annex|appendix|exhibit|attachment)"
    r"\s*[-–:]?\s*([A-Z0-9][\w.-]{0,8})\b",
    re.IGNORECASE,
)
"""A schedule named at the start of a line or after a wide gap: "SCHEDULE 2", "Exhibit A"."""
_SCHEDULE_WORDS = ("schedule", "annex", "appendix", "exhibit", "attachment")


def _label_starts(text: str) -> list[int]:
    """Every offset where a :data:`_TEXT_LABEL` match can begin: the text's start, a new line,
    a gap of two or more spaces, just after a stop and a space, or a keyword in capitals
    (where what follows allows one)."""
    starts = {0}
    for cue in _LABEL_CUES.finditer(text):
        at, end = cue.span()
        first = text[at]
        if first == " ":
            starts.update(range(at, end - 1))
        elif first in ".:;":
            starts.add(at + 2)
        else:
            starts.add(at)
    return sorted(starts)


def _schedule_mentions(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_SCHEDULE_MENTION`, tried only before the words it needs.

    A match starts within the spaces, digits and asterisks just before its word, so the
    words are found in the lower-cased text and the pattern tried from those stretches.
    """
    folded = lowered(text)
    if folded is None:
        # A character that matches an ASCII letter only when case is ignored: try everywhere.
        return _SCHEDULE_MENTION.finditer(text)
    starts = starts_before(folded, _SCHEDULE_WORDS, _space_digit_or_star)
    return matches_from(_SCHEDULE_MENTION, text, starts)


def _space_digit_or_star(char: str) -> bool:
    return char.isspace() or char.isdigit() or char == "*"


@lru_cache(maxsize=1024)
def roman_value(text: str) -> int | None:
    """The value of a lower-case Roman numeral, or None when it is not one."""
    if not _ROMAN.match(text):
        return None
    total = 0
    for i, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < following else value
    return total if total > 0 else None


@lru_cache(maxsize=4096)
def segments(number: str) -> tuple[str, ...]:
    """``Clause 4.01(a)(iv)`` → ``("4", "1", "a", "iv")``: lower case, no leading zeros."""
    out: list[str] = []
    for piece in _SEGMENT.findall(_PREFIX.sub("", number)):
        out.append(str(int(piece)) if piece.isdigit() else piece.lower())
    while len(out) > 1 and out[-1] == "0":
        out.pop()  # "6.0" is clause 6
    return tuple(out)


def _canonical(segment: str) -> str:
    """The value two segments share whenever :func:`_same` holds: a Roman numeral's number."""
    if segment.isdigit():
        return segment
    value = roman_value(segment)
    return segment if value is None else str(value)


def _index_by_first(haves: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Clause paths or labels by the canonical value of their first segment."""
    index: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for have in haves:
        if have:
            index[_canonical(have[0])].append(have)
    return dict(index)


def _same(ref: str, have: str) -> bool:
    """Two segments name the same thing: equal, or a digit and its Roman numeral."""
    if ref == have:
        return True
    if ref.isdigit():
        return not have.isdigit() and roman_value(have) == int(ref)
    return have.isdigit() and roman_value(ref) == int(have)


def _continues_sentence(text: str, match: re.Match[str]) -> bool:
    """``… paid back within`` then ``14 days of a claim.``: a line that a sentence wrapped
    onto begins with a number; it is not a clause label. The number has no full stop or
    bracket after it, a lower-case word follows, and the line before ends mid-sentence."""
    end = match.end()
    if text[match.end("bare"):end].strip() or not text[end:end + 1].islower():
        return False
    start = match.start("bare")
    before = text[max(0, start - 200):start].rstrip()
    return bool(before) and before[-1] not in ".:;!?)"


class Targets:
    """What an agreement's references may point at: clause paths, labels and schedules."""

    def __init__(self, agreement: Agreement, text: str) -> None:
        """``text`` is all the agreement's text (:func:`~.text.run_text`)."""
        self.paths: set[tuple[str, ...]] = set()
        self._clause_labels: set[tuple[str, ...]] = set()
        self.positional: set[tuple[str, ...]] = set()
        for clause in agreement.recitals + agreement.clauses:
            self._add(clause, ())
        for schedule in agreement.schedules:
            for clause in schedule.clauses:
                self._add(clause, ())
        self.text = text
        self._agreement = agreement

    @cached_property
    def labels(self) -> set[tuple[str, ...]]:
        """Clause numbers as the parser read them, and labels written in the running text.

        Reading the text costs a pass over it, so it waits until a reference that no clause
        path answers needs it.
        """
        labels = set(self._clause_labels)
        text = self.text
        run_starts = (cue.start() + 1 for cue in _RUN_LABEL_CUE.finditer(text))
        for match in matches_from(_RUN_LABEL, text, run_starts):
            word = text[max(0, match.start() - 14): match.start()].split()[-1:]
            if not word or word[0].lower().strip(",") not in _REFERRING_WORDS:
                labels.add(segments(match.group("label")))
        for match in matches_from(_TEXT_LABEL, text, _label_starts(text)):
            if match.group("bare") is not None and _continues_sentence(text, match):
                continue
            label = (match.group("kw") or match.group("tkw") or match.group("bare")
                     or match.group("run") or match.group("rkw") or match.group("glued"))
            labels.add(segments(label.rstrip(".")))
        return labels

    @cached_property
    def inline(self) -> set[str]:
        """Bracketed list labels anywhere in the text: "(a)", "(iv)", "(2)"."""
        return {m.group(1).lower() for m in _INLINE_LABEL.finditer(self.text)}

    @cached_property
    def item_letters(self) -> set[str]:
        """Letters that open a line as a list item: "a.", "(b)", "c)"."""
        text = self.text
        return {m.group(1) for m in matches_from(_ITEM_LETTER, text, line_starts(text))}

    @cached_property
    def _schedules(self) -> tuple[set[str], set[str]]:
        """The schedules' numbers and kinds: parsed, headed, or named in the text."""
        schedules: set[str] = set()
        kinds: set[str] = set()
        agreement = self._agreement
        for schedule in agreement.schedules:
            kinds.add(schedule.kind)
            number = schedule.number
            if not number and schedule.title:
                # "SCHEDULE - A  Description …" read as an unnumbered schedule titled "A …"
                first = (schedule.title.split() or [""])[0].rstrip(".:-")
                number = first if re.fullmatch(r"[A-Z]|\d{1,3}|[IVX]{1,5}", first) else None
            if number:
                schedules.add(number.lower())
        for match in _schedule_mentions(self.text):
            kinds.add(match.group(1).lower())
            schedules.add(match.group(2).lower().rstrip(".-"))
        for clause in agreement.walk():
            heading = clause.heading or ""
            found = re.match(r"\s*(schedule|annex|appendix|exhibit|attachment)\s+([\w.-]+)",
                             heading, re.IGNORECASE)
            if found:
                kinds.add(found.group(1).lower())
                schedules.add(found.group(2).lower().rstrip(".-"))
        return schedules, kinds

    @property
    def schedules(self) -> set[str]:
        """Every schedule, annex or exhibit number the draft has, lower-cased."""
        return self._schedules[0]

    @property
    def schedule_kinds(self) -> set[str]:
        """Every kind of attachment the draft has: schedule, annex, exhibit …"""
        return self._schedules[1]

    def _add(self, clause: Clause, parent: tuple[str, ...]) -> None:
        own = segments(clause.number) if clause.number else ()
        path = own if own and parent and own[:len(parent)] == parent else parent + own
        if own:
            self.paths.add(path)
            self._clause_labels.add(own)
        lettered = [c for c in clause.children
                    if c.number and segments(c.number) and not segments(c.number)[-1].isdigit()]
        if path and lettered and len(lettered) == len(clause.children):
            # Word's automatic "1.1, 1.2" numbering is often lost as "a., b."; a reference to
            # "1.2" may mean the second item of clause 1.
            for position in range(1, len(lettered) + 1):
                self.positional.add((*path, str(position)))
        for child in clause.children:
            self._add(child, path)

    def resolves(self, ref: CrossReference) -> bool:
        """Whether the reference's target exists under some reading of its numbering."""
        if ref.target_kind in SCHEDULE_KINDS:
            return self._schedule_exists(ref.target)
        wanted = segments(ref.target)
        if not wanted:
            return True
        first = _canonical(wanted[0])
        if any(_matches(wanted, have) for have in self._paths_by_first.get(first, ())):
            return True  # a clause the parser found: no need to read labels from the text
        if wanted in self.positional:
            return True
        known = self._starting_with(wanted[0])
        if any(_matches(wanted, have) for have in known):
            return True
        if self._lettered_item(wanted, known):
            return True
        head, _, tail = ref.target.partition("(")
        numbered = segments(head)
        items = [item.lower() for item in re.findall(r"([A-Za-z0-9]{1,5})\)", "(" + tail)]
        if not numbered:
            # "paragraph (c)": a list item somewhere in the text.
            return bool(items) and all(item in self.inline for item in items)
        if not any(_matches(numbered, have) for have in self._starting_with(numbered[0])):
            return False
        # "4(a)", "16.03(1)": the numbered part exists and the bracketed part is a list item
        # inside its text, which the parser need not have made a clause of its own.
        return all(item in self.inline for item in items) if items else False

    @cached_property
    def _by_first(self) -> dict[str, list[tuple[str, ...]]]:
        """Every clause path and label, by the canonical value of its first segment.

        A reference can only name a target whose first segment is the same (see
        :func:`_matches`), so each reference is compared with a handful of targets, not all.
        """
        return _index_by_first(self.paths | self.labels)

    @cached_property
    def _paths_by_first(self) -> dict[str, list[tuple[str, ...]]]:
        """:attr:`_by_first` for the clause paths alone, which need no reading of the text."""
        return _index_by_first(self.paths)

    def _starting_with(self, first: str) -> list[tuple[str, ...]]:
        return self._by_first.get(_canonical(first), [])

    @cached_property
    def _last_top(self) -> int:
        return max((int(p[0]) for p in self.paths if p and p[0].isdigit()), default=0)

    def _lettered_item(self, wanted: tuple[str, ...], known: list[tuple[str, ...]]) -> bool:
        """"Article 1.2" where Article 1 exists with no numbered sub-clauses but items "a.",
        "b." — Word's automatic numbering lost when the draft became text. ``known`` holds
        the targets whose first segment is the same as ``wanted``'s."""
        if len(wanted) != 2 or not wanted[1].isdigit() or not 0 < int(wanted[1]) <= 26:
            return False
        if not any(_matches(wanted[:1], have) for have in known):
            return False
        if any(len(have) > 1 and _same(wanted[0], have[0]) and have[1].isdigit()
               for have in known):
            return False
        return chr(ord("a") + int(wanted[1]) - 1) in self.item_letters

    def implausible(self, ref: CrossReference) -> bool:
        """A "Section 112" in a draft whose clauses stop at 15 is a land survey section or a
        statute, not a clause of this document."""
        if ref.target_kind in SCHEDULE_KINDS:
            return False
        wanted = segments(ref.target)
        if not wanted or not wanted[0].isdigit():
            return False
        return int(wanted[0]) > max(30, 2 * self._last_top)

    def _schedule_exists(self, target: str) -> bool:
        number = _PREFIX.sub("", target).strip().lower().rstrip(".")
        if re.fullmatch(r"[a-z]{2,}", number) and roman_value(number) is None:
            return True  # "this Exhibit or …": a word, not a schedule's number
        if re.fullmatch(r"\d{2,3}\.\d{1,3}", number) and int(number.split(".")[0]) >= 10:
            return True  # "Exhibit 10.1": a securities filing's exhibit index, not an annex
        if not number:
            return bool(self.schedule_kinds or self.schedules)
        if number in self.schedules:
            return True
        alt = roman_value(number)
        if alt is not None and str(alt) in self.schedules:
            return True
        return number.isdigit() and any(roman_value(s) == int(number) for s in self.schedules)


def _matches(wanted: Sequence[str], have: Sequence[str]) -> bool:
    """``wanted`` names ``have``: same first segment, the rest in order (levels may be skipped).

    So "4(a)" finds clause path 4.1(a), and "3.1" finds 3.1; the last segments must agree.
    """
    if not wanted or not have or len(wanted) > len(have):
        return False
    if not _same(wanted[0], have[0]) or not _same(wanted[-1], have[-1]):
        return False
    position = 1
    for segment in wanted[1:]:
        while position < len(have) and not _same(segment, have[position]):
            position += 1
        if position >= len(have):
            return False
        position += 1
    return True


def not_a_reference(after: str, before: str) -> bool:
    """True when the words around a reference show it is not one to this document's parts.

    It cites another document ("Section 5 of the Act", "21 U.S.C. Section 335a"), is part of
    a longer name ("Schedule 13D", a securities filing), or is a heading standing alone on its
    line (the "Exhibit 10.1" label a filed agreement starts with).
    """
    if after[:1].isalnum() or re.match(r"[.-][A-Za-z0-9]", after):
        return True  # "Schedule 13D", "Schedule 6.1.2": the reference was read short
    lead = before.rstrip(" \t*#")
    starts_line = not lead or lead.endswith("\n")
    rest = after.lstrip(" \t*.:")
    if starts_line and (not rest or rest.startswith("\n")):
        return True
    return external_context(after, before)


def external_context(after: str, before: str) -> bool:
    """True when the words around a reference show it cites another document."""
    if _EXTERNAL_BEFORE.search(before):
        return True
    found = _EXTERNAL_AFTER.match(after)
    if found is None:
        return False
    doc = found.group("doc")
    if doc.lower() in {"thereof", "therein", "thereunder"}:
        return True
    if doc.lower() in _INTERNAL_DOCS:
        return doc.lower() not in {"this", "these", "hereof", "herein", "hereto", "such"}
    return doc[0].isupper() or doc[0].isdigit()


_LEAD = fixed_pattern(r"\w+|.", re.DOTALL)


def _opening_word(text: str) -> str:
    """The word ``text`` opens with (or its first character when that is no word)."""
    found = _LEAD.match(text)
    return found.group() if found else text


def _contexts(agreement: Agreement, all_blocks: Sequence[Block]
              ) -> dict[tuple[str | None, str], list[tuple[str, str]]]:
    """For each (clause, reference text): the (after, before) context of every occurrence.

    Every reference text is looked for in one pass over each piece of text, not one pass per
    reference: a long agreement has many of both.
    """
    found: dict[tuple[str | None, str], list[tuple[str, str]]] = defaultdict(list)
    texts = [(block.location.clause, block.text) for block in all_blocks]
    wanted = {ref.text for ref in agreement.cross_references}
    if not wanted:
        return found
    if "" in wanted:
        return _contexts_one_by_one(texts, wanted)
    by_length: dict[int, set[str]] = defaultdict(set)
    for ref_text in wanted:
        by_length[len(ref_text)].add(ref_text)
    lengths = sorted(by_length)
    # Search for the words the references open with ("Section", "Schedule"): a short pattern
    # of literal words, the same from one agreement to the next, that skips in one step to
    # where one begins. Which reference is there, and that no word runs into it from the
    # left, is checked after.
    leads = sorted({_opening_word(ref_text) for ref_text in wanted})
    finder = re.compile("|".join(re.escape(lead) for lead in leads))
    for clause, text in texts:
        free_from: dict[str, int] = {}
        match = finder.search(text)
        while match is not None:
            at = match.start()
            match = finder.search(text, at + 1)
            if at and is_word(text[at - 1]):
                continue
            for length in lengths:
                ref_text = text[at: at + length]
                if ref_text not in by_length[length] or at < free_from.get(ref_text, 0):
                    continue
                end = at + length
                free_from[ref_text] = end  # occurrences of one text do not overlap
                context = (text[end: end + 120], text[max(0, at - 40): at])
                found[(clause, ref_text)].append(context)
                found[(None, ref_text)].append(context)
    return found


def _contexts_one_by_one(
    texts: list[tuple[str | None, str]], wanted: set[str]
) -> dict[tuple[str | None, str], list[tuple[str, str]]]:
    """:func:`_contexts` one reference text at a time (an empty one matches everywhere)."""
    found: dict[tuple[str | None, str], list[tuple[str, str]]] = defaultdict(list)
    patterns = {text: re.compile(rf"(?<!\w){re.escape(text)}") for text in wanted}
    for clause, text in texts:
        for ref_text, pattern in patterns.items():
            if ref_text not in text:
                continue
            for match in pattern.finditer(text):
                context = (text[match.end(): match.end() + 120],
                           text[max(0, match.start() - 40): match.start()])
                found[(clause, ref_text)].append(context)
                found[(None, ref_text)].append(context)
    return found


_LEGISLATION_WITH_ARTICLES = fixed_pattern(
    r"\b(?:GDPR|General\s+Data\s+Protection\s+Regulation|Regulations?|Directive|Convention"
    r"|Treaty)\b")


def _cites_legislation_articles(agreement: Agreement, texts: Sequence[str]) -> bool:
    """The draft names a regulation, directive or convention (which number their parts as
    articles) and has no articles of its own, so its "Article N" references cite that law."""
    if any(_OWN_ARTICLE.match(text) for text in texts):
        return False
    if any(ref.target_kind == "article" and _OWN_ARTICLE.match(ref.location.excerpt or "")
           for ref in agreement.cross_references):
        return False  # a heading of the draft itself starts "Article 2"
    return any(_LEGISLATION_WITH_ARTICLES.search(text) for text in texts)


_OWN_ARTICLE = fixed_pattern(r"\s*(?:#+\s*)?(?:\*\*)?article\s+[\dIVXL]", re.IGNORECASE)


@register("broken-cross-reference")
def broken_cross_reference(ctx: CheckContext) -> Iterator[Hit]:
    """Fire at each reference to a clause, schedule or annex the agreement does not have.

    vars: ``reference`` (as written). References to other documents are skipped.
    """
    agreement = ctx.agreement
    if not agreement.cross_references:
        return
    all_blocks = run_blocks(ctx)
    targets = Targets(agreement, run_text(ctx))
    contexts = _contexts(agreement, all_blocks)
    cites_articles = _cites_legislation_articles(agreement, [b.text for b in all_blocks])
    used: dict[tuple[str | None, str], int] = defaultdict(int)
    reported: set[tuple[int | None, int | None, str]] = set()
    for ref in agreement.cross_references:
        key = (ref.location.clause, ref.text)
        if key not in contexts:
            key = (None, ref.text)
        occurrences = contexts.get(key, [])
        index = used[key]
        used[key] += 1
        if occurrences:
            after, before = occurrences[min(index, len(occurrences) - 1)]
            if not_a_reference(after, before):
                continue
        if ref.location.line == 1 and ref.location.column == 1:
            continue  # the label a filed document starts with: "Exhibit 10.1 …"
        if targets.implausible(ref):
            continue
        if targets.resolves(ref):
            continue
        if cites_articles and ref.target_kind == "article":
            continue  # "Article 9(2)(h)" of the regulation the draft cites, not of the draft
        reference = ref.text.rstrip(".")
        key_seen = (ref.location.line, ref.location.column, ref.text)
        if key_seen in reported:
            continue  # "Exhibits A, B, C and D" read as four references at one place
        reported.add(key_seen)
        yield Hit(ref.location, evidence=reference, vars={"reference": reference})
