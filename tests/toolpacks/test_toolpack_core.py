"""The bundled core pack: complete, consistent, and written for practitioners."""

from __future__ import annotations

import re

import pytest
from toolpack_helpers import BUNDLED

from sessionkit.domain.enums import ChangeTalk, PromptKind
from sessionkit.toolpacks import DEFAULT_PACK_ID, ResolvedPack, Tool, load_catalog


@pytest.fixture(scope="module")
def core() -> ResolvedPack:
    catalog = load_catalog([BUNDLED])
    assert [str(p) for p in catalog.problems] == []
    return catalog.resolve(DEFAULT_PACK_ID)


def test_bundled_folder_holds_only_the_core_pack() -> None:
    catalog = load_catalog([BUNDLED])
    assert catalog.pack_ids() == ["core"]
    assert catalog.describe("core").path == BUNDLED / "core.toml"


def test_scaling_ids_are_unchanged(core: ResolvedPack) -> None:
    scaling = core.tool("scaling")
    assert scaling is not None
    ids = [p.id for p in scaling.prompts]
    assert ids[:3] == ["scaling.safety", "scaling.coping", "scaling.worry"]
    for prompt_id in ids[:3]:
        found = core.find_prompt(prompt_id)
        assert found is not None
        assert found[1].kind is PromptKind.SCALE


@pytest.mark.parametrize(
    ("tool_id", "group"),
    [
        ("warming-the-context", "warming"),
        ("scaling", "scaling"),
        ("change-talk", "change-talk"),
        ("miracle-question", "miracle"),
        ("three-houses", "three-houses"),
        ("genogram", "genogram"),
        ("question-cards", "cards"),
        ("worry-bag", "worries"),
        ("internalised-other", "systemic"),
        ("sitting-with-silence", "presence"),
        ("activities-while-talking", "activities"),
        ("social-graces", "practitioner"),
        ("relationship-check", "relationship"),
        ("reflection", "reflection"),
    ],
)
def test_every_tool_is_there_in_its_group(core: ResolvedPack, tool_id: str, group: str) -> None:
    tool = core.tool(tool_id)
    assert tool is not None
    assert tool.group == group
    assert tool in core.tools_in_group(group)


def test_every_tool_explains_itself(core: ResolvedPack) -> None:
    for tool in core.tools:
        assert len(tool.purpose) > 80, tool.id
        assert tool.works_well_when, tool.id
        assert tool.avoid_when, tool.id
        assert tool.areas, tool.id
        assert tool.prompts, tool.id


def _for_the_family(tool: Tool) -> bool:
    return tool.group not in ("practitioner", "reflection")


def test_family_tools_say_how_to_adapt_them(core: ResolvedPack) -> None:
    for tool in filter(_for_the_family, core.tools):
        notes = tool.adaptations
        assert notes.age and notes.send and notes.non_verbal, tool.id


def test_ids_are_unique_across_the_pack(core: ResolvedPack) -> None:
    tool_ids = [t.id for t in core.tools]
    prompt_ids = core.prompt_ids()
    assert len(set(tool_ids)) == len(tool_ids)
    assert len(set(prompt_ids)) == len(prompt_ids)


def test_every_scale_has_end_labels_and_no_reliable_change(core: ResolvedPack) -> None:
    scales = [p for t in core.tools for p in t.prompts if p.kind is PromptKind.SCALE]
    assert len(scales) >= 10
    for prompt in scales:
        assert prompt.scale is not None
        assert prompt.scale.min_label and prompt.scale.max_label, prompt.id
        # No solid source for a threshold: movement is shown, not judged.
        assert prompt.scale.reliable_change is None, prompt.id


def test_child_wording_differs_where_given(core: ResolvedPack) -> None:
    for tool in core.tools:
        for prompt in tool.prompts:
            assert prompt.child_wording != prompt.wording, prompt.id


def test_three_houses_are_three_lists_with_an_on_behalf_adaptation(core: ResolvedPack) -> None:
    tool = core.tool("three-houses")
    assert tool is not None
    assert [(p.id, p.kind) for p in tool.prompts] == [
        ("three-houses.worries", PromptKind.LIST),
        ("three-houses.good-things", PromptKind.LIST),
        ("three-houses.dreams", PromptKind.LIST),
    ]
    assert "on his behalf" in tool.adaptations.non_verbal
    assert "sister" in tool.adaptations.non_verbal


def test_change_talk_prompts_cover_every_category(core: ResolvedPack) -> None:
    tool = core.tool("change-talk")
    assert tool is not None
    invited = {p.change_talk for p in tool.prompts if p.change_talk is not None}
    assert invited == {c for c in ChangeTalk if c.is_change_talk}
    heard = next(p for p in tool.prompts if p.kind is PromptKind.CHECKLIST)
    assert [o.id for o in heard.options] == [c.value for c in ChangeTalk]


def test_relationship_check_uses_comparable_scales(core: ResolvedPack) -> None:
    tool = core.tool("relationship-check")
    assert tool is not None
    kinds = {p.id: p.kind for p in tool.prompts}
    assert kinds == {
        "relationship.listened": PromptKind.SCALE,
        "relationship.useful": PromptKind.SCALE,
        "relationship.what-matters": PromptKind.SCALE,
        "relationship.do-differently": PromptKind.TEXT,
    }
    ranges = {(p.scale.min, p.scale.max) for p in tool.prompts if p.scale is not None}
    assert ranges == {(0, 10)}


def test_reflection_asks_what_worked_what_did_not_and_what_next(core: ResolvedPack) -> None:
    tool = core.tool("reflection")
    assert tool is not None
    assert [(p.id, p.kind) for p in tool.prompts] == [
        ("reflection.what-worked", PromptKind.TEXT),
        ("reflection.what-did-not", PromptKind.TEXT),
        ("reflection.try-next-time", PromptKind.TEXT),
    ]


def test_warming_asks_how_i_will_know_and_what_to_do(core: ResolvedPack) -> None:
    tool = core.tool("warming-the-context")
    assert tool is not None
    wording = " ".join(p.wording for p in tool.prompts).lower()
    assert "how will i know if you're doing ok" in wording
    assert "what would you like me to do if you're not doing ok" in wording


def test_cards_mix_light_and_social_work_cards_some_answered_by_the_worker(
    core: ResolvedPack,
) -> None:
    tool = core.tool("question-cards")
    assert tool is not None
    helps = [p.help for p in tool.prompts]
    light = sum("Light card" in h for h in helps)
    work = sum("Social-work card" in h for h in helps)
    worker_answers = sum("you too" in h.lower() or "you answer too" in h.lower() for h in helps)
    assert light >= 8 and work >= 8 and worker_answers >= 10
    assert light + work == len(helps)


def test_ages_are_sensible(core: ResolvedPack) -> None:
    for tool in core.tools:
        if tool.age_min is not None and tool.age_max is not None:
            assert tool.age_min < tool.age_max
    three_houses = core.tool("three-houses")
    assert three_houses is not None and three_houses.fits_age(8)
    assert not three_houses.fits_age(30)


def test_no_licensed_wording(core: ResolvedPack) -> None:
    text = (BUNDLED / "core.toml").read_text(encoding="utf-8").lower()
    for phrase in (
        "outcomes star",
        "outcome rating scale",
        "session rating scale",
        "heard, understood",
        "understood, and respected",
        "approach is a good fit",
        "individually (personal well-being)",
    ):
        assert phrase not in text


def test_pack_text_has_no_control_characters_or_jargon_markers(core: ResolvedPack) -> None:
    unsafe = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    for tool in core.tools:
        fields = [tool.name, tool.purpose, tool.works_well_when, tool.avoid_when]
        fields += [w for p in tool.prompts for w in (p.wording, p.child_wording, p.help)]
        for text in fields:
            assert not unsafe.search(text)
    # Abbreviations a new practitioner may not know are spelt out.
    assert "DARN" not in (BUNDLED / "core.toml").read_text(encoding="utf-8")
