"""Find the bundled grammar and rule data, in a checkout or in an installed wheel.

The wheel carries ``rules/`` and ``grammar/`` inside the package (see pyproject.toml);
a checkout or editable install keeps them at the repository root.
"""

from __future__ import annotations

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
