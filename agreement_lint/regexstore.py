"""Keep compiled regular expressions between runs, so that a start need not compile them again.

CPython compiles a pattern in pure Python (it parses the pattern, then generates code) and hands
the code to ``_sre.compile``; for the hundreds of fixed patterns of the rule set that was most
of the first check's time in a process. A :class:`RegexStore` keeps ``_sre.compile``'s
arguments (ints and strings, as JSON) in the user's cache directory and rebuilds each pattern
from them with ``_sre.compile``, which checks the code before accepting it.

An entry counts only for the exact Python that made it (``sys.version``, ``_sre.MAGIC``, code
size, byte order); anything that does not fit (another Python, a corrupt, unreadable or
unwritable file, no ``_sre`` at all) means compiling afresh with :func:`re.compile`, which
gives the same pattern. An entry is only kept after the pattern rebuilt from it has been found
equal to :func:`re.compile`'s.

Only fixed patterns (the rule set's, a module's own) belong in a store, never patterns built
from a document's words: the store would grow with every document and keep its words.
"""

from __future__ import annotations

import binascii
import hashlib
import importlib
import json
import re
import sys
from array import array
from pathlib import Path
from typing import Any

from .atomic import write_text_atomic
from .resources import code_state, prune_cache_files, user_cache_dir

FORMAT = 1
"""Bump when the layout of a store file changes."""

KEEP_FILES = 8
"""Store files kept per name; older ones (from earlier rule sets) are removed."""

_DEBUG = int(re.DEBUG)
"""As a plain int: testing a flag against the enum costs more than rebuilding a pattern."""


def _engine() -> tuple[Any, Any, Any, str, str] | None:
    """CPython's regular-expression internals and the key of this Python (None: unavailable)."""
    if sys.implementation.name != "cpython":
        return None
    try:
        sre = importlib.import_module("_sre")
        compiler = importlib.import_module("re._compiler")
        parser = importlib.import_module("re._parser")
        typecode = next(t for t in ("I", "L", "H") if array(t).itemsize == sre.CODESIZE)
        python = f"{sys.version}|{sre.MAGIC}|{sre.CODESIZE}|{sys.byteorder}|{sys.maxunicode}"
    except (ImportError, AttributeError, StopIteration):
        return None
    return sre, compiler, parser, typecode, python


_ENGINE = _engine()


class RegexStore:
    """Compiled patterns (and small facts about them) kept in one file between runs.

    The file is read on first use and written by :meth:`save` when something was added.
    """

    def __init__(self, path: Path | None, fingerprint: str = "") -> None:
        self.path = path
        """The store file; None when nothing can be kept (patterns are simply compiled)."""
        self.fingerprint = fingerprint
        self._patterns: dict[str, list[Any]] | None = None
        self._values: dict[str, Any] = {}
        self._added = False

    @classmethod
    def named(cls, name: str, fingerprint: str) -> RegexStore:
        """The store for ``name`` in the user's cache directory.

        ``fingerprint`` must change whenever the set of patterns may change (a hash of the
        rule set, say), so that a file only ever holds one set's patterns.
        """
        if _ENGINE is None:
            return cls(None)
        key = f"{FORMAT}\0{_ENGINE[4]}\0{name}\0{fingerprint}"
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        return cls(user_cache_dir() / f"regex-{name}-{digest[:20]}.json", digest)

    @classmethod
    def for_code(cls, name: str) -> RegexStore:
        """The store for fixed patterns written in agreement-lint's own modules.

        Named by :func:`~agreement_lint.resources.code_state`, so editing the code starts a
        new file rather than keeping patterns the code no longer has.
        """
        return cls.named(name, code_state())

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """``re.compile(pattern, flags)``, rebuilt from the store when it holds the pattern."""
        flags = int(flags)
        if self.path is None or flags & _DEBUG or not isinstance(pattern, str):
            return re.compile(pattern, flags)
        patterns = self._load()
        key = f"{flags}:{pattern}"
        entry = patterns.get(key)
        if entry is not None:
            rebuilt = _rebuild(pattern, entry)
            if rebuilt is not None:
                return rebuilt
            del patterns[key]
            self._added = True  # write the file again without the unusable entry
        compiled = re.compile(pattern, flags)
        entry = _entry(pattern, flags, compiled)
        if entry is not None:
            patterns[key] = entry
            self._added = True
        return compiled

    def recall(self, key: str) -> Any:
        """A value kept with :meth:`keep` (plain JSON data), or None when there is none."""
        if self.path is None:
            return None
        self._load()
        return self._values.get(key)

    def keep(self, key: str, value: Any) -> None:
        """Keep a plain JSON value worked out from the store's fixed patterns alone."""
        if self.path is None:
            return
        self._load()
        if self._values.get(key) != value:
            self._values[key] = value
            self._added = True

    def save(self) -> None:
        """Write the file if anything was added; a file that cannot be written is no error.

        Entries another process wrote since this one read the file are kept too.
        """
        if self.path is None or not self._added or self._patterns is None:
            return
        self._added = False
        on_disk = self._read()
        patterns = {**on_disk[0], **self._patterns}
        values = {**on_disk[1], **self._values}
        text = json.dumps(
            {"format": FORMAT, "fingerprint": self.fingerprint, "patterns": patterns,
             "values": values},
            separators=(",", ":"),
        )
        new_file = not self.path.exists()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, text)
        except OSError:
            return
        if new_file:
            self._prune()

    def _load(self) -> dict[str, list[Any]]:
        if self._patterns is None:
            self._patterns, self._values = self._read()
        return self._patterns

    def _read(self) -> tuple[dict[str, list[Any]], dict[str, Any]]:
        """The file's patterns and values; nothing when it is missing, corrupt or another's."""
        assert self.path is not None
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}, {}
        if (not isinstance(data, dict) or data.get("format") != FORMAT
                or data.get("fingerprint") != self.fingerprint):
            return {}, {}
        patterns, values = data.get("patterns"), data.get("values")
        if not isinstance(patterns, dict) or not isinstance(values, dict):
            return {}, {}
        return patterns, values

    def _prune(self) -> None:
        """Remove all but the newest few store files of this name (left by earlier rule sets)."""
        assert self.path is not None
        name = self.path.name.rsplit("-", 1)[0]
        prune_cache_files(self.path.parent, f"{name}-*.json", KEEP_FILES)


def _rebuild(pattern: str, entry: list[Any]) -> re.Pattern[str] | None:
    """The pattern made from a stored entry by ``_sre.compile`` (None: the entry is unusable).

    ``_sre.compile`` refuses code that is not well formed; the group tables are checked
    against one another here. (The file is the user's own, like Lark's parser cache beside it.)
    """
    assert _ENGINE is not None
    sre, _compiler, _parser, typecode, _python = _ENGINE
    try:
        flags, code_text, groups, groupindex, indexgroup = entry
        if len(indexgroup) != groups + 1 or any(
                indexgroup[number] != name for name, number in groupindex.items()):
            return None  # the groups do not agree with one another
        code = array(typecode, binascii.a2b_base64(code_text)).tolist()
        compiled = sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))
    except Exception:  # any fault in the entry means compiling afresh
        return None
    return compiled if isinstance(compiled, re.Pattern) else None


def _entry(pattern: str, flags: int, compiled: re.Pattern[str]) -> list[Any] | None:
    """``_sre.compile``'s arguments for ``pattern``, if they rebuild exactly ``compiled``.

    This follows ``re._compiler.compile``; should a Python compile differently, the rebuilt
    pattern differs from ``compiled`` (patterns compare equal only with the same code) and
    nothing is kept.
    """
    assert _ENGINE is not None
    _sre, compiler, parser, typecode, _python = _ENGINE
    try:
        parsed = parser.parse(pattern, flags)
        code = compiler._code(parsed, flags)
        state = parsed.state
        indexgroup: list[str | None] = [None] * state.groups
        for name, number in state.groupdict.items():
            indexgroup[number] = name
        entry = [
            flags | state.flags,
            binascii.b2a_base64(array(typecode, code).tobytes(), newline=False).decode("ascii"),
            state.groups - 1,
            dict(state.groupdict),
            indexgroup,
        ]
    except Exception:  # the internals are not what this module expects
        return None
    rebuilt = _rebuild(pattern, entry)
    if rebuilt is None or rebuilt != compiled:
        return None
    return entry


__all__ = ["RegexStore"]
