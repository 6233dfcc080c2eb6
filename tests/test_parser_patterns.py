"""The parser's fixed patterns, rebuilt from the store between runs, are exactly re.compile's."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from agreement_lint.parser import document, inline, lines, tree


def _module_patterns(module: ModuleType) -> list[re.Pattern[str]]:
    found: list[re.Pattern[str]] = []
    for value in vars(module).values():
        if isinstance(value, re.Pattern):
            found.append(value)
        elif isinstance(value, tuple):
            found.extend(v for item in value if isinstance(item, tuple)
                         for v in item if isinstance(v, re.Pattern))
    return found


@pytest.mark.parametrize("module", [document, inline, lines, tree])
def test_every_parser_pattern_equals_a_fresh_compile(module: ModuleType) -> None:
    found = _module_patterns(module)
    assert found
    for pattern in found:  # patterns compare equal only with the same compiled code
        assert pattern == re.compile(pattern.pattern, pattern.flags), pattern.pattern

