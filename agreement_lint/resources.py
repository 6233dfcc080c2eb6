"""Find the bundled grammar and rule data, in a checkout or in an installed wheel.

The wheel carries ``rules/`` and ``grammar/`` inside the package (see pyproject.toml);
a checkout or editable install keeps them at the repository root.
"""

from __future__ import annotations

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
