"""Who may end the agreement, and with what notice."""

from __future__ import annotations

from agreement_lint.engine.checks import REGISTRY, Hit
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement, Clause, Location, Party, PartyType

UNI = Party(name="University of Eastgate", short_name="University", type=PartyType.UNIVERSITY)
GROUP = Party(name="Eastgate Voices CIC", short_name="Group",
              type=PartyType.COMMUNITY_ORGANISATION)


def run(name: str, agreement: Agreement) -> list[Hit]:
    return list(REGISTRY[name](CheckContext.for_agreement(agreement, {})))


def draft(*clauses: Clause) -> Agreement:
    return Agreement(parties=(UNI, GROUP), clauses=clauses)


def ending(text: str, *children: Clause) -> Clause:
    return Clause(number="9", heading="Ending the agreement", text=text, children=children,
                  location=Location(line=40, clause="9"))


def test_a_right_held_by_one_party_only_is_one_sided() -> None:
    agreement = draft(ending("The University may terminate this Agreement at any time."))
    hits = run("one-sided-termination", agreement)
    assert len(hits) == 1
    assert hits[0].vars == {"party": "the University", "others": "Group"}  # never named in the text
    assert hits[0].location.clause == "9"
    assert "may terminate" in hits[0].evidence


def test_either_party_gives_the_right_to_all() -> None:
    agreement = draft(ending("Either party may terminate this Agreement on 3 months' notice."))
    assert run("one-sided-termination", agreement) == []


def test_each_party_holding_its_own_right_is_not_one_sided() -> None:
    agreement = draft(ending(
        "The University may end this Agreement on one month's written notice. The Group is "
        "entitled to terminate this Agreement on one month's written notice."
    ))
    assert run("one-sided-termination", agreement) == []


def test_right_to_terminate_wording_is_recognised() -> None:
    agreement = draft(ending("The Group shall have the right to terminate if funding ends."))
    hits = run("one-sided-termination", agreement)
    assert [h.vars["party"] for h in hits] == ["the Group"]


def test_termination_right_without_notice_is_reported() -> None:
    agreement = draft(ending("The University may terminate this Agreement by writing to the "
                             "Group."))
    hits = run("termination-notice", agreement)
    assert len(hits) == 1 and hits[0].location.line == 40


def test_notice_period_in_the_sentence_section_or_immediate_effect_is_enough() -> None:
    for text in (
        "Either party may terminate this Agreement on thirty (30) days' written notice.",
        "Either party may terminate this Agreement by giving notice of not less than 60 days.",
        "Either party may terminate this Agreement with immediate effect if the other "
        "commits a material breach.",
    ):
        assert run("termination-notice", draft(ending(text))) == [], text
    section = ending(
        "Notice must be given three months in advance in writing.",
        Clause(number="9.1", text="Either party may end this Agreement by giving notice."),
    )
    assert run("termination-notice", draft(section)) == []


def test_may_not_terminate_and_other_verbs_are_not_rights() -> None:
    agreement = draft(ending("The project will end on 31 March 2027. The University shall "
                             "terminate access to the building when the project ends."))
    assert run("termination-notice", agreement) == []
    assert run("one-sided-termination", agreement) == []


def test_long_asides_and_without_notice_are_understood() -> None:
    text = ("Either party may, in addition to any other remedies available to it under this "
            "Agreement or at law or in equity, terminate this Agreement without notice if the "
            "other becomes insolvent.")
    agreement = draft(ending(text))
    assert run("one-sided-termination", agreement) == []
    assert run("termination-notice", agreement) == []


def test_role_nouns_stand_for_parties_only_when_none_are_named() -> None:
    clauses = (Clause(number="5", text="The Company may terminate this Agreement for cause. "
                                       "The Consultant shall provide the services."),)
    hits = run("one-sided-termination", Agreement(clauses=clauses))
    assert [h.vars for h in hits] == [{"party": "the Company", "others": "the Consultant"}]
