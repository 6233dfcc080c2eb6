"""The rule engine: loads rules and concepts from TOML data and runs them on an agreement.

``load_ruleset()`` reads ``rules/`` (and any user rule packs); ``lint()`` runs the rule set on
one :class:`~agreement_lint.model.Agreement`. See ``docs/rule-format.md``.
"""

from .lint import LintOptions, lint
from .loader import load_ruleset
from .ruleset import Example, Kind, Principle, Rule, RuleSet

__all__ = ["Example", "Kind", "LintOptions", "Principle", "Rule", "RuleSet", "lint", "load_ruleset"]
