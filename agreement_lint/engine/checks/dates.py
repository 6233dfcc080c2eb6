"""Dates that contradict each other: an end before the start, a milestone after the end.

Dates are read the UK way by default (01/02/2026 is 1 February 2026; set ``date_order`` to
``mdy`` or ``ymd`` for other drafting), and in words ("1 February 2026", "February 1, 2026")
or ISO form. Start and end come from the front matter (``start``, ``end`` …) or from
sentences about the agreement's term ("commences on", "until", "expires on"); milestones and
payments from sentences about deliveries, deadlines and payments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ...fixed import fixed_pattern
from ...model import Location, make_excerpt
from ..context import CheckContext
from ..folding import holds_any, lowered
from . import Hit, register
from .scan import matches_from

MONTHS = {
    name: index
    for index, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

DATE = fixed_pattern(
    rf"""
      \b(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})\b
    | \b(?P<n1>\d{{1,4}})[/.](?P<n2>\d{{1,2}})[/.](?P<n3>\d{{2,4}})\b
    | \b(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+day)?\s+(?:of\s+)?(?P<dmy_m>{_MONTH}),?
        \s+(?P<dmy_y>\d{{4}})\b
    | \b(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{{4}})\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

_DATE_DIGITS = fixed_pattern(r"\d(?:\d{3}|[/.]\d{1,2}[/.]\d\d)")
"""What every form of :data:`DATE` holds: a four-digit year, or "1/2/26"'s digits and stops.
It opens with a digit, so the search skips through text without one."""
_DIGITS = fixed_pattern(r"\d+")


def _date_starts(sentence: str) -> list[int]:
    """Every offset where a :data:`DATE` match can begin, in order.

    Each form opens with a number at a word's start, or with a month's name before one
    ("March 5, 2026"): the runs of digits are quick to find, and the month, if any, is the
    word just before (after a full stop and spaces at most).
    """
    starts: list[int] = []
    for digits in _DIGITS.finditer(sentence):
        at = digits.start()
        if at and (sentence[at - 1].isalnum() or sentence[at - 1] == "_"):
            continue  # no word boundary: no date starts here
        if at and sentence[at - 1].isspace():
            word_end = at
            while word_end and sentence[word_end - 1].isspace():
                word_end -= 1
            if word_end and sentence[word_end - 1] == ".":
                word_end -= 1
            word_start = word_end
            while word_start and sentence[word_start - 1].isalpha():
                word_start -= 1
            if word_start < word_end:
                starts.append(word_start)
        starts.append(at)
    return sorted(set(starts))

START_KEYS = ("start", "start_date", "start-date", "commencement", "commencement_date",
              "effective", "effective_date", "begins", "from")
END_KEYS = ("end", "end_date", "end-date", "expiry", "expiry_date", "until", "to",
            "termination_date", "finish")

_SUBJECT = (
    r"(?:this\s+(?:agreement|memorandum|mou|partnership|collaboration|contract|protocol"
    r"|letter|charter|compact|covenant|accord|arrangement)"
    r"|the\s+(?:(?:initial\s+)?term|project|partnership|programme|program|collaboration"
    r"|agreement|memorandum|mou))\b"
)
_START_CUE = fixed_pattern(
    rf"(?:{_SUBJECT}[^.;]{{0,80}}?\b(?:commenc\w*|start\w*|begin\w*|began|takes?\s+effect"
    r"|(?:is|be|becomes?)\s+effective|runs?)(?:\s+(?:on|from|as\s+of|with\s+effect\s+from))?"
    r"|\b(?:start|commencement|effective)\s+date\W+(?:(?:is|shall\s+be|will\s+be|means)\s+)?"
    r"|\bwith\s+effect\s+from)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
"""Words right before a date that make it the agreement's start."""
_END_CUE = fixed_pattern(
    rf"(?:{_SUBJECT}[^.;]{{0,80}}?\b(?:ends?|ending|expires?|expiring|concludes?|ceases?"
    r"|(?:runs?|continues?|lasts?|remains?\s+in\s+(?:full\s+)?(?:force|effect))\s+until"
    r"|until)(?:\s+(?:on|at))?"
    r"|\b(?:end|expiry|expiration|termination)\s+date\W+(?:(?:is|shall\s+be|will\s+be|means)\s+)?"
    r")\s*(?:the\s+)?$",
    re.IGNORECASE,
)
"""Words right before a date that make it the agreement's end."""
_RANGE = fixed_pattern(r"^\s*(?:to|until|till|-|and\s+(?:ending|ends|end)\s+on)\s+$", re.IGNORECASE)
_MILESTONE_CUE = fixed_pattern(
    r"\b(?:milestones?|deliver\w*|due|deadline|no\s+later\s+than|on\s+or\s+before|by|paid"
    r"|payments?|pay|invoice\w*|instal?ments?|report\w*|submit\w*|complete\w*|blocks?"
    r"|phases?|stages?|placements?|sessions?|workshops?|events?|meetings?|visits?|launch\w*"
    r"|review|evaluation)\b",
    re.IGNORECASE,
)
_AFTER_THE_END = fixed_pattern(
    r"\b(?:retain\w*|retention|surviv\w*|archiv\w*|kept|keep|destroy\w*|delet\w*"
    r"|after\s+(?:the\s+)?(?:end|expiry|termination)|following\s+(?:the\s+)?(?:end|expiry"
    r"|termination)|renew\w*|extend\w*|extension)",
    re.IGNORECASE,
)
"""Sentences whose dates may lawfully fall after the end: retention, survival, renewal."""


def parse_date(match: re.Match[str], order: str = "dmy") -> date | None:
    """The date a :data:`DATE` match names, or None when it is not a real date."""
    try:
        if match.group("iso_y"):
            return date(int(match.group("iso_y")), int(match.group("iso_m")),
                        int(match.group("iso_d")))
        if match.group("n1"):
            a, b, c = (int(match.group(k)) for k in ("n1", "n2", "n3"))
            if order == "ymd":
                year, month, day = a, b, c
            elif order == "mdy":
                month, day, year = a, b, c
            else:
                day, month, year = a, b, c
            if year < 100:
                year += 2000
            return date(year, month, day) if year >= 1900 else None
        if match.group("dmy_m"):
            month = MONTHS[match.group("dmy_m").lower().rstrip(".")]
            return date(int(match.group("dmy_y")), month, int(match.group("dmy_d")))
        month = MONTHS[match.group("mdy_m").lower().rstrip(".")]
        return date(int(match.group("mdy_y")), month, int(match.group("mdy_d")))
    except ValueError:
        return None


@dataclass(frozen=True)
class Dated:
    """A date, what it marks (start, end, milestone) and where it was written."""

    when: date
    role: str
    evidence: str
    location: Location


def _front_matter_dates(ctx: CheckContext, order: str) -> list[Dated]:
    found: list[Dated] = []
    for key, value in ctx.agreement.metadata.items():
        role = "start" if key in START_KEYS else "end" if key in END_KEYS else None
        if role is None or not isinstance(value, str):
            continue
        match = DATE.search(value)
        when = parse_date(match, order) if match else None
        if when is not None:
            found.append(Dated(when, role, f"{key}: {value}",
                               Location.model_construct(heading_path=("front matter", key))))
    return found


def _sentence_dates(sentence: str, order: str) -> Iterator[tuple[date, str, re.Match[str]]]:
    """Each date of a sentence with what it marks: start, end or milestone."""
    if not _DATE_DIGITS.search(sentence):
        return  # every form of date has a year or a run of digits and stops (few sentences do)
    previous: tuple[int, str] | None = None
    for match in matches_from(DATE, sentence, _date_starts(sentence)):
        when = parse_date(match, order)
        if when is None:
            continue
        before = sentence[: match.start()]
        if previous is not None and previous[1] == "start" and _RANGE.match(
            sentence[previous[0]: match.start()]
        ):
            role = "end"  # "from 1 April 2026 to 31 March 2027"
        elif _END_CUE.search(before):
            role = "end"
        elif _START_CUE.search(before):
            role = "start"
        elif _MILESTONE_CUE.search(sentence) and not _AFTER_THE_END.search(sentence):
            role = "milestone"
        else:
            continue
        previous = (match.end(), role)
        yield when, role, match


def _text_dates(ctx: CheckContext, order: str) -> list[Dated]:
    found: list[Dated] = []
    for unit in ctx.units("clause"):
        if unit.hollow or unit.clause is None:
            continue
        location: Location | None = None  # the clause's, worked out at its first date
        for sentence in ctx.sentences(unit):
            for when, role, match in _sentence_dates(sentence, order):
                line_start = sentence.rfind("\n", 0, match.start()) + 1
                line_end = sentence.find("\n", match.end())
                line = sentence[line_start: line_end if line_end != -1 else len(sentence)]
                if location is None:
                    location = ctx.location_of(unit.clause)
                found.append(Dated(when, role, make_excerpt(line, 160), location))
    return found


_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
            "twenty-four": 24, "thirty-six": 36}
_DURATION = fixed_pattern(
    r"\b(?:for|lasts?|last|of)\s+(?:a\s+(?:fixed\s+|an\s+initial\s+)?(?:period|term)\s+of\s+)?"
    r"(?P<count>\d{1,3}|" + "|".join(_NUMBERS) + r")(?:\s*\(\d{1,3}\))?[\s-]+"
    r"(?P<unit>years?|months?)\b",
    re.IGNORECASE,
)
"""A stated length: "runs for three years", "a period of 18 months"."""


_BETWEEN_TWO = fixed_pattern(r"^\s*(?:to|until|till|through|-|–)\s*$", re.IGNORECASE)


def _months_between(start: date, end: date) -> float:
    """The months from ``start`` to the end of ``end`` (an end date is the last day included)."""
    after = date.fromordinal(end.toordinal() + 1)
    return (after.year - start.year) * 12 + after.month - start.month + (
        after.day - start.day) / 30


def _show_months(months: float) -> str:
    whole = round(months)
    if whole % 12 == 0:
        years = whole // 12
        return f"{years} year" + ("s" if years != 1 else "")
    return f"{whole} month" + ("s" if whole != 1 else "")


def _duration_mismatches(ctx: CheckContext, order: str) -> Iterator[Hit]:
    """A sentence that states a length and both dates, where the dates span another length:
    "three years from 1 September 2027 until 31 August 2029" is two years."""
    for unit in ctx.units("clause"):
        if unit.hollow or unit.clause is None:
            continue
        for sentence in ctx.sentences(unit):
            if not _DATE_DIGITS.search(sentence):
                continue  # no dates to compare a length with
            if not holds_any(lowered(sentence), ("year", "month")):
                continue  # no length stated: the pattern needs "years" or "months"
            stated = _DURATION.search(sentence)
            if stated is None:
                continue
            roles = {role: when for when, role, _ in _sentence_dates(sentence, order)
                     if role in ("start", "end")}
            pair = [(parse_date(m, order), m) for m in DATE.finditer(sentence)]
            if len(pair) == 2 and _BETWEEN_TWO.match(sentence[pair[0][1].end():pair[1][1].start()]):
                # "three years from 1 September 2027 until 31 August 2029"
                first, second = pair[0][0], pair[1][0]
                if first is not None and second is not None:
                    roles = {"start": first, "end": second}
            if "start" not in roles or "end" not in roles or roles["end"] < roles["start"]:
                continue
            count = stated.group("count").lower()
            number = int(count) if count.isdigit() else _NUMBERS[count]
            months = number * (12 if stated.group("unit").lower().startswith("year") else 1)
            span = _months_between(roles["start"], roles["end"])
            if abs(span - months) <= 1:
                continue
            detail = (f"it is said to last {stated.group('count')} {stated.group('unit')}, but "
                      f"{_show(roles['start'])} to {_show(roles['end'])} is "
                      f"{_show_months(span)}")
            yield Hit(ctx.location_of(unit.clause), evidence=make_excerpt(sentence, 160),
                      vars={"detail": detail})


@register("date-inconsistency")
def date_inconsistency(ctx: CheckContext) -> Iterator[Hit]:
    """Fire when the end date is before the start, when a stated length disagrees with the
    dates in the same sentence, and at each milestone after the end.

    Params: ``date_order`` (``dmy`` default, ``mdy`` or ``ymd``). vars: ``detail``.
    """
    order = str(ctx.params.get("date_order", "dmy")).lower()
    dates = _front_matter_dates(ctx, order) + _text_dates(ctx, order)
    starts = [d for d in dates if d.role == "start"]
    ends = [d for d in dates if d.role == "end"]
    start = starts[0] if starts else None
    end = ends[0] if ends else None
    if start and end and end.when < start.when:
        detail = (f"the end date ({_show(end.when)}) is before the start date "
                  f"({_show(start.when)})")
        yield Hit(end.location, evidence=end.evidence, vars={"detail": detail})
        return
    yield from _duration_mismatches(ctx, order)
    if end is None:
        return
    reported: set[tuple[str | None, str]] = set()
    for dated in dates:
        if dated.role == "milestone" and dated.when > end.when:
            key = (dated.location.clause, dated.evidence)
            if key in reported:
                continue  # "3 September 2029 to 12 October 2029": one finding for the line
            reported.add(key)
            detail = (f"{_show(dated.when)} is after the agreement ends "
                      f"({_show(end.when)})")
            yield Hit(dated.location, evidence=dated.evidence, vars={"detail": detail})


def _show(when: date) -> str:
    return f"{when.day} {when.strftime('%B')} {when.year}"
