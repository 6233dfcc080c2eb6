"""Measure how well the bundled rule set finds real gaps without crying wolf.

Three measurements, each printed as a table (and written as JSON with ``--json``):

1. **CUAD false "missing" findings.** For the 40 CUAD contracts in the shared corpus, where the
   CUAD experts marked a clause present, a "missing" finding for the matching concept is a
   false alarm. Each rate should stay at or under 5 %.
2. **Concepts and ablation recall** on the Common Paper agreements and the community MoU: which
   concepts each document contains, then, for every "missing" rule, delete the document's own
   sections for the rule's concepts (by clause, using the parsed model's line spans) and check
   that the rule fires on what is left. At least 90 % of ablations should be caught.
3. **Precision and recall per rule** at error and warning level on the project's own samples
   (``samples/*.expected.toml``) and the evaluation drafts (``tests/eval/drafts/*.labels.toml``).

Run: ``python scripts/evaluate.py [--shared PATH] [--json OUT]``. The shared corpus defaults to
``../shared`` next to the checkout; the parts that need it are skipped when it is absent.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import re
import sys
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agreement_lint.atomic import write_text_atomic
from agreement_lint.engine import LintOptions, lint, load_ruleset
from agreement_lint.engine.ruleset import Rule, RuleSet
from agreement_lint.errors import AgreementLintError
from agreement_lint.findings import Finding, Severity
from agreement_lint.model import Agreement, Clause
from agreement_lint.parser import parse_text
from agreement_lint.read import read_agreement

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"

CUAD_CHECKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("OWN001", ("Ip Ownership Assignment", "Joint Ip Ownership")),
    ("END001", ("Expiration Date",)),
    ("END002", ("Termination For Convenience", "Post-Termination Services")),
    ("PAY001", ("Revenue/Profit Sharing", "Minimum Commitment")),
)
"""Each "missing" rule and the CUAD categories whose presence makes its finding a false alarm."""

CUAD_LIMIT = 0.05
ABLATION_TARGET = 0.90
GATED = (Severity.ERROR, Severity.WARNING)
"""Severities counted in precision and recall (info findings are advice, not gaps)."""


# --- running the linter ---------------------------------------------------------------------


def lint_safely(
    agreement: Agreement, ruleset: RuleSet, *, kind: str | None = None,
    select: Sequence[str] = (),
) -> tuple[list[Finding], list[str]]:
    """Findings of the selected rules, and the codes of rules that raised (reported, not fatal).

    A computed check that fails on one document should not hide every other rule's result, so
    a failing run is repeated rule by rule.
    """
    options = LintOptions(kind=kind, select=tuple(select))
    try:
        return lint(agreement, ruleset, options), []
    except AgreementLintError:
        raise
    except Exception:  # a bug in one check: isolate it
        findings: list[Finding] = []
        broken: list[str] = []
        codes = select or [rule.code for rule in ruleset.rules]
        for code in codes:
            try:
                findings.extend(lint(agreement, ruleset, LintOptions(kind=kind, select=(code,))))
            except AgreementLintError:
                raise
            except Exception:
                broken.append(code)
        return findings, broken


def codes_at(findings: Iterable[Finding], severities: Sequence[Severity] = GATED) -> set[str]:
    """Distinct rule codes among ``findings`` at the given severities."""
    return {f.code for f in findings if f.severity in severities}


def rate(numerator: int, denominator: int) -> float | None:
    """A ratio, or None when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def percent(value: float | None) -> str:
    """``12.5 %`` or ``n/a``."""
    return "n/a" if value is None else f"{value * 100:.1f} %"


# --- 1. CUAD ----------------------------------------------------------------------------------


def cuad_stem(filename: str) -> str:
    """The ``txt/`` file stem for a CUAD ``Filename`` (see the corpus README for the join)."""
    name = filename.strip().strip("'\"").strip()
    return re.sub(r"\.pdf$", "", name, flags=re.IGNORECASE).replace("&", "_")


def cuad_present(row: dict[str, str], category: str) -> bool:
    """Whether CUAD's experts marked ``category`` present in the contract of ``row``.

    A Yes/No category counts when its answer is Yes; any other category (dates, for example)
    counts when its annotated spans are not empty.
    """
    answer = (row.get(f"{category}-Answer") or row.get(f"{category}- Answer") or "").strip()
    if answer.lower() in {"yes", "no"}:
        return answer.lower() == "yes"
    spans = (row.get(category) or "").strip()
    if not spans:
        return False
    try:
        parsed = ast.literal_eval(spans)
    except (ValueError, SyntaxError):
        return bool(spans)
    return bool(parsed)


def evaluate_cuad(cuad: Path, ruleset: RuleSet) -> dict[str, Any]:
    """False "missing" findings on CUAD contracts that contain the clause."""
    with (cuad / "labels.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = {path.stem: path for path in (cuad / "txt").glob("*.txt")}
    codes = [code for code, _ in CUAD_CHECKS]
    present = dict.fromkeys(codes, 0)
    fired_on: dict[str, list[str]] = {code: [] for code in codes}
    missing_files: list[str] = []
    for row in rows:
        stem = cuad_stem(row["Filename"])
        path = texts.get(stem)
        if path is None:
            missing_files.append(stem)
            continue
        agreement = read_agreement(path)
        findings, _ = lint_safely(agreement, ruleset, select=codes)
        fired = {f.code for f in findings}
        for code, categories in CUAD_CHECKS:
            if any(cuad_present(row, c) for c in categories):
                present[code] += 1
                if code in fired:
                    fired_on[code].append(stem)
    table = []
    for code, categories in CUAD_CHECKS:
        value = rate(len(fired_on[code]), present[code])
        table.append({
            "rule": code, "categories": list(categories), "present": present[code],
            "false_missing": len(fired_on[code]), "rate": value,
            "ok": value is not None and value <= CUAD_LIMIT, "documents": fired_on[code],
        })
    return {"contracts": len(rows) - len(missing_files), "unmatched": missing_files,
            "rules": table}


# --- 2. concepts and ablation -------------------------------------------------------------------


@dataclass
class Span:
    """Lines (1-based, inclusive) a clause or schedule occupies in the source text."""

    first: int
    last: int
    label: str


def clause_span(clause: Clause) -> Span | None:
    """The lines of a clause with all its descendants, from the parsed locations."""
    lines = [c.location.line for c in clause.walk() if c.location.line is not None]
    ends = [c.location.end_line or c.location.line for c in clause.walk()
            if c.location.line is not None]
    if not lines:
        return None
    return Span(min(lines), max(e for e in ends if e is not None), clause.label)


def dedicated_sections(
    agreement: Agreement, ruleset: RuleSet, concept_names: Iterable[str], text: str
) -> list[Span]:
    """The sections a document devotes to the concepts, by their headings.

    A section is the concept's own when its heading matches the concept's heading patterns (its
    descendants go with it); schedules count like top-level clauses. A concept that no heading
    names is looked for clause by clause in the body text instead. This is the harder test:
    mentions of the concept elsewhere must not be mistaken for a provision.
    """
    spans: dict[tuple[int, int], Span] = {}
    for name in concept_names:
        concept = ruleset.concepts[name]
        chosen: list[Span] = []
        for number, schedule in enumerate(agreement.schedules):
            title = " ".join(p for p in (schedule.kind, schedule.number, schedule.title) if p)
            if schedule.location.line is not None and concept.heading_hits(title):
                chosen.append(schedule_span(agreement, number, text))
        covered: set[int] = set()
        for clause in agreement.walk():
            if id(clause) in covered:
                continue
            if clause.heading and concept.heading_hits(clause.heading):
                span = clause_span(clause)
                if span is not None:
                    chosen.append(span)
                    covered.update(id(c) for c in clause.walk())
        if not chosen:
            for clause in agreement.walk():
                if concept.body_satisfied(concept.body_hits(clause.text)):
                    span = own_span(clause)
                    if span is not None:
                        chosen.append(span)
        for span in chosen:
            spans.setdefault((span.first, span.last), span)
    return sorted(spans.values(), key=lambda s: s.first)


def matched_sections(
    agreement: Agreement, ruleset: RuleSet, concept_names: Iterable[str], text: str, kind: str
) -> list[Span]:
    """Every clause in which one of the concepts' patterns is found (its own lines, not its
    children), even where one hit alone would not satisfy a concept that needs several.

    Text outside any clause (the preamble) is located line by line, and a schedule's own text
    by the schedule's position, so that everything the concept matched can be removed.
    """
    from agreement_lint.engine.context import AgreementIndex

    index = AgreementIndex(agreement, ruleset.concepts, kind)
    names = list(concept_names)
    spans: dict[tuple[int, int], Span] = {}
    schedules = {id(s): n for n, s in enumerate(agreement.schedules)}
    for unit in index.units("clause"):
        if unit.clause is None or not any(_found(index, ruleset.concepts[n], unit) for n in names):
            continue
        clause = unit.clause
        found: list[Span] = []
        span = own_span(clause)
        if span is not None:
            found.append(span)
        else:
            found.extend(lines_of(text, clause.text))
            for schedule in agreement.schedules:
                if schedule.location == clause.location and schedule.location.line is not None:
                    found.append(schedule_span(agreement, schedules[id(schedule)], text))
        for item in found:
            spans.setdefault((item.first, item.last), item)
    return sorted(spans.values(), key=lambda s: s.first)


def _found(index: Any, concept: Any, unit: Any) -> bool:
    """Whether any of the concept's patterns occurs in the unit: heading, body, or the heading
    read as text (the whole-document unit reads headings as text too)."""
    heading = unit.heading or ""
    return bool(index.heading_hits(concept, unit) or index.body_hits(concept, unit)
                or (heading and concept.body_hits(heading)))


def own_span(clause: Clause) -> Span | None:
    """The lines of a clause's own heading and text (its children excluded)."""
    line = clause.location.line
    if line is None:
        return None
    last = clause.location.end_line or line
    children = [c.location.line for c in clause.children if c.location.line is not None]
    if children:
        last = min(children) - 1
    return Span(line, max(line, last), clause.label)


def schedule_span(agreement: Agreement, number: int, text: str) -> Span:
    """A schedule from its heading to the line before the next schedule (or the end)."""
    schedule = agreement.schedules[number]
    first = schedule.location.line or 1
    following = [s.location.line for s in agreement.schedules[number + 1:]
                 if s.location.line is not None]
    last = (min(following) - 1) if following else len(text.splitlines())
    title = " ".join(p for p in (schedule.kind, schedule.number, schedule.title) if p)
    return Span(first, max(first, last), title)


def lines_of(text: str, passage: str) -> list[Span]:
    """The source lines holding each line of ``passage`` (for text with no location)."""
    from agreement_lint.normalise import normalise

    wanted = {" ".join(line.split()) for line in passage.splitlines() if line.strip()}
    spans = []
    for number, line in enumerate(normalise(text).splitlines(), 1):
        if " ".join(line.split()) in wanted:
            spans.append(Span(number, number, "preamble"))
    return spans


def delete_lines(text: str, spans: Iterable[Span]) -> str:
    """``text`` without the lines of ``spans`` (line count shrinks; nothing else changes)."""
    drop: set[int] = set()
    for span in spans:
        drop.update(range(span.first, span.last + 1))
    lines = text.splitlines(keepends=True)
    return "".join(line for number, line in enumerate(lines, 1) if number not in drop)


def concepts_found(agreement: Agreement, ruleset: RuleSet, kind: str) -> list[str]:
    """Every concept the document satisfies as a whole."""
    from agreement_lint.engine.context import AgreementIndex

    index = AgreementIndex(agreement, ruleset.concepts, kind)
    unit = index.units("document")[0]
    return sorted(name for name in ruleset.concepts if index.matches(name, unit))


def missing_rules(ruleset: RuleSet) -> list[Rule]:
    """The "require" rules: each fires when a concept is absent."""
    return [rule for rule in ruleset.rules if rule.check == "require" and rule.condition]


def when_holds(rule: Rule, agreement: Agreement, ruleset: RuleSet, kind: str) -> bool:
    """Whether the rule's document-level precondition holds (True when it has none)."""
    if rule.when is None:
        return True
    from agreement_lint.engine.context import AgreementIndex

    index = AgreementIndex(agreement, ruleset.concepts, kind)
    return bool(rule.when(index, index.units("document")[0]))


Selector = Callable[[Agreement, RuleSet, Sequence[str], str, str], list[Span]]

ABLATIONS: dict[str, Selector] = {
    "matched": matched_sections,
    "dedicated": lambda a, rs, names, text, kind: dedicated_sections(a, rs, names, text),
}
"""Two ways of choosing what to delete: every clause where the concept was found (the
measure the project sets itself), and only the sections whose heading names it (harder)."""


def evaluate_ablation(documents: Sequence[Path], ruleset: RuleSet) -> dict[str, Any]:
    """Concepts found per document, and whether each rule notices its sections' removal."""
    found: dict[str, list[str]] = {}
    trials: dict[str, list[dict[str, Any]]] = {mode: [] for mode in ABLATIONS}
    for path in documents:
        text = path.read_text(encoding="utf-8")
        agreement = parse_text(text)
        kind = ruleset.resolve_kind(agreement)
        found[path.name] = concepts_found(agreement, ruleset, kind)
        before, _ = lint_safely(agreement, ruleset, kind=kind,
                                select=[r.code for r in missing_rules(ruleset)])
        fired_before = {f.code for f in before}
        for rule in missing_rules(ruleset):
            assert rule.condition is not None
            if not rule.applies_to(kind) or rule.code in fired_before:
                continue  # nothing to remove: the rule does not apply or already fires
            if not when_holds(rule, agreement, ruleset, kind):
                continue
            names = sorted(rule.condition.concepts)
            for mode, select in ABLATIONS.items():
                spans = select(agreement, ruleset, names, text, kind)
                if not spans:
                    continue
                ablated = parse_text(delete_lines(text, spans))
                if not when_holds(rule, ablated, ruleset, kind):
                    continue  # removing the sections removed the rule's precondition too
                after, _ = lint_safely(ablated, ruleset, kind=kind, select=[rule.code])
                trials[mode].append({
                    "document": path.name, "kind": kind, "rule": rule.code, "concepts": names,
                    "removed": [f"{s.label} (lines {s.first}-{s.last})" for s in spans],
                    "fired": any(f.code == rule.code for f in after),
                })
    summary: dict[str, Any] = {"concepts": found}
    for mode, items in trials.items():
        caught = sum(1 for t in items if t["fired"])
        summary[mode] = {"trials": items, "caught": caught, "total": len(items),
                         "recall": rate(caught, len(items))}
    return summary


# --- 3. precision and recall on labelled drafts --------------------------------------------------


@dataclass
class Labelled:
    """A draft with the gaps a careful reviewer would report at error or warning level."""

    path: Path
    expected: set[str]
    kind: str | None = None
    optional: set[str] = field(default_factory=set)
    """Codes listed as info-level extras: not required, and not counted against precision."""


def _codes(value: Any) -> set[str]:
    """Codes from a list of strings or of tables with a ``code`` field."""
    out: set[str] = set()
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                out.add(item.strip().upper())
            elif isinstance(item, dict) and isinstance(item.get("code"), str):
                out.add(item["code"].strip().upper())
    return out


def read_labels(sidecar: Path) -> tuple[set[str], set[str], str | None]:
    """Expected codes, optional codes and kind from a sidecar (``[[gap]]``, ``expected`` …)."""
    data = tomllib.loads(sidecar.read_text(encoding="utf-8"))
    expected = set()
    for key in ("gap", "gaps", "expected", "findings"):
        expected |= _codes(data.get(key))
    optional = set()
    for key in ("info", "optional", "allowed"):
        optional |= _codes(data.get(key))
    kind = data.get("kind")
    return expected, optional - expected, kind if isinstance(kind, str) else None


def labelled_set(folder: Path, suffix: str) -> list[Labelled]:
    """Every draft in ``folder`` that has a ``<stem><suffix>`` sidecar."""
    items: list[Labelled] = []
    if not folder.is_dir():
        return items
    for sidecar in sorted(folder.glob(f"*{suffix}")):
        stem = sidecar.name[: -len(suffix)]
        drafts = [p for p in folder.iterdir() if p != sidecar
                  and p.name.startswith(stem + ".") and not p.name.endswith(".toml")]
        if not drafts:
            continue
        expected, optional, kind = read_labels(sidecar)
        items.append(Labelled(sorted(drafts)[0], expected, kind, optional))
    return items


def evaluate_labelled(items: Sequence[Labelled], ruleset: RuleSet) -> dict[str, Any]:
    """TP, FP, FN, precision and recall per rule and overall (document × rule code)."""
    counts: dict[str, dict[str, int]] = {}
    documents: list[dict[str, Any]] = []

    def bump(code: str, what: str) -> None:
        counts.setdefault(code, {"tp": 0, "fp": 0, "fn": 0})[what] += 1

    for item in items:
        try:
            agreement = read_agreement(item.path)
        except AgreementLintError as exc:
            documents.append({"document": item.path.name, "error": exc.one_line()})
            continue
        findings, broken = lint_safely(agreement, ruleset, kind=item.kind)
        kind = ruleset.resolve_kind(agreement, item.kind)
        got = codes_at(findings)
        for code in got & item.expected:
            bump(code, "tp")
        for code in got - item.expected - item.optional:
            bump(code, "fp")
        for code in item.expected - got:
            bump(code, "fn")
        documents.append({
            "document": item.path.name, "kind": kind,
            "false_positives": sorted(got - item.expected - item.optional),
            "false_negatives": sorted(item.expected - got), "broken_checks": broken,
        })
    rows = []
    for code in sorted(counts):
        c = counts[code]
        rule = ruleset.get(code)
        check = "computed" if rule is not None and rule.check == "computed" else "data"
        rows.append({"rule": code, "check": check, **c,
                     "precision": rate(c["tp"], c["tp"] + c["fp"]),
                     "recall": rate(c["tp"], c["tp"] + c["fn"])})
    by_check = {name: totals([r for r in rows if r["check"] == name])
                for name in ("data", "computed")}
    return {"documents": documents, "rules": rows, "overall": totals(rows),
            "by_check": by_check}


def totals(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Summed TP, FP and FN with the precision and recall they give."""
    total = {k: sum(int(r[k]) for r in rows) for k in ("tp", "fp", "fn")}
    return {**total, "precision": rate(total["tp"], total["tp"] + total["fp"]),
            "recall": rate(total["tp"], total["tp"] + total["fn"])}


# --- printing ---------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A plain Markdown table (readable in a terminal and pasteable into the docs)."""
    body = [[str(cell) for cell in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    out = [line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out.extend(line(r) for r in body)
    return "\n".join(out)


def print_cuad(result: dict[str, Any], emit: Callable[[str], None]) -> None:
    emit(f"## 1. CUAD: false 'missing' findings ({result['contracts']} contracts)\n")
    emit(table(
        ("rule", "CUAD categories (present)", "contracts with clause", "rule fired", "rate",
         "≤ 5 %"),
        ((r["rule"], " / ".join(r["categories"]), r["present"], r["false_missing"],
          percent(r["rate"]), "yes" if r["ok"] else "NO") for r in result["rules"]),
    ))
    for r in result["rules"]:
        if r["documents"]:
            emit(f"\n{r['rule']} fired on: " + "; ".join(r["documents"]))
    emit("")


def print_ablation(result: dict[str, Any], emit: Callable[[str], None]) -> None:
    emit("## 2. Concepts found, and ablation recall\n")
    emit(table(("document", "concepts found"),
               ((doc, ", ".join(names)) for doc, names in result["concepts"].items())))
    emit("")
    for mode, title in (("matched", "every clause where the concept is found"),
                        ("dedicated", "only the sections whose heading names the concept")):
        part = result[mode]
        per_rule: dict[str, list[int]] = {}
        for trial in part["trials"]:
            entry = per_rule.setdefault(trial["rule"], [0, 0])
            entry[1] += 1
            entry[0] += int(trial["fired"])
        emit(f"### Ablation removing {title}\n")
        emit(table(("rule", "ablations", "caught", "recall"),
                   ((code, n, k, percent(rate(k, n)))
                    for code, (k, n) in sorted(per_rule.items()))))
        emit(f"\nOverall: {part['caught']} of {part['total']} ablations caught "
             f"({percent(part['recall'])}; target ≥ {ABLATION_TARGET * 100:.0f} %).")
        for t in part["trials"]:
            if not t["fired"]:
                emit(f"  missed: {t['rule']} on {t['document']} after removing "
                     + ", ".join(t["removed"][:6]) + (" …" if len(t["removed"]) > 6 else ""))
        emit("")


def print_labelled(title: str, result: dict[str, Any], emit: Callable[[str], None]) -> None:
    emit(f"## 3. {title}: precision and recall (error and warning)\n")
    if not result["documents"]:
        emit("No labelled drafts found.\n")
        return
    emit(table(("rule", "check", "TP", "FP", "FN", "precision", "recall"),
               ((r["rule"], r["check"], r["tp"], r["fp"], r["fn"], percent(r["precision"]),
                 percent(r["recall"])) for r in result["rules"])))
    o = result["overall"]
    emit(f"\nOverall: TP {o['tp']}, FP {o['fp']}, FN {o['fn']}; precision "
         f"{percent(o['precision'])}, recall {percent(o['recall'])} "
         f"({len(result['documents'])} drafts).")
    for name, label in (("data", "rules written as data (require/flag)"),
                        ("computed", "computed checks")):
        part = result["by_check"][name]
        emit(f"  {label}: TP {part['tp']}, FP {part['fp']}, FN {part['fn']}; precision "
             f"{percent(part['precision'])}, recall {percent(part['recall'])}")
    for doc in result["documents"]:
        if doc.get("error"):
            emit(f"  {doc['document']}: could not be read: {doc['error']}")
            continue
        notes = []
        if doc["false_positives"]:
            notes.append("FP " + ", ".join(doc["false_positives"]))
        if doc["false_negatives"]:
            notes.append("FN " + ", ".join(doc["false_negatives"]))
        if doc["broken_checks"]:
            notes.append("checks that failed: " + ", ".join(doc["broken_checks"]))
        if notes:
            emit(f"  {doc['document']} ({doc['kind']}): " + "; ".join(notes))
    emit("")


# --- main -------------------------------------------------------------------------------------


def ablation_documents(shared: Path) -> list[Path]:
    """The Common Paper agreements (READMEs excluded) and the community MoU template."""
    docs = sorted(p for p in (shared / "corpus" / "commonpaper").glob("*.md")
                  if not p.name.upper().startswith("README"))
    docs += sorted((shared / "corpus" / "community-mou-templates").glob("*.md"))
    return docs


def run(
    shared: Path, root: Path | None = None, emit: Callable[[str], None] = print
) -> dict[str, Any]:
    """Every measurement that the available material allows; returns the figures."""
    root = root or ROOT
    ruleset = load_ruleset()
    results: dict[str, Any] = {"shared": str(shared)}
    cuad = shared / "corpus" / "cuad"
    if (cuad / "labels.csv").is_file():
        results["cuad"] = evaluate_cuad(cuad, ruleset)
        print_cuad(results["cuad"], emit)
    else:
        emit(f"(CUAD skipped: {cuad / 'labels.csv'} not found)\n")
    documents = ablation_documents(shared) if shared.is_dir() else []
    if documents:
        results["ablation"] = evaluate_ablation(documents, ruleset)
        print_ablation(results["ablation"], emit)
    else:
        emit("(Ablation skipped: no Common Paper or community MoU documents found)\n")
    for key, title, folder, suffix in (
        ("samples", "samples/", root / "samples", ".expected.toml"),
        ("eval", "tests/eval/drafts/", root / "tests" / "eval" / "drafts", ".labels.toml"),
    ):
        results[key] = evaluate_labelled(labelled_set(folder, suffix), ruleset)
        print_labelled(title, results[key], emit)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the shared material folder (default: ../shared next to the checkout)")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    results = run(args.shared)
    if args.json:
        write_text_atomic(args.json, json.dumps(results, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
