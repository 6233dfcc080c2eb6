"""The rule engine never raises on a well-formed model, however odd its contents.

Agreements are generated directly as models (not through the parser) so that shapes the
parser rarely makes are covered too: deep and wide clause trees, parties with no short name
or a one-letter one, definitions of empty terms, cross-references to nothing, front matter
with lists, kinds that do not exist, and text mixing agreement vocabulary with hostile
characters. ``lint`` must return a sorted list of findings every time.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import cache
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from agreement_lint.engine import RuleSet, lint, load_ruleset
from agreement_lint.findings import Finding
from agreement_lint.model import (
    Agreement,
    Clause,
    Comment,
    CrossReference,
    Definition,
    Location,
    Party,
    PartyType,
    Schedule,
    SignatureBlock,
    Source,
)

T = TypeVar("T")

_BUDGET = {"ci": 2_000, "dev": 20, "deep": 5_000}


def _examples() -> int:
    return _BUDGET.get(settings.get_current_profile_name(), _BUDGET["ci"])


@cache
def _ruleset() -> RuleSet:
    return load_ruleset()


WORDING = (
    "The University will pay the Group £2,000 within 30 days of invoice.",
    "The Trust shall own all intellectual property arising from the Project.",
    "Either party may terminate this agreement on 30 days' written notice.",
    "The University may terminate at any time.", "The Group must provide volunteers.",
    "Partners will be paid for their time at the Living Wage.", "[TBC]", "XX", "£[●]",
    "Personal data will be shared under UK GDPR and the Data Protection Act 2018.",
    "hereinafter", "notwithstanding the foregoing", "as set out in clause 4.2",
    "The steering group will meet quarterly and decisions are made by consensus.",
    "This agreement is not legally binding.", "Schedule 1", "Annex B", "clause 99.9",
    "The parties will review this memorandum every year.", "in perpetuity",
    "The Council", "the Partners", "the Parties", "we", "you", "NHS", "CUA", "MoU (MoU)",
    "Community members will be credited as co-authors.", "Accessible formats are available.",
    "", " ", "\x00", "\u202e", "مذكرة", "🤝", "\ud800", "(", ")", "{party}", "{", "}",
    "\\", "*", "[", "]", "?", "+", "|", "^", "$", ".", "a" * 3_000,
    "The University will. The Group will. The Trust will.",
)

LOCATIONS = (
    Location(),
    Location(line=1, column=1),
    Location(line=100_000, column=100_000, end_line=1, end_column=1, clause="4.2",
             heading_path=("Payment", "Invoices"), excerpt="pay"),
    Location(paragraph=0, clause="(a)"),
    Location(paragraph=10_000, heading_path=("\u202e", "\x00", ""), excerpt="\ud800"),
    Location(line=3, clause="", heading_path=("a" * 3_000,)),
)
"""A fixed set: the engine copies locations into findings, it does not compute with them."""

_ALPHABET = (
    [chr(c) for c in range(0x20)] + ["\u202e", "\u2066", "\ufeff", "\u00a0", "\ud800", "\udfff",
                                     "\U0001f91d", "\u0645", "\u05e9", "é", "ß", "İ", "ﬁ"]
    + list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:()[]{}*_|\\\"'-")
)


def _text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(WORDING)
    if roll < 0.75:
        return " ".join(rng.choice(WORDING) for _ in range(rng.randint(2, 6)))
    return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 15)))


def _maybe_text(rng: random.Random) -> str | None:
    return None if rng.random() < 0.3 else _text(rng)


NUMBERS = ("1", "2", "4.2", "4.2.1", "(a)", "(iv)", "IV", "A", "1.1.1.1.1.1", "0", "", "99999",
           "Clause", "Part", "(.)", "Ⅳ", "１", "6.0", "01")


def _number(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.2:
        return None
    if roll < 0.9:
        return rng.choice(NUMBERS)
    return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 4)))


def _clause(rng: random.Random, depth: int, budget: list[int]) -> Clause:
    budget[0] -= 1
    children: list[Clause] = []
    if depth < 60 and budget[0] > 0 and rng.random() < 0.5:
        children = [_clause(rng, depth + 1, budget) for _ in range(rng.randint(1, 4))
                    if budget[0] > 0]
    return Clause(number=_number(rng), heading=_maybe_text(rng), text=_text(rng),
                  children=tuple(children), location=rng.choice(LOCATIONS),
                  level=rng.choice((depth, depth, 1, 60)))


def _clauses(rng: random.Random) -> tuple[Clause, ...]:
    budget = [rng.choice((3, 12, 40))]
    deep = rng.random() < 0.1
    if deep:  # one long chain: nesting 50 levels deep
        clause = Clause(number="1", text=_text(rng), level=50)
        for level in range(49, 0, -1):
            clause = Clause(number="1" + ".1" * level, text=_text(rng), children=(clause,),
                            level=level)
        return (clause,)
    return tuple(_clause(rng, 1, budget) for _ in range(rng.randint(0, 5)) if budget[0] > 0)


def _many(rng: random.Random, make: Callable[[random.Random], T], most: int) -> tuple[T, ...]:
    return tuple(make(rng) for _ in range(rng.randint(0, most)))


def _party(rng: random.Random) -> Party:
    return Party(name=_text(rng), short_name=_maybe_text(rng), type=rng.choice(list(PartyType)),
                 description=_text(rng), location=rng.choice(LOCATIONS))


def _definition(rng: random.Random) -> Definition:
    return Definition(term=_text(rng), text=_text(rng),
                      style=rng.choice(("means", "inline", "table", "front-matter")),
                      location=rng.choice(LOCATIONS))


def _reference(rng: random.Random) -> CrossReference:
    return CrossReference(
        text=_text(rng),
        target_kind=rng.choice(("clause", "schedule", "annex", "appendix", "paragraph",
                                 "section", "article", "exhibit")),
        target=_number(rng) or "", location=rng.choice(LOCATIONS),
    )


def _schedule(rng: random.Random) -> Schedule:
    return Schedule(kind=rng.choice(("schedule", "annex", "appendix", "exhibit", "attachment")),
                    number=_number(rng), title=_maybe_text(rng), text=_text(rng),
                    clauses=_clauses(rng), location=rng.choice(LOCATIONS))


def _signature(rng: random.Random) -> SignatureBlock:
    keys = ("name", "title", "date", "signature")
    fields = {rng.choice(keys) if rng.random() < 0.8 else _text(rng): _text(rng)
              for _ in range(rng.randint(0, 4))}
    return SignatureBlock(party=_maybe_text(rng), fields=fields, location=rng.choice(LOCATIONS))


def _comment(rng: random.Random) -> Comment:
    return Comment(text=rng.choice(("agreement-lint: disable PAY002", "agreement-lint: disable",
                                    "agreement-lint: disable NOPE99 because", _text(rng))),
                   location=rng.choice(LOCATIONS), next_clause=_number(rng))


KINDS = (None, "mou", "civic-university-agreement", "data-sharing-agreement",
         "engagement-project", "collaboration-agreement", "general",
         "Memorandum of Understanding", "no-such-kind", "")
META_KEYS = ("title", "kind", "parties", "date", "version", "status")


def _metadata(rng: random.Random) -> dict[str, str | list[str]]:
    out: dict[str, str | list[str]] = {}
    for _ in range(rng.randint(0, 4)):
        key = rng.choice(META_KEYS) if rng.random() < 0.8 else _text(rng)
        out[key] = _text(rng) if rng.random() < 0.6 else list(_many(rng, _text, 3))
    return out


def random_agreement(seed: int) -> Agreement:
    """A model-shaped agreement built from ``seed`` (printed by hypothesis on failure)."""
    rng = random.Random(seed)
    return Agreement(
        title=_maybe_text(rng), kind=rng.choice(KINDS), parties=_many(rng, _party, 4),
        recitals=_clauses(rng) if rng.random() < 0.3 else (),
        definitions=_many(rng, _definition, 4), clauses=_clauses(rng),
        schedules=_many(rng, _schedule, 2), signatures=_many(rng, _signature, 2),
        cross_references=_many(rng, _reference, 4), comments=_many(rng, _comment, 2),
        metadata=_metadata(rng), preamble=_text(rng),
        source=Source(path="generated.md", format=rng.choice(("markdown", "text", "docx"))),
    )


agreements = st.integers(min_value=0, max_value=2**32 - 1).map(random_agreement)
"""Built with a seeded ``random.Random`` rather than hypothesis draws: a model has hundreds of
fields and drawing each through hypothesis made one example cost a fifth of a second."""


@settings(max_examples=_examples())
@given(agreement=agreements)
def test_lint_never_raises_on_a_model(agreement: Agreement) -> None:
    found = lint(agreement, _ruleset())
    assert all(isinstance(f, Finding) for f in found)
    assert found == sorted(found, key=Finding.sort_key)
    for finding in found:
        assert _ruleset().get(finding.code) is not None, finding.code


def test_a_draft_that_names_no_parties_is_linted() -> None:
    # Crashed with IndexError ("no such group") in the party-subject pattern: with no parties
    # named, the pattern had no "name" group for key_of to read.
    from agreement_lint.parser import parse_text

    agreement = parse_text("# MoU\n\n1. Payment\nThe University will pay.\n")
    assert isinstance(lint(agreement, _ruleset()), list)


def test_odd_numbers_and_blank_schedule_titles_are_linted() -> None:
    # Crashed the broken-reference check with IndexError: a child clause numbered "Part"
    # (no number segments at all) and a schedule whose title is only whitespace.
    agreement = Agreement(
        clauses=(Clause(number="1", text="See clause 1.2.", children=(
            Clause(number="Part", text="x"), Clause(number="(.)", text="y"))),),
        schedules=(Schedule(title=" \x1c ", text="Budget"),),
    )
    assert isinstance(lint(agreement, _ruleset()), list)
