"""Decisions one party takes alone; boards filled by one partner."""

from __future__ import annotations

from agreement_lint.engine.checks import REGISTRY, Hit
from agreement_lint.engine.context import CheckContext
from agreement_lint.model import Agreement, Clause, Party, PartyType

UNI = Party(name="University of Eastgate", short_name="University", type=PartyType.UNIVERSITY)
TRUST = Party(name="Eastgate Hospitals NHS Trust", short_name="Trust", type=PartyType.NHS_TRUST)


def run(name: str, *texts: str) -> list[Hit]:
    clauses = tuple(Clause(number=str(i + 1), heading="Governance", text=t)
                    for i, t in enumerate(texts))
    agreement = Agreement(parties=(UNI, TRUST), clauses=clauses)
    return list(REGISTRY[name](CheckContext.for_agreement(agreement, {})))


def test_one_party_deciding_alone_is_reported() -> None:
    for text in (
        "The University shall determine the priorities of the programme.",
        "The Trust will have the final say on any change to the work plan.",
        "Changes to the budget are made at the University's sole discretion.",
        "The University may, in its sole discretion, withhold approval.",
    ):
        hits = run("one-sided-governance", text)
        assert len(hits) == 1, text
        assert hits[0].vars["party"] in {"the University", "the Trust"}


def test_joint_decisions_are_not_reported() -> None:
    assert run(
        "one-sided-governance",
        "The parties shall decide the priorities together.",
        "Each party may, in its sole discretion, decide whether to publish.",
        "The University and the Trust shall determine the work plan jointly.",
    ) == []


def test_a_board_drawn_from_one_partner_is_reported() -> None:
    hits = run(
        "one-sided-governance",
        "A Steering Group will oversee the programme. Its members shall be three senior "
        "representatives of the University, one of whom will chair it.",
    )
    assert [h.vars["party"] for h in hits] == ["the University"]


def test_a_board_with_members_from_both_partners_is_not_reported() -> None:
    assert run(
        "one-sided-governance",
        "The Steering Group comprises two representatives of the University and two "
        "representatives of the Trust. The University shall appoint the secretary.",
    ) == []


def test_one_hit_per_clause() -> None:
    hits = run("one-sided-governance",
               "The University shall decide the plan. The University shall determine the budget.")
    assert len(hits) == 1


def test_short_names_defined_in_the_text_and_passive_decisions_count() -> None:
    icb = Party(name="Northmoor Integrated Care Board", type=PartyType.NHS_BODY)
    clauses = (
        Clause(number="1", text='Northmoor Integrated Care Board, a statutory body of the '
                                'National Health Service (NHS), (the "ICB").'),
        Clause(number="9", heading="Access", text="Requests will be decided by the ICB's Data "
               "Access Committee, whose members are appointed by the ICB from its officers."),
    )
    agreement = Agreement(parties=(icb, UNI), clauses=clauses)
    hits = list(REGISTRY["one-sided-governance"](CheckContext.for_agreement(agreement, {})))
    assert [(h.location.clause, h.vars["party"]) for h in hits] == [("9", icb.name)]


def test_joint_lists_passive_mentions_and_other_memberships_are_not_one_sided() -> None:
    assert run(
        "one-sided-governance",
        "Each of the Steering Group and the University shall determine its own members.",
        "Any discoveries made by the University are reported to the Trust.",
        "Dr Lee is a member of the University's senate. The Board meets quarterly.",
    ) == []
    hits = run("one-sided-governance", "Priorities will be determined by the Trust.")
    assert [h.vars["party"] for h in hits] == ["the Trust"]


def test_a_post_of_one_party_deciding_is_that_party_deciding() -> None:
    for text, party in (
        ("The University's Principal Investigator will decide the research questions.",
         "the University"),
        ("The Trust’s Director of Research shall approve each protocol.", "the Trust"),
        ("The University's project lead, a senior lecturer, will determine the schedule.",
         "the University"),
        ("The Trust's research ethics committee will approve the survey.", "the Trust"),
    ):
        hits = run("one-sided-governance", text)
        assert [h.vars["party"] for h in hits] == [party], text


def test_posts_of_every_party_or_of_both_do_not_decide_alone() -> None:
    for text in (
        "Each party's representative will approve the annual plan.",
        "The Parties' nominees will decide by consensus.",
        "The University's project lead and the Trust's clinical lead will decide together.",
        "The University's survey results will determine the priorities.",
    ):
        assert run("one-sided-governance", text) == [], text


def test_a_casting_vote_or_a_choice_one_party_makes_is_reported() -> None:
    for text, party in (
        ("The University's Director of Engagement chairs the board and has a casting vote.",
         "the University"),
        ("The Trust will have a casting vote.", "the Trust"),
        ("The board is chaired by the Trust's Chief Executive, who has the casting vote.",
         "the Trust"),
        ("Projects are chosen by the University, taking account of the board's advice.",
         "the University"),
        ("Sites will be selected by the Trust.", "the Trust"),
        ("The annual plan is approved by the Trust's Executive Board.", "the Trust"),
        ("All decisions of the Board shall be made by the Trust after consultation with the "
         "other members.", "the Trust"),
    ):
        hits = run("one-sided-governance", text)
        assert [h.vars["party"] for h in hits] == [party], text


def test_a_routine_approval_people_put_forward_or_a_shared_casting_vote_are_not() -> None:
    for text in (
        "Each study is approved by the University's research ethics committee.",
        "Two co-researchers, residents of the estate, chosen by the Trust, join the group.",
        "The chair rotates between the parties and has a casting vote.",
        "Projects are chosen by the University and the Trust together.",
        "Decisions of the board are made by consensus of the University and the Trust.",
        "The University will chair the board and will not have a casting vote.",
        "The board is chaired by the University and the Trust in turn, with a casting vote.",
    ):
        assert run("one-sided-governance", text) == [], text
