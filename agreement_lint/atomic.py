"""Write output files so that a reader never sees a partial file.

Every output (report, annotated .docx, baseline) is written to a temporary file in the
target directory and renamed into place. Input files are never opened for writing.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import UsageError

_live_temp_files: set[str] = set()
"""Temporary files being written now; removed by the signal handler on interruption."""


def check_output_path(output: Path, *inputs: Path) -> None:
    """Refuse an output path equal to an input, or in a directory that does not exist."""
    out_resolved = output.resolve()
    for item in inputs:
        with contextlib.suppress(OSError):
            if item.resolve() == out_resolved:
                raise UsageError(
                    "the output path is the input file; agreement-lint never overwrites "
                    "its input (choose another -o/--output)",
                    path=str(output),
                )
    parent = out_resolved.parent
    if not parent.is_dir():
        raise UsageError(f"the output directory {parent} does not exist", path=str(output))
    if output.is_dir():
        raise UsageError("the output path is a directory; give a file name", path=str(output))


@contextlib.contextmanager
def atomic_writer(output: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``output``; rename it over ``output`` on success only."""
    parent = output.resolve().parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise _cannot_write(output, exc) from exc
    _live_temp_files.add(tmp)
    try:
        binary = "b" in mode
        with os.fdopen(fd, mode, encoding=None if binary else encoding,
                       newline=None if binary else "") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, output)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(output, exc) from exc
        raise
    finally:
        _live_temp_files.discard(tmp)


def _cannot_write(output: Path, exc: OSError) -> OSError:
    """The same OSError, naming the output (not the temporary file) and saying what failed."""
    return OSError(exc.errno, f"cannot be written ({exc.strerror or exc})", str(output))


def write_text_atomic(output: Path, text: str) -> None:
    """Write ``text`` to ``output`` atomically (UTF-8)."""
    with atomic_writer(output, "w") as handle:
        handle.write(text)


def write_bytes_atomic(output: Path, data: bytes) -> None:
    """Write ``data`` to ``output`` atomically."""
    with atomic_writer(output, "wb", encoding=None) as handle:
        handle.write(data)


def remove_live_temp_files() -> None:
    """Delete temporary files still being written (called when the process is interrupted)."""
    for tmp in list(_live_temp_files):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _live_temp_files.discard(tmp)
