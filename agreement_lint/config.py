"""Project settings: ``[tool.agreement-lint]`` in ``pyproject.toml`` or ``.agreement-lint.toml``.

Settings are found by walking up from each checked file: the nearest directory with a
``.agreement-lint.toml`` (or a ``pyproject.toml`` that has a ``[tool.agreement-lint]`` table)
wins, and the walk stops at the top of a git repository or of the file system. There is no
merging between files, so one file says everything that applies below it. Command-line flags
override the file; ``per-path`` tables override the file's top level for matching paths.

A misspelt key or an unknown rule code is an error naming the file and the key (exit 2): a
setting that silently does nothing is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError
from .findings import Severity
from .textio import DEFAULT_MAX_TEXT_BYTES

if TYPE_CHECKING:
    import pathspec

CONFIG_FILENAMES = (".agreement-lint.toml", "pyproject.toml")
"""Looked for in this order in each directory."""

FailOn = Literal["error", "warning", "info", "never"]

DEFAULT_EXCLUDE = (
    "README.md", "README.txt", "README.markdown", "CHANGELOG.md", "CONTRIBUTING.md",
    "CODE_OF_CONDUCT.md", "SECURITY.md", "LICENSE.md", "LICENSE.txt", "LICENCE.md",
    "LICENCE.txt", "node_modules/", "venv/", "__pycache__/", "site-packages/",
)
"""Skipped when walking a directory (not when a file is named): repository housekeeping files
that are not agreements. ``exclude`` replaces this list; ``extend-exclude`` adds to it."""

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.I)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: int | str, *, where: str = "max-file-size") -> int:
    """Bytes from ``20971520``, ``"20MB"``, ``"512 KiB"`` (1 MB = 1,048,576 bytes)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value <= 0:
            raise ValueError(f"{where} must be more than 0 bytes")
        return value
    match = _SIZE.match(str(value))
    if not match:
        raise ValueError(f"{where} {value!r} is not a size (for example 20MB or 512KB)")
    unit = (match.group(2) or "").lower()[:1]
    size = int(float(match.group(1)) * _UNITS[unit])
    if size <= 0:
        raise ValueError(f"{where} must be more than 0 bytes")
    return size


class _Settings(BaseModel):
    # Validators are built only when a configuration file is read (``defaults()`` needs none).
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True,
                              defer_build=True)


class RuleSettings(_Settings):
    """The settings a ``per-path`` table may change: which rules run and how they weigh."""

    select: list[str] | None = None
    extend_select: list[str] | None = Field(None, alias="extend-select")
    ignore: list[str] | None = None
    extend_ignore: list[str] | None = Field(None, alias="extend-ignore")
    severity: dict[str, Severity] | None = None
    kind: str | None = None


class FileSettings(RuleSettings):
    """Everything ``[tool.agreement-lint]`` (or ``.agreement-lint.toml``) may hold."""

    fail_on: FailOn | None = Field(None, alias="fail-on")
    # Plain defaults, which pydantic copies for each instance: a default_factory would make
    # default_settings() inspect the signature of list() and dict(), which costs more.
    rule_packs: list[str] = Field([], alias="rule-packs")
    exclude: list[str] | None = None
    extend_exclude: list[str] = Field([], alias="extend-exclude")
    respect_gitignore: bool = Field(True, alias="respect-gitignore")
    per_path: dict[str, RuleSettings] = Field({}, alias="per-path")
    max_file_size: int | str | None = Field(None, alias="max-file-size")
    encoding: str | None = None


def default_settings() -> FileSettings:
    """The settings when no file gives any: every default, with nothing to validate."""
    return FileSettings.model_construct()


@dataclass(frozen=True)
class Config:
    """Settings read from one file (or the defaults, when ``path`` is None)."""

    settings: FileSettings
    root: Path
    """The directory that relative paths and patterns in the file are taken from."""
    path: Path | None = None

    @property
    def label(self) -> str:
        """How messages name this configuration."""
        return str(self.path) if self.path else "the default settings"

    @cached_property
    def exclude_spec(self) -> pathspec.PathSpec:
        """The compiled ``exclude`` + ``extend-exclude`` patterns (gitignore syntax)."""
        import pathspec  # imported on first use: checking a named file never needs it

        patterns = list(self.settings.exclude if self.settings.exclude is not None
                        else DEFAULT_EXCLUDE)
        patterns.extend(self.settings.extend_exclude)
        return pathspec.GitIgnoreSpec.from_lines(patterns)

    @cached_property
    def per_path_specs(self) -> tuple[tuple[pathspec.PathSpec, RuleSettings], ...]:
        """Each ``per-path`` pattern compiled, in the order the file gives them."""
        if not self.settings.per_path:
            return ()
        import pathspec

        return tuple((pathspec.GitIgnoreSpec.from_lines([glob]), table)
                     for glob, table in self.settings.per_path.items())

    def relative(self, path: Path) -> str | None:
        """``path`` relative to the config's directory, with ``/``; None if outside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def excludes(self, path: Path) -> bool:
        """True when ``exclude``/``extend-exclude`` (or the defaults) match ``path``."""
        relative = self.relative(path)
        if relative is None:
            return False
        parts = relative.split("/")
        # A pattern naming a directory excludes everything below it.
        prefixes = ["/".join(parts[:i]) + "/" for i in range(1, len(parts))]
        return any(self.exclude_spec.match_file(p) for p in [*prefixes, relative])

    @property
    def rule_pack_paths(self) -> tuple[Path, ...]:
        """``rule-packs`` resolved against the config file's directory."""
        return tuple((self.root / p).resolve() for p in self.settings.rule_packs)

    @property
    def max_bytes(self) -> int:
        """The largest text draft read (``max-file-size``)."""
        if self.settings.max_file_size is None:
            return DEFAULT_MAX_TEXT_BYTES
        return parse_size(self.settings.max_file_size)


def _line_of(text: str, key: str) -> int | None:
    """The first line of ``text`` that assigns ``key`` (for pointing at a bad setting)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _describe(error: dict[str, Any]) -> tuple[str, str]:
    """A plain-language message and the key it is about, from one pydantic error."""
    loc = [str(p) for p in error["loc"]]
    key = loc[-1] if loc else ""
    dotted = ".".join(loc)
    if error["type"] == "extra_forbidden":
        if len(loc) >= 3 and loc[0] == "per-path":
            return (f"unknown key {key!r} in per-path table {loc[1]!r} (a per-path table may "
                    "set select, extend-select, ignore, extend-ignore, severity and kind)", key)
        return f"unknown key {dotted!r}", key
    if (loc and loc[0] == "severity") or (len(loc) >= 3 and loc[2] == "severity"):
        return f"severity for {key} must be error, warning or info", key
    if key == "fail-on":
        return "fail-on must be error, warning, info or never", key
    return f"{dotted}: {error['msg']}", key


def _validate(data: dict[str, Any], path: Path, text: str) -> FileSettings:
    try:
        settings = FileSettings.model_validate(data)
    except ValidationError as exc:
        message, key = _describe(dict(exc.errors()[0]))
        raise ConfigError(message, path=str(path), line=_line_of(text, key) if key else None
                          ) from None
    if settings.max_file_size is not None:
        try:
            parse_size(settings.max_file_size)
        except ValueError as exc:
            raise ConfigError(str(exc), path=str(path),
                              line=_line_of(text, "max-file-size")) from None
    return settings


def load_config(path: Path) -> Config:
    """Read one configuration file; for ``pyproject.toml`` the ``[tool.agreement-lint]`` table."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("configuration file not found", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot be read ({exc})", path=str(path)) from None
    import tomllib  # only a run that has a configuration file pays for the TOML reader

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(
            f"is not valid TOML: {message}", path=str(path),
            line=int(found.group(1)) if found else None,
            column=int(found.group(2)) if found else None,
        ) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("agreement-lint", {})
        if not isinstance(table, dict):
            raise ConfigError("[tool.agreement-lint] must be a table", path=str(path))
        data = table
    return Config(settings=_validate(data, path, text), root=path.resolve().parent, path=path)


def _has_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "agreement-lint" not in text and "\\u" not in text and "\\U" not in text:
        return False  # the table's name cannot be there (not even spelt with escapes)
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "agreement-lint" in tool


class ConfigFinder:
    """Finds (and caches) the configuration that applies to each file.

    With ``explicit`` every file uses that configuration; with ``isolated`` every file uses
    the defaults (``--no-config``); otherwise the nearest configuration file wins.
    """

    def __init__(self, *, explicit: Path | None = None, isolated: bool = False,
                 cwd: Path | None = None) -> None:
        self.cwd = (cwd or Path.cwd()).resolve()
        self._fixed: Config | None = None
        if explicit is not None:
            self._fixed = load_config(explicit)
        elif isolated:
            self._fixed = Config(settings=default_settings(), root=self.cwd)
        self._by_dir: dict[Path, Config] = {}

    def _search(self, directory: Path) -> Config:
        chain: list[Path] = []
        found: Config | None = None
        current = directory
        while True:
            if current in self._by_dir:
                found = self._by_dir[current]
                break
            chain.append(current)
            for name in CONFIG_FILENAMES:
                candidate = current / name
                if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                    found = load_config(candidate)
                    break
            if found is not None or (current / ".git").exists() or current.parent == current:
                break
            current = current.parent
        if found is None:
            found = Config(settings=default_settings(), root=current)
        for visited in chain:
            self._by_dir[visited] = found
        return found

    def for_directory(self, directory: Path) -> Config:
        """The configuration that applies inside ``directory``."""
        if self._fixed is not None:
            return self._fixed
        return self._search(directory.resolve())

    def for_file(self, path: Path) -> Config:
        """The configuration that applies to ``path`` (which need not exist: stdin's name)."""
        return self.for_directory((self.cwd / path).parent)

    def project(self) -> Config:
        """The configuration for the current directory (``fail-on`` and rule help come from it)."""
        return self.for_directory(self.cwd)

    def loaded(self) -> list[Config]:
        """Every distinct configuration used so far."""
        configs = [self._fixed] if self._fixed else list(self._by_dir.values())
        unique: dict[int, Config] = {id(c): c for c in configs}
        return list(unique.values())


@dataclass(frozen=True)
class Overrides:
    """What the command line says; None means "as the configuration says"."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    kind: str | None = None
    fail_on: FailOn | None = None
    rule_packs: tuple[Path, ...] = ()
    encoding: str | None = None
    max_bytes: int | None = None


@dataclass(frozen=True)
class Resolved:
    """The settings for one file after config, per-path tables and flags are combined."""

    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    severity: dict[str, Severity] = field(default_factory=dict)
    kind: str | None = None
    rule_packs: tuple[Path, ...] = ()
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_TEXT_BYTES


def _apply(select: list[str] | None, ignore: list[str], severity: dict[str, Severity],
           table: RuleSettings) -> tuple[list[str] | None, list[str], dict[str, Severity]]:
    if table.select is not None:
        select = list(table.select)
    if table.extend_select and select is not None:
        select = [*select, *table.extend_select]
    if table.ignore is not None:
        ignore = list(table.ignore)
    if table.extend_ignore:
        ignore = [*ignore, *table.extend_ignore]
    if table.severity:
        severity = {**severity, **table.severity}
    return select, ignore, severity


def resolve(config: Config, path: Path, overrides: Overrides) -> Resolved:
    """Combine a file's configuration, the per-path tables that match it and the flags."""
    settings = config.settings
    select, ignore, severity = _apply(None, [], {}, settings)
    kind = settings.kind
    relative = config.relative(path)
    if relative is not None:
        for spec, table in config.per_path_specs:
            if spec.match_file(relative):
                select, ignore, severity = _apply(select, ignore, severity, table)
                kind = table.kind or kind
    if overrides.select is not None:
        select = list(overrides.select)
    if overrides.extend_select and select is not None:
        select = [*select, *overrides.extend_select]
    return Resolved(
        select=tuple(select) if select is not None else None,
        ignore=tuple([*ignore, *overrides.ignore]),
        severity=severity,
        kind=overrides.kind or kind,
        rule_packs=tuple(dict.fromkeys([*config.rule_pack_paths, *overrides.rule_packs])),
        encoding=overrides.encoding or settings.encoding,
        max_bytes=overrides.max_bytes or config.max_bytes,
    )


def unknown_codes(patterns: Iterable[str], codes: Sequence[str]) -> list[str]:
    """Patterns that name no rule: neither a code nor a prefix of one."""
    return [p for p in dict.fromkeys(patterns)
            if not any(c.startswith(p.strip().upper()) for c in codes)]


def check_codes(config: Config, codes: Sequence[str]) -> None:
    """Raise :class:`ConfigError` naming every code in the file that matches no rule."""
    tables: list[tuple[str, RuleSettings]] = [("", config.settings)]
    tables.extend((f"per-path {glob!r}: ", t) for glob, t in config.settings.per_path.items())
    for prefix, table in tables:
        for key, patterns in (("select", table.select), ("extend-select", table.extend_select),
                              ("ignore", table.ignore), ("extend-ignore", table.extend_ignore)):
            bad = unknown_codes(patterns or (), codes)
            if bad:
                raise ConfigError(f"{prefix}{key} names no known rule: {', '.join(bad)}",
                                  path=config.label)
        bad = unknown_codes(table.severity or {}, codes)
        if bad:
            raise ConfigError(f"{prefix}severity names no known rule: {', '.join(bad)}",
                              path=config.label)
