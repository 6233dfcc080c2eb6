"""agreement-lint's own fixed regular expressions, kept compiled between runs.

The parser, the computed checks, the hollow-clause test and the sentence splitter compile
well over a hundred fixed patterns when they are imported; on a start that checks one draft
that cost about as much as reading and parsing it. They all go through one
:class:`~agreement_lint.regexstore.RegexStore`, so later starts rebuild them from the user's
cache directory; the parser saves it once its modules are imported, and
:func:`~agreement_lint.engine.lint.lint` after a run. Only patterns written in the package's
source belong here, never one built from a draft's words.
"""

from __future__ import annotations

import re

from .regexstore import RegexStore

STORE = RegexStore.for_code("code")


def fixed_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` for a pattern written in agreement-lint's source."""
    return STORE.compile(pattern, flags)
