#!/usr/bin/env python3
"""Measure how fast agreement-lint is, in the ways its users feel it.

* cold start — ``agreement-lint check <one sample>`` as a whole process (what a pre-commit
  hook pays on every commit);
* per-stage latency in a fresh process — read, parse, rules, report — for a sample and for the
  largest CUAD text, first call (grammar and expressions compiled then) and warm;
* a baseline — a bare Lark parse of the same text with the project's own grammar object — so
  the cost of everything after the grammar shows as a ratio;
* throughput — the CUAD texts plus ``samples/`` through the whole command, ``--jobs 1`` and
  ``--jobs 2``; and through contract-lint when it is installed (as a ratio: the two tools do
  different work, so only the relative figure means anything);
* scaling — one agreement grown to 4×, 16× and 64× by repeating its clauses with new numbers:
  time and peak memory of each in its own process;
* the results cache — a second ``check`` of an unchanged directory of drafts;
* floors — what the targets leave once the unavoidable is paid: the start-up of the packages
  the check path must import (click, lark, pydantic), and what one pass of a regular
  expression over the throughput corpus costs per megabyte, set against the time per rule the
  throughput target allows.

Usage: python scripts/bench.py [--quick] [--head] [--json OUT] [--contract-lint PATH] [--runs N]

Every child process is started with this interpreter, so run it with the project's venv.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CUAD = SHARED / "corpus" / "cuad" / "txt"
SAMPLES = ROOT / "samples"
COLD_SAMPLE = SAMPLES / "mou-public-engagement-millbrook.md"
SCALE_SAMPLE = SAMPLES / "nhs-research-collaboration-agreement.md"
SCALES = (1, 4, 16, 64)
CACHE_FILES = 500


# --------------------------------------------------------------------------- helpers


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def console_script() -> Path:
    """The ``agreement-lint`` command installed beside this interpreter (the venv's)."""
    beside = Path(sys.executable).with_name("agreement-lint")
    if beside.exists():
        return beside
    found = shutil.which("agreement-lint")
    if found is None:
        raise SystemExit("bench: agreement-lint is not installed (pip install -e .)")
    return Path(found)


def find_contract_lint(given: str | None) -> Path | None:
    """contract-lint from ``--contract-lint``, else PATH, else the copy in /tmp/cl-venv."""
    if given:
        path = Path(given)
        if not path.exists():
            raise SystemExit(f"bench: --contract-lint {given}: no such file")
        return path
    found = shutil.which("contract-lint")
    if found:
        return Path(found)
    fallback = Path("/tmp/cl-venv/bin/contract-lint")
    return fallback if fallback.exists() else None


ENV = dict(os.environ)
"""The environment of every timed process (see :func:`compiled_bytecode`)."""


def compiled_bytecode(prefix: Path) -> None:
    """Let child processes keep compiled bytecode, in ``prefix`` rather than in the checkout.

    An installed package has its ``.pyc`` files; a checkout run with PYTHONDONTWRITEBYTECODE
    set would recompile every module on every start and time that instead.
    """
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(prefix)


def private_user_cache(folder: Path) -> None:
    """Give child processes a user cache directory of their own, empty at the start.

    agreement-lint keeps the compiled grammar, the loaded rule set and the rule set's compiled
    patterns there between runs. A private one makes the first run of the benchmark a true
    first run (everything built and stored) and every later one the steady state a user sees,
    whatever the developer's own cache holds.
    """
    ENV["XDG_CACHE_HOME"] = str(folder)


def snapshot_head(target: Path) -> None:
    """Run every child process on a copy of the last commit instead of the working tree.

    The results cache keys on the code's modules and the rule files: in a checkout that is
    being edited, a change between two runs turns hits into misses, and any figure would mix
    two versions of the code.
    """
    target.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    ENV["PYTHONPATH"] = str(target)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: list[float] = []
"""CPU seconds (user + system) of each process :func:`run_timed` ran, in order.

On a shared machine the wall time swings with other people's load; the CPU time much less,
so both are reported.
"""


def run_timed(command: Sequence[str | os.PathLike[str]], *, cwd: Path | None = None) -> float:
    """Wall time of one process; exit 0 or 1 (findings) is success, anything else stops."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env=ENV, check=False)
    elapsed = time.perf_counter() - start
    CPU.append(_children_cpu() - cpu)
    if done.returncode not in (0, 1):
        shown = " ".join(str(c) for c in command[:4])
        raise SystemExit(f"bench: {shown} … exited {done.returncode}: "
                         f"{done.stderr.decode(errors='replace').strip()[-400:]}")
    return elapsed


def repeat_timed(runs: int, command: Sequence[str | os.PathLike[str]], *,
                 cwd: Path | None = None) -> tuple[list[float], float]:
    """Wall times of ``runs`` runs, and the median CPU time of those runs."""
    walls = [run_timed(command, cwd=cwd) for _ in range(runs)]
    return walls, median(CPU[-runs:])


def child(mode: str, *args: str) -> dict[str, Any]:
    """Run this script's ``--child MODE`` in a fresh interpreter and return its JSON."""
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", mode, *args],
                          capture_output=True, text=True, env=ENV, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: child {mode} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def corpus_files(limit: int | None = None) -> list[Path]:
    """The CUAD texts (when ../shared is there; the first ``limit``) and every sample draft."""
    cuad = sorted(CUAD.glob("*.txt"))[:limit] if CUAD.is_dir() else []
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".md", ".txt"})
    return cuad + samples


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    try:
        load = os.getloadavg()
    except OSError:
        load = (float("nan"),) * 3
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "cpu": cpu,
        "load_average": [round(x, 2) for x in load],
    }


# --------------------------------------------------------------------------- synthetic drafts

_CLAUSE_HEADING = re.compile(r"^## (\d+)\. ", re.MULTILINE)
_LINE_NUMBER = re.compile(r"^(\d+)((?:\.\d+)+ )", re.MULTILINE)
_REFERENCE = re.compile(
    r"\b(clauses? )(\d+(?:\.\d+)*(?:(?:, | and | or | to )\d+(?:\.\d+)*)*)", re.IGNORECASE
)


def grow(text: str, times: int) -> str:
    """``text`` with its numbered clauses 2… repeated ``times`` times, renumbered in order.

    The definitions (clause 1), the preamble, the schedules and the signatures appear once;
    each copy of the clause block gets fresh clause numbers, and the cross-references inside
    a copy point at that copy's clauses, so the document stays well formed as it grows.
    """
    headings = list(_CLAUSE_HEADING.finditer(text))
    if len(headings) < 3:
        raise SystemExit("bench: the scaling sample needs numbered '## N.' clauses")
    start = headings[1].start()
    tail = text.find("\n## SCHEDULE", start)
    end = tail + 1 if tail >= 0 else len(text)
    block = text[start:end]
    first = int(headings[1].group(1))
    count = int(headings[-1].group(1)) - first + 1

    def shift(number: str, offset: int) -> str:
        head, dot, rest = number.partition(".")
        value = int(head)
        return (str(value + offset) if value >= first else head) + dot + rest

    copies = []
    for copy in range(times):
        offset = copy * count

        def heading(m: re.Match[str], o: int = offset) -> str:
            return f"## {shift(m.group(1), o)}. "

        def line_number(m: re.Match[str], o: int = offset) -> str:
            return shift(m.group(1), o) + m.group(2)

        def reference(m: re.Match[str], o: int = offset) -> str:
            return m.group(1) + re.sub(r"\d+(?:\.\d+)*", lambda n: shift(n.group(0), o),
                                       m.group(2))

        piece = _CLAUSE_HEADING.sub(heading, block)
        piece = _LINE_NUMBER.sub(line_number, piece)
        piece = _REFERENCE.sub(reference, piece)
        copies.append(piece)
    return text[:start] + "".join(copies) + text[end:]


# --------------------------------------------------------------------------- child processes


def _stage_times(path: Path) -> dict[str, float]:
    """One pass through the pipeline for ``path``, each stage timed on its own."""
    from agreement_lint.engine import LintOptions, lint
    from agreement_lint.model import Source
    from agreement_lint.parser import parse_text
    from agreement_lint.read import read_bytes, source_format
    from agreement_lint.report import FileResult, ReportOptions, render
    from agreement_lint.runner import ruleset_for
    from agreement_lint.textio import decode_text
    from agreement_lint.waivers import apply_waivers

    times: dict[str, float] = {}
    t0 = time.perf_counter()
    data = read_bytes(path, max_bytes=1 << 30)
    text = decode_text(data, path=str(path))
    t1 = time.perf_counter()
    agreement = parse_text(text, source=Source(path=str(path), format=source_format(path.name)))
    t2 = time.perf_counter()
    ruleset = ruleset_for(())
    options = LintOptions()
    findings = lint(agreement, ruleset, options)
    outcome = apply_waivers(agreement, findings, ruleset, enabled=options.is_selected,
                            severity=options.severity_override)
    t3 = time.perf_counter()
    result = FileResult(path=str(path), canonical=path.name, findings=outcome.findings,
                        waived=outcome.waived)
    render("text", [result], ruleset, ReportOptions())
    t4 = time.perf_counter()
    times.update(read=t1 - t0, parse=t2 - t1, rules=t3 - t2, report=t4 - t3, total=t4 - t0)
    return times


def _bare_lark(path: Path) -> float:
    """A bare parse of the normalised text with the parser's own (already built) Lark object."""
    from agreement_lint.normalise import normalise
    from agreement_lint.parser.lines import grammar_parser

    text = normalise(path.read_text(encoding="utf-8", errors="replace"))
    parser = grammar_parser()
    start = time.perf_counter()
    parser.parse(text if text.endswith("\n") else text + "\n")
    return time.perf_counter() - start


def child_stages(path_text: str, repeat_text: str) -> dict[str, Any]:
    """First-call and warm stage times for one file, plus the bare Lark baseline."""
    path = Path(path_text)
    repeat = int(repeat_text)
    started = time.perf_counter()
    import agreement_lint.engine
    import agreement_lint.parser  # noqa: F401  (imports are timed apart from the first call)
    imported = time.perf_counter() - started
    first = _stage_times(path)
    warm = [_stage_times(path) for _ in range(repeat)]
    lark = [_bare_lark(path) for _ in range(repeat)]
    warm_median = {k: median([w[k] for w in warm]) for k in first}
    return {"file": path.name, "bytes": path.stat().st_size, "import": imported, "first": first,
            "warm": warm_median, "bare_lark": median(lark),
            "pipeline_over_lark": (warm_median["parse"] + warm_median["rules"]) / median(lark)}


def child_scale(path_text: str, warmup_text: str) -> dict[str, Any]:
    """Time and peak memory for one document, after a small warm-up document."""
    import resource

    _stage_times(Path(warmup_text))  # grammar, rule set and expressions are built here
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times = _stage_times(Path(path_text))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": times["total"], "stages": times, "peak_rss_mb": peak / 1024,
            "rss_before_mb": before / 1024}


def _cpu_per_mb(texts: Sequence[str], scan: Callable[[str], object], megabytes: float) -> float:
    """CPU seconds per megabyte of ``scan`` over every text (best of three passes)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for text in texts:
            scan(text)
        best = min(best, time.process_time() - start)
    return best / megabytes


def child_floor(*paths: str) -> dict[str, Any]:
    """What single passes over the throughput corpus cost, per megabyte of text.

    * lower-casing the text (every case-blind search begins with it or pays for it);
    * splitting it into words once (the least any word-level analysis does);
    * a bare Lark parse with the project's grammar.
    """
    from agreement_lint.engine import load_ruleset
    from agreement_lint.normalise import normalise
    from agreement_lint.parser.lines import grammar_parser

    texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    lowered = [t.lower() for t in texts]
    words = re.compile(r"\w+")
    rules = sum(1 for rule in load_ruleset().rules if rule.check != "external")
    # (the waiver rules, "external", are applied after the engine and read no text)
    parser = grammar_parser()
    prepared = [n if n.endswith("\n") else n + "\n" for n in (normalise(t) for t in texts)]
    return {
        "files": len(texts), "megabytes": megabytes,
        "rules": rules,
        "lower_s_per_mb": _cpu_per_mb(texts, str.lower, megabytes),
        "split_words_s_per_mb": _cpu_per_mb(lowered, words.findall, megabytes),
        "bare_lark_s_per_mb": _cpu_per_mb(prepared, parser.parse, megabytes),
    }


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {"stages": child_stages,
                                                      "scale": child_scale,
                                                      "floor": child_floor}


# --------------------------------------------------------------------------- measurements


PRECOMPILE = ("import compileall, os, agreement_lint; "  # -P: the copy --head measures
              "compileall.compile_dir(os.path.dirname(agreement_lint.__file__), quiet=1)")


def bench_cold(exe: Path, runs: int, contract_lint: Path | None) -> dict[str, Any]:
    command: list[str | os.PathLike[str]] = [exe, "check", COLD_SAMPLE, "--no-cache", "-q",
                                             "--no-color"]
    run_timed([sys.executable, "-P", "-c", PRECOMPILE])  # .pyc files, as installed packages have
    first = run_timed(command)  # empty user cache: builds and stores grammar, rules, patterns
    first_cpu = CPU[-1]
    times, cpu = repeat_timed(runs, command)
    out: dict[str, Any] = {"file": COLD_SAMPLE.name, "runs": runs, "median": median(times),
                           "min": min(times), "max": max(times), "cpu_median": cpu,
                           "first_run_empty_cache": first, "first_run_empty_cache_cpu": first_cpu}
    if contract_lint is not None:
        cl, cl_cpu = repeat_timed(runs, [contract_lint, "lint", COLD_SAMPLE, "-q", "--no-color"])
        out["contract_lint_median"] = median(cl)
        out["contract_lint_cpu_median"] = cl_cpu
        out["ratio_to_contract_lint"] = out["median"] / median(cl)
    return out


def bench_stages(repeat: int, *, largest: bool = True) -> list[dict[str, Any]]:
    files = [COLD_SAMPLE]
    if largest and CUAD.is_dir():
        files.append(max(CUAD.glob("*.txt"), key=lambda p: p.stat().st_size))
    return [child("stages", str(path), str(repeat)) for path in files]


def bench_throughput(exe: Path, runs: int, contract_lint: Path | None,
                     limit: int | None) -> dict[str, Any]:
    files = corpus_files(limit)
    size = sum(p.stat().st_size for p in files)
    out: dict[str, Any] = {"files": len(files), "megabytes": size / 1e6, "runs": runs}
    for jobs in (1, 2):
        command: list[str | os.PathLike[str]] = [exe, "check", "--no-cache", "-q", "--no-color",
                                                 "--jobs", str(jobs), *files]
        walls, cpu = repeat_timed(runs, command)
        seconds = median(walls)
        out[f"jobs{jobs}_seconds"] = seconds
        out[f"jobs{jobs}_cpu_seconds"] = cpu
        out[f"jobs{jobs}_mb_per_s"] = size / 1e6 / seconds
    if contract_lint is not None:
        walls, cpu = repeat_timed(runs, [contract_lint, "lint", *files, "-q", "--no-color"])
        seconds = median(walls)
        out["contract_lint_seconds"] = seconds
        out["contract_lint_cpu_seconds"] = cpu
        out["contract_lint_mb_per_s"] = size / 1e6 / seconds
        out["jobs2_speed_over_contract_lint"] = seconds / out["jobs2_seconds"]
    return out


IMPORT_FLOORS = {
    "python": "pass",
    "pydantic": "from pydantic import BaseModel",
    "click+pydantic": "import click; from pydantic import BaseModel",
    "click+lark+pydantic": "import click, lark; from pydantic import BaseModel",
}
"""Processes that only start Python and import what ``check`` cannot do without.

``check`` parses with a Lark grammar into pydantic models behind a click command line, so the
last of these is the least any cold ``check`` can cost, before a byte of the draft is read.
"""


def bench_floors(runs: int, throughput: dict[str, Any], limit: int | None) -> dict[str, Any]:
    """The import floor of a cold start, and the per-rule time the throughput target leaves.

    The throughput target is twice contract-lint's speed with ``--jobs 2``: the whole run in
    half contract-lint's time, on two cores. Forked workers share the parent's start-up, so the
    CPU left for the rules is twice that time, less one import floor and a bare Lark parse of
    the corpus; shared by the rules and the corpus's megabytes, it is the budget of one rule
    over one megabyte, to set against what the rules cost now.
    """
    out: dict[str, Any] = {"runs": runs, "imports": {}}
    for name, code in IMPORT_FLOORS.items():
        walls, cpu = repeat_timed(runs, [sys.executable, "-c", code])
        out["imports"][name] = {"median": median(walls), "cpu_median": cpu}
    passes = child("floor", *(str(p) for p in corpus_files(limit)))
    out["passes"] = passes
    if "contract_lint_seconds" in throughput:
        target = throughput["contract_lint_seconds"] / 2
        start = out["imports"]["click+lark+pydantic"]["cpu_median"]
        parse = passes["bare_lark_s_per_mb"] * passes["megabytes"]
        left = 2 * target - start - parse
        out["throughput_target_seconds"] = target
        out["cpu_left_for_rules"] = left
        out["rule_budget_s_per_mb"] = left / passes["rules"] / passes["megabytes"]
    return out


def bench_scaling(workdir: Path, scales: Sequence[int]) -> dict[str, Any]:
    text = SCALE_SAMPLE.read_text(encoding="utf-8")
    rows = []
    for factor in scales:
        path = workdir / f"scaled-{factor}x.md"
        path.write_text(grow(text, factor), encoding="utf-8")
        row = child("scale", str(path), str(SCALE_SAMPLE))
        row.update(factor=factor, bytes=path.stat().st_size)
        rows.append(row)
    first, last = rows[0], rows[-1]
    return {"sample": SCALE_SAMPLE.name, "rows": rows,
            "time_ratio": last["seconds"] / first["seconds"],
            "size_ratio": last["bytes"] / first["bytes"]}


def bench_cache(exe: Path, workdir: Path, count: int, runs: int) -> dict[str, Any]:
    """``check`` twice over ``count`` distinct drafts: the second run reads the cache."""
    drafts = workdir / "drafts"
    drafts.mkdir()
    sources = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".md", ".txt"})
    for number in range(count):
        source = sources[number % len(sources)]
        body = source.read_text(encoding="utf-8")
        (drafts / f"{number:04d}-{source.name}").write_text(
            body + f"\nDraft reference {number}.\n", encoding="utf-8")
    command: list[str | os.PathLike[str]] = [exe, "check", "-q", "--no-color", "drafts"]
    first = run_timed(command, cwd=workdir)
    again, cpu = repeat_timed(runs, command, cwd=workdir)
    uncached = run_timed([*command, "--no-cache"], cwd=workdir)
    cache_dir = workdir / ".agreement-lint-cache"
    return {"files": count, "first_seconds": first, "cached_seconds": median(again),
            "cached_cpu_seconds": cpu,
            "uncached_seconds": uncached, "cache_dir_exists": cache_dir.is_dir()}


# --------------------------------------------------------------------------- report


def table(results: dict[str, Any]) -> str:
    lines = []
    m = results["machine"]
    lines.append(f"agreement-lint benchmark — {m['date']}, {m['nproc']} cores, {m['cpu']}, "
                 f"Python {m['python']}, load {m['load_average']}")
    cold = results["cold"]
    lines.append("")
    lines.append(f"cold check of {cold['file']}: median {cold['median'] * 1000:.0f} ms "
                 f"(min {cold['min'] * 1000:.0f}, max {cold['max'] * 1000:.0f}, "
                 f"{cold['runs']} runs; CPU {cold['cpu_median'] * 1000:.0f} ms)")
    lines.append(f"  first run, empty user cache: {cold['first_run_empty_cache'] * 1000:.0f} ms "
                 f"(CPU {cold['first_run_empty_cache_cpu'] * 1000:.0f} ms)")
    if "contract_lint_median" in cold:
        lines.append(f"  contract-lint cold: {cold['contract_lint_median'] * 1000:.0f} ms "
                     f"(CPU {cold['contract_lint_cpu_median'] * 1000:.0f} ms; "
                     f"agreement-lint/contract-lint {cold['ratio_to_contract_lint']:.2f})")
    lines.append("")
    lines.append(f"{'file':<44} {'KB':>6} {'stage':<7} {'first ms':>9} {'warm ms':>8}")
    for row in results["stages"]:
        for stage in ("read", "parse", "rules", "report", "total"):
            name = row["file"][:44] if stage == "read" else ""
            kb = f"{row['bytes'] / 1024:.0f}" if stage == "read" else ""
            lines.append(f"{name:<44} {kb:>6} {stage:<7} {row['first'][stage] * 1000:>9.1f} "
                         f"{row['warm'][stage] * 1000:>8.1f}")
        lines.append(f"{'':<44} {'':>6} {'lark':<7} {'':>9} {row['bare_lark'] * 1000:>8.1f}"
                     f"   (parse+rules = {row['pipeline_over_lark']:.1f}× bare Lark)")
    t = results["throughput"]
    lines.append("")
    lines.append(f"throughput, {t['files']} files, {t['megabytes']:.2f} MB "
                 f"(median of {t['runs']}):")
    for jobs in (1, 2):
        lines.append(f"  --jobs {jobs}: {t[f'jobs{jobs}_seconds']:.2f} s, "
                     f"{t[f'jobs{jobs}_mb_per_s']:.2f} MB/s "
                     f"(CPU {t[f'jobs{jobs}_cpu_seconds']:.2f} s)")
    if "contract_lint_seconds" in t:
        lines.append(f"  contract-lint: {t['contract_lint_seconds']:.2f} s, "
                     f"{t['contract_lint_mb_per_s']:.2f} MB/s "
                     f"(CPU {t['contract_lint_cpu_seconds']:.2f} s); "
                     f"agreement-lint --jobs 2 is "
                     f"{t['jobs2_speed_over_contract_lint']:.2f}× its speed")
    s = results["scaling"]
    lines.append("")
    lines.append(f"scaling of {s['sample']}:")
    for row in s["rows"]:
        lines.append(f"  {row['factor']:>3}×  {row['bytes'] / 1024:>7.0f} KB  "
                     f"{row['seconds'] * 1000:>8.0f} ms  peak {row['peak_rss_mb']:.0f} MB "
                     f"(after warm-up {row['rss_before_mb']:.0f} MB)")
    lines.append(f"  time ratio {s['rows'][-1]['factor']}×/1×: {s['time_ratio']:.1f} "
                 f"(size ratio {s['size_ratio']:.1f})")
    c = results["cache"]
    lines.append("")
    lines.append(f"results cache, {c['files']} drafts: first {c['first_seconds']:.2f} s, "
                 f"second (cached) {c['cached_seconds']:.2f} s "
                 f"(CPU {c['cached_cpu_seconds']:.2f} s), "
                 f"with --no-cache {c['uncached_seconds']:.2f} s")
    f = results.get("floors")
    if f:
        lines.append("")
        lines.append(f"floors (median of {f['runs']} processes):")
        for name, row in f["imports"].items():
            lines.append(f"  import {name:<20} {row['median'] * 1000:>5.0f} ms "
                         f"(CPU {row['cpu_median'] * 1000:.0f} ms)")
        p = f["passes"]
        lines.append(f"  one pass over {p['files']} files, {p['megabytes']:.2f} MB, CPU per MB: "
                     f"lower-case {p['lower_s_per_mb'] * 1000:.1f} ms, split into words "
                     f"{p['split_words_s_per_mb'] * 1000:.1f} ms, bare Lark "
                     f"{p['bare_lark_s_per_mb'] * 1000:.1f} ms")
        if "rule_budget_s_per_mb" in f:
            lines.append(f"  throughput target: the run in {f['throughput_target_seconds']:.2f} s; "
                         f"CPU left for {p['rules']} rules {f['cpu_left_for_rules']:.2f} s, "
                         f"{f['rule_budget_s_per_mb'] * 1000:.1f} ms per rule per MB")
        largest = results["stages"][-1]
        per_rule = largest["warm"]["rules"] / p["rules"] / (largest["bytes"] / 1e6)
        lines.append(f"  the rules now, warm, on {largest['file'][:40]}: "
                     f"{per_rule * 1000:.1f} ms per rule per MB")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes and few runs: checks the script works, not the speed")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures here")
    parser.add_argument("--contract-lint", metavar="PATH",
                        help="contract-lint to compare with (default: PATH or /tmp/cl-venv)")
    parser.add_argument("--no-contract-lint", action="store_true", help="skip the comparison")
    parser.add_argument("--head", action="store_true",
                        help="measure a copy of the last commit, not the working tree")
    parser.add_argument("--runs", type=int, help="runs per timed command (default 10; quick 2)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, *rest = args.child
        print(json.dumps(CHILDREN[mode](*rest)))
        return 0
    exe = console_script()
    contract_lint = None if args.no_contract_lint else find_contract_lint(args.contract_lint)
    runs = args.runs or (2 if args.quick else 10)
    results: dict[str, Any] = {"machine": machine(), "command": " ".join(sys.argv),
                               "quick": args.quick}
    with tempfile.TemporaryDirectory(prefix="agreement-lint-bench-") as tmp:
        work = Path(tmp)
        compiled_bytecode(work / "pycache")
        private_user_cache(work / "user-cache")
        if args.head:
            snapshot_head(work / "head")
            results["commit"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"],
                                               capture_output=True, text=True,
                                               check=True).stdout.strip()
        results["cold"] = bench_cold(exe, runs, contract_lint)
        results["stages"] = bench_stages(2 if args.quick else 5, largest=not args.quick)
        results["throughput"] = bench_throughput(exe, 1 if args.quick else 3, contract_lint,
                                                 2 if args.quick else None)
        results["floors"] = bench_floors(runs, results["throughput"], 2 if args.quick else None)
        results["scaling"] = bench_scaling(work, (1, 2) if args.quick else SCALES)
        results["cache"] = bench_cache(exe, work, 6 if args.quick else CACHE_FILES,
                                       1 if args.quick else 3)
    results["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(table(results))
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
