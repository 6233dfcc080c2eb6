"""``--jobs N`` checks files in parallel and reports exactly what ``--jobs 1`` reports.

Both runs use a snapshot of the package and its rule data (so edits to the checkout during a
long run cannot make them differ) and ``--no-cache`` (so the second run checks afresh).
The heavy variant runs 200 copies of the samples and prints both timings (a figure for the
record, not a timed assertion): ``pytest -m heavy -s tests/test_cli_jobs.py``. Set
``AGREEMENT_LINT_COPIES`` to change the number of copies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
SAMPLES = CHECKOUT / "samples"


def _copies(root: Path, count: int) -> Path:
    drafts = [p for p in sorted(SAMPLES.iterdir())
              if p.suffix in {".md", ".txt", ".docx"} and p.is_file()]
    if not drafts:
        pytest.skip("no samples in this checkout")
    for number in range(count):
        target = root / "copies" / f"{number:03d}"
        target.mkdir(parents=True)
        for draft in drafts:
            shutil.copy2(draft, target / draft.name)
    (root / ".git").mkdir()
    return root / "copies"


def _snapshot(root: Path) -> Path:
    """A copy of the package, its grammar and rules, frozen for the length of the test."""
    target = root / "snapshot"
    for name in ("agreement_lint", "grammar", "rules"):
        shutil.copytree(CHECKOUT / name, target / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _check(root: Path, jobs: int) -> tuple[str, float]:
    snapshot = root / "snapshot"
    if not snapshot.exists():
        _snapshot(root)
    env = {**os.environ, "PYTHONPATH": str(snapshot)}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "agreement_lint", "check", "copies", "--format", "json",
         "--fail-on", "never", "--no-cache", "--jobs", str(jobs)],
        cwd=root, env=env, capture_output=True, text=True, timeout=3600,
    )
    elapsed = time.perf_counter() - started
    assert done.returncode in (0, 2, 3), done.stderr
    assert done.stdout.startswith("{"), done.stderr
    return done.stdout, elapsed


def test_two_jobs_give_the_same_report_as_one(tmp_path: Path) -> None:
    _copies(tmp_path, 2)
    serial, _ = _check(tmp_path, 1)
    parallel, _ = _check(tmp_path, 2)
    assert parallel == serial


@pytest.mark.heavy
def test_two_hundred_copies_same_report_and_timings(tmp_path: Path) -> None:
    count = int(os.environ.get("AGREEMENT_LINT_COPIES", "200"))
    _copies(tmp_path, count)
    serial, one = _check(tmp_path, 1)
    parallel, two = _check(tmp_path, 2)
    assert parallel == serial
    files = serial.count('"path":')
    print(f"\n{files} files: --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} s "
          f"(speed-up {one / two:.2f}x on {os.cpu_count()} cores)")
