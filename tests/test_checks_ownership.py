"""Outputs owned by one partner with nothing given back."""

from __future__ import annotations

from agreement_lint.engine.checks import REGISTRY, Hit
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement, Clause, Party, PartyType

UNI = Party(name="University of Eastgate", short_name="University", type=PartyType.UNIVERSITY)
GROUP = Party(name="Eastgate Voices CIC", short_name="Group",
              type=PartyType.COMMUNITY_ORGANISATION)


def run(*texts: str) -> list[Hit]:
    clauses = tuple(Clause(number=str(i + 1), text=t) for i, t in enumerate(texts))
    agreement = Agreement(parties=(UNI, GROUP), clauses=clauses)
    return list(REGISTRY["one-sided-ownership"](CheckContext.for_agreement(agreement, {})))


def test_everything_vesting_in_one_party_is_reported() -> None:
    for text in (
        "All intellectual property in the Results shall vest in the University.",
        "All data collected in the project will be owned by the University.",
        "The Group hereby assigns all rights in the outputs, which are assigned to the "
        "University.",
        "The University shall own all results of the project.",
    ):
        hits = run(text)
        assert [h.vars["party"] for h in hits] == ["the University"], text


def test_a_licence_back_to_the_other_party_clears_it() -> None:
    assert run(
        "All intellectual property in the Results shall vest in the University.",
        "The University grants the Group a free licence to use the Results for its "
        "charitable purposes.",
    ) == []
    assert run(
        "All data will be owned by the University.",
        "The Group may use the anonymised data in its own reports.",
    ) == []


def test_a_licence_to_the_owner_does_not_count_as_coming_back() -> None:
    hits = run(
        "All results shall vest in the University.",
        "The Group grants the University a licence to use the Group's materials.",
    )
    assert len(hits) == 1


def test_mutual_or_split_ownership_is_not_one_sided() -> None:
    assert run("Each party shall own the intellectual property it creates.") == []
    assert run("The results shall vest in the University.",
               "The data shall be owned by the Group.") == []
