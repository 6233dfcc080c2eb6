"""GitHub workflow-command escaping: whatever the text, the runner reads back what we meant."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agreement_lint.report.github import clean, command, escape_data, escape_property


def _unescape(value: str) -> str:
    # The runner's decoding, in the order it applies it.
    return (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    match = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line, re.S)
    assert match, line
    level, props, message = match.groups()
    properties = dict(p.split("=", 1) for p in props.split(",")) if props else {}
    return level, {k: _unescape(v) for k, v in properties.items()}, _unescape(message)


@given(st.text())
def test_data_escaping_round_trips_and_stays_on_one_line(text: str) -> None:
    escaped = escape_data(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert _unescape(escaped) == text


@given(st.text())
def test_property_escaping_round_trips_without_separators(text: str) -> None:
    escaped = escape_property(text)
    assert not set(escaped) & {"\n", "\r", ":", ","}
    assert _unescape(escaped) == text


@given(file=st.text(), title=st.text(), message=st.text(), line=st.integers(1, 10**6))
def test_command_parses_back_into_its_parts(file: str, title: str, message: str,
                                            line: int) -> None:
    rendered = command("warning", message, file=file, line=line, col=None, title=title)
    level, properties, parsed_message = _parse(rendered)
    assert level == "warning"
    assert properties == {"file": clean(file), "line": str(line), "title": clean(title)}
    assert parsed_message == clean(message)
    assert len(rendered.splitlines()) == 1


@given(st.text())
def test_clean_keeps_ordinary_text_and_removes_terminal_controls(text: str) -> None:
    cleaned = clean(text)
    assert len(escape_data(cleaned).splitlines()) <= 1
    assert "\x1b" not in cleaned
    if text.isprintable():
        assert cleaned == text
