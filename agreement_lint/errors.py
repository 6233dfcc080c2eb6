"""Errors a user can act on.

Every error here renders as one line that names the file and, where known, the place
(``file:line:col: message``). The CLI turns them into exit code 2; anything else that
escapes is an internal error (exit code 3).
"""

from __future__ import annotations


class AgreementLintError(Exception):
    """Base class: an error caused by the input, the configuration or the command line."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        source_line: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.source_line = source_line

    def where(self) -> str:
        """``file:line:col`` (as much of it as is known)."""
        parts: list[str] = []
        if self.path is not None:
            parts.append(self.path)
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def one_line(self) -> str:
        """The error as a single line, safe to print to a terminal."""
        where = self.where()
        text = " ".join(self.message.split())
        return f"{where}: {text}" if where else text

    def __str__(self) -> str:
        return self.one_line()


class InputError(AgreementLintError):
    """An input file cannot be read: missing, unreadable, binary, hostile or wrongly encoded."""


class ParseError(AgreementLintError):
    """A draft has a genuine structural error (for example unterminated front matter)."""

    def render(self) -> str:
        """The one-line message, followed by the offending line and a caret when known."""
        out = self.one_line()
        if self.source_line is not None:
            shown = self.source_line.rstrip("\n")
            if len(shown) > 200:
                shown = shown[:200] + "…"
            out += "\n    " + shown
            if self.column is not None and self.column <= len(shown) + 1:
                out += "\n    " + " " * (self.column - 1) + "^"
        return out


class ConfigError(AgreementLintError):
    """A configuration file is malformed or names an unknown key or rule code."""


class RuleError(AgreementLintError):
    """A rule file or rule pack is malformed."""


class UsageError(AgreementLintError):
    """The command line asks for something impossible (e.g. output path equal to the input)."""
