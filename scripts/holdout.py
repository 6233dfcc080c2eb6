"""Measure precision and recall on the blind holdout set (``tests/holdout/drafts/``).

The holdout drafts were written and labelled without reading the concept lexicons or the engine,
and committed before the linter was first run on them, so their figures are the honest ones; the
samples and the evaluation drafts were used to tune the rules and read optimistic.

The counting is ``scripts/evaluate.py``'s own (document × rule code, error and warning only), so
the figures compare like for like. ``--disputes`` also counts a second time with the labels
corrected as ``tests/holdout/disputes.toml`` says (the labels themselves are never edited after a
run; a disputed label is recorded there with its reason).

Run: ``python scripts/holdout.py [--folder PATH] [--disputes] [--json OUT]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT / "tests" / "holdout" / "drafts"
DEFAULT_DISPUTES = ROOT / "tests" / "holdout" / "disputes.toml"
SUFFIX = ".labels.toml"


def load_evaluate() -> ModuleType:
    """``scripts/evaluate.py`` as a module (scripts is not a package)."""
    module = sys.modules.get("evaluate")
    if module is not None:
        return module
    script = Path(__file__).with_name("evaluate.py")
    spec = importlib.util.spec_from_file_location("evaluate", script)
    if spec is None or spec.loader is None:
        raise SystemExit("scripts/evaluate.py could not be loaded")
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate"] = module
    spec.loader.exec_module(module)
    return module


def read_disputes(path: Path) -> dict[str, dict[str, set[str]]]:
    """Per draft file name, the codes a dispute adds to or removes from its expected set.

    The file holds ``[[dispute]]`` tables with ``draft``, ``code``, ``change`` ("add" or
    "remove") and ``reason``.
    """
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, set[str]]] = {}
    for entry in data.get("dispute", []):
        change = entry.get("change")
        if change not in ("add", "remove"):
            raise SystemExit(f"{path}: dispute for {entry.get('draft')!r} needs change = "
                             "'add' or 'remove'")
        slot = out.setdefault(str(entry["draft"]), {"add": set(), "remove": set()})
        slot[change].add(str(entry["code"]).upper())
    return out


def apply_disputes(items: Sequence[Any], disputes: dict[str, dict[str, set[str]]]) -> list[Any]:
    """Copies of the labelled items with their expected codes corrected by the disputes."""
    corrected = []
    for item in items:
        change = disputes.get(item.path.name)
        if change is None:
            corrected.append(item)
            continue
        expected = (set(item.expected) | change["add"]) - change["remove"]
        corrected.append(type(item)(item.path, expected, item.kind, set(item.optional)))
    return corrected


def measure(folder: Path, disputes_file: Path | None) -> dict[str, Any]:
    """The figures as labelled and, when disputes are given, with them resolved."""
    evaluate = load_evaluate()
    ruleset = evaluate.load_ruleset()
    items = evaluate.labelled_set(folder, SUFFIX)
    results: dict[str, Any] = {"folder": str(folder)}
    results["as_labelled"] = evaluate.evaluate_labelled(items, ruleset)
    evaluate.print_labelled(f"{folder.name} (as labelled)", results["as_labelled"], print)
    if disputes_file is not None:
        corrected = apply_disputes(items, read_disputes(disputes_file))
        results["disputes_resolved"] = evaluate.evaluate_labelled(corrected, ruleset)
        evaluate.print_labelled(f"{folder.name} (label disputes resolved)",
                                results["disputes_resolved"], print)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER,
                        help="the labelled drafts (default: tests/holdout/drafts)")
    parser.add_argument("--disputes", nargs="?", type=Path, const=DEFAULT_DISPUTES,
                        help="also count with label disputes resolved "
                             "(default file: tests/holdout/disputes.toml)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    results = measure(args.folder, args.disputes)
    if args.json:
        from agreement_lint.atomic import write_text_atomic

        write_text_atomic(args.json, json.dumps(results, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
