"""Fixtures for the toolpack tests: a folder for test packs and a writer for them."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from toolpack_helpers import BUNDLED

from sessionkit.toolpacks import Catalog, load_catalog

WritePack = Callable[..., Path]


@pytest.fixture
def packs_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()
    return folder


@pytest.fixture
def write_pack(packs_dir: Path) -> WritePack:
    """Write `text` (dedented) to packs_dir/name and return the path."""

    def write(text: str, name: str = "la.toml") -> Path:
        path = packs_dir / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture
def load_with_core(packs_dir: Path) -> Callable[[], Catalog]:
    """Load the bundled pack plus whatever the test wrote into packs_dir."""
    return lambda: load_catalog([BUNDLED, packs_dir])
