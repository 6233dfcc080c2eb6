"""Remember each file's results, so that checking an unchanged draft again costs a file read.

A repository of agreements is checked over and over (on every commit, in CI) while most of
its drafts have not changed. An entry is keyed by everything its result depends on:

* the file's bytes (SHA-256) and its format (taken from the suffix);
* the settings that apply to it (selection, severities, kind, packs, encoding, size limit);
* the rule set: every file of the bundled rules and grammars and of any extra rule pack;
* agreement-lint itself: its version, the Python version, the versions of the libraries that
  read and parse (Lark, python-docx, pydantic), and the size and modification time of each
  of its modules (so an edited checkout never serves results of older code).

Change any of them and the key changes; nothing is ever invalidated in place. Entries live in
``.agreement-lint-cache/`` beside the project's configuration file (or in the current
directory), one small JSON file each, written atomically. A missing, unreadable or corrupt
entry is a miss, and a cache that cannot be written is skipped: the cache never makes a run
fail. Delete the directory to empty it.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import re
import stat
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pydantic
from pydantic import BaseModel, ConfigDict, ValidationError

from . import __version__
from .atomic import write_text_atomic
from .config import Resolved
from .findings import Finding
from .report import FileResult
from .resources import code_state, data_dir

CACHE_DIR_NAME = ".agreement-lint-cache"
ENTRIES = "results-v1"
"""The sub-directory of entries; a new layout gets a new name rather than misreading old files."""

DEPENDENCIES = {"lark": "lark", "python-docx": "docx"}
"""Libraries (distribution → package) whose upgrade can change what is read or parsed, so a
result; pydantic, the third, is already imported and gives its version directly."""
_VERSION_LINE = re.compile(r"""^__version__\s*(?::\s*str\s*)?=\s*["']([^"']+)["']""", re.MULTILINE)
_IGNORE_ALL = "# Written by agreement-lint: its results cache. Safe to delete.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This directory is agreement-lint's results cache (https://bford.info/cachedir/).\n"
)


class _Entry(BaseModel):
    """What is stored for one file: its result without the path it was found under."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    kind: str | None = None
    format: str | None = None
    error: str | None = None
    findings: tuple[Finding, ...] = ()
    waived: tuple[Finding, ...] = ()
    rules_applied: tuple[str, ...] | None = None


def _hash_files(paths: Iterable[Path], base: Path, digest: hashlib._Hash) -> None:
    for path in sorted(paths):
        digest.update(path.relative_to(base).as_posix().encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")


def _data_files(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def _installed(package: str) -> str:
    """The version ``package`` declares in its ``__init__.py``, read without importing it.

    Importing Lark or python-docx (or ``importlib.metadata``) only to learn a version would
    cost a cached run more than it saves. A package that declares no version is keyed on its
    ``__init__.py`` itself, which an upgrade changes too.
    """
    module = sys.modules.get(package)
    declared = getattr(module, "__version__", None)
    if isinstance(declared, str):
        return declared
    try:
        spec = importlib.util.find_spec(package)
        origin = spec.origin if spec is not None else None
        if origin is None:
            return "absent"
        source = Path(origin).read_bytes()
    except (ImportError, ValueError, OSError):
        return "absent"
    found = _VERSION_LINE.search(source.decode("utf-8", "replace"))
    return found.group(1) if found else hashlib.sha256(source).hexdigest()


@cache
def code_fingerprint() -> str:
    """agreement-lint's version, Python's, its readers' libraries', and each module's size and time.

    Sizes and times (not contents) keep this cheap; an installed package never changes them
    without a reinstall, and an edited checkout always does.
    """
    libraries = ",".join(f"{name}={_installed(package)}"
                         for name, package in DEPENDENCIES.items())
    libraries += f",pydantic={pydantic.VERSION}"
    digest = hashlib.sha256(f"{__version__}\0{sys.version_info[:3]}\0{libraries}\0".encode())
    digest.update(code_state().encode())
    return digest.hexdigest()


def ruleset_fingerprint(packs: tuple[Path, ...] = ()) -> str:
    """The contents of the bundled rules and grammars and of every extra pack, in order."""
    digest = hashlib.sha256()
    for name in ("rules", "grammar"):
        directory = data_dir(name)
        _hash_files(_data_files(directory), directory, digest)
    for pack in packs:
        digest.update(f"pack\0{pack}\0".encode("utf-8", "surrogatepass"))
        if pack.is_dir():
            _hash_files(_data_files(pack), pack, digest)
        elif pack.is_file():
            _hash_files([pack], pack.parent, digest)
    return digest.hexdigest()


def settings_fingerprint(settings: Resolved) -> str:
    """A stable text of every resolved setting (the same settings give the same text)."""
    return json.dumps({
        "select": list(settings.select) if settings.select is not None else None,
        "ignore": list(settings.ignore),
        "severity": sorted((code, str(value)) for code, value in settings.severity.items()),
        "kind": settings.kind,
        "rule_packs": [str(p) for p in settings.rule_packs],
        "encoding": settings.encoding,
        "max_bytes": settings.max_bytes,
    }, sort_keys=True)


def cache_dir_for(config_path: Path | None, cwd: Path) -> Path:
    """``.agreement-lint-cache`` beside the project's configuration file, else in ``cwd``."""
    return (config_path.parent if config_path is not None else cwd) / CACHE_DIR_NAME


class ResultsCache:
    """Results of earlier runs, looked up by :meth:`key`; every failure is a quiet miss."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.entries = directory / ENTRIES
        self._prepared = False
        self._rulesets: dict[tuple[Path, ...], str] = {}
        self.hits = 0
        self.misses = 0

    def key(self, content: bytes, name: str, settings: Resolved) -> str:
        """The entry name for a file's bytes, its name (for the format) and its settings."""
        digest = hashlib.sha256()
        packs = settings.rule_packs
        if packs not in self._rulesets:  # read once per run, so one run sees one rule set
            self._rulesets[packs] = ruleset_fingerprint(packs)
        for part in (code_fingerprint(), self._rulesets[packs],
                     settings_fingerprint(settings), Path(name).suffix.lower(),
                     hashlib.sha256(content).hexdigest()):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()

    def get(self, key: str, *, path: str, canonical: str) -> FileResult | None:
        """The stored result for ``key``, shown under ``path``; None when absent or unreadable."""
        try:
            raw = (self.entries / f"{key}.json").read_bytes()
            entry = _Entry.model_validate_json(raw)
        except (OSError, ValueError, ValidationError):
            self.misses += 1
            return None
        self.hits += 1
        return FileResult(path=path, canonical=canonical, kind=entry.kind, format=entry.format,
                          error=entry.error, findings=entry.findings, waived=entry.waived,
                          rules_applied=entry.rules_applied)

    def put(self, key: str, result: FileResult) -> None:
        """Store ``result`` (never an internal error, which may not happen next time)."""
        if result.internal_error or result.baselined:
            return
        entry = _Entry(kind=result.kind, format=result.format, error=result.error,
                       findings=result.findings, waived=result.waived,
                       rules_applied=result.rules_applied)
        with contextlib.suppress(OSError):
            self._prepare()
            write_text_atomic(self.entries / f"{key}.json", entry.model_dump_json())

    def _prepare(self) -> None:
        """Create the directory, marked so that git and backup tools leave it alone."""
        if self._prepared:
            return
        self.entries.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _IGNORE_ALL), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            marker = self.directory / name
            if not marker.exists():
                write_text_atomic(marker, text)
        self._prepared = True


MAX_KEYED_BYTES = 256 * 1024 * 1024
"""Larger files are not cached (hashing them would cost more than the cache saves)."""


def read_for_key(path: str | None, data: bytes | None) -> bytes | None:
    """The bytes a file's key is made from; None (no caching) when they cannot be read."""
    if data is not None:
        return data
    if path is None:
        return None
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_KEYED_BYTES:
            return None
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None
