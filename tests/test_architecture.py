"""The shape the code keeps: small screens, widgets where every screen can reach them,
and the layers import-linter checks (`lint-imports`, run here so the suite enforces it)."""

from __future__ import annotations

import ast
import importlib
import inspect
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sessionkit

PACKAGE = Path(sessionkit.__file__).resolve().parent
SCREENS = PACKAGE / "ui" / "screens"
PROJECT = PACKAGE.parent.parent

# About 450 lines: a screen that grows past this is doing a use case's or a widget's job.
MOST_SCREEN_LINES = 460


def _screen_modules() -> list[Path]:
    return sorted(p for p in SCREENS.glob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("path", _screen_modules(), ids=lambda p: p.name)
def test_no_screen_module_is_too_long(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MOST_SCREEN_LINES, f"{path.name} has {lines} lines"


def _imported_names(path: Path) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.module, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    ]


@pytest.mark.parametrize("path", _screen_modules(), ids=lambda p: p.name)
def test_no_screen_takes_a_widget_from_another_screen(path: Path) -> None:
    from textual.screen import Screen
    from textual.widget import Widget

    borrowed = []
    for module, name in _imported_names(path):
        if not module.startswith("sessionkit.ui.screens.") or module.endswith(".base"):
            continue
        found = getattr(importlib.import_module(module), name, None)
        if inspect.isclass(found) and issubclass(found, Widget) and not issubclass(found, Screen):
            borrowed.append(f"{module}.{name}")
    assert not borrowed, f"{path.name} imports widgets from screens: {borrowed}"


@pytest.mark.parametrize("path", _screen_modules(), ids=lambda p: p.name)
def test_every_screen_follows_the_one_error_policy(path: Path) -> None:
    """Screens derive from the base screens, which report store errors one way."""
    from textual.screen import Screen

    from sessionkit.ui.screens.base import SessionkitModal, SessionkitScreen

    module = importlib.import_module(f"sessionkit.ui.screens.{path.stem}")
    for name, found in vars(module).items():
        if (
            inspect.isclass(found)
            and issubclass(found, Screen)
            and found.__module__ == module.__name__
        ):
            assert issubclass(found, SessionkitScreen | SessionkitModal), name
    source = path.read_text(encoding="utf-8")
    if path.name == "base.py":
        return  # the policy itself
    assert "except StoreError" not in source, "screens report store errors through attempt()"


def test_import_contracts_hold() -> None:
    """Layers, Textual only in the front end, no cycles: pyproject's import-linter contracts."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed (it is in the test extras)")
    result = subprocess.run(
        [lint, "--no-cache"], cwd=PROJECT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-4000:]
