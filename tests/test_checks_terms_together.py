"""Two names given in one definition: using either of them uses the definition."""

from __future__ import annotations

from agreement_lint.engine.checks import REGISTRY, Hit
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement
from agreement_lint.parser import parse_text


def _unused(agreement: Agreement) -> list[str]:
    hits: list[Hit] = list(REGISTRY["unused-definition"](
        CheckContext.for_agreement(agreement, {})))
    return [hit.vars["term"] for hit in hits]


def test_the_short_name_alone_uses_a_definition_of_two_names() -> None:
    agreement = parse_text("""\
# Data Processing Terms

## 1. Definitions

1.1 "European Economic Area" or "EEA" means the member states of the European Union with
Iceland, Liechtenstein and Norway.

1.2 "Processor Staff" means the people the processor employs.

## 2. Transfers

2.1 No personal data leaves the EEA without the other partner's written agreement.
""")
    assert _unused(agreement) == ["Processor Staff"]


def test_names_in_separate_definitions_are_each_reported() -> None:
    agreement = parse_text("""\
# Data Processing Terms

## 1. Definitions

1.1 "Controller" means the partner that decides why data is used.

1.2 "Processor" means the partner that handles data for the Controller.

## 2. Duties

2.1 Each partner keeps records.
""")
    assert _unused(agreement) == ["Processor"]
