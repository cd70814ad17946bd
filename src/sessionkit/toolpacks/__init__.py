"""Toolpacks: TOML data (never code) defining tools and prompts. Imports no Textual."""

from sessionkit.toolpacks.catalog import DEFAULT_PACK_ID, Catalog, PackProblem, load_catalog
from sessionkit.toolpacks.schema import (
    Adaptations,
    Option,
    PackFile,
    PackMeta,
    Prompt,
    ReliableChange,
    ResolvedPack,
    Scale,
    Tool,
)

__all__ = [
    "DEFAULT_PACK_ID",
    "Adaptations",
    "Catalog",
    "Option",
    "PackFile",
    "PackMeta",
    "PackProblem",
    "Prompt",
    "ReliableChange",
    "ResolvedPack",
    "Scale",
    "Tool",
    "load_catalog",
]
