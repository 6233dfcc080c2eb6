"""Obligation balance: who carries the duties."""

from __future__ import annotations

from agreement_lint.engine.checks import REGISTRY, Hit
from agreement_lint.engine.checks.parties import SHARED, PartyIndex
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement, Clause, Party, PartyType

UNI = Party(name="University of Eastgate", short_name="University", type=PartyType.UNIVERSITY)
GROUP = Party(name="Eastgate Voices CIC", short_name="Group",
              type=PartyType.COMMUNITY_ORGANISATION)


def run(agreement: Agreement, **params: object) -> list[Hit]:
    ctx = CheckContext.for_agreement(agreement, {}, params=params)
    return list(REGISTRY["obligation-balance"](ctx))


def draft(*sentences: str, parties: tuple[Party, ...] = (UNI, GROUP)) -> Agreement:
    clauses = tuple(Clause(number=str(i + 1), text=s) for i, s in enumerate(sentences))
    return Agreement(parties=parties, clauses=clauses)


def test_one_party_carrying_nearly_every_duty_is_reported() -> None:
    duties = [f"The Group shall deliver workshop {i}." for i in range(9)]
    hits = run(draft(*duties, "The University will host the final event."))
    assert len(hits) == 1
    assert hits[0].vars == {"party": "the Group", "share": "90 %", "count": "9", "total": "10"}
    assert hits[0].location.is_document_level


def test_balanced_duties_are_not_reported() -> None:
    duties = [f"The Group shall run session {i}." for i in range(5)]
    duties += [f"The University shall fund session {i}." for i in range(5)]
    assert run(draft(*duties)) == []


def test_shared_subjects_permissions_and_exclusions_do_not_count() -> None:
    text = [
        "Each party shall keep the other informed.",
        "The parties will meet every month.",
        "Both parties shall act in good faith.",
        "The University may publish the results.",
        "The University shall not be liable for any loss.",
        "The University and the Group shall agree the plan together.",
    ] * 3
    text += [f"The Group shall report on item {i}." for i in range(3)]
    assert run(draft(*text)) == []


def test_minimum_and_threshold_come_from_params() -> None:
    duties = [f"The Group agrees to provide item {i}." for i in range(3)]
    duties.append("The University undertakes to pay within 30 days.")
    assert run(draft(*duties)) == []  # 4 obligations is below the default minimum of 8
    hits = run(draft(*duties), minimum=4, threshold=0.7)
    assert [h.vars["share"] for h in hits] == ["75 %"]


def test_role_nouns_and_full_names_map_to_their_party() -> None:
    index = PartyIndex({"university of eastgate": UNI, "university": UNI,
                        "eastgate voices cic": GROUP, "group": GROUP})
    pattern = index.compile_subject("shall")
    sentence = "Eastgate Voices CIC shall recruit, and each party shall promote the event."
    assert [index.subjects_of(m) for m in pattern.finditer(sentence)] == [{"Group"}, {SHARED}]


def test_role_noun_stands_for_a_party_of_matching_type() -> None:
    trust = Party(name="Northfield Hospitals NHS Foundation Trust", type=PartyType.NHS_TRUST)
    uni = Party(name="Northfield University", type=PartyType.UNIVERSITY)
    duties = [f"The Trust is responsible for site {i}." for i in range(8)]
    hits = run(draft(*duties, parties=(trust, uni)))
    assert hits and hits[0].vars["party"] == trust.name
