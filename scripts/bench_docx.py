#!/usr/bin/env python3
"""Time reading and annotating a long Word agreement (about 200 pages, 2,000 paragraphs).

The agreement is generated here with real automatic numbering (Heading 1 clauses numbered
from the style, sub-clauses and (a) items from paragraph numbering), a budget table, and enough
varied wording for the rules to find things. Each stage is timed on its own, then the whole
``agreement-lint annotate`` command is timed in a fresh process.

Usage: python scripts/bench_docx.py [--paragraphs 2000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import docx

HERE = Path(__file__).resolve().parent

_spec = importlib.util.spec_from_file_location("make_docx_fixtures", HERE / "make_docx_fixtures.py")
assert _spec is not None and _spec.loader is not None
fixtures = importlib.util.module_from_spec(_spec)
sys.modules["make_docx_fixtures"] = fixtures
_spec.loader.exec_module(fixtures)

SUBJECTS = ["The University", "The Trust", "The Council", "The Network", "Each Partner",
            "The Partners", "The Board", "The Forum"]
VERBS = ["will provide", "shall ensure", "will agree", "will publish",
         "shall keep", "will share", "will review", "will pay", "will report on"]
OBJECTS = ["the annual report", "anonymised information about service use", "meeting rooms",
           "the budget in Schedule 1", "a named contact", "training for volunteers",
           "the results of the Project",
           "the evaluation plan agreed with residents", "invoices within 30 days",
           "the ICB's quarterly figures", "a summary in plain language"]
HEADINGS = ["Purpose", "Definitions", "Roles", "Payment", "Governance", "Communication",
            "Data and confidentiality", "Intellectual property", "Evaluation", "Review",
            "Disputes", "Term and ending", "Changes", "Equality and inclusion"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"


def clause_text(rng: random.Random) -> str:
    """About fifty words: eight to ten short sentences."""
    parts = [sentence(rng) for _ in range(rng.randint(8, 10))]
    return ", and ".join(parts[:2]) + ". " + ". ".join(parts[2:]) + "."


def build_long_agreement(paragraphs: int, seed: int = 7) -> bytes:
    """A generated agreement with about ``paragraphs`` numbered paragraphs, as .docx bytes."""
    rng = random.Random(seed)
    document = docx.Document()
    fixtures.install_numbering(document)
    document.add_paragraph("Northmoor Long Partnership Agreement", style="Title")
    document.add_paragraph(
        "This agreement is between the University of Northmoor (the \"University\") and "
        "Eastgate Community Forum (the \"Forum\")."
    )
    written = 2
    section = 0
    while written < paragraphs:
        section += 1
        heading = document.add_paragraph(style="Heading 1")
        heading.add_run(HEADINGS[(section - 1) % len(HEADINGS)])
        written += 1
        for sub in range(rng.randint(12, 18)):
            paragraph = document.add_paragraph()
            fixtures.set_num(paragraph, fixtures.LIST_NUM, 1)
            text = clause_text(rng)
            if rng.random() < 0.03:  # now and then, wording the rules should flag
                text += " The Forum will give its time in kind and the University may decide alone."
            cut = len(text) // 2
            paragraph.add_run(text[:cut])
            paragraph.add_run(text[cut:]).bold = sub == 0
            written += 1
            if sub % 5 == 4:
                for _ in range(3):
                    item = document.add_paragraph()
                    fixtures.set_num(item, fixtures.LIST_NUM, 2)
                    item.add_run(sentence(rng) + ";")
                    written += 1
    table = document.add_table(rows=4, cols=2)
    for row, (item, amount) in enumerate(
        [("Item", "Amount"), ("Staff time", "£40,000"), ("Community payments", "£12,000"),
         ("Total", "£52,000")]
    ):
        table.cell(row, 0).paragraphs[0].add_run(item)
        table.cell(row, 1).paragraphs[0].add_run(amount)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def time_stages(data: bytes) -> dict[str, float]:
    """Seconds for each stage of reading, linting and annotating, in this process."""
    from agreement_lint.docx.annotate import annotate_document, document_bytes
    from agreement_lint.docx.reader import agreement_from_document, open_document
    from agreement_lint.engine import lint, load_ruleset

    ruleset = load_ruleset()
    marks: dict[str, float] = {}
    cpu_start = time.process_time()
    start = time.perf_counter()
    document = open_document(data, shown="long.docx")
    marks["open (guard + python-docx)"] = time.perf_counter() - start
    step = time.perf_counter()
    agreement = agreement_from_document(
        document, shown="long.docx", sha256=hashlib.sha256(data).hexdigest()
    )
    marks["read (numbering + grammar)"] = time.perf_counter() - step
    cpu_read = time.process_time() - cpu_start
    step = time.perf_counter()
    findings = lint(agreement, ruleset)
    marks["lint (rules)"] = time.perf_counter() - step
    step = time.perf_counter()
    cpu_step = time.process_time()
    principles = {pid: p.title for pid, p in ruleset.principles.items()}
    result = annotate_document(document, findings, principles=principles)
    output = document_bytes(document, shown="long.docx")
    marks["annotate (comments + save)"] = time.perf_counter() - step
    marks["read + annotate, CPU time"] = cpu_read + time.process_time() - cpu_step
    marks["read + annotate"] = (
        marks["open (guard + python-docx)"] + marks["read (numbering + grammar)"]
        + marks["annotate (comments + save)"]
    )
    marks["total in process"] = time.perf_counter() - start
    marks["comments"] = float(result.comments)
    marks["output MiB"] = len(output) / 1024 / 1024
    marks["annotate, one comment per 10 paragraphs"] = time_many_comments(data)
    return marks


def time_many_comments(data: bytes) -> float:
    """Annotating with a comment on every tenth paragraph, whatever the rules find today."""
    from agreement_lint.docx.annotate import annotate_document, document_bytes
    from agreement_lint.docx.reader import open_document
    from agreement_lint.findings import Finding, Severity
    from agreement_lint.model import Location

    document = open_document(data, shown="long.docx")
    findings = [
        Finding(code="BENCH001", name="bench", severity=Severity.WARNING,
                message="A generated finding.", principles=("QM-7",),
                location=Location(paragraph=index), evidence="will review",
                suggestion="A generated suggestion.")
        for index in range(0, len(document.paragraphs), 10)
    ]
    start = time.perf_counter()
    annotate_document(document, findings, principles={"QM-7": "Payment"})
    document_bytes(document, shown="long.docx")
    return time.perf_counter() - start


def time_command(path: Path) -> float:
    """Wall time of ``agreement-lint annotate`` in a fresh interpreter (imports included)."""
    out = path.with_name("long.reviewed.docx")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "agreement_lint", "annotate", str(path), "-o", str(out),
         "--no-config"],
        check=True, capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Keep the generated files in this directory.")
    args = parser.parse_args()
    data = build_long_agreement(args.paragraphs)
    document: Any = docx.Document(io.BytesIO(data))
    words = sum(len(p.text.split()) for p in document.paragraphs)
    print(f"generated: {len(document.paragraphs):,} paragraphs, {words:,} words "
          f"(about {words / 500:.0f} pages), {len(data) / 1024:.0f} KiB")
    runs = [time_stages(data) for _ in range(args.repeat)]
    for key in runs[0]:
        values = [run[key] for run in runs]
        if key in {"comments", "output MiB"}:
            print(f"  {key:32} {values[0]:.1f}")
        else:
            print(f"  {key:32} median {statistics.median(values):.3f} s "
                  f"(min {min(values):.3f}, max {max(values):.3f})")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "long.docx"
        path.write_bytes(data)
        wall = [time_command(path) for _ in range(args.repeat)]
        print(f"  {'agreement-lint annotate (CLI)':32} median {statistics.median(wall):.3f} s "
              f"(min {min(wall):.3f}, max {max(wall):.3f})")


if __name__ == "__main__":
    main()
