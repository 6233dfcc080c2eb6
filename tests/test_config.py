"""Settings: where they are found, what they may say, and how flags and per-path tables win."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreement_lint.config import (
    ConfigFinder,
    Overrides,
    check_codes,
    load_config,
    parse_size,
    resolve,
)
from agreement_lint.errors import ConfigError
from agreement_lint.findings import Severity


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("value", "size"), [
    (1024, 1024), ("20MB", 20 * 1024**2), ("512 KiB", 512 * 1024), ("1.5M", 1572864),
    ("300", 300), ("2gb", 2 * 1024**3),
])
def test_sizes(value: int | str, size: int) -> None:
    assert parse_size(value) == size


@pytest.mark.parametrize("value", ["", "big", "-1", 0, "0MB", "20 parsecs"])
def test_bad_sizes(value: int | str) -> None:
    with pytest.raises(ValueError, match="max-file-size"):
        parse_size(value)


def test_unknown_key_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path / ".agreement-lint.toml", 'select = ["PAY"]\nfial-on = "warning"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.one_line() == f"{path}:2: unknown key 'fial-on'"


def test_unknown_key_in_pyproject_table_and_per_path(tmp_path: Path) -> None:
    path = _write(tmp_path / "pyproject.toml",
                  '[tool.agreement-lint]\nkind = "mou"\n\n'
                  '[tool.agreement-lint.per-path."legacy/**"]\nignore = ["PAY"]\nexclude = []\n')
    with pytest.raises(ConfigError, match="unknown key 'exclude' in per-path table 'legacy/"):
        load_config(path)


@pytest.mark.parametrize(("text", "message"), [
    ('fail-on = "sometimes"', "fail-on must be error, warning, info or never"),
    ('[severity]\nPAY004 = "loud"', "severity for PAY004 must be error, warning or info"),
    ('max-file-size = "huge"', "max-file-size 'huge' is not a size"),
    ('select = "PAY"', "select: Input should be a valid list"),
    ("select = [", "is not valid TOML"),
])
def test_bad_values_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path / ".agreement-lint.toml", text + "\n")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert str(path) in info.value.one_line()


def test_nearest_configuration_wins_and_pyproject_without_table_is_skipped(
    tmp_path: Path,
) -> None:
    _write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    _write(tmp_path / "pyproject.toml", '[tool.agreement-lint]\nkind = "mou"\n')
    _write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "x"\n')
    _write(tmp_path / "a" / "b" / ".agreement-lint.toml", 'kind = "general"\n')
    finder = ConfigFinder(cwd=tmp_path)
    assert finder.for_file(tmp_path / "a" / "draft.md").settings.kind == "mou"
    assert finder.for_file(tmp_path / "a" / "b" / "c" / "draft.md").settings.kind == "general"
    assert finder.for_file(tmp_path / "a" / "b" / "c" / "draft.md").path == \
        tmp_path / "a" / "b" / ".agreement-lint.toml"


def test_dot_file_beats_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    _write(tmp_path / ".git" / "HEAD", "")
    _write(tmp_path / "pyproject.toml", '[tool.agreement-lint]\nkind = "mou"\n')
    _write(tmp_path / ".agreement-lint.toml", 'kind = "general"\n')
    assert ConfigFinder(cwd=tmp_path).for_file(tmp_path / "d.md").settings.kind == "general"


def test_search_stops_at_the_git_root(tmp_path: Path) -> None:
    _write(tmp_path / ".agreement-lint.toml", 'kind = "mou"\n')
    _write(tmp_path / "repo" / ".git" / "HEAD", "")
    config = ConfigFinder(cwd=tmp_path).for_file(tmp_path / "repo" / "d.md")
    assert config.path is None and config.settings.kind is None
    assert config.root == tmp_path / "repo"


def test_explicit_and_isolated(tmp_path: Path) -> None:
    _write(tmp_path / ".git" / "HEAD", "")
    _write(tmp_path / ".agreement-lint.toml", 'kind = "mou"\n')
    other = _write(tmp_path / "elsewhere.toml", 'kind = "general"\n')
    assert ConfigFinder(explicit=other, cwd=tmp_path).for_file(
        tmp_path / "d.md").settings.kind == "general"
    assert ConfigFinder(isolated=True, cwd=tmp_path).for_file(
        tmp_path / "d.md").settings.kind is None


def test_resolution_order_file_then_per_path_then_flags(tmp_path: Path) -> None:
    path = _write(tmp_path / ".agreement-lint.toml", """
select = ["PAY", "STR"]
ignore = ["STR008"]
kind = "mou"
rule-packs = ["packs/ours"]
encoding = "cp1252"
max-file-size = "1MB"

[severity]
PAY004 = "error"

[per-path."legacy/**"]
extend-ignore = ["PAY004"]
kind = "general"

[per-path."legacy/2019/*.md"]
select = ["STR"]
severity = { STR002 = "info" }
""")
    config = load_config(path)
    plain = resolve(config, tmp_path / "new.md", Overrides())
    assert plain.select == ("PAY", "STR") and plain.ignore == ("STR008",)
    assert plain.severity == {"PAY004": Severity.ERROR} and plain.kind == "mou"
    assert plain.rule_packs == ((tmp_path / "packs" / "ours").resolve(),)
    assert (plain.encoding, plain.max_bytes) == ("cp1252", 1024**2)
    legacy = resolve(config, tmp_path / "legacy" / "2019" / "old.md", Overrides())
    assert legacy.select == ("STR",)
    assert legacy.ignore == ("STR008", "PAY004")
    assert legacy.severity == {"PAY004": Severity.ERROR, "STR002": Severity.INFO}
    assert legacy.kind == "general"
    flagged = resolve(config, tmp_path / "legacy" / "2019" / "old.md", Overrides(
        select=("LANG",), extend_select=("AIM001",), ignore=("LANG003",), kind="mou",
        encoding="latin-1", max_bytes=10))
    assert flagged.select == ("LANG", "AIM001")
    assert flagged.ignore == ("STR008", "PAY004", "LANG003")
    assert (flagged.kind, flagged.encoding, flagged.max_bytes) == ("mou", "latin-1", 10)


def test_default_exclusions_and_extend_exclude(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path / ".agreement-lint.toml",
                                'extend-exclude = ["drafts/old/", "*.txt"]\n'))
    assert config.excludes(tmp_path / "README.md")
    assert config.excludes(tmp_path / "drafts" / "old" / "a.md")
    assert config.excludes(tmp_path / "notes.txt")
    assert not config.excludes(tmp_path / "drafts" / "new.md")
    replaced = load_config(_write(tmp_path / "x" / ".agreement-lint.toml", 'exclude = ["a.md"]\n'))
    assert not replaced.excludes(tmp_path / "x" / "README.md")
    assert replaced.excludes(tmp_path / "x" / "a.md")


def test_unknown_codes_are_named(tmp_path: Path) -> None:
    codes = ("PAY001", "PAY004", "STR002")
    good = load_config(_write(tmp_path / "good.toml", 'select = ["PAY", "STR002"]\n'))
    check_codes(good, codes)
    bad = load_config(_write(tmp_path / "bad.toml",
                             'ignore = ["PAY", "XYZ", "PAY9"]\n'))
    with pytest.raises(ConfigError, match="ignore names no known rule: XYZ, PAY9"):
        check_codes(bad, codes)
    severity = load_config(_write(tmp_path / "sev.toml", '[severity]\nNOPE001 = "info"\n'))
    with pytest.raises(ConfigError, match="severity names no known rule: NOPE001"):
        check_codes(severity, codes)
    per_path = load_config(_write(tmp_path / "pp.toml", '[per-path."*.md"]\nselect = ["ZZZ"]\n'))
    with pytest.raises(ConfigError, match=r"per-path '\*\.md': select names no known rule: ZZZ"):
        check_codes(per_path, codes)
