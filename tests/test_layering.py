"""The direction of dependency: nothing below the UI may pull in Textual.

Each import runs in a fresh interpreter, since this test process may already have
imported Textual for the UI tests.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import sessionkit

NO_TEXTUAL = [
    "sessionkit.domain",
    "sessionkit.services",
    "sessionkit.present",
    "sessionkit.commands",
    "sessionkit.toolpacks",
    "sessionkit.storage",
    "sessionkit.insight",
    "sessionkit.export",
    "sessionkit.demo",
    "sessionkit.tomlkeys",
]

# Used on error paths (placing and wording problems in pack, theme and settings files):
# standard library only.
LIGHT = ["sessionkit.tomlkeys"]


def _loaded_after_import(module: str) -> set[str]:
    src = str(Path(sessionkit.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def _with_submodules(name: str) -> list[str]:
    """The module and, for a package, every module in it: packages export lazily, so
    importing a package alone would not load (or check) what is inside it."""
    module = importlib.import_module(name)
    if not hasattr(module, "__path__"):
        return [name]
    inside = pkgutil.walk_packages(module.__path__, prefix=f"{name}.")
    return [name, *sorted(info.name for info in inside)]


@pytest.mark.parametrize("module", NO_TEXTUAL)
def test_does_not_import_textual(module: str) -> None:
    modules = _with_submodules(module)
    loaded = _loaded_after_import(", ".join(modules))
    assert set(modules) <= loaded
    assert not {name for name in loaded if name == "textual" or name.startswith("textual.")}


def test_domain_does_not_import_sqlite() -> None:
    loaded = _loaded_after_import("sessionkit.domain")
    assert "sqlite3" not in loaded and "_sqlite3" not in loaded


@pytest.mark.parametrize("module", LIGHT)
def test_does_not_import_pydantic(module: str) -> None:
    loaded = _loaded_after_import(module)
    assert module in loaded
    assert not {name for name in loaded if name.split(".")[0] in ("pydantic", "pydantic_core")}
