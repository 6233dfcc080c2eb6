"""A stand-in for the rule set, holding only what reporters read from it.

Report tests use their own few rules so that changes to the bundled rule data cannot change
what they assert; both the example-based and the property-based report tests share this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from agreement_lint.findings import Severity


@dataclass(frozen=True)
class StubRule:
    """The fields of a rule that SARIF, JUnit and the other reports use."""

    code: str
    name: str
    severity: Severity
    principles: tuple[str, ...]
    message: str
    rationale: str
    suggestion: str


class StubRules:
    """Rules by code, sorted like the real rule set (a later rule with the same code wins)."""

    def __init__(self, rules: Iterable[StubRule]) -> None:
        unique = {rule.code: rule for rule in rules}
        self.rules = sorted(unique.values(), key=lambda r: r.code)

    def get(self, code: str) -> StubRule | None:
        return next((r for r in self.rules if r.code == code), None)
