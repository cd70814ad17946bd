"""Overlays: add tools and prompts, reword, hide and reorder, merged over their base."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from toolpack_helpers import BUNDLED, EXAMPLES, line_of, messages, overlay_head

from conftest import WritePack
from sessionkit.domain.enums import PromptKind
from sessionkit.locations import Locations
from sessionkit.toolpacks import Catalog, ResolvedPack, catalog_for, load_catalog

Load = Callable[[], Catalog]


def resolve_ok(load: Load, pack_id: str = "la") -> ResolvedPack:
    catalog = load()
    assert messages(catalog) == []
    return catalog.resolve(pack_id)


def core() -> ResolvedPack:
    return load_catalog([BUNDLED]).resolve("core")


def test_an_empty_overlay_offers_its_base(write_pack: WritePack, load_with_core: Load) -> None:
    write_pack(overlay_head())
    pack = resolve_ok(load_with_core)
    assert pack.chain == ("core", "la")
    assert pack.tools == core().tools
    assert (pack.id, pack.version, pack.meta.name) == ("la", "1", "LA pack")


def test_add_a_tool(write_pack: WritePack, load_with_core: Load) -> None:
    write_pack(
        overlay_head()
        + """
[[tools]]
id = "la-tool"
name = "LA tool"
group = "la"
purpose = "Because."

[[tools.prompts]]
id = "la.tool.q"
kind = "text"
wording = "What?"
"""
    )
    pack = resolve_ok(load_with_core)
    assert pack.tools[-1].id == "la-tool"
    assert pack.find_prompt("la.tool.q") is not None
    assert pack.tools_in_group("la") == [pack.tools[-1]]


def test_an_added_tool_may_not_reuse_a_base_id(write_pack: WritePack, load_with_core: Load) -> None:
    path = write_pack(
        overlay_head()
        + """
[[tools]]
id = "scaling"
name = "Mine"
group = "la"
purpose = "Because."

[[tools]]
id = "la-tool"
name = "LA tool"
group = "la"
purpose = "Because."

[[tools.prompts]]
id = "scaling.safety"
kind = "text"
wording = "What?"
"""
    )
    catalog = load_with_core()
    assert "la" not in catalog.pack_ids()
    tool_line = line_of(path, 'id = "scaling"')
    prompt_line = line_of(path, 'id = "scaling.safety"')
    assert messages(catalog) == [
        f"{path}:{tool_line}: tools[0].id: tool id 'scaling' is already used in 'core'; ids are "
        "never reused, because recorded answers point at them. To change that tool's words use "
        "[[reword_tool]]",
        f"{path}:{prompt_line}: tools[1].prompts[0].id: prompt id 'scaling.safety' is already "
        "used in 'core'; ids are never reused, because recorded answers point at them",
    ]


def test_add_prompts_to_a_base_tool(write_pack: WritePack, load_with_core: Load) -> None:
    write_pack(
        overlay_head()
        + """
[[add_prompts]]
tool = "scaling"
id = "la.scaling.school"
kind = "scale"
wording = "How are things at school?"
[add_prompts.scale]
min = 1
max = 5
min_label = "awful"
max_label = "great"
"""
    )
    pack = resolve_ok(load_with_core)
    scaling = pack.tool("scaling")
    assert scaling is not None
    assert [p.id for p in scaling.prompts][-1] == "la.scaling.school"
    added = scaling.prompts[-1]
    assert added.scale is not None and (added.scale.min, added.scale.max) == (1, 5)
    assert not hasattr(added, "tool")


def test_add_prompts_problems(write_pack: WritePack, load_with_core: Load) -> None:
    path = write_pack(
        overlay_head()
        + """
[layout]
hide_tools = ["genogram"]

[[add_prompts]]
tool = "scalling"
id = "la.one"
kind = "text"
wording = "?"

[[add_prompts]]
tool = "genogram"
id = "la.two"
kind = "text"
wording = "?"

[[add_prompts]]
tool = "scaling"
id = "scaling.worry"
kind = "text"
wording = "?"
"""
    )
    genogram_line = line_of(path, 'tool = "genogram"')
    worry_line = line_of(path, 'id = "scaling.worry"')
    assert messages(load_with_core()) == [
        f"{path}:{line_of(path, 'scalling')}: add_prompts[0].tool: no tool 'scalling' in "
        "'core' (did you mean 'scaling'?)",
        f"{path}:{genogram_line}: add_prompts[1].tool: tool 'genogram' "
        "is hidden, so it cannot be given new prompts",
        f"{path}:{worry_line}: add_prompts[2].id: prompt id 'scaling.worry' is already used in "
        "'core'; ids are never reused, because recorded answers point at them",
    ]


def test_reword_keeps_the_id_and_the_range(write_pack: WritePack, load_with_core: Load) -> None:
    write_pack(
        overlay_head()
        + """
[[reword]]
prompt = "scaling.safety"
wording = "Our words"
child_wording = ""
help = "Our help"
max_label = "totally safe"
"""
    )
    pack = resolve_ok(load_with_core)
    found = pack.find_prompt("scaling.safety")
    assert found is not None
    tool, prompt = found
    assert tool.id == "scaling"
    assert (prompt.wording, prompt.child_wording, prompt.help) == ("Our words", "", "Our help")
    assert prompt.wording_for(child=True) == "Our words"
    assert prompt.scale is not None
    assert (prompt.scale.min, prompt.scale.max) == (0, 10)
    assert (prompt.scale.min_label, prompt.scale.max_label) == ("not safe at all", "totally safe")
    # The base pack is untouched.
    base = core().find_prompt("scaling.safety")
    assert base is not None and base[1].wording.startswith("On a scale")


def test_reword_option_labels(write_pack: WritePack, load_with_core: Load) -> None:
    write_pack(
        overlay_head()
        + """
[[reword]]
prompt = "warming.stop-sign"
option_labels = { card = "Show the red card" }
"""
    )
    found = resolve_ok(load_with_core).find_prompt("warming.stop-sign")
    assert found is not None
    labels = {o.id: o.label for o in found[1].options}
    assert labels["card"] == "Show the red card"
    assert labels["say-so"] == "Say so"


def test_reword_problems(write_pack: WritePack, load_with_core: Load) -> None:
    path = write_pack(
        overlay_head()
        + """
[[reword]]
prompt = "scaling.safty"
wording = "x"

[[reword]]
prompt = "warming.doing-ok"
min_label = "low"

[[reword]]
prompt = "warming.stop-sign"
option_labels = { crad = "x" }

[[reword]]
prompt = "reflection.what-worked"

[[reword]]
prompt = "warming.doing-ok"
wording = "again"
"""
    )
    assert messages(load_with_core()) == [
        f"{path}:{line_of(path, 'reflection.what-worked')}: reword[3].prompt: this [[reword]] "
        "changes nothing: give title, wording, child_wording, help, min_label, max_label or "
        "option_labels",
    ]
    path.write_text(
        path.read_text().replace(
            'prompt = "reflection.what-worked"\n', 'prompt = "reflection.what-worked"\nhelp = "h"\n'
        )
    )
    assert messages(load_with_core()) == [
        f"{path}:{line_of(path, 'warming.doing-ok', 2)}: reword[4].prompt: prompt "
        "'warming.doing-ok' is reworded more than once in this file",
    ]
    path.write_text(
        path.read_text().replace(
            'prompt = "warming.doing-ok"\nwording = "again"',
            'prompt = "reflection.what-did-not"\nwording = "again"',
        )
    )
    assert messages(load_with_core()) == [
        f"{path}:{line_of(path, 'scaling.safty')}: reword[0].prompt: no prompt 'scaling.safty' "
        "in 'core' (did you mean 'scaling.safety'?)",
        f"{path}:{line_of(path, 'min_label')}: reword[1].min_label: prompt 'warming.doing-ok' is "
        "a text prompt; only scale prompts have end labels",
        f"{path}:{line_of(path, 'crad')}: reword[2].option_labels.crad: prompt "
        "'warming.stop-sign' has no option 'crad' (did you mean 'card'?)",
    ]


def test_reword_a_tool(write_pack: WritePack, load_with_core: Load) -> None:
    write_pack(
        overlay_head()
        + """
[[reword_tool]]
tool = "genogram"
name = "Family map"
purpose = "Our purpose."
[reword_tool.adaptations]
send = "Our SEND note."
"""
    )
    tool = resolve_ok(load_with_core).tool("genogram")
    base = core().tool("genogram")
    assert tool is not None and base is not None
    assert (tool.name, tool.purpose) == ("Family map", "Our purpose.")
    assert tool.adaptations.send == "Our SEND note."
    assert tool.adaptations.age == base.adaptations.age
    assert tool.avoid_when == base.avoid_when
    assert tool.prompts == base.prompts


def test_hide_tools_and_prompts(write_pack: WritePack, load_with_core: Load) -> None:
    write_pack(
        overlay_head()
        + """
[layout]
hide_tools = ["question-cards"]
hide_prompts = ["scaling.worry", "genogram.patterns"]
"""
    )
    pack = resolve_ok(load_with_core)
    assert pack.tool("question-cards") is None
    assert pack.tools_in_group("cards") == []
    assert pack.find_prompt("cards.superpower") is None
    assert pack.find_prompt("scaling.worry") is None
    scaling = pack.tool("scaling")
    assert scaling is not None and "scaling.worry" not in [p.id for p in scaling.prompts]
    # Answers recorded before hiding can still be named.
    hidden = pack.find_prompt("cards.superpower", include_hidden=True)
    assert hidden is not None and hidden[0].id == "question-cards"
    worry = pack.find_prompt("scaling.worry", include_hidden=True)
    assert worry is not None and worry[1].kind is PromptKind.SCALE
    assert len(pack.tools) == len(core().tools) - 1


def test_hide_problems(write_pack: WritePack, load_with_core: Load, packs_dir: Path) -> None:
    path = write_pack(
        overlay_head()
        + """
[layout]
hide_tools = ["miracle", "genogram", "genogram"]
hide_prompts = ["scaling.nope"]
"""
    )
    assert messages(load_with_core()) == [
        f"{path}:{line_of(path, 'hide_tools')}: layout.hide_tools[2]: id 'genogram' is listed "
        "twice in hide_tools",
    ]
    path.write_text(path.read_text().replace(', "genogram"]', "]"))
    assert messages(load_with_core()) == [
        f"{path}:{line_of(path, 'hide_tools')}: layout.hide_tools[0]: no tool 'miracle' in "
        "'core' (did you mean 'miracle-question'?)",
        f"{path}:{line_of(path, 'hide_prompts')}: layout.hide_prompts[0]: no prompt "
        "'scaling.nope' in 'core' (did you mean 'scaling.coping'?)",
    ]


def test_order_puts_listed_tools_first(write_pack: WritePack, load_with_core: Load) -> None:
    write_pack(
        overlay_head()
        + """
[layout]
order = ["reflection", "three-houses"]
"""
    )
    pack = resolve_ok(load_with_core)
    base_ids = [t.id for t in core().tools]
    ids = [t.id for t in pack.tools]
    assert ids[:2] == ["reflection", "three-houses"]
    assert ids[2:] == [i for i in base_ids if i not in ("reflection", "three-houses")]


def test_order_problems(write_pack: WritePack, load_with_core: Load) -> None:
    path = write_pack(
        overlay_head()
        + """
[layout]
hide_tools = ["genogram"]
order = [
  "scaling",
  "genogram",
  "relationship",
]
"""
    )
    genogram_line = line_of(path, '  "genogram"')
    relationship_line = line_of(path, '  "relationship"')
    assert messages(load_with_core()) == [
        f"{path}:{genogram_line}: layout.order[1]: tool 'genogram' is hidden, so it cannot be "
        "ordered",
        f"{path}:{relationship_line}: layout.order[2]: no tool 'relationship' in 'core' "
        "(did you mean 'relationship-check'?)",
    ]


def test_a_chain_of_overlays(write_pack: WritePack, packs_dir: Path) -> None:
    write_pack(
        overlay_head("region")
        + """
[[reword]]
prompt = "scaling.safety"
wording = "Region words"

[[tools]]
id = "region-tool"
name = "Region tool"
group = "region"
purpose = "p"
[[tools.prompts]]
id = "region.q"
kind = "text"
wording = "q"
""",
        "region.toml",
    )
    write_pack(
        overlay_head("team", extends="region")
        + """
[layout]
hide_tools = ["region-tool"]

[[reword]]
prompt = "scaling.safety"
help = "Team help"
""",
        "team.toml",
    )
    catalog = load_catalog([BUNDLED, packs_dir])
    assert messages(catalog) == []
    assert catalog.pack_ids() == ["core", "region", "team"]
    team = catalog.resolve("team")
    assert team.chain == ("core", "region", "team")
    found = team.find_prompt("scaling.safety")
    assert found is not None
    assert (found[1].wording, found[1].help) == ("Region words", "Team help")
    assert team.tool("region-tool") is None
    assert catalog.resolve("region").tool("region-tool") is not None


def test_a_later_overlay_cannot_reuse_an_id_its_base_hid(
    write_pack: WritePack, packs_dir: Path
) -> None:
    write_pack(overlay_head("a") + '[layout]\nhide_prompts = ["scaling.worry"]\n', "a.toml")
    path = write_pack(
        overlay_head("b", extends="a")
        + """
[[add_prompts]]
tool = "scaling"
id = "scaling.worry"
kind = "text"
wording = "A different question"

[layout]
hide_prompts = ["scaling.worry"]
""",
        "b.toml",
    )
    catalog = load_catalog([BUNDLED, packs_dir])
    worry_line = line_of(path, 'id = "scaling.worry"')
    assert messages(catalog) == [
        f"{path}:{worry_line}: add_prompts[0].id: prompt id "
        "'scaling.worry' is already used in 'a'; ids are never reused, because recorded "
        "answers point at them",
        f"{path}:{line_of(path, 'hide_prompts')}: layout.hide_prompts[0]: prompt 'scaling.worry' "
        "is already hidden by the pack this one extends",
    ]


def test_resolved_packs_are_cached(write_pack: WritePack, load_with_core: Load) -> None:
    write_pack(overlay_head())
    catalog = load_with_core()
    assert catalog.resolve("la") is catalog.resolve("la")
    assert catalog.get("nope") is None
    assert catalog.get("la") is catalog.resolve("la")


def test_describe(write_pack: WritePack, load_with_core: Load) -> None:
    path = write_pack(overlay_head() + 'bad = "key"\n', "broken.toml")
    ok = write_pack(overlay_head("ok"), "ok.toml")
    catalog = load_with_core()
    info = catalog.describe("ok")
    assert (info.id, info.extends, info.path, info.chain) == ("ok", "core", ok, ("core", "ok"))
    assert info.usable and info.tool_count == len(core().tools) and info.problems == ()
    assert [i.id for i in catalog.describe_all()] == ["core", "ok"]
    assert [p.path for p in catalog.problems] == [path]


# --- the Northshire example --------------------------------------------------------


def test_northshire_example_changes_the_resolved_pack() -> None:
    catalog = load_catalog([BUNDLED, EXAMPLES])
    assert messages(catalog) == []
    base = catalog.resolve("core")
    pack = catalog.resolve("northshire")
    assert pack.chain == ("core", "northshire")
    assert pack.meta.publisher.startswith("Northshire Children's Services")
    ids = [t.id for t in pack.tools]
    # Reordered: these come first, the rest follow in the core order.
    assert ids[:4] == ["relationship-check", "warming-the-context", "scaling", "support-circle"]
    rest = [t.id for t in base.tools if t.id not in ids[:4] and t.id != "internalised-other"]
    assert ids[4:] == rest
    # Hidden.
    assert pack.tool("internalised-other") is None
    assert pack.find_prompt("internalised-other.invite", include_hidden=True) is not None
    # Added.
    circle = pack.tool("support-circle")
    assert circle is not None and len(circle.prompts) == 3
    # Reworded: same id, same range, new words; the core pack keeps its own words.
    found = pack.find_prompt("scaling.safety")
    assert found is not None
    prompt = found[1]
    assert prompt.wording.startswith("Thinking about home right now")
    assert prompt.scale is not None and (prompt.scale.min, prompt.scale.max) == (0, 10)
    assert prompt.scale.max_label == "really safe"
    base_prompt = base.find_prompt("scaling.safety")
    assert base_prompt is not None and base_prompt[1].scale is not None
    assert base_prompt[1].scale.max_label == "completely safe"


def test_examples_are_not_loaded_from_the_bundled_folder() -> None:
    assert load_catalog([BUNDLED]).pack_ids() == ["core"]


def test_catalog_for_locations_with_an_extra_folder(tmp_path: Path) -> None:
    locations = Locations(
        data_dir=tmp_path / "data",
        config_dir=tmp_path / "config",
        extra_toolpack_dirs=(EXAMPLES, tmp_path / "typo"),
    )
    catalog = catalog_for(locations)
    assert catalog.pack_ids() == ["core", "northshire"]
    assert messages(catalog) == [f"{tmp_path / 'typo'}: toolpack folder not found"]
