"""The shapes of the rule data files, validated by pydantic as they are loaded.

A TOML file in ``rules/`` or in a user's rule pack may hold any of these top-level tables:
``[[rule]]``, ``[concept.NAME]``, ``[[kind]]``, ``[[principle]]``, ``[document.NAME]`` and
``[override.CODE]``. Unknown fields are errors, so a typo never silently disables a rule.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..findings import Severity

TOP_LEVEL_KEYS = ("rule", "concept", "kind", "principle", "document", "override")

CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}[0-9]{3}$")
KEBAB = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
CheckType = Literal["require", "flag", "computed", "external"]
Scope = Literal["clause", "section", "document"]


class _Strict(BaseModel):
    # Built when rule data is first validated, not whenever the engine is imported.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              defer_build=True)


class ExampleSpec(_Strict):
    """A snippet on which a rule must fire (``[[rule.fail]]``) or not (``[[rule.pass]]``)."""

    text: str = Field(min_length=1)
    kind: str | None = None
    note: str = ""


class RuleSpec(_Strict):
    """One ``[[rule]]`` table."""

    code: str
    name: str
    severity: Severity
    principles: tuple[str, ...] = Field(min_length=1)
    kinds: tuple[str, ...] = ("*",)
    severity_by_kind: dict[str, Severity] = Field(default_factory=dict)
    check: CheckType
    when: str | None = None
    condition: str | None = None
    scope: Scope | None = None
    function: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    message: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    suggestion: str = Field(min_length=1)
    fail: tuple[ExampleSpec, ...] = Field(min_length=1)
    pass_: tuple[ExampleSpec, ...] = Field(alias="pass", min_length=1)

    @field_validator("code")
    @classmethod
    def _code_shape(cls, code: str) -> str:
        if not CODE.match(code):
            raise ValueError(
                f"code {code!r} should be capital letters followed by three digits, e.g. PAY001"
            )
        return code

    @field_validator("name")
    @classmethod
    def _name_shape(cls, name: str) -> str:
        if not KEBAB.match(name):
            raise ValueError(f"name {name!r} should be kebab-case, e.g. payment-terms-missing")
        return name

    @model_validator(mode="after")
    def _check_fields(self) -> RuleSpec:
        if self.check == "external":
            # Findings made outside the engine (waivers.py); the data only words them.
            if self.condition or self.when or self.function or self.params:
                raise ValueError("an external rule takes no `condition`, `when`, `function` "
                                 "or `params` (its findings are made outside the engine)")
        elif self.check == "computed":
            if not self.function:
                raise ValueError("a computed rule needs `function` (the name of its check)")
            if self.condition:
                raise ValueError("a computed rule takes no `condition` (its check decides)")
        else:
            if not self.condition:
                raise ValueError(f"a {self.check} rule needs a `condition`")
            if self.function:
                raise ValueError(f"`function` belongs to computed rules, not {self.check} rules")
            if self.params:
                raise ValueError(f"`params` belong to computed rules, not {self.check} rules")
        return self


class OverrideSpec(_Strict):
    """``[override.CODE]`` in a rule pack: change a bundled rule's severity or turn it off."""

    severity: Severity | None = None
    severity_by_kind: dict[str, Severity] | None = None
    disabled: bool = False


class KindSpec(_Strict):
    """One ``[[kind]]``: a profile of agreement, its aliases and the title patterns for it."""

    name: str
    title: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()
    title_patterns: tuple[str, ...] = ()

    @field_validator("name")
    @classmethod
    def _name_shape(cls, name: str) -> str:
        if not KEBAB.match(name):
            raise ValueError(f"kind name {name!r} should be kebab-case")
        return name

    @field_validator("title_patterns")
    @classmethod
    def _patterns_compile(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(
                    f"title pattern {pattern!r} is not a valid regular expression: {exc}"
                ) from None
        return patterns


class DocumentSpec(_Strict):
    """``[document.NAME]``: a published source the principles come from."""

    title: str
    publisher: str = ""
    year: int | None = None
    licence: str = ""
    url: str = ""


class PrincipleSpec(_Strict):
    """One ``[[principle]]``: an ID every rule may cite, with its source and a plain summary."""

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$")
    title: str
    document: str
    section: str = ""
    summary: str = ""
