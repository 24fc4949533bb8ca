"""The question types, one module each, registered by their YAML ``type`` name.

Every module of this package other than ``base`` defines one
:class:`~kip_training.quiz.types.base.QuestionType` subclass decorated with
:func:`register`. The modules are found and imported the first time a type is looked
up, so adding a type means adding one module here; the bank, the engine, the widgets
and the exports ask the registry and never test a type's name.

The type modules are imported on first use (not here) because they build on the
engine and the bank, which themselves look types up.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from kip_training.quiz.types.base import QuestionType

_REGISTRY: dict[str, QuestionType] = {}
_discovered = False


def register(cls: type[QuestionType]) -> type[QuestionType]:
    """Class decorator: make ``cls`` the handler of questions of type ``cls.name``."""
    _REGISTRY[cls.name] = cls()
    return cls


def unregister(name: str) -> None:
    """Forget the type ``name`` (a type registered for one test, for instance)."""
    _REGISTRY.pop(name, None)


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    _discovered = True
    for module in pkgutil.iter_modules(__path__):
        if module.name != "base" and not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")


def get(name: Any) -> QuestionType | None:
    """The type registered as ``name``, or None."""
    _discover()
    return _REGISTRY.get(name) if isinstance(name, str) else None


def of(name: str) -> QuestionType:
    """The type registered as ``name``; KeyError when there is none."""
    found = get(name)
    if found is None:
        raise KeyError(f"unknown question type {name!r}")
    return found


def all_types() -> list[QuestionType]:
    """Every registered type, in listing order."""
    _discover()
    return sorted(_REGISTRY.values(), key=lambda t: (t.order, t.name))


def names() -> tuple[str, ...]:
    """The registered type names, in listing order."""
    return tuple(t.name for t in all_types())
