"""The engine's own fixed regular expressions, kept compiled between runs.

The computed checks, the hollow-clause test and the sentence splitter compile well over a
hundred fixed patterns when they are imported; on a start that checks one draft that is a
noticeable share of the time. They go through one
:class:`~agreement_lint.regexstore.RegexStore`, so later starts rebuild them from the user's
cache directory; :func:`~agreement_lint.engine.lint.lint` saves it after a run. Only patterns
written in the engine's source belong here, never one built from a draft's words.
"""

from __future__ import annotations

import re

from ..regexstore import RegexStore

STORE = RegexStore.for_code("engine")


def fixed_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` for a pattern written in the engine's source."""
    return STORE.compile(pattern, flags)
