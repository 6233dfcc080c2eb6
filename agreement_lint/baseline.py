"""Baselines: record today's findings so that a check reports only new ones.

A baseline is a JSON file (written atomically) listing, per finding identity, how many times it
occurs. The identity is :meth:`Finding.fingerprint` — file, code, clause and the matched words,
with no line numbers — so editing text above a clause does not make an old finding look new.
Counting makes it precise: if a clause had two recorded findings of a kind and now has three,
one is reported.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .atomic import write_text_atomic
from .errors import ConfigError
from .findings import Finding
from .report import FileResult

BASELINE_VERSION = 1


@dataclass(frozen=True)
class Baseline:
    """Recorded findings: fingerprint → how many times it may occur and still be old."""

    counts: dict[str, int]

    def filter(self, result: FileResult) -> FileResult:
        """``result`` without the findings the baseline already records."""
        remaining = Counter(self.counts)
        kept: list[Finding] = []
        hidden = 0
        for finding in result.findings:
            fingerprint = finding.fingerprint(result.key)
            if remaining[fingerprint] > 0:
                remaining[fingerprint] -= 1
                hidden += 1
            else:
                kept.append(finding)
        return replace(result, findings=tuple(kept), baselined=result.baselined + hidden)


def baseline_document(results: Sequence[FileResult], *, now: datetime | None = None
                      ) -> dict[str, Any]:
    """The baseline file's content for ``results`` (entries sorted for stable diffs)."""
    entries: dict[tuple[str, str], dict[str, Any]] = {}
    for result in results:
        for finding in result.findings:
            fingerprint = finding.fingerprint(result.key)
            entry = entries.setdefault((result.key, fingerprint), {
                "path": result.key, "fingerprint": fingerprint, "code": finding.code,
                "clause": finding.location.clause, "count": 0,
            })
            entry["count"] += 1
    created = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    return {
        "version": BASELINE_VERSION,
        "created": created,
        "entries": [entries[k] for k in sorted(entries)],
    }


def write_baseline(path: Path, results: Sequence[FileResult]) -> int:
    """Write the baseline file; return how many findings it records."""
    document = baseline_document(results)
    write_text_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return sum(e["count"] for e in document["entries"])


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; a damaged or foreign file is a :class:`ConfigError`."""
    shown = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("baseline file not found (create it with `agreement-lint baseline "
                          "create`)", path=shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"baseline cannot be read ({exc})", path=shown) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"baseline is not valid JSON: {exc.msg}", path=shown,
                          line=exc.lineno, column=exc.colno) from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or \
            not isinstance(data.get("entries"), list):
        raise ConfigError(f"is not an agreement-lint baseline (version {BASELINE_VERSION})",
                          path=shown)
    counts: Counter[str] = Counter()
    for number, entry in enumerate(data["entries"], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str) or \
                not isinstance(entry.get("count", 1), int) or entry.get("count", 1) < 1:
            raise ConfigError(f"baseline entry {number} needs a fingerprint and a positive "
                              "count", path=shown)
        counts[entry["fingerprint"]] += entry.get("count", 1)
    return Baseline(dict(counts))
