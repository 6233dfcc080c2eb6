"""Every computed check finishes, quickly, on any draft the parser accepts."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.engine.checks import REGISTRY
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Location
from agreement_lint.parser import parse_text

FRAGMENTS = [
    "# Agreement\n", "## 4. Payment\n", "4.2 ", "(a) ", "(iv) ", "Schedule 1", "Exhibit A",
    "clause 9.4", "Section 3(b) of the Act", "Article IV", "[•]", "[Insert date]", "____",
    "{{name}}", "TBC", "The University shall ", "the Group will ", "Either party may terminate ",
    "on three months' notice", "at the Trust's sole discretion", '(the "ICB")', "ICB ",
    '"Project" means ', "Project Steering Group ", "1 April 2026", "31/03/2026",
    "This Agreement ends on ", "Signed for and on behalf of ", "Signature: ", "between ",
    " and ", ". ", ", ", "\n", "\n\n", "   ", "and and and ", "((((", "))))", '"', "'", "§",
]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60))
def test_every_check_runs_on_generated_drafts(pieces: list[str]) -> None:
    agreement = parse_text("".join(pieces))
    ctx = CheckContext.for_agreement(agreement, {})
    for name, check in REGISTRY.items():
        for hit in check(ctx):
            assert isinstance(hit.location, Location), name
            assert all(isinstance(v, str) for v in hit.vars.values()), name


def test_pathological_repetition_stays_fast() -> None:
    text = ("# Agreement\n\n1. Terms\n\n"
            + "Section 1 and Section 2 and " * 400 + "\n\n"
            + "The University and the Group and the Trust and " * 300 + "shall decide.\n\n"
            + "Project Steering Group Meeting Room " * 300 + "\n\n"
            + "between " * 500 + "\n")
    agreement = parse_text(text)
    ctx = CheckContext.for_agreement(agreement, {})
    for name, check in REGISTRY.items():
        start = time.perf_counter()
        list(check(ctx))
        assert time.perf_counter() - start < 5, name
