"""The engine's fixed patterns are kept between runs (agreement_lint/fixed.py), and rebuilt
exactly as re.compile's."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from agreement_lint.engine import hollow, sentences
from agreement_lint.engine.checks import (
    acronyms,
    dates,
    numbering,
    placeholders,
    readability,
    references,
    structure,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "mou-public-engagement-millbrook.md"
MODULES = [hollow, sentences, acronyms, dates, numbering, placeholders, readability, references,
           structure]


def _module_patterns(module: ModuleType) -> list[re.Pattern[str]]:
    found: list[re.Pattern[str]] = []
    for value in vars(module).values():
        items = value if isinstance(value, tuple | list) else (value,)
        for item in items:
            parts = item if isinstance(item, tuple) else (item,)
            found.extend(part for part in parts if isinstance(part, re.Pattern))
    return found


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_engine_pattern_equals_a_fresh_compile(module: ModuleType) -> None:
    found = _module_patterns(module)
    assert found
    for pattern in found:  # patterns compare equal only with the same compiled code
        assert pattern == re.compile(pattern.pattern, pattern.flags), pattern.pattern


COMPILED_ON_IMPORT = """
import json, re._compiler
calls = []
original = re._compiler.compile
re._compiler.compile = lambda p, flags=0: calls.append(p) or original(p, flags)
import agreement_lint.engine.checks, agreement_lint.engine.hollow, agreement_lint.engine.sentences
print(json.dumps([p for p in calls if isinstance(p, str)]))
"""


def _compiled_on_import(env: dict[str, str]) -> set[str]:
    done = subprocess.run([sys.executable, "-c", COMPILED_ON_IMPORT], env=env,
                          capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


def test_a_second_start_rebuilds_the_engine_patterns_from_the_store(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    first = subprocess.run([sys.executable, "-m", "agreement_lint", "check", str(SAMPLE),
                            "--no-cache", "-q"], env=env, capture_output=True, check=False)
    assert first.returncode == 1, first.stderr  # the sample has findings
    stores = list((tmp_path / "agreement-lint").glob("regex-code-*.json"))
    assert len(stores) == 1
    kept = json.loads(stores[0].read_text())["patterns"]
    assert any(dates.DATE.pattern in key for key in kept)
    ours = {p.pattern for module in MODULES for p in _module_patterns(module)}
    fresh = _compiled_on_import({**env, "XDG_CACHE_HOME": str(tmp_path / "empty")})
    stored = _compiled_on_import(env)
    assert ours <= fresh  # with nothing stored, every one is compiled in pure Python …
    assert not ours & stored  # … and with the store, none is
