"""The bundled rule data is the catalogue the project promises: every code, every principle,
each rationale citing what it claims, and nothing copied from the source documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agreement_lint.engine import load_ruleset

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RULESET = load_ruleset()

CATALOGUE = {
    "PAY001": "payment-terms-missing", "PAY002": "payment-timescale-missing",
    "PAY003": "payment-process-missing", "PAY004": "unpaid-partner-contribution",
    "PAY005": "resources-missing", "PAY006": "expenses-missing",
    "OWN001": "ip-ownership-missing", "OWN002": "data-ownership-missing",
    "OWN003": "one-sided-ownership", "OWN004": "data-protection-missing",
    "OWN005": "credit-missing", "OWN006": "ethics-missing",
    "END001": "term-missing", "END002": "exit-plan-missing",
    "END003": "termination-notice-missing", "END004": "one-sided-termination",
    "END005": "end-assets-missing", "END006": "continuation-missing",
    "GOV001": "governance-missing", "GOV002": "one-sided-governance", "GOV003": "roles-missing",
    "GOV004": "communication-missing", "GOV005": "dispute-resolution-missing",
    "GOV006": "variation-missing", "GOV007": "obligation-imbalance",
    "AIM001": "aims-missing", "AIM002": "success-measures-missing", "AIM003": "review-missing",
    "AIM004": "outputs-missing", "AIM005": "feedback-missing",
    "INC001": "community-voice-missing", "INC002": "accessibility-missing",
    "INC003": "context-missing", "CIV001": "place-missing",
    "CIV002": "anchor-commitments-missing", "LANG001": "acronym-undefined",
    "LANG002": "hard-to-read", "LANG003": "legalese", "STR001": "parties-missing",
    "STR002": "placeholder", "STR003": "hollow-clause", "STR004": "broken-cross-reference",
    "STR005": "undefined-term", "STR006": "unused-definition", "STR007": "numbering",
    "STR008": "signature-missing", "STR009": "date-inconsistent",
}
SOURCES = ("toolkit", "Equitable Partnerships", "NHS", "Collaborating Places", "Queen Mary",
           "Civic University Agreement", "UPP Foundation")


def test_every_catalogue_code_is_bundled_under_its_name() -> None:
    bundled = {rule.code: rule.name for rule in RULESET.rules}
    for code, name in CATALOGUE.items():
        assert bundled.get(code) == name, code


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_rationale_cites_each_principle_and_its_source(code: str) -> None:
    rule = RULESET.get(code)
    assert rule is not None
    cited = [p for p in rule.principles if p != "STRUCT"]
    for principle in cited:
        assert principle in rule.rationale, f"{code} rationale does not cite {principle}"
    if cited:
        assert any(source in rule.rationale for source in SOURCES), code


@pytest.mark.corpus
@pytest.mark.skipif(not (SHARED / "principles.md").is_file(), reason="../shared is absent")
def test_every_principle_in_the_catalogue_is_defined() -> None:
    text = (SHARED / "principles.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"\*\*([A-Z]{2,4}(?:-[A-Z0-9]+)+)\b", text))
    assert ids, "no principle IDs found in principles.md"
    assert ids <= set(RULESET.principles), sorted(ids - set(RULESET.principles))


@pytest.mark.corpus
@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is absent")
def test_no_wording_is_copied_from_the_source_documents() -> None:
    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9']+", text.lower())

    size = 8
    seed_words = words(" ".join(p.read_text(encoding="utf-8")
                                for p in (SHARED / "seeds").glob("0*.txt")))
    grams = {tuple(seed_words[i:i + size]) for i in range(len(seed_words) - size)}
    ours = [(r.code, t) for r in RULESET.rules for t in (r.message, r.rationale, r.suggestion)]
    ours += [(pid, p.summary) for pid, p in RULESET.principles.items()]
    for owner, text in ours:
        found = words(text)
        copied = [" ".join(found[i:i + size]) for i in range(len(found) - size)
                  if tuple(found[i:i + size]) in grams]
        assert not copied, f"{owner}: {copied[0]!r}"
