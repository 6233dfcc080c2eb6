"""A CI-sized fuzz run (about two minutes): ``pytest -m fuzz`` or ``AGREEMENT_LINT_FUZZ=1``.

Runs ``scripts/fuzz.py`` in-process with a fixed seed, so a failure here is reproducible with
the same command line, and with a fresh seed each day, so repeated runs keep exploring.
"""

from __future__ import annotations

import datetime
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "fuzz.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("agreement_lint_fuzz_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.fuzz
@pytest.mark.parametrize("seed", [
    20261122, int(datetime.date.today().strftime("%Y%m%d")),
], ids=["fixed-seed", "todays-seed"])
def test_fuzz_run_finds_nothing(seed: int, capsys: pytest.CaptureFixture[str]) -> None:
    code = _script().main(["--parser-examples", "30000", "--docx-mutations", "3000",
                           "--lint-every", "200", "--seed", str(seed)])
    out = capsys.readouterr().out
    assert code == 0, out
