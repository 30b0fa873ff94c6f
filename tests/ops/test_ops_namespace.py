"""`desktop.ops` loads its names lazily; each must resolve, and none may share a submodule's name
(importing that submodule would replace the function on the package)."""

from __future__ import annotations

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
