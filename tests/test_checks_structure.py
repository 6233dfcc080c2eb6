"""Parties, signatures, headings with substance, and clause numbering."""

from __future__ import annotations

from agreement_lint.engine.checks import REGISTRY, Hit
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement, Clause, Party, Schedule, SignatureBlock


def run(name: str, agreement: Agreement) -> list[Hit]:
    return list(REGISTRY[name](CheckContext.for_agreement(agreement, {})))


def test_parties_missing_fires_only_without_parties_or_between_wording() -> None:
    assert len(run("parties-missing", Agreement(clauses=(Clause(text="We will work."),)))) == 1
    assert run("parties-missing", Agreement(parties=(Party(name="Eastgate Voices"),))) == []
    assert run("parties-missing", Agreement(
        preamble="This agreement is made between Eastgate University and Eastgate Voices.")) \
        == []


def test_signature_missing_accepts_blocks_or_signing_wording() -> None:
    bare = Agreement(clauses=(Clause(number="1", text="We will work together."),))
    assert len(run("signature-missing", bare)) == 1
    assert run("signature-missing", Agreement(signatures=(SignatureBlock(party="A"),))) == []
    executed = Agreement(clauses=(Clause(text="Executed by the parties on the date above."),))
    assert run("signature-missing", executed) == []


def test_hollow_clause_reports_empty_and_placeholder_bodies_only() -> None:
    clauses = (
        Clause(number="1", heading="Payment", text=""),
        Clause(number="2", heading="Budget", text="TBC"),
        Clause(number="3", heading="Data", text="", children=(
            Clause(number="3.1", text="Each party keeps its own data."),)),
        Clause(number="4", heading="Warranties", text="[Reserved]"),
        Clause(number="5", text=""),
        Clause(number="6", heading="Ending", text="Either party may end it on notice."),
    )
    hits = run("hollow-clause", Agreement(clauses=clauses))
    assert [h.vars["clause"] for h in hits] == ['Clause 1 ("Payment")', 'Clause 2 ("Budget")']
    assert [h.vars["why"] for h in hits] == [
        "has a heading but nothing under it", "holds only a placeholder, not agreed wording"]


def numbered(*numbers: str, children: tuple[Clause, ...] = ()) -> tuple[Clause, ...]:
    return tuple(Clause(number=n, text="x", children=children if i == 0 else ())
                 for i, n in enumerate(numbers))


def test_numbering_reports_gaps_and_duplicates() -> None:
    clauses = tuple(Clause(number=n, heading=f"Part {i}", text="x")
                    for i, n in enumerate(("1", "2", "4", "5", "5")))
    hits = run("numbering", Agreement(clauses=clauses))
    assert [h.vars["detail"] for h in hits] == ["4 follows 2", "5 is used twice"]
    subs = numbered("1", children=numbered("1.1", "1.2", "1.2", "1.4"))
    assert [h.vars["detail"] for h in run("numbering", Agreement(clauses=subs))] == [
        "1.2 is used twice", "1.4 follows 1.2"]


def test_numbering_understands_letters_romans_restarts_and_schedules() -> None:
    letters = numbered("1", children=numbered("(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)",
                                              "(h)", "(i)", "(j)"))
    romans = numbered("1", children=numbered("(i)", "(ii)", "(iii)", "(iv)", "(v)"))
    assert run("numbering", Agreement(clauses=letters)) == []
    assert run("numbering", Agreement(clauses=romans)) == []
    restart = Agreement(clauses=numbered("1", "2", "3", "1", "2"),
                        schedules=(Schedule(number="1", clauses=numbered("1", "2")),))
    assert run("numbering", restart) == []
    assert [h.vars["detail"] for h in run("numbering", Agreement(
        clauses=numbered("1", children=numbered("(a)", "(c)"))))] == ["(c) follows (a)"]
    unnumbered = (Clause(heading="Background", text="x"), *numbered("1", "2"))
    assert run("numbering", Agreement(clauses=unnumbered)) == []


def test_numbering_allows_for_what_the_parser_could_not_split() -> None:
    run_in = (Clause(number="14.1", text="Notice is given in writing. 14.2 Costs. Each party "
                     "pays its own costs."), Clause(number="14.3", text="x"))
    assert run("numbering", Agreement(clauses=numbered("14", children=run_in))) == []
    two_lists = numbered("1", children=numbered("(i)", "(ii)", "(i)", "(ii)"))
    assert run("numbering", Agreement(clauses=two_lists)) == []
    contents = (Clause(number="1", heading="Definitions 3"), Clause(number="4",
                heading="Payment 9"), *numbered("1", "2"))
    assert run("numbering", Agreement(clauses=contents)) == []


def test_a_signatures_heading_over_signature_blocks_is_not_hollow() -> None:
    clauses = (Clause(number="12", heading="Signatures", text=""),)
    assert run("hollow-clause", Agreement(clauses=clauses)) == []


def test_contents_lines_banners_and_misnumbered_parents_are_not_hollow() -> None:
    clauses = (
        Clause(number="17", heading="Assignment 19"),
        Clause(heading="STRATEGIC ALLIANCE AGREEMENT"),
        Clause(number="1.0", heading="Purpose"),
        Clause(number="1.1", text="The purpose is to work together."),
        Clause(heading="Budget"),
    )
    hits = run("hollow-clause", Agreement(clauses=clauses))
    assert [h.vars["clause"] for h in hits] == ['The section "Budget"']
