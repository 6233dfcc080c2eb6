"""Which files a directory walk picks: extensions, hidden folders, excludes, .gitignore, links."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreement_lint.config import ConfigFinder
from agreement_lint.discovery import discover


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# Draft\n", encoding="utf-8")


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _found(paths: list[str], *, force_exclude: bool = False) -> list[str]:
    finder = ConfigFinder()
    result = discover(paths, excluded=lambda p: finder.for_file(p).excludes(p),
                      respect_gitignore=lambda d: finder.for_directory(d).settings
                      .respect_gitignore, force_exclude=force_exclude)
    return [p.as_posix() for p in result.files]


def test_extensions_sorted_order_and_hidden_folders(repo: Path) -> None:
    _touch(repo, "b.md", "a.markdown", "c.txt", "d.text", "e.docx", "f.py", "g.MD",
           ".hidden.md", ".drafts/x.md", "sub/z.md", "node_modules/pkg/readme.md")
    assert _found(["."]) == ["a.markdown", "b.md", "c.txt", "d.text", "e.docx", "g.MD",
                             "sub/z.md"]


def test_gitignore_files_at_every_level_including_negation(repo: Path) -> None:
    _touch(repo, "keep.md", "tmp/a.md", "drafts/old-1.md", "drafts/old-keep.md", "drafts/new.md")
    (repo / ".gitignore").write_text("tmp/\n", encoding="utf-8")
    (repo / "drafts" / ".gitignore").write_text("old-*.md\n!old-keep.md\n", encoding="utf-8")
    assert _found(["."]) == ["drafts/new.md", "drafts/old-keep.md", "keep.md"]
    assert _found(["drafts"]) == ["drafts/new.md", "drafts/old-keep.md"]
    (repo / ".agreement-lint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert "tmp/a.md" in _found(["."])


def test_excludes_apply_to_walks_and_to_named_files_only_when_forced(repo: Path) -> None:
    _touch(repo, "README.md", "agreements/a.md", "agreements/templates/t.md")
    (repo / ".agreement-lint.toml").write_text('extend-exclude = ["templates/"]\n',
                                                encoding="utf-8")
    assert _found(["."]) == ["agreements/a.md"]
    assert _found(["README.md", "agreements/templates/t.md"]) == [
        "README.md", "agreements/templates/t.md"]
    assert _found(["README.md"], force_exclude=True) == []


def test_symlink_loops_end_and_each_file_is_checked_once(repo: Path) -> None:
    _touch(repo, "a/x.md")
    (repo / "a" / "back").symlink_to(repo / "a")
    (repo / "a" / "again.md").symlink_to(repo / "a" / "x.md")
    (repo / "b").symlink_to(repo / "a")
    assert _found([".", "a/x.md"]) == ["a/again.md"]


def test_missing_paths_and_stdin_are_reported_separately(repo: Path) -> None:
    _touch(repo, "a.md")
    finder = ConfigFinder()
    result = discover(["a.md", "nope.md", "-"], excluded=lambda p: finder.for_file(p).excludes(p))
    assert [p.name for p in result.files] == ["a.md"]
    assert result.missing == ["nope.md"] and result.stdin
