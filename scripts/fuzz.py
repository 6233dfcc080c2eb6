"""A long local fuzz run: random drafts through the parser, mutated Word files through the reader.

    python scripts/fuzz.py --parser-examples 50000 --docx-mutations 5000

Parser examples alternate between arbitrary Unicode and draft-shaped text (the same
generators as the property tests); each must give an Agreement or a ParseError. Each .docx
mutation (truncation, bit flips, random bytes, a deleted part, garbage XML, a changed byte
inside a part, a lying size in the zip directory) must give an Agreement or an InputError.
With ``--lint-every N`` every Nth parsed draft is also linted. Prints counts, and for every
failure the seed that reproduces it; exits 1 if anything else escaped.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(CHECKOUT))
sys.path.insert(0, str(CHECKOUT / "tests"))

from bad_inputs import docx_files  # noqa: E402

from agreement_lint.errors import InputError, ParseError  # noqa: E402
from agreement_lint.model import Source  # noqa: E402

FRAGMENTS: tuple[str, ...] = (
    "---", "title: Memorandum of Understanding", "kind: mou", "parties:", "  - Eastgate University",
    "# Memorandum of Understanding", "## 1. Purpose", "### 4.2 Invoices", "1.", "1. Purpose",
    "1.1 The partners will meet.", "(a) first", "(iv) fourth", "a) item", "IV. PART", "Clause 4",
    "ARTICLE IV -", "**2.** Payment", "- bullet", "* bullet", "| a | b |", "|---|---|",
    "Signed for and on behalf of the University", "Name:", "Date: ____", "SCHEDULE 1 - BUDGET",
    "ANNEX A", "BACKGROUND", "WHEREAS the partners wish to work together;",
    '"Project" means the work described in Schedule 1.', '(the "Group")',
    "as set out in clause 4.2 and clause 99", "see Schedule 7, Annex B and Appendix IV",
    "<!-- agreement-lint: disable PAY002 -->", "<!--", "-->", "***", "[TBC]", "£2,000",
    "The University will pay the Group within 30 days of invoice.",
    "Either party may terminate on 30 days' notice.", "\t1.\ttab", "\u00a0(b) nbsp", "\ufeff",
    "\x0c", "\u2028", "\u0085", "\r", "\u202e1.2", "１．全角", "Ⅳ. roman", "x" * 2_000,
)
ALPHABET = [chr(c) for c in range(0x20)] + list(
    "abcXYZ019 .,;:()[]{}#*-_|\"'<>!\u00a0\u2028\u202e\ufeff\ud800é£€—“”"
)


def random_unicode(rng: random.Random) -> str:
    """Arbitrary text, weighted towards characters the grammar cares about."""
    if rng.random() < 0.5:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 300)))
    return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(0, 200)))


def draft_shaped(rng: random.Random) -> str:
    """Lines from the grammar's vocabulary, indented and mangled."""
    lines = []
    for _ in range(rng.randint(0, 60)):
        line = rng.choice(FRAGMENTS)
        roll = rng.random()
        if roll < 0.2:
            line = " " * rng.choice((1, 2, 4, 8, 40)) + line
        elif roll < 0.3:
            line += random_unicode(rng)[:10]
        elif roll < 0.35:
            line = random_unicode(rng)[:30]
        lines.append(line)
    return rng.choice(("\n", "\r\n", "\r", "\n\n")).join(lines) + ("\n" if rng.random() < 0.8
                                                                 else "")


def _where(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "agreement_lint" in f.filename]
    frame = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    return f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}: {exc}"[:200]


def fuzz_parser(count: int, seed: int, lint_every: int, failures: list[str]) -> Counter[str]:
    from agreement_lint.parser import parse_text

    lint: Callable[..., object] | None = None
    ruleset = None
    if lint_every:
        from agreement_lint.engine import lint as engine_lint
        from agreement_lint.engine import load_ruleset

        lint, ruleset = engine_lint, load_ruleset()
    counts: Counter[str] = Counter()
    source = Source(path="fuzzed.md")
    for number in range(count):
        rng = random.Random(f"{seed}:parser:{number}")
        text = draft_shaped(rng) if number % 2 else random_unicode(rng)
        try:
            agreement = parse_text(text, source=source)
            counts["parsed"] += 1
            if lint is not None and number % lint_every == 0:
                lint(agreement, ruleset)
                counts["linted"] += 1
        except ParseError:
            counts["ParseError"] += 1
        except Exception as exc:  # the point is to catch everything else
            counts["FAILED"] += 1
            failures.append(f"parser seed {seed}:parser:{number}: {_where(exc)}")
    return counts


def fuzz_docx(count: int, seed: int, failures: list[str]) -> Counter[str]:
    from agreement_lint.read import read_agreement_bytes

    base = docx_files.ordinary_docx()
    counts: Counter[str] = Counter()
    for number in range(count):
        rng = random.Random(f"{seed}:docx:{number}")
        description, data = docx_files.mutate(base, rng)
        try:
            read_agreement_bytes(data, name="mutated.docx")
            counts["read"] += 1
        except InputError:
            counts["InputError"] += 1
        except Exception as exc:
            counts["FAILED"] += 1
            failures.append(f"docx seed {seed}:docx:{number} ({description}): {_where(exc)}")
    for name, make in {**docx_files.HOSTILE, **docx_files.CRASHERS}.items():
        try:
            read_agreement_bytes(make(), name=f"{name}.docx")
            failures.append(f"hostile {name}: was accepted")
        except InputError:
            counts["hostile refused"] += 1
        except Exception as exc:
            counts["FAILED"] += 1
            failures.append(f"hostile {name}: {_where(exc)}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parser-examples", type=int, default=5_000)
    parser.add_argument("--docx-mutations", type=int, default=500)
    parser.add_argument("--lint-every", type=int, default=0,
                        help="also lint every Nth parsed draft (0: never)")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args(argv)
    failures: list[str] = []
    print(f"seed {args.seed}")
    started = time.monotonic()
    counts = fuzz_parser(args.parser_examples, args.seed, args.lint_every, failures)
    print(f"parser: {args.parser_examples} examples in {time.monotonic() - started:.0f} s: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    started = time.monotonic()
    counts = fuzz_docx(args.docx_mutations, args.seed, failures)
    print(f"docx: {args.docx_mutations} mutations in {time.monotonic() - started:.0f} s: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    distinct = Counter(f.split(": ", 1)[1] for f in failures)
    for failure in failures[:50]:
        print("FAILED", failure)
    print(f"{len(failures)} failures ({len(distinct)} distinct)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
