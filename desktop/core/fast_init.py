"""A faster `__init__` for frozen slotted dataclasses, the same in every other way.

A frozen dataclass's generated `__init__` sets each field with `object.__setattr__(self,
name, value)` (its own `__setattr__` refuses), a generic lookup by name per field. An
import or export builds ten or so Spans, Arguments, Events and Relations per document,
and that lookup was about half of making each (issue 10: ~0.85 µs a Span against
~0.45 µs). `fast_init` replaces the `__init__` with one that calls each slot's member
descriptor directly, the same slots `object.__setattr__` would reach.

Everything else is the dataclass's own: the signature (names, order, defaults, default
factories, keyword-only fields), `__post_init__`, equality, hashing, repr, and
frozenness (only `__init__` itself sets the slots; `x.start = 1` still raises
FrozenInstanceError). The replaced `__init__` is kept as `__init__.__wrapped__`, so a
test can build the same object both ways and compare.
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import TypeVar

T = TypeVar("T", bound=type)

APPLIED: list[type] = []  # every class given a fast __init__, for the test that compares them
_FACTORY = object()  # a field with a default factory not given by the caller


def fast_init(cls: T) -> T:
    """Decorate a `@dataclass(frozen=True, slots=True)` class (put this line above it)."""
    if not dataclasses.is_dataclass(cls) or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__}: fast_init is for slotted dataclasses")
    fields = dataclasses.fields(cls)
    names: dict[str, object] = {}
    params, keyword, body = [], [], []
    for n, f in enumerate(fields):
        setter, value = f"_set{n}", f.name
        names[setter] = cls.__dict__[f.name].__set__  # the slot's member descriptor
        if f.init:
            param = f.name
            if f.default is not dataclasses.MISSING:
                names[f"_default{n}"] = f.default
                param += f"=_default{n}"
            elif f.default_factory is not dataclasses.MISSING:
                names[f"_factory{n}"] = f.default_factory
                param += "=_FACTORY"
                value = f"_factory{n}() if {f.name} is _FACTORY else {f.name}"
            (keyword if f.kw_only else params).append(param)
        elif f.default is not dataclasses.MISSING:
            names[f"_default{n}"] = f.default
            value = f"_default{n}"
        elif f.default_factory is not dataclasses.MISSING:
            names[f"_factory{n}"] = f.default_factory
            value = f"_factory{n}()"
        else:
            continue  # init=False without a default: the dataclass leaves it unset too
        body.append(f"    {setter}(self, {value})\n")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()\n")
    signature = ", ".join(["self", *params, *(["*", *keyword] if keyword else [])])
    source = f"def __init__({signature}):\n{''.join(body) or '    pass'}\n"
    names["_FACTORY"] = _FACTORY
    exec(source, names)  # noqa: S102  the source is built above from the class's own fields
    init = names["__init__"]
    original = cls.__init__
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = original.__doc__
    _check(cls, fields, original, init)
    init.__wrapped__ = original
    cls.__init__ = init
    APPLIED.append(cls)
    return cls


def _check(cls: type, fields: tuple[dataclasses.Field, ...], original, init) -> None:
    """Refuse a class whose fast __init__ would not take the same arguments as its own (an
    InitVar, say, is a parameter of the dataclass's __init__ and no field)."""
    mine, theirs = inspect.signature(init).parameters, inspect.signature(original).parameters
    factories = {f.name for f in fields if f.default_factory is not dataclasses.MISSING}
    same = list(mine) == list(theirs) and all(
        mine[p].kind == theirs[p].kind
        and (mine[p].default is theirs[p].default or (p in factories and mine[p].default is _FACTORY))
        for p in mine)
    if not same:
        raise TypeError(f"{cls.__name__}: fast_init's signature differs from the dataclass's")
