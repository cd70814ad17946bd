"""Constants and helpers shared by the toolpack tests (fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

from sessionkit.toolpacks import Catalog

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "toolpacks"
EXAMPLES = BUNDLED / "examples"


def overlay_head(pack_id: str = "la", extends: str = "core") -> str:
    return f'[pack]\nid = "{pack_id}"\nname = "LA pack"\nversion = "1"\nextends = "{extends}"\n'


def messages(catalog: Catalog) -> list[str]:
    return [str(p) for p in catalog.problems]


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """The 1-based line of the `nth` line containing `needle`, to check reported lines."""
    hits = [n for n, line in enumerate(path.read_text().split("\n"), 1) if needle in line]
    return hits[nth - 1]
