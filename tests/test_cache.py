"""The results cache: a hit reports exactly what a fresh check reports, and anything a result
depends on (the file, the rules, the settings, the code) gives a different key."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from agreement_lint import cache as cache_module
from agreement_lint.cache import CACHE_DIR_NAME, ResultsCache, cache_dir_for, read_for_key
from agreement_lint.config import Resolved
from agreement_lint.report import FileResult
from agreement_lint.runner import Task, run

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DRAFTS = ("mou-public-engagement-millbrook.md", "student-placement-agreement.txt",
          "letter-agreement-science-cafes.md")
DEFAULTS = Resolved(select=None, ignore=())


def _tasks(directory: Path, settings: Resolved = DEFAULTS) -> list[Task]:
    return [Task(display=str(directory / name), canonical=name, settings=settings,
                 path=str(directory / name)) for name in DRAFTS]


@pytest.fixture(autouse=True)
def steady_rules(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rule files and modules edited while a test runs must not turn its hits into misses.

    The key test reads the real fingerprints; every other test takes them once, up front.
    """
    if request.node.name.startswith("test_every_input"):
        return
    fingerprints = {(): cache_module.ruleset_fingerprint(())}
    real = cache_module.ruleset_fingerprint
    monkeypatch.setattr(cache_module, "ruleset_fingerprint",
                        lambda packs=(): fingerprints.setdefault(packs, real(packs)))


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    directory = tmp_path / "drafts"
    directory.mkdir()
    for name in DRAFTS:
        shutil.copy(SAMPLES / name, directory / name)
    return directory


def test_a_hit_reports_what_a_fresh_check_reports(drafts: Path, tmp_path: Path) -> None:
    fresh = run(_tasks(drafts))
    store = ResultsCache(tmp_path / CACHE_DIR_NAME)
    first = run(_tasks(drafts), cache=store)
    assert (store.hits, store.misses) == (0, len(DRAFTS))
    again = ResultsCache(tmp_path / CACHE_DIR_NAME)
    second = run(_tasks(drafts), cache=again)
    assert (again.hits, again.misses) == (len(DRAFTS), 0)
    assert first == fresh
    assert second == fresh
    assert any(result.findings for result in second)


def test_a_hit_is_shown_under_the_path_of_this_run(drafts: Path, tmp_path: Path) -> None:
    store = ResultsCache(tmp_path / CACHE_DIR_NAME)
    run(_tasks(drafts), cache=store)
    moved = tmp_path / "moved"
    shutil.copytree(drafts, moved)
    results = run(_tasks(moved), cache=ResultsCache(tmp_path / CACHE_DIR_NAME))
    assert [r.path for r in results] == [str(moved / name) for name in DRAFTS]


def test_an_edited_file_is_checked_again(drafts: Path, tmp_path: Path) -> None:
    store = ResultsCache(tmp_path / CACHE_DIR_NAME)
    run(_tasks(drafts), cache=store)
    target = drafts / DRAFTS[0]
    target.write_text(target.read_text(encoding="utf-8") + "\nPayment: [TBC]\n",
                      encoding="utf-8")
    again = ResultsCache(tmp_path / CACHE_DIR_NAME)
    results = run(_tasks(drafts), cache=again)
    assert (again.hits, again.misses) == (len(DRAFTS) - 1, 1)
    assert results == run(_tasks(drafts))


def test_changed_settings_give_a_different_entry(drafts: Path, tmp_path: Path) -> None:
    store = ResultsCache(tmp_path / CACHE_DIR_NAME)
    run(_tasks(drafts), cache=store)
    codes = {f.code for r in run(_tasks(drafts)) for f in r.findings}
    ignored = sorted(codes)[0]
    narrower = Resolved(select=None, ignore=(ignored,))
    again = ResultsCache(tmp_path / CACHE_DIR_NAME)
    results = run(_tasks(drafts, narrower), cache=again)
    assert again.hits == 0
    assert ignored not in {f.code for r in results for f in r.findings}


def test_every_input_of_a_result_is_in_the_key(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    content = (SAMPLES / DRAFTS[0]).read_bytes()
    base = ResultsCache(tmp_path).key(content, "a.md", DEFAULTS)
    assert ResultsCache(tmp_path).key(content, "b.md", DEFAULTS) == base
    assert ResultsCache(tmp_path).key(content + b" ", "a.md", DEFAULTS) != base
    assert ResultsCache(tmp_path).key(content, "a.txt", DEFAULTS) != base
    for changed in (Resolved(select=("PAY",), ignore=()), Resolved(select=None, ignore=("X",)),
                    Resolved(select=None, ignore=(), kind="mou"),
                    Resolved(select=None, ignore=(), max_bytes=1000),
                    Resolved(select=None, ignore=(), encoding="latin-1")):
        assert ResultsCache(tmp_path).key(content, "a.md", changed) != base

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "extra.toml").write_text("# one rule\n", encoding="utf-8")
    with_pack = Resolved(select=None, ignore=(), rule_packs=(pack,))
    packed = ResultsCache(tmp_path).key(content, "a.md", with_pack)
    assert packed != base
    (pack / "extra.toml").write_text("# one rule, edited\n", encoding="utf-8")
    assert ResultsCache(tmp_path).key(content, "a.md", with_pack) != packed

    bundled = tmp_path / "bundle"
    for name in ("rules", "grammar"):
        shutil.copytree(cache_module.data_dir(name), bundled / name)
    monkeypatch.setattr(cache_module, "data_dir", lambda name: bundled / name)
    copied = ResultsCache(tmp_path).key(content, "a.md", DEFAULTS)
    assert copied == base  # the same rule files wherever they are
    rule_file = sorted((bundled / "rules").glob("*.toml"))[0]
    rule_file.write_text(rule_file.read_text(encoding="utf-8") + "\n# edited\n",
                         encoding="utf-8")
    assert ResultsCache(tmp_path).key(content, "a.md", DEFAULTS) != base


def test_a_change_to_the_code_changes_the_key(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    content = b"# Agreement\n"
    base = ResultsCache(tmp_path).key(content, "a.md", DEFAULTS)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another build")
    assert ResultsCache(tmp_path).key(content, "a.md", DEFAULTS) != base


def test_an_upgraded_library_changes_the_code_fingerprint(
        monkeypatch: pytest.MonkeyPatch) -> None:
    current = cache_module.code_fingerprint.__wrapped__()
    assert cache_module.code_fingerprint.__wrapped__() == current
    monkeypatch.setattr(cache_module, "_installed",
                        lambda package: "99.0" if package == "lark" else "1.0")
    upgraded = cache_module.code_fingerprint.__wrapped__()
    monkeypatch.setattr(cache_module, "_installed", lambda package: "1.0")
    assert len({current, upgraded, cache_module.code_fingerprint.__wrapped__()}) == 3


def test_a_library_version_is_read_from_its_package_without_importing_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    declared = tmp_path / "declared_pkg"
    declared.mkdir()
    (declared / "__init__.py").write_text('raise ImportError("never imported")\n'
                                          '__version__: str = "4.5.6"\n')
    silent = tmp_path / "silent_pkg"
    silent.mkdir()
    (silent / "__init__.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cache_module._installed("declared_pkg") == "4.5.6"
    keyed_on_source = cache_module._installed("silent_pkg")
    (silent / "__init__.py").write_text("VALUE = 2\n")
    assert cache_module._installed("silent_pkg") not in ("absent", keyed_on_source)
    assert cache_module._installed("no_such_package_here") == "absent"
    assert "declared_pkg" not in sys.modules
    assert cache_module._installed("lark") == importlib.metadata.version("lark")
    assert cache_module._installed("docx") == importlib.metadata.version("python-docx")


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"findings": [{"code": 1}]}',
                                    b"\xff\xfe\x00", b'{"unexpected": true}'])
def test_a_corrupt_entry_is_a_miss_and_is_replaced(drafts: Path, tmp_path: Path,
                                                   damage: bytes) -> None:
    store = ResultsCache(tmp_path / CACHE_DIR_NAME)
    expected = run(_tasks(drafts), cache=store)
    entries = sorted(store.entries.glob("*.json"))
    assert len(entries) == len(DRAFTS)
    for entry in entries:
        entry.write_bytes(damage)
    again = ResultsCache(tmp_path / CACHE_DIR_NAME)
    assert run(_tasks(drafts), cache=again) == expected
    assert again.hits == 0
    third = ResultsCache(tmp_path / CACHE_DIR_NAME)
    assert run(_tasks(drafts), cache=third) == expected
    assert third.hits == len(DRAFTS)


def test_a_cache_that_cannot_be_written_is_skipped(drafts: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would go\n", encoding="utf-8")
    store = ResultsCache(blocker)
    assert run(_tasks(drafts), cache=store) == run(_tasks(drafts))
    assert blocker.is_file()


def test_unreadable_files_and_internal_errors_are_not_stored(tmp_path: Path) -> None:
    store = ResultsCache(tmp_path / CACHE_DIR_NAME)
    assert read_for_key(str(tmp_path / "absent.md"), None) is None
    assert read_for_key(str(tmp_path), None) is None
    assert read_for_key(None, b"stdin") == b"stdin"
    key = store.key(b"text", "a.md", DEFAULTS)
    store.put(key, FileResult(path="a.md", error="internal error: boom", internal_error=True))
    assert store.get(key, path="a.md", canonical="a.md") is None
    store.put(key, FileResult(path="a.md", error="line 1: the front matter is never closed"))
    hit = store.get(key, path="b.md", canonical="b.md")
    assert hit == FileResult(path="b.md", canonical="b.md",
                             error="line 1: the front matter is never closed")


def test_a_missing_file_is_still_reported(tmp_path: Path) -> None:
    task = Task(display="gone.md", canonical="gone.md", settings=DEFAULTS,
                path=str(tmp_path / "gone.md"))
    store = ResultsCache(tmp_path / CACHE_DIR_NAME)
    [result] = run([task], cache=store)
    assert result.error is not None
    assert not store.entries.exists() or not list(store.entries.iterdir())


def test_the_directory_is_marked_as_a_cache(drafts: Path, tmp_path: Path) -> None:
    directory = tmp_path / CACHE_DIR_NAME
    run(_tasks(drafts), cache=ResultsCache(directory))
    assert (directory / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (directory / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")


def test_the_cache_sits_beside_the_configuration(tmp_path: Path) -> None:
    config = tmp_path / "project" / ".agreement-lint.toml"
    assert cache_dir_for(config, tmp_path / "elsewhere") == tmp_path / "project" / CACHE_DIR_NAME
    assert cache_dir_for(None, tmp_path / "here") == tmp_path / "here" / CACHE_DIR_NAME


def test_parallel_runs_store_and_reuse_results(tmp_path: Path) -> None:
    directory = tmp_path / "many"
    directory.mkdir()
    names = []
    for number in range(8):
        name = f"{number}-{DRAFTS[number % len(DRAFTS)]}"
        shutil.copy(SAMPLES / DRAFTS[number % len(DRAFTS)], directory / name)
        names.append(name)
    tasks = [Task(display=str(directory / n), canonical=n, settings=DEFAULTS,
                  path=str(directory / n)) for n in names]
    store = ResultsCache(tmp_path / CACHE_DIR_NAME)
    first = run(tasks, jobs=2, cache=store)
    again = ResultsCache(tmp_path / CACHE_DIR_NAME)
    assert run(tasks, jobs=2, cache=again) == first
    assert again.hits == len(tasks)


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SAMPLES.parent), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "agreement_lint", "check", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=300, check=False)


def test_check_twice_prints_the_same_report_from_the_cache(drafts: Path, tmp_path: Path) -> None:
    (tmp_path / ".agreement-lint.toml").write_text("fail-on = \"never\"\n", encoding="utf-8")
    work = tmp_path / "drafts"
    first = _cli(work, ".", "--format", "json")
    assert first.returncode == 0, first.stderr
    entries = tmp_path / CACHE_DIR_NAME / "results-v1"
    assert len(list(entries.glob("*.json"))) == len(DRAFTS)
    stamp = {p: p.stat().st_mtime_ns for p in entries.glob("*.json")}
    second = _cli(work, ".", "--format", "json")
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    # read, not rewritten (a module edited in between would add entries, never touch these)
    assert stamp.items() <= {p: p.stat().st_mtime_ns for p in entries.glob("*.json")}.items()
    uncached = _cli(work, ".", "--format", "json", "--no-cache")
    assert uncached.stdout == first.stdout


def test_no_cache_leaves_no_cache_behind(drafts: Path) -> None:
    done = _cli(drafts, ".", "--no-cache", "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    assert not (drafts / CACHE_DIR_NAME).exists()
