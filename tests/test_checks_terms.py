"""Defined terms nobody uses, and capitalised terms nobody defined."""

from __future__ import annotations

from agreement_lint.engine.checks import REGISTRY, Hit
from agreement_lint.engine.checks.terms import term_pattern
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement, Clause, Definition, Party


def run(name: str, agreement: Agreement) -> list[Hit]:
    return list(REGISTRY[name](CheckContext.for_agreement(agreement, {})))


def defined(*pairs: tuple[str, str], body: str) -> Agreement:
    lines = [f'"{term}" means {meaning}' for term, meaning in pairs]
    definitions = tuple(Definition(term=t, text=m) for t, m in pairs)
    clauses = (Clause(number="1", heading="Definitions", text="\n".join(lines)),
               Clause(number="2", text=body))
    return Agreement(definitions=definitions, clauses=clauses)


def test_a_definition_never_used_is_reported() -> None:
    agreement = defined(("Steering Group", "the group in clause 5."),
                        ("Project", "the work described below."),
                        body="The Project starts in May.")
    assert [h.vars["term"] for h in run("unused-definition", agreement)] == ["Steering Group"]


def test_plural_singular_possessive_and_any_case_count_as_use() -> None:
    body = ("Each of the Phase I Study results, the Partner's staff, all deliverable items, "
            "the losses and non-O&M costs are covered.")
    agreement = defined(("Phase I Studies", "early trials."), ("Partner", "the charity."),
                        ("Deliverable", "an output."), ("Loss or Losses", "any loss."),
                        ("O&M", "operation and maintenance."), body=body)
    assert run("unused-definition", agreement) == []


def test_the_definition_itself_and_its_meaning_are_not_uses() -> None:
    agreement = defined(("Services", "the services set out in the plan."), body="Nothing else.")
    assert [h.vars["term"] for h in run("unused-definition", agreement)] == ["Services"]


def test_term_pattern_forms() -> None:
    pattern = term_pattern("Party")
    assert all(pattern.search(t) for t in ("parties", "the Party's", "PARTY"))
    assert not pattern.search("partying")


def undefined(*texts: str, **extra: object) -> list[Hit]:
    clauses = tuple(Clause(number=str(i + 1), text=t) for i, t in enumerate(texts))
    return run("undefined-term", Agreement(clauses=clauses, **extra))  # type: ignore[arg-type]


def test_a_capitalised_phrase_used_as_if_defined_is_reported() -> None:
    hits = undefined("Progress is reported to the Project Steering Group each month.",
                     "Any change is agreed by the Project Steering Group in writing.")
    assert [h.vars["term"] for h in hits] == ["Project Steering Group"]


def test_once_only_sentence_starts_and_headings_are_not_reported() -> None:
    assert undefined("Progress is reported to the Project Steering Group each month.") == []
    assert undefined("Project Steering Group members meet monthly.",
                     "Project Steering Group minutes are shared.") == []


def test_defined_quoted_named_and_proper_nouns_are_not_reported() -> None:
    texts = ("We follow the Data Protection Act 2018 and the Care Act 2014 here.",
             "The Data Protection Act 2018 and the Care Act 2014 apply in the United Kingdom.",
             "Meetings run from the first Monday in March to the end of the Spring Term.",
             "Breaks follow the first Monday in March and the end of the Spring Term too.",
             "The members of the Integrated Care Board (ICB) meet with the Integrated Care "
             "Board chair and the Eastgate Voices team.",
             "Reports go to the Integrated Care Board and to the Eastgate Voices office.")
    party = Party(name="Eastgate Voices CIC", short_name="Eastgate Voices")
    assert undefined(*texts, parties=(party,)) == []
    definition = Definition(term="Steering Group", text="the group")
    assert undefined("Report to the Project Steering Group monthly.",
                     "The chair of the Project Steering Group signs off.",
                     definitions=(definition,)) == []


def test_a_sub_clause_headed_by_the_term_uses_it() -> None:
    agreement = defined(("Certified Agent", "an agent who has completed training."),
                        body="(c) Certified Agent: the agent accepts the training terms.")
    assert run("unused-definition", agreement) == []


def test_bracketed_plurals_and_hyphenated_uses_count() -> None:
    agreement = defined(("Third Party(ies)", "anyone else."),
                        ("Non Material Breach", "a minor breach."),
                        body="No third parties may use it, and a non-material breach is minor.")
    assert run("unused-definition", agreement) == []


def test_terms_are_found_when_lower_casing_changes_the_texts_length() -> None:
    """'İ' lower-cases to two characters; offsets must not be taken from the folded text."""
    from agreement_lint.engine.checks.terms import _occurrences

    text = "İİİİ The Steering Group meets. The Steering Group decides.\u0130"
    found = [text[start:end] for start, end in _occurrences("Steering Group", text)]
    assert found == ["Steering Group", "Steering Group"]
    assert list(_occurrences("Pq", "İ" * 3)) == []
