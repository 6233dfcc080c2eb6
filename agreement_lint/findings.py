"""What the rules produce and every reporter consumes."""

from __future__ import annotations

import hashlib
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from .model import NOWHERE, Location


class Severity(StrEnum):
    """How much a finding matters; ``--fail-on`` compares against this order."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Finding(BaseModel):
    """One thing a rule found: a gap, a one-sided term, a placeholder, a broken reference."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    code: str
    name: str
    severity: Severity
    message: str
    principles: tuple[str, ...] = ()
    location: Location = NOWHERE
    """Document-level (every field empty) for something missing from the whole agreement."""
    evidence: str = ""
    """The excerpt that triggered the finding (empty for something missing)."""
    suggestion: str = ""

    def fingerprint(self, path: str) -> str:
        """A stable identity for baselines: file + code + clause + normalised evidence.

        Line numbers are left out on purpose, so that editing text above a clause does not make
        an old finding look new.
        """
        evidence = re.sub(r"\W+", " ", self.evidence.lower()).strip()
        clause = self.location.clause or "/".join(self.location.heading_path)
        key = "\x1f".join((path.replace("\\", "/"), self.code, clause, evidence))
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def sort_key(self) -> tuple[int, int, str, str]:
        """Document order, then code: document-level findings first."""
        loc = self.location
        line = loc.line if loc.line is not None else loc.paragraph
        if line is None:
            line = -1
        return (0 if loc.is_document_level else 1, line, self.code, self.evidence)
