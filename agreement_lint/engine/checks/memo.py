"""Facts several checks derive from one agreement, worked out once per lint run.

The party index, the document's text and the patterns built from the parties' names are the
same for every check of a run; building them again in each check costs more than the checks'
own work. They are kept for as long as the run's :class:`AgreementIndex` lives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from ..context import AgreementIndex, CheckContext

T = TypeVar("T")

_RUNS: WeakKeyDictionary[AgreementIndex, dict[str, Any]] = WeakKeyDictionary()


def once(ctx: CheckContext, key: str, build: Callable[[], T]) -> T:
    """``build()`` the first time a run asks for ``key``; the same value after that."""
    run = ctx._index
    memo = _RUNS.get(run)
    if memo is None:
        memo = _RUNS[run] = {}
    if key not in memo:
        memo[key] = build()
    value: T = memo[key]
    return value


@lru_cache(maxsize=256)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` for patterns built from an agreement's own words, kept between runs.

    Python's own cache holds 512 patterns and is emptied of the oldest when full; a pattern of
    every party name costs milliseconds to compile, so it is kept here instead.
    """
    return re.compile(pattern, flags)
