"""The pre-commit hook works as users will run it: ``pre-commit try-repo``.

try-repo installs the hook from the repository's committed HEAD, so the checkout is copied to
a temporary directory and committed there (uncommitted work is included). The hook's
environment is built offline: pip is pointed at the packages of the interpreter running the
tests (``PYTHONPATH``, no index, no build isolation), so the test downloads nothing.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
FLAWED = "samples/nhs-research-collaboration-agreement.md"
EXEMPLARY = "samples/engagement-project-healthy-streets.md"

pytestmark = pytest.mark.slow


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    git = _tool("git")
    for sample in (FLAWED, EXEMPLARY):
        if not (CHECKOUT / sample).is_file():
            pytest.skip(f"{sample} is not in this checkout")
    root = tmp_path_factory.mktemp("hook") / "agreement-lint"
    ignore = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".mypy_cache",
                                    ".pytest_cache", ".ruff_cache", "*.egg-info", "build", "dist")
    shutil.copytree(CHECKOUT, root, ignore=ignore, symlinks=True)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    for argv in (["init", "-q", "-b", "main"], ["add", "-A"],
                 ["commit", "-q", "--no-verify", "-m", "snapshot"]):
        subprocess.run([git, *argv], cwd=root, env=env, check=True, capture_output=True)
    return root


def _try_repo(root: Path, path: str) -> subprocess.CompletedProcess[str]:
    pre_commit = _tool("pre-commit")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home"),
        "PYTHONPATH": os.pathsep.join(site.getsitepackages()),
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip reads this flag inverted: "0" means no isolation
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "NO_COLOR": "1",
    }
    return subprocess.run([pre_commit, "try-repo", ".", "agreement-lint", "--files", path],
                          cwd=root, env=env, capture_output=True, text=True, timeout=900)


def _skip_if_hook_could_not_be_built(done: subprocess.CompletedProcess[str]) -> None:
    """On a developer's machine a missing build backend skips; in CI it is a failure."""
    if "An unexpected error has occurred" not in done.stdout + done.stderr:
        return
    message = "pre-commit could not build the hook environment offline:\n" + done.stdout
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_hook_fails_on_a_flawed_draft(repository: Path) -> None:
    done = _try_repo(repository, FLAWED)
    _skip_if_hook_could_not_be_built(done)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert f"{FLAWED}:" in done.stdout


def test_hook_passes_on_the_exemplary_draft(repository: Path) -> None:
    done = _try_repo(repository, EXEMPLARY)
    _skip_if_hook_could_not_be_built(done)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
