"""Read the front matter block (``---`` / ``key: value`` / ``- item`` / ``---``).

The grammar has already checked the block's shape; this turns its lines into the
``Agreement.metadata`` mapping (keys lower-cased) and reports a list item that has no key
above it, which the grammar cannot see.
"""

from __future__ import annotations

from ..errors import ParseError
from ..model import FrontMatterValue
from .lines import Line


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _inline_list(value: str) -> list[str] | None:
    """``[a, b]`` flow lists, as people write them in YAML-ish front matter."""
    if len(value) >= 2 and value.startswith("[") and value.endswith("]"):
        inner = value[1:-1].strip()
        return [_unquote(item) for item in inner.split(",") if item.strip()] if inner else []
    return None


def read_front_matter(lines: list[Line], *, path: str | None) -> dict[str, FrontMatterValue]:
    """Metadata from the front matter lines (fences included)."""
    metadata: dict[str, FrontMatterValue] = {}
    key: str | None = None
    for line in lines:
        kind, text = line.kind, line.text
        if kind == "FM_KEY_VALUE":
            raw_key, _, value = text.partition(":")
            key = " ".join(raw_key.split()).lower()
            value = value.strip()
            listed = _inline_list(value)
            if listed is not None:
                metadata[key] = listed
            else:
                metadata[key] = _unquote(value) if value else []
        elif kind == "FM_ITEM":
            item = _unquote(text.strip()[1:])
            if key is None:
                raise ParseError(
                    "this list item in the front matter has no 'key:' line above it",
                    path=path, line=line.number, column=line.indent + 1, source_line=text,
                )
            current = metadata.get(key)
            if isinstance(current, list):
                current.append(item)
            elif current:
                metadata[key] = [current, item]
            else:
                metadata[key] = [item]
        elif kind == "FM_CONTINUATION" and key is not None:
            current = metadata.get(key)
            extra = text.strip()
            if isinstance(current, list):
                if current:
                    current[-1] = f"{current[-1]} {extra}".strip()
                else:
                    metadata[key] = extra
            else:
                metadata[key] = f"{current} {extra}".strip() if current else extra
        elif kind == "FM_CONTINUATION":
            raise ParseError(
                "this indented line in the front matter does not belong to any 'key:'",
                path=path, line=line.number, column=line.indent + 1, source_line=text,
            )
    # A bare ``key:`` with nothing under it is an empty value, not an empty list.
    return {k: ("" if v == [] else v) for k, v in metadata.items()}
