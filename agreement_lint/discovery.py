"""Which files to check: named files, directories walked for drafts, and standard input.

Walking a directory picks files by extension (``.md .markdown .txt .text .docx``), in sorted
order, skipping hidden files and directories (``.git``, ``.venv`` …), whatever the project's
``exclude`` patterns say (and, by default, what ``.gitignore`` files say), and following a
symbolic link to a directory only once, so a link loop ends. A file named on the command line
is always checked unless ``force_exclude`` is set (as the pre-commit hook does), because the
user asked for it by name.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .read import SUPPORTED_SUFFIXES

if TYPE_CHECKING:
    import pathspec

STDIN = "-"


@dataclass
class Discovered:
    """The outcome of discovery, in the order files will be checked and reported."""

    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Paths on the command line that do not exist."""
    excluded: list[Path] = field(default_factory=list)
    """Files named on the command line but skipped because of ``exclude`` (force_exclude)."""
    stdin: bool = False


def is_candidate(path: Path) -> bool:
    """True for a file whose extension marks it as a draft agreement."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def git_root(start: Path) -> Path | None:
    """The top of the git work tree containing ``start``, if any."""
    current = Path(os.path.abspath(start))
    for directory in (current, *current.parents):
        if (directory / ".git").exists():
            return directory
    return None


class _GitIgnore:
    """The ``.gitignore`` files met on the way down, each applied below its own directory."""

    def __init__(self) -> None:
        self._specs: dict[Path, pathspec.PathSpec | None] = {}

    def _spec(self, directory: Path) -> pathspec.PathSpec | None:
        if directory not in self._specs:
            spec = None
            ignore_file = directory / ".gitignore"
            if ignore_file.is_file():
                import pathspec  # only a directory walk that meets a .gitignore needs it

                try:
                    lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
                    spec = pathspec.GitIgnoreSpec.from_lines(lines)
                except OSError:
                    spec = None
            self._specs[directory] = spec
        return self._specs[directory]

    def ignores(self, path: Path, is_dir: bool, top: Path) -> bool:
        """True when a ``.gitignore`` in ``top`` or below it, above ``path``, ignores it."""
        try:
            parts = Path(os.path.abspath(path)).relative_to(top).parts
        except ValueError:
            return False
        directory = top
        for index, part in enumerate(parts):
            spec = self._spec(directory)
            if spec is not None:
                relative = "/".join(parts[index:]) + ("/" if is_dir else "")
                if spec.match_file(relative):
                    return True
            directory = directory / part
        return False


def _walk(top: Path, *, excluded: Callable[[Path], bool], gitignore: _GitIgnore | None,
          ignore_top: Path, seen_dirs: set[tuple[int, int]]) -> Iterator[Path]:
    """Depth-first, sorted walk of ``top`` yielding candidate files."""
    try:
        stat = top.stat()
    except OSError:
        return
    identity = (stat.st_dev, stat.st_ino)
    if identity in seen_dirs:
        return  # a symbolic link back into a directory already walked
    seen_dirs.add(identity)
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = top / entry.name
        try:
            is_dir = entry.is_dir()  # follows symbolic links
            is_file = entry.is_file()
        except OSError:
            continue
        if gitignore is not None and gitignore.ignores(path, is_dir, ignore_top):
            continue
        if excluded(path):
            continue
        if is_dir:
            yield from _walk(path, excluded=excluded, gitignore=gitignore,
                             ignore_top=ignore_top, seen_dirs=seen_dirs)
        elif is_file and is_candidate(path):
            yield path


def discover(
    paths: Sequence[str],
    *,
    excluded: Callable[[Path], bool],
    respect_gitignore: Callable[[Path], bool] = lambda _p: True,
    force_exclude: bool = False,
) -> Discovered:
    """Expand the command line's paths into the files to check.

    ``excluded(path)`` says whether the project's patterns exclude a path;
    ``respect_gitignore(directory)`` whether ``.gitignore`` files count under a directory.
    A file reached twice (named twice, or through a link) is checked once.
    """
    found = Discovered()
    seen_files: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen_files:
            seen_files.add(key)
            found.files.append(path)

    for raw in paths:
        if raw == STDIN:
            found.stdin = True
            continue
        path = Path(raw)
        if path.is_dir():
            top = git_root(path) or Path(os.path.abspath(path))
            gitignore = _GitIgnore() if respect_gitignore(path) else None
            for file in _walk(path, excluded=excluded, gitignore=gitignore,
                              ignore_top=top,
                              seen_dirs=set()):
                add(file)
        elif path.exists() or path.is_symlink():
            if force_exclude and excluded(path):
                found.excluded.append(path)
            else:
                add(path)
        else:
            found.missing.append(raw)
    return found
