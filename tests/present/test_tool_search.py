"""The best match first: a tool's own name beats a mention in another tool's purpose."""

from __future__ import annotations

from sessionkit.locations import bundled_dir
from sessionkit.present.tool_search import best_first, find_tools, in_pack_order, name_rank
from sessionkit.toolpacks import load_catalog


def test_names_rank_exact_then_prefix_then_word_starts_then_anywhere() -> None:
    assert name_rank("Worry bag", "worry bag") == 0
    assert name_rank("Worry bag", "  WORRY ") == 1
    assert name_rank("Worry bag", "bag wor") == 2
    assert name_rank("Three Houses", "hous") == 2
    assert name_rank("Three Houses", "ouses") == 3
    assert name_rank("Three Houses", "worry") == 4


def test_worry_finds_the_worry_bag_first_and_keeps_the_rest_in_pack_order() -> None:
    pack = load_catalog([bundled_dir("toolpacks")]).resolve("core")
    found = find_tools(in_pack_order(pack.tools, pack.groups()), "worry")
    assert len(found) > 1 and found[0].tool.id != "worry-bag"  # pack order, as found
    ranked = best_first(found, "worry")
    assert ranked[0].tool.id == "worry-bag"
    rest = [m.tool.id for m in found if m.tool.id != "worry-bag"]
    assert [m.tool.id for m in ranked[1:]] == rest
