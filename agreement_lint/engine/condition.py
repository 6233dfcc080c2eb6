"""Conditions: parse a rule's expression over concepts once, at load, into a closure.

The grammar is ``grammar/condition.lark`` (LALR). A compiled :class:`Condition` is called with
the agreement's index and a unit and answers True or False; it also knows which concepts it
reads positively, so a ``flag`` finding can quote the words that triggered it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..model import PartyType
from ..resources import grammar_cache_file, grammar_path
from .context import AgreementIndex
from .units import Unit

Test = Callable[[AgreementIndex, Unit], bool]

PARTY_TYPES = frozenset(t.value for t in PartyType)
RESERVED = frozenset({"and", "or", "not", "heading", "body", "party", "meta", "kind"})


class ConditionError(ValueError):
    """A condition that does not parse or names something unknown (the loader adds file:line)."""


@cache
def _parser() -> Lark:
    grammar = grammar_path("condition.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", cache=grammar_cache_file("condition", grammar))


@dataclass(frozen=True)
class Condition:
    """A compiled condition: the source text, the test, and the concepts it reads."""

    source: str
    test: Test
    concepts: frozenset[str]
    """Every concept named anywhere in the expression."""
    positive: tuple[tuple[str, str], ...]
    """(concept, where) pairs read outside any ``not``: their hits are the evidence."""

    def __call__(self, index: AgreementIndex, unit: Unit) -> bool:
        return self.test(index, unit)

    def evidence(self, index: AgreementIndex, unit: Unit) -> list[str]:
        """The phrases of the positively-read concepts that matched the unit."""
        phrases: list[str] = []
        for name, where in self.positive:
            if index.matches(name, unit, where):  # type: ignore[arg-type]
                phrases.extend(p for p in index.hits(name, unit, where)  # type: ignore[arg-type]
                               if p not in phrases)
        return phrases


def compile_condition(
    source: str, *, concepts: Collection[str], kinds: Collection[str]
) -> Condition:
    """Parse and compile ``source``; unknown concepts, kinds or party types are errors."""
    try:
        tree = _parser().parse(source)
    except UnexpectedInput as exc:
        raise ConditionError(_syntax_message(source, exc)) from None
    compiler = _Compiler(concepts, kinds)
    test = compiler.compile(tree, positive=True)
    return Condition(
        source=source,
        test=test,
        concepts=frozenset(compiler.used),
        positive=tuple(dict.fromkeys(compiler.positive)),
    )


def _syntax_message(source: str, exc: UnexpectedInput) -> str:
    column = getattr(exc, "column", None)
    where = f" at column {column}" if isinstance(column, int) and column > 0 else ""
    if isinstance(exc, UnexpectedEOF):
        return f"condition {source!r} ends too early"
    if isinstance(exc, UnexpectedToken):
        token = exc.token
        if token.type == "$END":
            return f"condition {source!r} ends too early"
        expected = sorted(_readable(t) for t in exc.expected)
        return (f"condition {source!r}: unexpected {str(token)!r}{where}; "
                f"expected {', '.join(expected)}")
    if isinstance(exc, UnexpectedCharacters):
        return f"condition {source!r}: unexpected character {exc.char!r}{where}"
    return f"condition {source!r} does not parse{where}"


def _readable(terminal: str) -> str:
    names = {"NAME": "a concept name", "LPAR": "'('", "RPAR": "')'", "$END": "end"}
    return names.get(terminal, terminal.lower())


class _Compiler:
    def __init__(self, concepts: Collection[str], kinds: Collection[str]) -> None:
        self.concepts = concepts
        self.kinds = kinds
        self.used: set[str] = set()
        self.positive: list[tuple[str, str]] = []

    def compile(self, node: Tree[Token] | Token, *, positive: bool) -> Test:
        assert isinstance(node, Tree), node
        rule = node.data
        children = node.children
        if rule in ("any_of", "all_of"):
            parts = [self.compile(child, positive=positive) for child in children]
            if len(parts) == 1:
                return parts[0]
            if rule == "any_of":
                return lambda index, unit: any(part(index, unit) for part in parts)
            return lambda index, unit: all(part(index, unit) for part in parts)
        if rule == "negation":
            inner = self.compile(children[0], positive=not positive)
            return lambda index, unit: not inner(index, unit)
        name = str(children[0])
        if rule in ("concept", "heading", "body"):
            return self._concept(name, {"concept": "any"}.get(rule, rule), positive)
        if rule == "party":
            return self._party(name)
        if rule == "meta":
            return lambda index, unit: _has_meta(index, name)
        if rule == "kind":
            if name not in self.kinds:
                raise ConditionError(
                    f"unknown kind {name!r} in kind(…); known kinds: "
                    + ", ".join(sorted(self.kinds))
                )
            return lambda index, unit: index.kind == name
        raise ConditionError(f"cannot compile {rule!r}")  # grammar and compiler out of step

    def _concept(self, name: str, where: str, positive: bool) -> Test:
        if name not in self.concepts:
            raise ConditionError(f"unknown concept {name!r}{_near(name, self.concepts)}")
        self.used.add(name)
        if positive:
            self.positive.append((name, where))
        if where == "any":
            return lambda index, unit: index.matches(name, unit)
        if where == "heading":
            return lambda index, unit: index.matches(name, unit, "heading")
        return lambda index, unit: index.matches(name, unit, "body")

    def _party(self, name: str) -> Test:
        if name not in PARTY_TYPES:
            raise ConditionError(
                f"unknown party type {name!r}; known types: {', '.join(sorted(PARTY_TYPES))}"
            )
        return lambda index, unit: any(p.type.value == name for p in index.agreement.parties)


def _has_meta(index: AgreementIndex, key: str) -> bool:
    value = index.agreement.metadata.get(key)
    if isinstance(value, list):
        return any(str(v).strip() for v in value)
    return bool(value and str(value).strip())


def _near(name: str, known: Collection[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
    return f" (did you mean {', '.join(close)}?)" if close else ""
