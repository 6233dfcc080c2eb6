"""A CI-sized fuzz run (about two minutes): ``pytest -m fuzz`` or ``AGREEMENT_LINT_FUZZ=1``.

Runs ``scripts/fuzz.py`` in-process with a fixed seed, so a failure here is reproducible with
the same command line, and with a fresh seed each day, so repeated runs keep exploring.
"""

from __future__ import annotations

import datetime
from types import ModuleType

import pytest
from script_loader import load_script


def _script() -> ModuleType:
    return load_script("fuzz.py", "agreement_lint_fuzz_script")


@pytest.mark.fuzz
@pytest.mark.parametrize("seed", [
    20261122, int(datetime.date.today().strftime("%Y%m%d")),
], ids=["fixed-seed", "todays-seed"])
def test_fuzz_run_finds_nothing(seed: int, capsys: pytest.CaptureFixture[str]) -> None:
    code = _script().main(["--parser-examples", "30000", "--docx-mutations", "3000",
                           "--lint-every", "200", "--seed", str(seed)])
    out = capsys.readouterr().out
    assert code == 0, out
