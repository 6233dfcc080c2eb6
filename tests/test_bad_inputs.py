"""The catalogue of bad inputs: each gives one plain line naming the file and a set exit code.

Every case runs the real command in a subprocess (``python -m agreement_lint …``), exactly as
a user or a CI job would, and checks: the exit code; the one line that explains the problem
(it names the file and carries the key words of the advice); that no traceback or internal
error reaches the user; and that every input file is byte-for-byte unchanged afterwards. The
table in ``docs/exit-codes.md`` lists the same cases.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bad_inputs import docx_files

from agreement_lint import exitcodes

CHECKOUT = Path(__file__).resolve().parents[1]

DRAFT = (
    "# Memorandum of Understanding\n\n"
    "This memorandum is between Eastgate University (the \"University\") and Riverside "
    "Community Group (the \"Group\").\n\n"
    "## 1. Purpose\n\nThe partners will run a neighbourhood health project together.\n\n"
    "## 2. Payment\n\n2.1 The University will pay the Group £2,000 within 30 days of invoice.\n"
)
ERROR, FINDINGS, OK = exitcodes.USAGE_OR_INPUT_ERROR, exitcodes.FINDINGS, exitcodes.OK


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


CONTROL_PACK = r'''
[[rule]]
code = "ZZZ001"
name = "control-characters"
severity = "warning"
principles = ["QM-7"]
kinds = ["*"]
check = "flag"
condition = "paid"
message = "A bell \u0007 and an escape \u001b[31m in a rule's message"
rationale = "Rule packs are written by users; their text reaches every report."
suggestion = "Say it plainly \u0001."

[[rule.fail]]
text = """
# Memorandum of Understanding
## 1. Payment
The University will pay the Group a fee of £2,000.
"""

[[rule.pass]]
text = """
# Memorandum of Understanding
## 1. Aims
We will work together.
"""
'''
"""A user's rule pack whose text carries control characters (once crashed ``annotate``)."""


def _fifty_megabytes(path: Path) -> None:
    """A 50 MB file without writing 50 MB: the size limit is checked before anything is read."""
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)


def _build(root: Path) -> None:
    """Every input the catalogue needs, made the way its name says."""
    _write(root / "good.md", DRAFT)
    _write(root / "empty.md", b"")
    _write(root / "blank.md", "  \n\t\n   \n")
    _write(root / "binary.md", b"# MoU\n\x00\x01\x02\x03 not text\n")
    _write(root / "utf16.md", DRAFT.encode("utf-16"))
    _write(root / "cp1252.md", DRAFT.encode("cp1252"))
    _write(root / "invalid-utf8.md", b"# MoU\n\n1. Aims\nThe partners \xc3\x28 agree.\n")
    _fifty_megabytes(root / "huge.md")
    _write(root / "many-clauses.md", "# Memorandum of Understanding\n\n" + "".join(
        f"{i}. Meetings\nThe partners will meet each month.\n\n" for i in range(1, 10_001)))
    _write(root / "deep.md", "# Memorandum of Understanding\n\n" + "".join(
        "1" + ".1" * level + " The partners will meet.\n" for level in range(50)))
    _write(root / "long-line.md", "# Memorandum of Understanding\n\n1. Aims\n"
           + "partners " * 116_509 + "\n")
    _write(root / "front-matter.md", "---\ntitle: MoU\nkind: mou\n\n# MoU\n\n1. Aims\nText.\n")
    (root / "a-directory.docx").mkdir()
    loop = root / "loop"
    _write(loop / "draft.md", DRAFT)
    (loop / "again").symlink_to(".", target_is_directory=True)  # loop/again/again/…
    _write(root / "bad-config.toml", "[tool.agreement-lint\nselect = [\n")
    _write(root / "bad-pack" / "rules.toml", '[[rule]]\ncode = "X1"\nname = 3\n')
    _write(root / "control-pack" / "rules.toml", CONTROL_PACK)
    _write(root / "unknown-key.toml", 'selekt = ["PAY"]\n')
    _write(root / "good.docx", docx_files.ordinary_docx())
    for name, make in docx_files.HOSTILE.items():
        _write(root / "hostile" / f"{name}.docx", make())
    _write(root / "macros.docm", docx_files.macro_enabled())
    _write(root / "legacy.doc", docx_files.legacy_doc())
    _write(root / "draft.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (root / "reports").mkdir()


@dataclass(frozen=True)
class Case:
    """One bad input: the command, the exit code, and the words its one-line message must carry.

    ``names`` is what the message line must name (the file as given). Empty ``words`` means
    the input is fine after all (it is read, and only findings may follow).
    """

    id: str
    argv: tuple[str, ...]
    code: int | tuple[int, ...]
    words: tuple[str, ...] = ()
    names: str = ""
    slow: bool = False


def _check(*args: str) -> tuple[str, ...]:
    return ("check", "--no-config", "-q", *args)


HOSTILE_WORDS: dict[str, tuple[str, ...]] = {
    "not-a-zip": ("is not a Word .docx file",),
    "legacy-doc": ("legacy Word 97-2003", "save it as .docx"),
    "zip-without-word-parts": ("is not a Word .docx file", "[Content_Types].xml"),
    "zip-bomb": ("zip bomb", "refusing to open it"),
    "too-many-members": ("2,000", "not an ordinary Word document"),
    "corrupt-crc": ("is damaged", "save it again"),
    "docm": ("macro-enabled", "save a copy as .docx"),
    "entity-expansion": ("DOCTYPE", "refusing to open it"),
    "huge-declared-size": ("MiB limit", "refusing to open it"),
    "truncated": ("is damaged",),
    "empty": ("is empty",),
}

CASES: tuple[Case, ...] = (
    Case("empty-file", _check("empty.md"), ERROR, ("is empty", "no agreement text"), "empty.md"),
    Case("only-whitespace", _check("blank.md"), ERROR, ("is empty",), "blank.md"),
    Case("empty-stdin", _check("-"), ERROR, ("is empty",), "-"),
    Case("binary-file", _check("binary.md"), ERROR, ("binary file", "NUL"), "binary.md"),
    Case("utf16-with-bom-is-decoded", _check("utf16.md"), (OK, FINDINGS)),
    Case("utf16-parse", ("parse", "utf16.md"), OK),
    Case("cp1252-refused-with-hint", _check("cp1252.md"), ERROR,
         ("not valid UTF-8", "0xa3", "--encoding cp1252"), "cp1252.md"),
    Case("cp1252-with-encoding", _check("--encoding", "cp1252", "cp1252.md"), (OK, FINDINGS)),
    Case("unknown-encoding", _check("--encoding", "klingon", "good.md"), ERROR,
         ("unknown encoding", "klingon"), "good.md"),
    Case("invalid-utf8", _check("invalid-utf8.md"), ERROR,
         ("line 4, column 14", "not valid UTF-8", "--encoding"), "invalid-utf8.md"),
    Case("invalid-utf8-parse", ("parse", "invalid-utf8.md"), ERROR,
         ("invalid-utf8.md:4:14", "not valid UTF-8"), "invalid-utf8.md"),
    Case("50-mb-draft", _check("huge.md"), ERROR, ("50.0 MiB", "20 MiB limit",
                                                   "--max-file-size"), "huge.md"),
    Case("10000-clauses", _check("many-clauses.md"), (OK, FINDINGS), slow=True),
    Case("10000-clauses-parse", ("parse", "many-clauses.md"), OK),
    Case("nesting-50-deep", _check("deep.md"), (OK, FINDINGS)),
    Case("nesting-50-deep-parse", ("parse", "deep.md"), OK),
    Case("1-mb-line", _check("long-line.md"), (OK, FINDINGS), slow=True),
    Case("unterminated-front-matter", _check("front-matter.md"), ERROR,
         ("front matter", "---"), "front-matter.md"),
    Case("unterminated-front-matter-parse", ("parse", "front-matter.md"), ERROR,
         ("front-matter.md:", "front matter"), "front-matter.md"),
    Case("parse-a-directory", ("parse", "loop"), ERROR, ("is a directory",), "loop"),
    Case("annotate-a-directory", ("annotate", "a-directory.docx"), ERROR,
         ("is a directory",), "a-directory.docx"),
    Case("missing-file", _check("nowhere.md"), ERROR, ("no such file",), "nowhere.md"),
    Case("missing-file-parse", ("parse", "nowhere.md"), ERROR, ("nowhere.md",), "nowhere.md"),
    Case("missing-file-annotate", ("annotate", "nowhere.docx"), ERROR, ("nowhere.docx",),
         "nowhere.docx"),
    Case("symlink-loop-in-a-directory-scan", _check("loop"), (OK, FINDINGS)),
    Case("malformed-config", ("check", "--config", "bad-config.toml", "good.md"), ERROR,
         ("bad-config.toml:1", "not valid TOML"), "bad-config.toml"),
    Case("unknown-config-key", ("check", "--config", "unknown-key.toml", "good.md"), ERROR,
         ("unknown key", "selekt"), "unknown-key.toml"),
    Case("unknown-rule-in-select", _check("--select", "NOPE999", "good.md"), ERROR,
         ("--select", "NOPE999", "agreement-lint rules"), "NOPE999"),
    Case("malformed-rule-pack", _check("--rule-pack", "bad-pack", "good.md"), ERROR,
         ("rules.toml:2", "X1"), "bad-pack"),
    Case("rule-pack-text-with-control-characters-annotate",
         ("annotate", "--no-config", "--rule-pack", "control-pack", "good.docx", "-o",
          "reports/reviewed.docx"), OK),
    Case("missing-rule-pack", _check("--rule-pack", "no-pack", "good.md"), ERROR,
         ("--rule-pack", "no-pack"), "no-pack"),
    *(Case(f"hostile-docx-{name}", _check(f"hostile/{name}.docx"), ERROR, words,
           f"hostile/{name}.docx") for name, words in HOSTILE_WORDS.items()),
    Case("hostile-docx-annotate", ("annotate", "hostile/zip-bomb.docx", "-o",
                                   "reports/out.docx"), ERROR, ("zip bomb",),
         "hostile/zip-bomb.docx"),
    Case("docm-by-name", _check("macros.docm"), ERROR, ("macro-enabled", "save a copy as .docx"),
         "macros.docm"),
    Case("legacy-doc-by-name", _check("legacy.doc"), ERROR, ("Word 97-2003", ".docx"),
         "legacy.doc"),
    Case("pdf-by-name", _check("draft.pdf"), ERROR, ("is a PDF", ".docx"), "draft.pdf"),
    Case("output-in-missing-directory", _check("good.md", "-o", "no-dir/report.json"), ERROR,
         ("output directory", "does not exist"), "no-dir/report.json"),
    Case("annotate-output-in-missing-directory",
         ("annotate", "good.docx", "-o", "no-dir/out.docx"), ERROR,
         ("output directory", "does not exist"), "no-dir/out.docx"),
    Case("output-equal-to-input", _check("good.md", "-o", "good.md"), ERROR,
         ("never overwrites its input",), "good.md"),
    Case("annotate-output-equal-to-input", ("annotate", "good.docx", "-o", "good.docx"), ERROR,
         ("never overwrites its input",), "good.docx"),
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad-inputs")
    _build(root)
    return root


def _hashes(root: Path) -> dict[str, str]:
    """sha256 of every regular file under ``root`` (symbolic links are not followed)."""
    out: dict[str, str] = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


CACHE_DIR = ".agreement-lint-cache/"
"""The results cache is the one place a run may write without being asked to."""
REPORTS_DIR = "reports/"
"""Where a case that asks for an output (``-o``) writes it."""


def _assert_inputs_untouched(before: dict[str, str], after: dict[str, str]) -> None:
    changed = [name for name, digest in before.items() if after.get(name) != digest]
    assert not changed, f"input files changed or removed: {changed}"
    stray = [name for name in after.keys() - before.keys()
             if not name.startswith((CACHE_DIR, REPORTS_DIR))]
    assert not stray, f"files written that nobody asked for: {stray}"


def run_cli(argv: tuple[str, ...], cwd: Path, stdin: bytes = b"",
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``python -m agreement_lint`` as a user would (no colour, this checkout first)."""
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT), "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "agreement_lint", *argv], cwd=cwd, input=stdin.decode(),
        capture_output=True, text=True, timeout=timeout, check=False, env=env,
    )


def _assert_no_internal_error(done: subprocess.CompletedProcess[str]) -> None:
    everything = done.stdout + done.stderr
    assert "Traceback" not in everything, everything[-2000:]
    assert "internal error" not in everything, everything[-2000:]
    assert done.returncode != exitcodes.INTERNAL_ERROR


def _assert_one_message_line(stderr: str) -> None:
    """At most one message line; a parse error may add the offending line and a caret below it,
    indented, as compilers do."""
    lines = stderr.splitlines()
    assert all(line.startswith("    ") for line in lines[1:]), f"more than one line: {stderr!r}"
    assert len(lines) <= 3, f"more than one line: {stderr!r}"


def _message_lines(done: subprocess.CompletedProcess[str], words: tuple[str, ...]) -> list[str]:
    lines = (done.stderr + "\n" + done.stdout).splitlines()
    return [line for line in lines if all(word in line for word in words)]


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c.id, marks=[pytest.mark.slow] if c.slow else []) for c in CASES],
)
def test_bad_input(case: Case, workspace: Path) -> None:
    before = _hashes(workspace)
    done = run_cli(case.argv, workspace)
    after = _hashes(workspace)
    _assert_no_internal_error(done)
    codes = case.code if isinstance(case.code, tuple) else (case.code,)
    assert done.returncode in codes, (done.returncode, done.stderr[-800:], done.stdout[-800:])
    _assert_inputs_untouched(before, after)
    _assert_one_message_line(done.stderr)
    if not case.words:
        assert "could not be checked" not in done.stdout
        return
    found = _message_lines(done, case.words)
    assert len(found) == 1, (case.words, done.stderr, done.stdout[-800:])
    assert case.names in found[0], found[0]


def test_every_hostile_docx_class_is_catalogued() -> None:
    assert set(HOSTILE_WORDS) == set(docx_files.HOSTILE)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.skipif(_is_root(), reason="root reads a file whatever its permissions, so chmod 000 "
                    "cannot make one unreadable here; test_reliability_read covers the path "
                    "in-process")
def test_unreadable_file(workspace: Path) -> None:
    locked = workspace / "locked.md"
    locked.write_text(DRAFT, encoding="utf-8")
    locked.chmod(0)
    try:
        done = run_cli(_check("locked.md"), workspace)
    finally:
        locked.chmod(0o644)
    _assert_no_internal_error(done)
    assert done.returncode == ERROR
    found = _message_lines(done, ("locked.md", "permission denied"))
    assert len(found) == 1


def test_a_file_name_that_is_not_utf8_still_gives_valid_json(tmp_path: Path) -> None:
    if sys.platform != "linux":
        pytest.skip("only Linux file systems allow names that are not valid UTF-8")
    folder = tmp_path / "drafts"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"\xffdraft.md"), "w", encoding="utf-8") as out:
        out.write(DRAFT)
    import json

    for fmt in ("json", "sarif"):
        done = run_cli(("check", "--no-config", "--format", fmt, "drafts"), tmp_path)
        _assert_no_internal_error(done)
        assert done.returncode in (OK, FINDINGS)
        json.loads(done.stdout)


def test_a_good_docx_is_read(workspace: Path) -> None:
    """The control case: the hostile classes are refused, not every Word file."""
    done = run_cli(_check("good.docx"), workspace)
    _assert_no_internal_error(done)
    assert done.returncode in (OK, FINDINGS)
    assert "could not be checked" not in done.stdout

