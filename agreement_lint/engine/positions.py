"""Find the line of a rule, concept or field in a TOML file (tomllib keeps no positions).

Errors in rule data are reported as ``file:line: message``; these helpers scan the file's text
for the table header of the n-th ``[[rule]]`` (or ``[concept.NAME]``…) and then for the key.
"""

from __future__ import annotations

import re


class TomlText:
    """The lines of one TOML file, with lookups for tables and keys."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self._headers = [
            (i + 1, m.group(1))
            for i, line in enumerate(self.lines)
            if (m := re.match(r"\s*(\[\[?[^\]]+\]\]?)", line))
        ]

    def array_entry(self, table: str, index: int) -> tuple[int, int] | None:
        """Lines (start, end) of the ``index``-th ``[[table]]`` entry."""
        wanted = _header_pattern(rf"\[\[\s*{re.escape(table)}\s*\]\]")
        starts = [line for line, header in self._headers if wanted.fullmatch(header)]
        if index >= len(starts):
            return None
        return starts[index], self._section_end(starts[index], table)

    def named_table(self, table: str, name: str) -> tuple[int, int] | None:
        """Lines (start, end) of ``[table.name]`` (the name may be quoted)."""
        quoted = rf"(?:{re.escape(name)}|\"{re.escape(name)}\"|'{re.escape(name)}')"
        wanted = _header_pattern(rf"\[\s*{re.escape(table)}\s*\.\s*{quoted}\s*\]")
        for line, header in self._headers:
            if wanted.fullmatch(header):
                return line, self._section_end(line, f"{table}.{name}")
        return None

    def sub_entry(self, span: tuple[int, int], table: str, index: int) -> int | None:
        """Line of the ``index``-th ``[[table]]`` header within ``span`` (``rule.fail``)."""
        wanted = _header_pattern(rf"\[\[\s*{re.escape(table)}\s*\]\]")
        found = [line for line, header in self._headers
                 if span[0] <= line <= span[1] and wanted.fullmatch(header)]
        return found[index] if index < len(found) else None

    def key_line(self, start: int, end: int, key: str) -> int | None:
        """First line in ``start..end`` that assigns ``key``."""
        pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(start, min(end, len(self.lines)) + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return None

    def top_level_key(self, key: str) -> int | None:
        """Line where a top-level table or key named ``key`` first appears."""
        for line, header in self._headers:
            if re.fullmatch(rf"\[\[?\s*[\"']?{re.escape(key)}[\"']?\s*[.\]].*", header):
                return line
        return self.key_line(1, len(self.lines), key)

    def _section_end(self, start: int, table: str) -> int:
        """Last line before the next header that is not a sub-table of ``table``."""
        prefix = re.compile(rf"\[\[?\s*{re.escape(table)}\s*\.")
        for line, header in self._headers:
            if line > start and not prefix.match(header):
                return line - 1
        return len(self.lines)


def _header_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def toml_error_line(message: str) -> tuple[int | None, str]:
    """Split tomllib's ``… (at line 3, column 5)`` into the line and the bare message."""
    match = re.search(r"\s*\(at line (\d+), column \d+\)\s*$", message)
    if match:
        return int(match.group(1)), message[: match.start()]
    match = re.search(r"\s*\(at end of document\)\s*$", message)
    if match:
        return None, message[: match.start()] + " at the end of the file"
    return None, message
