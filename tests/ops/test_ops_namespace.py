"""`desktop.ops` loads its names lazily; each must resolve, and none may share a submodule's name
(importing that submodule would replace the function on the package)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys

import desktop.ops as ops


def test_every_name_resolves_to_a_callable_or_value():
    for name in ops.__all__:
        assert getattr(ops, name) is not None, name


def test_no_name_shadows_a_submodule():
    modules = {m.name for m in pkgutil.iter_modules(ops.__path__)}
    assert not modules & set(ops.__all__)


def test_importing_ops_loads_none_of_its_modules():
    code = "import sys, desktop.ops; print(sorted(m for m in sys.modules if m.startswith('desktop.ops.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _public(module) -> set[str]:
    """The functions and classes a module defines under a name without a leading underscore."""
    return {name for name, value in vars(module).items()
            if not name.startswith("_") and (inspect.isfunction(value) or inspect.isclass(value))
            and value.__module__ == module.__name__}


def test_every_name_in_the_table_is_defined_where_the_table_says():
    for name, where in ops._WHERE.items():
        assert hasattr(importlib.import_module(where), name), f"{where} has no {name}"
    for where, names in ops._HELPERS.items():
        module = importlib.import_module(where)
        assert all(hasattr(module, n) for n in names), where


def test_every_public_function_of_the_ops_modules_is_in_the_table_or_a_helper():
    for info in pkgutil.iter_modules(ops.__path__):
        module = importlib.import_module(f"desktop.ops.{info.name}")
        offered = set(ops._NAMES.get(module.__name__, ())) | set(ops._HELPERS.get(module.__name__, ()))
        missing = _public(module) - offered
        assert not missing, f"{module.__name__} defines {sorted(missing)}: add them to ops._NAMES or _HELPERS"


def test_no_name_is_offered_twice():
    names = [n for names in ops._NAMES.values() for n in names]
    assert len(names) == len(set(names)) == len(ops.__all__)
