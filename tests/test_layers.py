"""Data flows one way: read -> parse -> model -> rules -> findings -> report, CLI on top.

A module may import from its own layer or an earlier one, never a later one. Every module of
the package must belong to a layer, so a new module is placed deliberately.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "agreement_lint"

# Ordered layers; a module's layer is the longest matching prefix.
LAYERS: dict[str, int] = {
    # foundation: the model and what every stage shares
    "agreement_lint": 0,
    "agreement_lint.errors": 0,
    "agreement_lint.exitcodes": 0,
    "agreement_lint.model": 0,
    "agreement_lint.findings": 0,
    "agreement_lint.resources": 0,
    "agreement_lint.atomic": 0,
    "agreement_lint.textio": 0,
    "agreement_lint.files": 0,
    "agreement_lint.normalise": 0,
    "agreement_lint.regexstore": 0,
    "agreement_lint.fixed": 0,
    # parse: text -> model
    "agreement_lint.parser": 1,
    "agreement_lint.render": 1,
    # read: bytes or .docx -> text lines -> parse
    "agreement_lint.read": 2,
    "agreement_lint.docx": 2,
    "agreement_lint.docx.notes": 2,
    "agreement_lint.docx.headers": 2,
    "agreement_lint.docx.parts": 2,
    # rules: model -> findings
    "agreement_lint.engine": 3,
    # report: findings -> text, JSON, SARIF, GitHub, JUnit
    "agreement_lint.report": 4,
    # around a run: configuration, files, waivers, baselines, cache, parallel runs, Word output
    "agreement_lint.config": 5,
    "agreement_lint.discovery": 5,
    "agreement_lint.waivers": 5,
    "agreement_lint.baseline": 5,
    "agreement_lint.cache": 5,
    "agreement_lint.runner": 5,
    "agreement_lint.docx.annotate": 5,
    "agreement_lint.bench": 5,
    # the command line sits on top
    "agreement_lint.cli": 6,
    "agreement_lint.__main__": 6,
}


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> int | None:
    best: tuple[int, int] | None = None
    for prefix, layer in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            if prefix == "agreement_lint" and module != "agreement_lint":
                continue
            if best is None or len(prefix) > best[0]:
                best = (len(prefix), layer)
    return None if best is None else best[1]


def _imports(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("agreement_lint"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("agreement_lint"):
                found.add(target)
                for alias in node.names:
                    found.add(f"{target}.{alias.name}")
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_module_imports_only_from_its_layer_or_earlier(path: Path) -> None:
    module = _module_name(path)
    own = _layer(module)
    assert own is not None, f"{module} belongs to no layer; add it to LAYERS in {__file__}"
    for imported in _imports(path, module):
        layer = _layer(imported)
        if layer is None:
            continue
        assert layer <= own, f"{module} (layer {own}) imports {imported} (layer {layer})"
