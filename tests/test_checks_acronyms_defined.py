"""An acronym the parser read as a defined term is explained, however the definition is set."""

from __future__ import annotations

from agreement_lint.engine.checks import REGISTRY
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement
from agreement_lint.parser import parse_text


def _unexplained(agreement: Agreement) -> list[str]:
    hits = REGISTRY["acronym-undefined"](CheckContext.for_agreement(agreement, {}))
    return [hit.evidence for hit in hits]


def test_an_acronym_defined_in_bold_inside_quotes_is_explained() -> None:
    agreement = parse_text("""\
# Teaching Agreement

## 1. Definitions

1.1 "**Teaching Session**" or "**TS**" means three hours of teaching on a ward.

## 2. Teaching

2.1 Each TS is led by a consultant, and the ICB pays for the room.
""")
    assert _unexplained(agreement) == ["ICB"]


def test_a_table_of_data_fields_does_not_spell_out_its_codes() -> None:
    agreement = parse_text("""\
# Data Sharing Protocol

## 1. Words we use

| Acronym | Stands for |
|---|---|
| UPN | Unique Pupil Number |

## 2. What is shared

| Field | Detail |
|---|---|
| UPN | replaced by a study number |
| FSM | eligible in the last six years, yes or no |
""")
    assert _unexplained(agreement) == ["FSM"]
