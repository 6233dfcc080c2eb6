"""Stopping a long run leaves nothing half-written and no process behind.

``check --jobs 2`` over 1,000 drafts is stopped mid-run, by SIGTERM to the main process (what
a CI runner or ``kill`` does) and by SIGINT to the whole process group (what Ctrl-C in a
terminal does). Each time: exit code 143 or 130, one line saying so, no report file and no
temporary file in the output directory, and every worker process gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agreement_lint import exitcodes

CHECKOUT = Path(__file__).resolve().parents[1]
DRAFTS = 1_000

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads worker processes from /proc (Linux)"
)


def _draft(number: int) -> str:
    return (
        f"# Memorandum of Understanding {number}\n\n"
        "This memorandum is between Eastgate University and Riverside Community Group.\n\n"
        "## 1. Purpose\n\nThe partners will run a neighbourhood health project together.\n\n"
        f"## 2. Payment\n\n2.1 The University will pay the Group £{number} within 30 days.\n\n"
        "## 3. Ending\n\nEither partner may end this memorandum on 30 days' notice.\n"
    )


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch") / "drafts"
    folder.mkdir()
    for number in range(DRAFTS):
        (folder / f"draft-{number:04d}.md").write_text(_draft(number), encoding="utf-8")
    return folder


def _children(pid: int) -> set[int]:
    """Every descendant of ``pid``, from the parent links in /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid …" — comm may contain spaces and parentheses.
        fields = stat[stat.rindex(")") + 2:].split()
        parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _start(drafts: Path, output: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT), "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "agreement_lint", "check", str(drafts), "--no-config",
         "--no-cache", "--jobs", "2", "--format", "json", "--output", str(output)],
        cwd=drafts.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )


def _wait_for_workers(process: subprocess.Popen[str], timeout: float = 60) -> set[int]:
    """The worker pids once the pool has started (so the run is really mid-way)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before it could be interrupted"
        workers = _children(process.pid)
        if len(workers) >= 2:
            time.sleep(0.5)  # let the workers get going on the batch
            return _children(process.pid)
        time.sleep(0.05)
    raise AssertionError("no worker processes appeared")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "whole_group", "code", "word"),
    [
        pytest.param(signal.SIGTERM, False, exitcodes.TERMINATED, "terminated", id="sigterm"),
        pytest.param(signal.SIGINT, True, exitcodes.INTERRUPTED, "interrupted", id="ctrl-c"),
    ],
)
def test_interrupted_batch_leaves_no_output_and_no_workers(
    drafts: Path, tmp_path: Path, signum: int, whole_group: bool, code: int, word: str
) -> None:
    out_dir = tmp_path / "reports"
    out_dir.mkdir()
    output = out_dir / "report.json"
    process = _start(drafts, output)
    try:
        workers = _wait_for_workers(process)
        if whole_group:
            os.killpg(process.pid, signum)
        else:
            os.kill(process.pid, signum)
        _stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == code, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line, got {stderr!r}"
    assert word in lines[0] and "no partial output" in lines[0]
    assert list(out_dir.iterdir()) == [], "a report or temporary file was left behind"
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    lingering = sorted(pid for pid in workers if _alive(pid))
    assert not lingering, f"worker processes still running: {lingering}"


def test_an_uninterrupted_run_writes_the_report(drafts: Path, tmp_path: Path) -> None:
    """The control case, on a slice of the batch: the same command completes and writes."""
    few = tmp_path / "few"
    few.mkdir()
    for path in sorted(drafts.iterdir())[:20]:
        (few / path.name).write_bytes(path.read_bytes())
    output = tmp_path / "report.json"
    process = _start(few, output)
    _stdout, stderr = process.communicate(timeout=300)
    assert process.returncode in (exitcodes.OK, exitcodes.FINDINGS), stderr
    assert output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["few", "report.json"]
