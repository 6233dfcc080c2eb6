"""The condition language: precedence, parentheses, atoms, and clear errors."""

from __future__ import annotations

import pytest

from agreement_lint.engine.concepts import Concept, ConceptSpec
from agreement_lint.engine.condition import ConditionError, compile_condition
from agreement_lint.engine.context import AgreementIndex
from agreement_lint.model import Agreement, Clause, Party, PartyType

CONCEPTS = {
    name: Concept(name, ConceptSpec(body=(name,), heading=(f"{name}-heading",)))
    for name in ("alpha", "beta", "gamma", "android")
}
KINDS = ("mou", "general")


def evaluate(source: str, text: str, *, heading: str = "", kind: str = "general",
             metadata: dict[str, str | list[str]] | None = None,
             party: PartyType = PartyType.OTHER) -> bool:
    agreement = Agreement(
        clauses=(Clause(number="1", heading=heading or None, text=text),),
        parties=(Party(name="Group", type=party),),
        metadata=metadata or {},
    )
    index = AgreementIndex(agreement, CONCEPTS, kind)
    condition = compile_condition(source, concepts=CONCEPTS, kinds=KINDS)
    return condition(index, index.units("clause")[0])


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        ("alpha or beta and gamma", "alpha", True),  # and binds tighter than or
        ("(alpha or beta) and gamma", "alpha", False),
        ("alpha and beta or gamma", "gamma", True),
        ("alpha and (beta or gamma)", "gamma", False),
        ("not alpha and beta", "beta", True),  # not binds tighter than and
        ("not (alpha and beta)", "alpha beta", False),
        ("not not alpha", "alpha", True),
        ("alpha or beta or gamma", "nothing here", False),
        ("android and not alpha", "android", True),  # a keyword prefix inside a name
        ("((alpha))", "alpha", True),
    ],
)
def test_precedence_and_parentheses(source: str, text: str, expected: bool) -> None:
    assert evaluate(source, text) is expected


def test_heading_and_body_atoms() -> None:
    assert evaluate("heading(alpha)", "nothing", heading="alpha-heading")
    assert not evaluate("body(alpha)", "nothing", heading="alpha-heading")
    assert evaluate("body(alpha)", "alpha", heading="other")
    assert not evaluate("heading(alpha)", "alpha", heading="other")


def test_document_fact_atoms() -> None:
    assert evaluate("kind(mou)", "", kind="mou")
    assert not evaluate("kind(mou)", "", kind="general")
    assert evaluate("meta(end)", "", metadata={"end": "2027-03-31"})
    assert not evaluate("meta(end)", "", metadata={"end": "  "})
    assert not evaluate("meta(end)", "")
    assert evaluate("party(community-organisation)", "", party=PartyType.COMMUNITY_ORGANISATION)
    assert not evaluate("party(community-organisation)", "")


def test_positive_concepts_give_the_evidence() -> None:
    condition = compile_condition("alpha and not beta or heading(gamma)", concepts=CONCEPTS,
                                  kinds=KINDS)
    assert condition.concepts == {"alpha", "beta", "gamma"}
    assert condition.positive == (("alpha", "any"), ("gamma", "heading"))


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("alpha and alpah", "unknown concept 'alpah' (did you mean alpha?)"),
        ("alpha and", "ends too early"),
        ("alpha beta", "unexpected 'beta' at column 7"),
        ("(alpha", "ends too early"),
        ("alpha)", "unexpected ')'"),
        ("alpha & beta", "unexpected character '&'"),
        ("kind(treaty)", "unknown kind 'treaty'"),
        ("party(club)", "unknown party type 'club'"),
        ("heading", "ends too early"),
        ("Alpha", "unexpected character 'A'"),
    ],
)
def test_errors_are_one_plain_line(source: str, words: str) -> None:
    with pytest.raises(ConditionError) as caught:
        compile_condition(source, concepts=CONCEPTS, kinds=KINDS)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


# --- any expression means what Python's own and/or/not would make of it ------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_NAMES = ("alpha", "beta", "gamma")


def _expressions() -> st.SearchStrategy[str]:
    leaves = st.sampled_from(_NAMES)
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.builds(lambda e: f"not {e}", inner),
            st.builds(lambda a, b: f"{a} and {b}", inner, inner),
            st.builds(lambda a, b: f"{a} or {b}", inner, inner),
            st.builds(lambda e: f"({e})", inner),
        ),
        max_leaves=8,
    )


@given(_expressions(), st.sets(st.sampled_from(_NAMES)))
def test_any_expression_follows_boolean_precedence(source: str, present: set[str]) -> None:
    text = " ".join(sorted(present)) or "nothing"
    expected = eval(source, {"__builtins__": {}}, {n: n in present for n in _NAMES})
    assert evaluate(source, text) is bool(expected)
