"""Mutated Word files are read or refused with one clear line; nothing else escapes.

Each example takes a valid .docx and corrupts it one way (truncation, bit flips, random bytes,
a deleted part, garbage XML in a part, one byte changed inside a part, a lying size in the zip
directory). The guard must return the main part's name or raise ``InputError``; the full reader
must return an :class:`Agreement` or raise ``InputError``.
"""

from __future__ import annotations

import importlib.util
import random
from functools import cache

import pytest
from bad_inputs import docx_files
from hypothesis import given, settings
from hypothesis import strategies as st

from agreement_lint.docx.guard import check_docx
from agreement_lint.errors import InputError
from agreement_lint.model import Agreement

_BUDGET = {"ci": (2_000, 2_000), "dev": (200, 50), "deep": (50_000, 5_000)}
"""Examples per profile: (guard only, whole reader)."""


def _examples(which: int) -> int:
    return _BUDGET.get(settings.get_current_profile_name(), _BUDGET["ci"])[which]


@cache
def _base() -> bytes:
    return docx_files.ordinary_docx()


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
