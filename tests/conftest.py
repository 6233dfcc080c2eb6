"""Shared test configuration: hypothesis profiles and the opt-in ``fuzz`` and ``heavy`` markers.

Profiles (choose with ``--hypothesis-profile NAME`` or ``HYPOTHESIS_PROFILE=NAME``):

* ``ci`` (the default) — what every ``pytest`` run uses; sized so the whole suite stays well
  under ten minutes on two cores.
* ``dev`` — fewer examples, for a quick loop while editing.
* ``deep`` — a long local run (tens of thousands of examples per property).

Tests marked ``fuzz`` are longer randomised runs; they are skipped unless ``-m fuzz`` is given
or ``AGREEMENT_LINT_FUZZ=1`` is set. Tests marked ``heavy`` are measurements at full scale
(thousands of files); they are skipped unless ``-m heavy`` is given or ``AGREEMENT_LINT_HEAVY=1``
is set, so that the default run stays within CI's ten minutes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "suppress_health_check": (HealthCheck.too_slow, HealthCheck.data_too_large),
    "print_blob": True,
}

settings.register_profile("ci", max_examples=100, derandomize=False, **_COMMON)
settings.register_profile("dev", max_examples=20, **_COMMON)
settings.register_profile("deep", max_examples=50_000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_OPT_IN = {"fuzz": "AGREEMENT_LINT_FUZZ", "heavy": "AGREEMENT_LINT_HEAVY"}
"""Markers whose tests run only when asked for, by ``-m`` or by their environment variable."""


def _requested(config: pytest.Config, marker: str) -> bool:
    markexpr = config.getoption("-m", default="") or ""
    return marker in markexpr or os.environ.get(_OPT_IN[marker]) == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep the long ``fuzz`` and ``heavy`` tests out of the default run."""
    for marker, variable in _OPT_IN.items():
        if _requested(config, marker):
            continue
        skip = pytest.mark.skip(reason=f"{marker} run: use -m {marker} or {variable}=1")
        for item in items:
            if marker in item.keywords:
                item.add_marker(skip)


SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"
"""``../shared`` next to the checkout: the corpus, seeds and schemas (read-only)."""


def shared_path(*parts: str) -> Path:
    """A path under ``../shared``; skips the calling test when it is not there."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (the shared material lives next to the checkout)")
    return path


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the user cache directory at a temporary one, so tests never write to ~/.cache."""
    previous = os.environ.get("XDG_CACHE_HOME")
    directory = tmp_path_factory.mktemp("user-cache")
    os.environ["XDG_CACHE_HOME"] = str(directory)
    yield directory
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture
def shared_dir() -> Path:
    """The shared material directory, or a clean skip when it is absent."""
    return shared_path()
