"""Toolpacks: TOML data (never code) defining tools and prompts. Imports no Textual."""

from typing import TYPE_CHECKING

from sessionkit._lazy import lazy_exports

if TYPE_CHECKING:
    from sessionkit.toolpacks.catalog import (
        MAX_PACK_BYTES as MAX_PACK_BYTES,
        Catalog as Catalog,
        PackInfo as PackInfo,
        PackProblem as PackProblem,
        PackSource as PackSource,
        catalog_for as catalog_for,
        load_catalog as load_catalog,
        read_pack_file as read_pack_file,
    )
    from sessionkit.toolpacks.ids import (
        DEFAULT_PACK_ID as DEFAULT_PACK_ID,
        PACK_SUFFIX as PACK_SUFFIX,
    )
    from sessionkit.toolpacks.schema import (
        Adaptations as Adaptations,
        AddedPrompt as AddedPrompt,
        Layout as Layout,
        Option as Option,
        PackFile as PackFile,
        PackMeta as PackMeta,
        Prompt as Prompt,
        ReliableChange as ReliableChange,
        ResolvedPack as ResolvedPack,
        Reword as Reword,
        RewordTool as RewordTool,
        Scale as Scale,
        Tool as Tool,
    )

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    {
        "ids": ("DEFAULT_PACK_ID", "PACK_SUFFIX"),
        "catalog": (
            "MAX_PACK_BYTES",
            "Catalog",
            "PackInfo",
            "PackProblem",
            "PackSource",
            "catalog_for",
            "load_catalog",
            "read_pack_file",
        ),
        "schema": (
            "Adaptations",
            "AddedPrompt",
            "Layout",
            "Option",
            "PackFile",
            "PackMeta",
            "Prompt",
            "ReliableChange",
            "ResolvedPack",
            "Reword",
            "RewordTool",
            "Scale",
            "Tool",
        ),
    },
)
