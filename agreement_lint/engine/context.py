"""What a rule sees of one agreement: units, concept matches, hollowness, parties.

One :class:`AgreementIndex` is built per agreement and shared by every rule (so each concept
is matched against each piece of text at most once); each computed check gets a
:class:`CheckContext` that adds the rule's own ``params``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal

from ..model import Agreement, Clause, Location, Party
from .concepts import BodyHit, Concept
from .hollow import HollowJudge
from .prefilter import TextIndex
from .sentences import split_sentences
from .units import Unit, UnitBuilder, location_of

__all__ = ["AgreementIndex", "CheckContext", "Unit"]

Where = Literal["any", "heading", "body"]


class AgreementIndex:
    """Per-agreement facts and caches shared by every rule of a run."""

    def __init__(self, agreement: Agreement, concepts: Mapping[str, Concept], kind: str) -> None:
        self.agreement = agreement
        self.concepts = concepts
        self.kind = kind
        self.judge = HollowJudge(agreement)
        self._units = UnitBuilder(agreement, self.judge)
        self._heading_cache: dict[tuple[str, str], list[str]] = {}
        self._body_cache: dict[tuple[str, str], list[BodyHit]] = {}
        self._indexes: dict[str, TextIndex | None] = {}
        self._unit_memo: dict[tuple[str, int, str], bool] = {}
        self._sentences: dict[str, list[str]] = {}
        self._present_cache: dict[tuple[str, str], bool] = {}
        self._section_memo: dict[tuple[str, int, str], bool] = {}
        self._parties: dict[str, Party] | None = None
        self._clauses: list[Clause] | None = None

    def concept(self, name: str) -> Concept:
        """The compiled concept called ``name`` (a clear error for an unknown name)."""
        try:
            return self.concepts[name]
        except KeyError:
            raise KeyError(f"unknown concept {name!r}") from None

    def units(self, scope: str) -> list[Unit]:
        """Units at ``scope``, built once."""
        return self._units.units(scope)

    def clauses(self) -> list[Clause]:
        """Every clause incl. recitals and schedules' clauses, depth first."""
        if self._clauses is None:
            self._clauses = list(self.agreement.walk())
        return self._clauses

    def heading_hits(self, concept: Concept, unit: Unit) -> list[str]:
        """Words of the unit's headings that the concept's heading patterns matched."""
        if unit.hollow:
            return []
        found: list[str] = []
        for heading in unit.headings:
            found.extend(self._heading_hits(concept, heading))
        return found

    def body_hits(self, concept: Concept, unit: Unit) -> list[BodyHit]:
        """The concept's body matches in the unit's text (cached per piece of text)."""
        if unit.hollow or not unit.text:
            return []
        if unit.pieces is None:
            return self._piece_hits(concept, unit.text)
        if len(unit.pieces) == 1:
            return self._piece_hits(concept, unit.pieces[0])
        hits: list[BodyHit] = []
        for piece in unit.pieces:
            hits.extend(self._piece_hits(concept, piece))
        return hits

    def _piece_hits(self, concept: Concept, text: str) -> list[BodyHit]:
        key = (concept.name, text)
        hits = self._body_cache.get(key)
        if hits is None:
            hits = self._body_cache[key] = concept.body_hits(text, self._text_index(text))
        return hits

    def _piece_present(self, concept: Concept, text: str) -> bool:
        """Whether the piece holds a body hit (stops at the first; remembered per text)."""
        key = (concept.name, text)
        hits = self._body_cache.get(key)
        if hits is not None:
            return bool(hits)
        present = self._present_cache.get(key)
        if present is None:
            present = self._present_cache[key] = concept.body_present(
                text, self._text_index(text)
            )
        return present

    def _text_index(self, text: str) -> TextIndex | None:
        """The word-start index of a piece of text, built once and shared by every concept."""
        if text in self._indexes:
            return self._indexes[text]
        index = self._indexes[text] = TextIndex.build(text)
        return index

    def matches(self, name: str, unit: Unit, where: Where = "any") -> bool:
        """Whether the concept is present in the unit (a hollow unit matches nothing)."""
        if unit.hollow:
            return False
        key = (name, id(unit), where)
        answer = self._unit_memo.get(key)
        if answer is None:
            concept = self.concept(name)
            if unit.scope == "section" and unit.clause is not None and concept.body_min == 1:
                answer = self._section_matches(concept, unit.clause, where)
            else:
                answer = self._unit_matches(concept, unit, where)
            self._unit_memo[key] = answer
        return answer

    def _unit_matches(self, concept: Concept, unit: Unit, where: Where) -> bool:
        if where != "body":
            for heading in unit.headings:
                if self._heading_hits(concept, heading):
                    return True
        if where == "heading" or not unit.text:
            return False
        pieces = unit.pieces if unit.pieces is not None else (unit.text,)
        if concept.body_min == 1:
            return any(self._piece_present(concept, piece) for piece in pieces)
        patterns: set[int] = set()
        for piece in pieces:
            patterns.update(hit.pattern for hit in self._piece_hits(concept, piece))
            if len(patterns) >= concept.body_min:
                return True
        return False

    def _section_matches(self, concept: Concept, clause: Clause, where: Where) -> bool:
        """A section matches when its clause or any sub-clause does (``body_min`` of 1).

        Worked out clause by clause and remembered, so deep outlines stay linear. A
        sub-clause's heading counts as a heading and as body text of the section.
        """
        key = (concept.name, id(clause), where)
        answer = self._section_memo.get(key)
        if answer is not None:
            return answer
        answer = False
        if not self.judge.is_hollow(clause):
            heading_counts, text = self.judge.gist(clause)
            if where != "body" and clause.heading and heading_counts:
                answer = bool(self._heading_hits(concept, clause.heading))
            if not answer and where != "heading" and text:
                answer = self._piece_present(concept, text)
        for child in clause.children:
            if answer:
                break
            if where != "heading" and child.heading and not self.judge.is_hollow(child) and (
                    self.judge.gist(child)[0]):
                answer = self._piece_present(concept, child.heading)
            answer = answer or self._section_matches(concept, child, where)
        self._section_memo[key] = answer
        return answer

    def _heading_hits(self, concept: Concept, heading: str) -> list[str]:
        key = (concept.name, heading)
        hits = self._heading_cache.get(key)
        if hits is None:
            hits = self._heading_cache[key] = concept.heading_hits(heading)
        return hits

    def hits(self, name: str, unit: Unit, where: Where = "any") -> list[str]:
        """The distinct matched phrases, headings first, in order of appearance."""
        if not self.matches(name, unit, where):
            return []
        concept = self.concept(name)
        phrases: list[str] = []
        if where != "body":
            phrases.extend(self.heading_hits(concept, unit))
        if where != "heading":
            phrases.extend(hit.phrase for hit in self.body_hits(concept, unit))
        seen: set[str] = set()
        distinct: list[str] = []
        for phrase in phrases:
            folded = " ".join(phrase.lower().split())
            if folded not in seen:
                seen.add(folded)
                distinct.append(phrase)
        return distinct

    def sentences(self, text: str) -> list[str]:
        """The sentences of ``text``, split once per text.

        The list is shared by every rule that asks for the same text: read it, never change it.
        """
        found = self._sentences.get(text)
        if found is None:
            found = self._sentences[text] = split_sentences(text)
        return found

    def party_names(self) -> dict[str, Party]:
        """Every party name and short name, lower-cased, mapped to its party."""
        if self._parties is None:
            names: dict[str, Party] = {}
            for party in self.agreement.parties:
                for name in party.names:
                    folded = " ".join(name.lower().split())
                    if folded:
                        names.setdefault(folded, party)
            self._parties = names
        return self._parties


class CheckContext:
    """Everything a computed check may use: the agreement, its kind, matching and the params."""

    def __init__(self, index: AgreementIndex, params: Mapping[str, Any] | None = None) -> None:
        self._index = index
        self.agreement: Agreement = index.agreement
        self.kind: str = index.kind
        self.params: Mapping[str, Any] = MappingProxyType(dict(params or {}))

    @classmethod
    def for_agreement(
        cls,
        agreement: Agreement,
        concepts: Mapping[str, Concept],
        *,
        kind: str = "general",
        params: Mapping[str, Any] | None = None,
    ) -> CheckContext:
        """A context for one agreement on its own (handy in tests of a single check)."""
        return cls(AgreementIndex(agreement, concepts, kind), params)

    def clauses(self) -> list[Clause]:
        """Every clause incl. recitals and schedules' clauses, depth first."""
        return self._index.clauses()

    def units(self, scope: str = "clause") -> list[Unit]:
        """Units at ``scope``: ``clause``, ``section`` or ``document``."""
        return self._index.units(scope)

    def matches(self, concept: str, unit: Unit, where: Where = "any") -> bool:
        """Whether ``concept`` is in ``unit``: ``any``, ``heading`` only or ``body`` only."""
        return self._index.matches(concept, unit, where)

    def hits(self, concept: str, unit: Unit) -> list[str]:
        """The phrases of ``unit`` that matched ``concept`` (evidence); empty if none."""
        return self._index.hits(concept, unit)

    def sentences(self, unit: Unit) -> list[str]:
        """The sentences of the unit's text (split once per text, shared by every check: read
        the list, never change it)."""
        return self._index.sentences(unit.text)

    def location_of(self, clause: Clause) -> Location:
        """Where the clause is (number, heading path, line or Word paragraph, excerpt)."""
        return location_of(clause)

    def is_hollow(self, clause: Clause) -> bool:
        """Whether the clause says nothing yet: its body is only a placeholder or a deferral to
        an absent document, or it is a heading over sub-clauses that say nothing either."""
        return self._index.judge.is_hollow(clause)

    def party_names(self) -> dict[str, Party]:
        """Every party name and short name (lower-cased) mapped to the party."""
        return self._index.party_names()
