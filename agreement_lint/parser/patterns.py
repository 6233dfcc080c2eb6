"""The parser's own regular expressions, kept compiled between runs.

The parser's modules compile about sixty fixed patterns when they are imported, which cost
every start about as much as reading and parsing a draft. They are compiled through one
:class:`~agreement_lint.regexstore.RegexStore`, so that later starts rebuild them from the
user's cache directory instead (about a tenth of the cost); a store that cannot be read or
written just means compiling them afresh. Only fixed patterns written in the parser's source
go through here, never one built from a draft's words.
"""

from __future__ import annotations

import re

from ..regexstore import RegexStore

STORE = RegexStore.for_code("parser")


def fixed_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` for a pattern written in the parser's source."""
    return STORE.compile(pattern, flags)
