"""Dates that contradict each other."""

from __future__ import annotations

import re
from datetime import date

import pytest

from agreement_lint.engine.checks import REGISTRY, Hit
from agreement_lint.engine.checks.dates import DATE, parse_date
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement, Clause


def run(*texts: str, metadata: dict[str, str] | None = None, **params: object) -> list[Hit]:
    clauses = tuple(Clause(number=str(i + 1), text=t) for i, t in enumerate(texts))
    agreement = Agreement(clauses=clauses, metadata=dict(metadata or {}))
    return list(REGISTRY["date-inconsistency"](CheckContext.for_agreement(agreement, {},
                                                                          params=params)))


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("01/02/2026", "dmy", date(2026, 2, 1)),
        ("01/02/2026", "mdy", date(2026, 1, 2)),
        ("2026-02-01", "dmy", date(2026, 2, 1)),
        ("1 February 2026", "dmy", date(2026, 2, 1)),
        ("1st of Feb 2026", "dmy", date(2026, 2, 1)),
        ("February 1, 2026", "dmy", date(2026, 2, 1)),
        ("31/02/2026", "dmy", None),
    ],
)
def test_dates_are_read_the_uk_way_by_default(text: str, order: str,
                                              expected: date | None) -> None:
    match = DATE.search(text)
    assert match is not None
    assert parse_date(match, order) == expected


def test_an_end_before_the_start_is_reported() -> None:
    hits = run("This Agreement starts on 1 April 2026 and ends on 31 March 2026.")
    assert len(hits) == 1
    assert "before the start date" in hits[0].vars["detail"]
    assert run(metadata={"start": "01/04/2026", "end": "31/03/2026"})


def test_a_milestone_after_the_end_is_reported() -> None:
    hits = run("This Agreement commences on 1 April 2026 and ends on 31 March 2027.",
                "The final report is due by 30 June 2027.",
                "The first payment is made on 1 May 2026.")
    assert [re.sub(r"\s+", " ", h.vars["detail"]) for h in hits] == [
        "30 June 2027 is after the agreement ends (31 March 2027)"]


def test_consistent_dates_and_date_order_param() -> None:
    assert run(metadata={"start": "01/04/2026", "end": "31/03/2027"}) == []
    assert run(metadata={"start": "04/01/2026", "end": "03/31/2027"}, date_order="mdy") == []
    assert run("Prices are fixed until 31 March 2025.",
               "The project starts on 1 April 2026.") == []


def test_a_range_gives_start_and_end() -> None:
    hits = run("The project runs from 1 April 2026 to 31 March 2026.")
    assert len(hits) == 1


def test_dates_of_other_events_are_not_the_agreement_s_end() -> None:
    assert run(
        "If funding is not raised by December 31, 2012, the Trust may terminate this "
        "Agreement on December 31, 2012.",
        "The parties entered into the Amendment to the Joint Venture Agreement as of "
        "June 28, 2019.",
        "This Agreement is dated as of October 30, 2019 and the final payment is due by "
        "1 March 2020.",
    ) == []


def test_timetable_rows_after_the_end_are_reported_but_retention_is_not() -> None:
    hits = run("This agreement starts on 1 September 2027 and ends on 31 July 2029.",
               "Block 4: 24 April 2029 to 29 May 2029\nBlock 5: 3 September 2029 to 12 October "
               "2029",
               "Records are retained until 31 July 2035.")
    assert [(h.vars["detail"].split(" is ")[0], h.evidence) for h in hits] == [
        ("3 September 2029", "Block 5: 3 September 2029 to 12 October 2029")]
