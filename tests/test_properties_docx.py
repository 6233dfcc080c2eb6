"""Mutated Word files are read or refused with one clear line; nothing else escapes.

Each example takes a valid .docx and corrupts it one way (truncation, bit flips, random bytes,
a deleted part, garbage XML in a part, one byte changed inside a part, a lying size in the zip
directory). The guard must return the main part's name or raise ``InputError``; the full reader
must return an :class:`Agreement` or raise ``InputError``. The same holds for a draft carrying
Word comments, mutated the same ways, and a draft with random comments (random text, authors
and paragraphs, directives or not) is always read, and its waivers never lose or duplicate a
finding.
"""

from __future__ import annotations

import importlib.util
import io
import random
from functools import cache
from typing import Any

import pytest
from bad_inputs import docx_files
from hypothesis import given, settings
from hypothesis import strategies as st

from agreement_lint.docx.guard import check_docx
from agreement_lint.errors import InputError
from agreement_lint.model import Agreement

_BUDGET = {"ci": (2_000, 2_000, 80), "dev": (200, 50, 20), "deep": (50_000, 5_000, 5_000)}
"""Examples per profile: (guard only, whole reader, drafts built with random comments)."""


def _examples(which: int) -> int:
    return _BUDGET.get(settings.get_current_profile_name(), _BUDGET["ci"])[which]


@cache
def _base() -> bytes:
    return docx_files.ordinary_docx()


@cache
def _base_with_comments() -> bytes:
    """The ordinary draft with a waiver, a malformed directive and a plain comment on it."""
    import docx

    document = docx.Document(io.BytesIO(_base()))
    paragraphs = [p for p in document.paragraphs if p.runs]
    for paragraph, text in zip(paragraphs[2:], (
        "agreement-lint: disable PAY004 reason=\u201cpilot\u201d",
        "agreement-lint: disabel",
        "Please check this with the Group.",
    ), strict=False):
        document.add_comment(paragraph.runs, text=text, author="Jo Drafter", initials="JD")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _assert_one_line(error: InputError, shown: str) -> None:
    line = error.one_line()
    assert "\n" not in line
    assert line.startswith(shown + ":"), line
    assert error.message.strip()


@settings(max_examples=_examples(0))
@given(rng=st.randoms(use_true_random=False))
def test_guard_accepts_or_refuses_every_mutation(rng: random.Random) -> None:
    description, data = docx_files.mutate(_base(), rng)
    try:
        main = check_docx(data, shown="mutated.docx")
    except InputError as error:
        _assert_one_line(error, "mutated.docx")
    else:
        assert main, description


def _reader_available() -> bool:
    """The full reader needs the parser too; both land separately."""
    if importlib.util.find_spec("agreement_lint.docx.reader") is None:
        return False
    try:
        from agreement_lint.parser import parse_text  # noqa: F401
    except ImportError:
        return False
    return True


_HAS_READER = _reader_available()


@pytest.mark.skipif(not _HAS_READER, reason="needs the .docx reader and the parser")
@settings(max_examples=_examples(1))
@given(rng=st.randoms(use_true_random=False))
def test_reader_returns_a_model_or_input_error(rng: random.Random) -> None:
    from agreement_lint.read import read_agreement_bytes

    description, data = docx_files.mutate(_base(), rng)
    try:
        agreement = read_agreement_bytes(data, name="mutated.docx")
    except InputError as error:
        _assert_one_line(error, "mutated.docx")
    else:
        assert isinstance(agreement, Agreement), description


@pytest.mark.parametrize("name", sorted(docx_files.HOSTILE))
def test_every_hostile_class_is_refused_by_the_guard(name: str) -> None:
    with pytest.raises(InputError) as info:
        check_docx(docx_files.HOSTILE[name](), shown=f"{name}.docx")
    _assert_one_line(info.value, f"{name}.docx")


@pytest.mark.parametrize("name", sorted(docx_files.CRASHERS))
def test_defects_that_once_crashed_the_guard_are_refused(name: str) -> None:
    with pytest.raises(InputError) as info:
        check_docx(docx_files.CRASHERS[name](), shown=f"{name}.docx")
    _assert_one_line(info.value, f"{name}.docx")


@pytest.mark.skipif(not _HAS_READER, reason="needs the .docx reader and the parser")
@settings(max_examples=_examples(1) // 4)
@given(rng=st.randoms(use_true_random=False))
def test_reader_returns_a_model_or_input_error_for_a_draft_with_comments(
        rng: random.Random) -> None:
    from agreement_lint.read import read_agreement_bytes

    description, data = docx_files.mutate(_base_with_comments(), rng)
    try:
        agreement = read_agreement_bytes(data, name="mutated.docx")
    except InputError as error:
        _assert_one_line(error, "mutated.docx")
    else:
        assert isinstance(agreement, Agreement), description


_XML_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
    | st.sampled_from("\n\t\u201c\u201d\u2019\"'"),
    max_size=40,
)
"""Text Word can hold: anything but control characters (tab and newline aside) and surrogates."""

_CODES = st.lists(st.sampled_from(["PAY004", "STR002", "PAY001", "NOPE1", "LINT002", ""]),
                  max_size=3).map(", ".join)
_DIRECTIVES = st.builds(
    lambda prefix, verb, codes, reason: f"{prefix}{verb} {codes} {reason}",
    st.sampled_from(["agreement-lint:", "AGREEMENT-LINT :", " agreement-lint:", "agreement-lint"]),
    st.sampled_from(["disable", "disable-file", "disabel", ""]),
    _CODES,
    st.one_of(st.just(""), _XML_TEXT.map(lambda t: f'reason="{t}"'),
              _XML_TEXT.map(lambda t: f"reason=\u201c{t}\u201d"), _XML_TEXT),
)
_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "List Number", "List Bullet")
_PARAGRAPH_TEXT = st.one_of(
    _XML_TEXT, st.sampled_from(["1. Purpose", "2. Payment", "2.1 Invoices", "(a) in kind"]))


@st.composite
def _drafts_with_comments(draw: st.DrawFn) -> tuple[bytes, int]:
    """A small draft with random paragraphs and random comments on random runs of them."""
    import docx

    document = docx.Document()
    paragraphs = [
        document.add_paragraph(style=draw(st.sampled_from(_STYLES)))
        for _ in range(draw(st.integers(1, 8)))
    ]
    for paragraph in paragraphs:
        paragraph.add_run(draw(_PARAGRAPH_TEXT))
    for _ in range(draw(st.integers(0, 4))):
        first = draw(st.integers(0, len(paragraphs) - 1))
        last = draw(st.integers(first, len(paragraphs) - 1))
        runs = [paragraphs[first].runs[0], paragraphs[last].runs[0]]
        document.add_comment(
            runs, text=draw(st.one_of(_DIRECTIVES, _XML_TEXT)),
            author=draw(st.sampled_from(["Jo Drafter", "agreement-lint", ""])),
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), len(paragraphs)


@pytest.mark.skipif(not _HAS_READER, reason="needs the .docx reader and the parser")
@settings(max_examples=_examples(2))
@given(draft=_drafts_with_comments(), data=st.data())
def test_random_comments_never_break_the_reader_or_the_waivers(
        draft: tuple[bytes, int], data: st.DataObject) -> None:
    from agreement_lint.engine import load_ruleset
    from agreement_lint.findings import Finding, Severity
    from agreement_lint.model import Location
    from agreement_lint.read import read_agreement_bytes
    from agreement_lint.waivers import META_CODES, apply_waivers

    content, count = draft
    agreement = read_agreement_bytes(content, name="commented.docx")
    for comment in agreement.comments:
        assert comment.text.lower().lstrip().startswith("agreement-lint")
        assert comment.location.paragraph is None or 0 <= comment.location.paragraph < count
    rules = _ruleset(load_ruleset)
    findings = [
        Finding.model_construct(
            code=code, name="x", severity=Severity.WARNING, message="m", principles=(),
            location=Location(paragraph=paragraph) if paragraph is not None else Location(),
            evidence="", suggestion="",
        )
        for code, paragraph in data.draw(st.lists(st.tuples(
            st.sampled_from(["PAY004", "STR002", "PAY001"]),
            st.none() | st.integers(0, count - 1)), max_size=6))
    ]
    outcome = apply_waivers(agreement, findings, rules, enabled=lambda _code: True)
    kept = [f for f in outcome.findings if f.code not in META_CODES]
    assert sorted(map(id, kept + list(outcome.waived))) == sorted(map(id, findings))


@cache
def _ruleset(load: Any) -> Any:
    return load()


_NOTE_IDS = st.sampled_from([-1, 0, 1, 2, 3, 4, 9])
"""Ids a reference may carry: the two separators, ordinary notes, and one no note has."""


@st.composite
def _drafts_with_notes(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """The same random draft twice: with random footnotes and endnotes cited, and without."""
    import docx
    from test_docx_notes import add_notes_part, cite, notes_xml, save

    styles = [draw(st.sampled_from(_STYLES)) for _ in range(draw(st.integers(1, 8)))]
    texts = [draw(_PARAGRAPH_TEXT) for _ in styles]
    cited = [draw(st.lists(st.tuples(st.sampled_from(["footnote", "endnote"]), _NOTE_IDS),
                           max_size=3)) for _ in styles]
    notes = {kind: draw(st.dictionaries(st.integers(1, 4), st.lists(_XML_TEXT, max_size=3),
                                        max_size=4))
             for kind in ("footnote", "endnote")}
    separator = draw(_XML_TEXT)

    def build(with_notes: bool) -> bytes:
        document = docx.Document()
        for style, text, refs in zip(styles, texts, cited, strict=True):
            paragraph = document.add_paragraph(style=style)
            paragraph.add_run(text)
            for kind, note_id in refs if with_notes else ():
                cite(paragraph, kind, note_id)
        if with_notes:
            for kind, kept in notes.items():
                add_notes_part(document, kind, notes_xml(kind, kept, separator))
        return save(document)

    return build(True), build(False)


@pytest.mark.skipif(not _HAS_READER, reason="needs the .docx reader and the parser")
@settings(max_examples=_examples(2) // 2)
@given(draft=_drafts_with_notes())
def test_random_notes_never_break_the_reader_or_lose_a_paragraph(
        draft: tuple[bytes, bytes]) -> None:
    import docx

    from agreement_lint.docx.lines import build_lines, read_paragraphs
    from agreement_lint.read import read_agreement_bytes

    with_notes, without = draft
    noted = build_lines(read_paragraphs(docx.Document(io.BytesIO(with_notes))))
    plain = build_lines(read_paragraphs(docx.Document(io.BytesIO(without))))
    note_lines = [(line, index) for line, index in zip(noted.lines, noted.paragraph_map,
                                                        strict=True)
                  if line.startswith(("Footnote ", "Endnote "))]
    body = [(line, index) for line, index in zip(noted.lines, noted.paragraph_map, strict=True)
            if line and (line, index) not in note_lines]
    assert body == [(line, index) for line, index in zip(plain.lines, plain.paragraph_map,
                                                         strict=True) if line]
    assert all(index is not None for _line, index in note_lines)
    agreement = read_agreement_bytes(with_notes, name="noted.docx")
    assert isinstance(agreement, Agreement)
    before = read_agreement_bytes(without, name="noted.docx")
    assert {c.location.paragraph for c in agreement.walk()} >= {
        c.location.paragraph for c in before.walk()}
