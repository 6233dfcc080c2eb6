"""Find the bundled grammar and rule data, in a checkout or in an installed wheel.

The wheel carries ``rules/`` and ``grammar/`` inside the package (see pyproject.toml);
a checkout or editable install keeps them at the repository root.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the directory holding the bundled ``name`` data (``rules`` or ``grammar``)."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"agreement-lint is installed without its {name}/ directory; reinstall the package"
    )


def grammar_path(filename: str) -> Path:
    """Path of a grammar file such as ``agreement.lark``."""
    return data_dir("grammar") / filename


def rules_dir() -> Path:
    """Directory of the bundled rule set (TOML files)."""
    return data_dir("rules")


def grammar_cache_file(name: str, grammar: str) -> str | bool:
    """Where Lark may keep the parser built from ``grammar`` between runs (its ``cache=``).

    Building LALR tables costs more than loading them, on every start. The file is in the
    user's cache directory (``$XDG_CACHE_HOME/agreement-lint`` or ``~/.cache/agreement-lint``),
    named by the grammar's hash; Lark checks the grammar, its options and its own version
    against the file and builds afresh when it is missing, stale or unreadable. False (no
    cache) when there is no writable cache directory.
    """
    directory = user_cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    if not os.access(directory, os.W_OK):
        return False
    digest = hashlib.sha256(grammar.encode("utf-8")).hexdigest()[:16]
    return str(directory / f"{name}-grammar-{digest}.lark")


def user_cache_dir() -> Path:
    """The user's cache directory for agreement-lint (it may not exist yet).

    ``$XDG_CACHE_HOME/agreement-lint``, or ``~/.cache/agreement-lint``. Everything kept there
    is rebuilt when missing, and a reader treats a file it cannot use as missing.
    """
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "agreement-lint"


@cache
def code_state() -> str:
    """A digest of every module of the package: its path, size and modification time.

    Everything agreement-lint keeps between runs (results, the loaded rule set, compiled
    patterns) is keyed on it, so an edited checkout never meets what older code stored. Sizes
    and times, not contents, keep it cheap; an installed package never changes them without a
    reinstall. Worked out once per process: the code that runs is the code that was there.
    """
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE_DIR.rglob("*.py")):
        with contextlib.suppress(OSError):
            status = path.stat()
            digest.update(f"{path.relative_to(_PACKAGE_DIR).as_posix()}\0{status.st_size}\0"
                          f"{status.st_mtime_ns}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def prune_cache_files(directory: Path, pattern: str, keep: int) -> None:
    """Remove all but the ``keep`` newest files matching ``pattern`` in ``directory``.

    Each stored thing is named by a hash of what it was built from, so older rule sets or
    code leave files behind; a file that cannot be removed is left.
    """
    with contextlib.suppress(OSError):
        files = sorted(directory.glob(pattern), key=lambda p: p.stat().st_mtime,
                       reverse=True)
        for old in files[keep:]:
            old.unlink()
