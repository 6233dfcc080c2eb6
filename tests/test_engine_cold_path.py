"""A plain check stays on the cold path: no pydantic validator is built and
``importlib.metadata`` (hundreds of modules' worth of start-up) is never imported."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "mou-public-engagement-millbrook.md"

PROBE = """
import contextlib, io, json, sys
from pydantic import BaseModel
from agreement_lint.cli import main

with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass

def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)

built = sorted(f"{c.__module__}.{c.__qualname__}" for c in subclasses(BaseModel)
               if c.__module__.startswith("agreement_lint") and c.__pydantic_complete__)
print(json.dumps({"metadata": "importlib.metadata" in sys.modules, "built": built}))
"""


def _probe(cwd: Path, *args: str) -> dict[str, object]:
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", PROBE, "check", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_a_text_check_builds_no_validator_and_skips_importlib_metadata(tmp_path: Path) -> None:
    draft = tmp_path / SAMPLE.name
    shutil.copyfile(SAMPLE, draft)
    _probe(tmp_path, "--no-cache", draft.name)  # stores the rule set, as any first run does
    assert _probe(tmp_path, "--no-cache", draft.name) == {"metadata": False, "built": []}


def test_the_results_cache_key_does_not_import_importlib_metadata() -> None:
    probe = ("import sys\nfrom agreement_lint.cache import code_fingerprint\n"
             "code_fingerprint()\nprint('importlib.metadata' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "False"
