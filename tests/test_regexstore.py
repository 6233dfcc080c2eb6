"""The compiled-pattern store: what it rebuilds behaves exactly as ``re.compile``'s pattern,
and anything unusable (a corrupt file, another Python, nowhere to write) is a silent miss."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from agreement_lint import regexstore
from agreement_lint.regexstore import RegexStore

FLAGS = re.IGNORECASE | re.MULTILINE

PATTERNS = [
    r"(?<!\w)(?:(?P<p0>pay(?:ment)?s?\b)|(?P<p1>fees?|honorari(?:um|a))|(?P<p2>£\s?\d+))",
    r"^\s*(purpose|aims?|objectives?)\s*:",
    r"(?-i:[A-Z][A-Z&]{1,5})\b (will|shall) (?!not\b)\w+",
    r"(\w+) and \1",
    r"no (payment|fee)s?\b(?:[^.;]|\.(?=\S)){0,40}\b(due|payable)",
    r"(?P<year>\d{4})-(?P<month>\d\d)",
    r"caf[eé]s?|naïve|straße",
    r"(?s)a.b",
]

TEXT = (
    "Payments: the Fees and honoraria of £ 250 are payable.\nPurpose: to work together.\n"
    "NHS will pay; UoM shall fund the work and the work. No fee is due. 2024-05 café Straße\n"
    "a\nb"
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "agreement-lint"


needs_cpython = pytest.mark.skipif(regexstore._ENGINE is None, reason="needs CPython's _sre")


def _same(first: re.Pattern[str], second: re.Pattern[str]) -> None:
    assert first == second  # equal patterns have the same flags, source and code
    assert first.groupindex == second.groupindex
    assert first.groups == second.groups
    assert [m.groupdict() for m in first.finditer(TEXT)] == [
        m.groupdict() for m in second.finditer(TEXT)]
    assert [m.span() for m in first.finditer(TEXT)] == [m.span() for m in second.finditer(TEXT)]
    assert [m.lastgroup for m in first.finditer(TEXT)] == [
        m.lastgroup for m in second.finditer(TEXT)]


def _saved(name: str = "test", flags: int = FLAGS) -> RegexStore:
    store = RegexStore.named(name, "fingerprint")
    for pattern in PATTERNS:
        store.compile(pattern, flags)
    store.save()
    return store


@needs_cpython
@pytest.mark.parametrize("flags", [0, FLAGS, re.IGNORECASE | re.ASCII, re.VERBOSE])
def test_a_rebuilt_pattern_is_re_compiles_pattern(cache: Path, flags: int) -> None:
    saved = _saved(flags=flags)
    assert saved.path is not None and saved.path.is_file()
    reopened = RegexStore.named("test", "fingerprint")
    for pattern in PATTERNS:
        _same(reopened.compile(pattern, flags), re.compile(pattern, flags))


@needs_cpython
def test_a_stored_pattern_is_not_compiled_again(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _saved()
    reopened = RegexStore.named("test", "fingerprint")

    def refuse(*args: object) -> None:
        raise AssertionError("compiled afresh")

    monkeypatch.setattr(re, "compile", refuse)
    for pattern in PATTERNS:
        assert reopened.compile(pattern, FLAGS).pattern == pattern


@needs_cpython
def test_the_store_is_named_by_its_fingerprint_and_name(cache: Path) -> None:
    paths = {RegexStore.named(n, f).path for n, f in [("a", "1"), ("a", "2"), ("b", "1")]}
    assert len(paths) == 3
    assert all(p is not None and p.parent == cache for p in paths)


@needs_cpython
@pytest.mark.parametrize("content", [
    b"", b"\x00\xff garbage", b"[1, 2, 3]", b'{"format": 1}', b"{'not': json}",
    b'{"format": 1, "fingerprint": "x", "patterns": [], "values": {}}',
])
def test_a_corrupt_file_is_a_miss_and_is_replaced(cache: Path, content: bytes) -> None:
    saved = _saved()
    assert saved.path is not None
    saved.path.write_bytes(content)
    reopened = RegexStore.named("test", "fingerprint")
    for pattern in PATTERNS:
        _same(reopened.compile(pattern, FLAGS), re.compile(pattern, FLAGS))
    reopened.save()
    assert len(json.loads(saved.path.read_text())["patterns"]) == len(PATTERNS)


def _tamper(path: Path, change: object) -> None:
    data = json.loads(path.read_text())
    for entry in data["patterns"].values():
        change(entry)  # type: ignore[operator]
    path.write_text(json.dumps(data))


@needs_cpython
@pytest.mark.parametrize("change", [
    lambda entry: entry.__setitem__(1, entry[1][: len(entry[1]) // 2 // 4 * 4]),  # cut code
    lambda entry: entry.__setitem__(1, "not base64!"),
    lambda entry: entry.__setitem__(2, entry[2] + 5),  # more groups than the tables name
    lambda entry: entry.__setitem__(3, {"p9": 1}),  # a group name the tables disagree on
    lambda entry: entry.__setitem__(0, "flags"),
    lambda entry: entry.pop(),
])
def test_a_damaged_entry_is_compiled_afresh(cache: Path, change: object) -> None:
    saved = _saved()
    assert saved.path is not None
    _tamper(saved.path, change)
    reopened = RegexStore.named("test", "fingerprint")
    for pattern in PATTERNS:
        _same(reopened.compile(pattern, FLAGS), re.compile(pattern, FLAGS))
    reopened.save()  # the damaged entries are replaced by good ones
    again = RegexStore.named("test", "fingerprint")
    for pattern in PATTERNS:
        _same(again.compile(pattern, FLAGS), re.compile(pattern, FLAGS))


@needs_cpython
def test_a_file_for_another_python_or_fingerprint_is_a_miss(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = _saved()
    assert saved.path is not None
    engine = regexstore._ENGINE
    assert engine is not None
    monkeypatch.setattr(regexstore, "_ENGINE", (*engine[:4], engine[4] + " (another build)"))
    other = RegexStore.named("test", "fingerprint")
    assert other.path != saved.path
    assert other.path is not None
    other.path.write_bytes(saved.path.read_bytes())  # the other Python's file, renamed
    assert other.recall("anything") is None
    assert other._load() == {}  # its fingerprint does not match: nothing is used
    _same(other.compile(PATTERNS[0], FLAGS), re.compile(PATTERNS[0], FLAGS))


def test_without_cpythons_internals_patterns_are_simply_compiled(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regexstore, "_ENGINE", None)
    store = RegexStore.named("test", "fingerprint")
    assert store.path is None
    for pattern in PATTERNS:
        _same(store.compile(pattern, FLAGS), re.compile(pattern, FLAGS))
    store.keep("key", [1])
    assert store.recall("key") is None
    store.save()
    assert not cache.exists()


def test_an_unwritable_cache_directory_is_no_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    store = _saved()
    for pattern in PATTERNS:
        _same(store.compile(pattern, FLAGS), re.compile(pattern, FLAGS))
    assert blocker.read_text() == "not a directory"


def test_a_bad_pattern_raises_as_re_compile_does(cache: Path) -> None:
    store = RegexStore.named("test", "fingerprint")
    with pytest.raises(re.error):
        store.compile("(unclosed", FLAGS)
    store.save()
    assert store.path is None or not store.path.exists()


@needs_cpython
def test_values_are_kept_with_the_patterns(cache: Path) -> None:
    store = RegexStore.named("test", "fingerprint")
    assert store.recall("prefixes") is None
    store.keep("prefixes", ["fee", "pay"])
    store.save()
    assert RegexStore.named("test", "fingerprint").recall("prefixes") == ["fee", "pay"]
    assert RegexStore.named("test", "other").recall("prefixes") is None


@needs_cpython
def test_entries_another_process_saved_meanwhile_are_kept(cache: Path) -> None:
    first = RegexStore.named("test", "fingerprint")
    second = RegexStore.named("test", "fingerprint")
    first.compile(PATTERNS[0], FLAGS)
    second.compile(PATTERNS[1], FLAGS)
    first.save()
    second.save()
    assert first.path is not None
    assert len(json.loads(first.path.read_text())["patterns"]) == 2


@needs_cpython
def test_old_store_files_are_pruned(cache: Path) -> None:
    for number in range(regexstore.KEEP_FILES + 3):
        store = RegexStore.named("test", str(number))
        store.compile(PATTERNS[0], FLAGS)
        store.save()
    other = RegexStore.named("other", "0")
    other.compile(PATTERNS[0], FLAGS)
    other.save()
    assert len(list(cache.glob("regex-test-*.json"))) == regexstore.KEEP_FILES
    assert other.path is not None and other.path.is_file()
