#!/usr/bin/env python3
"""Record every finding the linter makes on a fixed set of texts, to prove a change kept them.

Lints the CUAD texts (``../shared/corpus/cuad/txt``), ``samples/``, ``tests/eval/drafts``,
``tests/holdout/drafts`` and ``tests/holdout2/drafts``, plus the largest CUAD text repeated
four times (deep documents are where a speed-up most often changes an answer), and writes each
finding's code, location, evidence and message to a JSON file. ``--compare OLD`` exits 1 and
lists the differences when the new findings are not exactly the old ones.

``--times`` also prints the warm CPU time of each lint.

Usage: python scripts/snapshot_findings.py OUT.json [--compare OLD.json] [--times]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from agreement_lint.engine import lint, load_ruleset
from agreement_lint.findings import Finding
from agreement_lint.model import Agreement
from agreement_lint.parser import parse_text
from agreement_lint.read import read_agreement

ROOT = Path(__file__).resolve().parents[1]
CUAD = ROOT.parent / "shared" / "corpus" / "cuad" / "txt"
DRAFT_DIRS = (ROOT / "samples", ROOT / "tests" / "eval" / "drafts",
              ROOT / "tests" / "holdout" / "drafts", ROOT / "tests" / "holdout2" / "drafts")
SUFFIXES = {".md", ".txt", ".docx"}
REPEATED = 4


def inputs() -> Iterator[tuple[str, Agreement]]:
    """Every text to lint, by a stable name, parsed."""
    paths = sorted(CUAD.glob("*.txt")) if CUAD.is_dir() else []
    for folder in DRAFT_DIRS:
        paths.extend(sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES))
    for path in paths:
        yield _name(path), read_agreement(path)
    if paths and CUAD.is_dir():
        largest = max(CUAD.glob("*.txt"), key=lambda p: p.stat().st_size)
        text = largest.read_text(encoding="utf-8", errors="replace")
        yield f"{_name(largest)} x{REPEATED}", parse_text("\n\n".join([text] * REPEATED))


def _name(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return f"cuad/{path.name}"


def record(finding: Finding) -> dict[str, Any]:
    return {"code": finding.code, "location": finding.location.model_dump(mode="json"),
            "evidence": finding.evidence, "message": finding.message}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--times", action="store_true")
    args = parser.parse_args()

    ruleset = load_ruleset()
    snapshot: dict[str, list[dict[str, Any]]] = {}
    lint_cpu: dict[str, float] = {}
    for name, agreement in inputs():
        lint(agreement, ruleset)  # warm: compile what is compiled on first use
        start = time.process_time()
        findings = lint(agreement, ruleset)
        lint_cpu[name] = time.process_time() - start
        snapshot[name] = [record(f) for f in findings]
    args.out.write_text(json.dumps(snapshot, indent=1, sort_keys=True), encoding="utf-8")
    total = sum(len(v) for v in snapshot.values())
    print(f"{total} findings in {len(snapshot)} texts -> {args.out}")

    if args.times:
        cuad = sum(s for n, s in lint_cpu.items() if n.startswith("cuad/") and " x" not in n)
        print(f"lint CPU, 40 CUAD texts (warm): {cuad:.3f} s")
        for name, seconds in sorted(lint_cpu.items(), key=lambda kv: -kv[1])[:4]:
            print(f"  {seconds:7.3f} s  {name}")

    if args.compare:
        old = json.loads(args.compare.read_text(encoding="utf-8"))
        for name in sorted(set(old) ^ set(snapshot)):  # drafts added or removed meanwhile
            print(f"only in {'the old' if name in old else 'the new'} snapshot: {name}")
        changed = [n for n in sorted(set(old) & set(snapshot)) if old[n] != snapshot[n]]
        for name in changed:
            print(f"DIFFERENT: {name}", file=sys.stderr)
        if changed:
            return 1
        print("identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
