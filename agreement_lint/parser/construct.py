"""Build model objects from values the parser has already checked, quickly.

A 1 MB draft yields tens of thousands of clauses, locations and references. Validating each
one again through pydantic (or even ``model_construct``, which loops over every field in
Python) costs more than the whole grammar pass, so the parser fills the instance directly,
exactly as ``model_construct`` would, when it supplies every field itself. Reading a draft
therefore never builds the model's validators (see ``defer_build`` in the model), which
would cost a noticeable part of every start-up.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_set = object.__setattr__


@cache
def _field_names(cls: type[BaseModel]) -> frozenset[str]:
    return frozenset(cls.model_fields)


def construct(cls: type[M], **values: Any) -> M:
    """An instance of ``cls`` holding ``values``, without validation.

    Fields left out take their defaults (through ``model_construct``, the slower way).
    """
    if values.keys() != _field_names(cls):
        return cls.model_construct(**values)
    instance = cls.__new__(cls)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", set(values))
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance
