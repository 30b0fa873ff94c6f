"""core.fast_init: every class given the fast __init__ builds the same objects as its dataclass
__init__ did (kept as __init__.__wrapped__), and stays frozen, hashable and equal as before."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from desktop.core import annotations, model, records
from desktop.core.fast_init import APPLIED, fast_init


def _domain_classes() -> list[type]:
    """Every frozen slotted dataclass of core.model (core.records defines some of them) and core.annotations."""
    found = []
    for module in (model, records, annotations):
        for value in vars(module).values():
            if (isinstance(value, type) and value.__module__ == module.__name__ and dataclasses.is_dataclass(value)
                    and value.__dataclass_params__.frozen and "__slots__" in value.__dict__):
                found.append(value)
    return found


def _slots(obj) -> dict:
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def _old(cls: type, *args, **kwargs):
    """The object the dataclass's own __init__ makes."""
    obj = object.__new__(cls)
    cls.__init__.__wrapped__(obj, *args, **kwargs)
    return obj


def _values(cls: type) -> dict:
    """A value for every field, unlike its default, so a field set from the wrong argument shows."""
    return {f.name: f"{f.name}-{n}" for n, f in enumerate(dataclasses.fields(cls))}


def _required(cls: type) -> dict:
    return {f.name: v for f, v in zip(dataclasses.fields(cls), _values(cls).values())
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}


def test_every_frozen_domain_class_has_it():
    classes = _domain_classes()
    assert {c.__name__ for c in classes} >= {"Span", "Argument", "Event", "Token", "Relation", "Dropped"}
    assert set(classes) <= set(APPLIED)


@pytest.mark.parametrize("cls", _domain_classes(), ids=lambda c: c.__name__)
def test_same_objects_as_the_dataclass_init(cls):
    every, required = _values(cls), _required(cls)
    calls = [((), required), ((), every), (tuple(required.values()), {}), (tuple(every.values()), {})]
    if len(required) > 1:  # the first positionally, the rest by keyword
        first, *rest = required
        calls.append(((required[first],), {k: required[k] for k in rest}))
    for args, kwargs in calls:
        new, old = cls(*args, **kwargs), _old(cls, *args, **kwargs)
        assert _slots(new) == _slots(old)
        assert new == old and hash(new) == hash(old) and repr(new) == repr(old)
        assert new != cls(*args, **kwargs).__class__(**(_slots(new) | {next(iter(every)): "other"}))
        assert copy.copy(new) == new and pickle.loads(pickle.dumps(new)) == new
        first = next(iter(every))
        assert dataclasses.replace(new, **{first: "x"}) == _old(cls, **(_slots(new) | {first: "x"}))


@pytest.mark.parametrize("cls", _domain_classes(), ids=lambda c: c.__name__)
def test_defaults_are_the_dataclass_defaults(cls):
    obj = cls(**_required(cls))
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            assert getattr(obj, f.name) is f.default
        elif f.default_factory is not dataclasses.MISSING:
            assert getattr(obj, f.name) == f.default_factory()


@pytest.mark.parametrize("cls", _domain_classes(), ids=lambda c: c.__name__)
def test_still_frozen_and_wrong_calls_refused_alike(cls):
    obj = cls(**_required(cls))
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(obj, name, "changed")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(obj, name)
    # Refused either way; Python 3.11's frozen slotted __setattr__ says so with a TypeError
    # from its zero-argument super() (CPython gh-90562), unchanged by fast_init.
    with pytest.raises((AttributeError, TypeError)):
        obj.not_a_field = 1
    for args, kwargs in [((), {}), (tuple(_values(cls).values()) + ("extra",), {}),
                         ((), _required(cls) | {"not_a_field": 1}),
                         (tuple(_required(cls).values()), {name: "twice"})]:
        with pytest.raises(TypeError):
            cls(*args, **kwargs)
        with pytest.raises(TypeError):
            _old(cls, *args, **kwargs)


def test_span_keeps_enum_defaults_and_positional_order():
    span = model.Span(3, 9, "ORG", "Police", model.Layer.TRIGGER, score=0.5)
    assert (span.start, span.end, span.label, span.text, span.layer, span.score) == (3, 9, "ORG", "Police",
                                                                                     "trigger", 0.5)
    assert span.source is model.Source.ANNOTATOR and span.state is model.State.ACCEPTED and span.id is None
    assert model.Span.__init__.__qualname__ == "Span.__init__"


def test_factories_keyword_only_and_post_init():
    @fast_init
    @dataclasses.dataclass(frozen=True, slots=True)
    class Sample:
        a: int
        items: list = dataclasses.field(default_factory=list)
        hidden: int = dataclasses.field(default=7, init=False)
        b: str = dataclasses.field(default="b", kw_only=True)
        seen: list = dataclasses.field(default_factory=list, init=False)

        def __post_init__(self):
            self.seen.append(self.a)

    one, two = Sample(1), Sample(1)
    assert one.items == [] and one.items is not two.items and one.hidden == 7 and one.b == "b"
    assert one.seen == [1] and Sample(2, [5], b="c") == _old(Sample, 2, [5], b="c")
    with pytest.raises(TypeError):
        Sample(1, [], "positional b")


def test_refuses_what_it_cannot_copy():
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    with pytest.raises(TypeError, match="slotted"):
        fast_init(NoSlots)

    @dataclasses.dataclass(frozen=True, slots=True)
    class WithInitVar:
        a: int
        scale: dataclasses.InitVar[int] = 1

    with pytest.raises(TypeError, match="signature"):
        fast_init(WithInitVar)
