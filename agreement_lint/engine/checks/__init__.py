"""Computed checks: what the rule data language cannot say, as small named Python functions.

A rule with ``check = "computed"`` names one of these by ``function``; the engine looks it up
in :data:`REGISTRY`, calls it with a :class:`~agreement_lint.engine.context.CheckContext` and
turns each :class:`Hit` into a finding with the rule's code, severity and message. Checks never
know which rule uses them: they report *what* they found and fill the message's
``{placeholders}`` through ``vars``.

Each area has its own module; importing this package registers every check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...model import Location

if TYPE_CHECKING:
    from ..context import CheckContext


@dataclass(frozen=True)
class Hit:
    """One thing a check found: where, the words that triggered it, and message values."""

    location: Location
    """``Location()`` for something about the document as a whole."""
    evidence: str = ""
    vars: Mapping[str, str] = field(default_factory=dict)


CheckFn = Callable[["CheckContext"], Iterable[Hit]]

REGISTRY: dict[str, CheckFn] = {}
"""Every computed check by its stable kebab-case name."""


def register(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check under ``name``; a second check with the same name is a bug."""

    def decorator(fn: CheckFn) -> CheckFn:
        if name in REGISTRY:
            raise ValueError(f"computed check {name!r} is registered twice")
        REGISTRY[name] = fn
        return fn

    return decorator


# Importing the area modules registers their checks.
from . import (  # noqa: E402
    acronyms,
    balance,
    dates,
    governance,
    numbering,
    ownership,
    placeholders,
    readability,
    references,
    structure,
    termination,
    terms,
)

__all__ = [
    "REGISTRY",
    "CheckFn",
    "Hit",
    "acronyms",
    "balance",
    "dates",
    "governance",
    "numbering",
    "ownership",
    "placeholders",
    "readability",
    "references",
    "register",
    "structure",
    "termination",
    "terms",
]
