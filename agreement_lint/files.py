"""Read an input file's bytes, or say in one line why it cannot be read.

Text drafts and Word files share this, so that a missing file, a directory, a permission
problem or an oversized file reads the same whatever the format.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .errors import InputError


def read_input_bytes(
    path: Path, *, shown: str, what: str, check_size: Callable[[int], None]
) -> bytes:
    """The bytes of ``path``; ``check_size`` may refuse the file before it is read.

    ``what`` names the expected kind of file in the directory message ("a file", "a Word
    file"); every OS failure becomes an :class:`InputError` naming ``shown``.
    """
    try:
        if path.is_dir():
            raise InputError(f"is a directory, not {what}", path=shown)
        check_size(path.stat().st_size)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=shown) from None
    except PermissionError:
        raise InputError("permission denied (cannot read the file)", path=shown) from None
    except IsADirectoryError:
        raise InputError(f"is a directory, not {what}", path=shown) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path=shown) from None
