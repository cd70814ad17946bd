"""Prompt titles: short names for lists and charts, set by a pack and changeable by an overlay."""

from __future__ import annotations

from collections.abc import Callable

from toolpack_helpers import BUNDLED, messages, overlay_head

from conftest import WritePack
from sessionkit.domain.enums import PromptKind
from sessionkit.toolpacks import Catalog, load_catalog

Load = Callable[[], Catalog]


def test_every_core_scale_prompt_has_a_short_title() -> None:
    core = load_catalog([BUNDLED]).resolve("core")
    scales = [p for t in core.tools for p in t.prompts if p.kind is PromptKind.SCALE]
    assert scales
    for prompt in scales:
        assert prompt.title, f"{prompt.id} has no title"
        assert len(prompt.title) <= 40, prompt.id
        assert prompt.short_title == prompt.title


def test_a_prompt_without_a_title_is_named_by_its_wording() -> None:
    core = load_catalog([BUNDLED]).resolve("core")
    found = core.find_prompt("miracle.question")
    assert found is not None
    prompt = found[1]
    assert prompt.title == ""
    assert prompt.short_title.endswith("…")
    assert len(prompt.short_title) == 48
    assert " ".join(prompt.wording.split()).startswith(prompt.short_title[:-1])


def test_an_overlay_can_retitle_a_prompt(write_pack: WritePack, load_with_core: Load) -> None:
    write_pack(
        overlay_head()
        + """
[[reword]]
prompt = "scaling.safety"
title = "Feeling safe"

[[reword]]
prompt = "warming.doing-ok"
title = "When things are OK"
"""
    )
    catalog = load_with_core()
    assert messages(catalog) == []
    pack = catalog.resolve("la")
    safety = pack.find_prompt("scaling.safety")
    assert safety is not None
    assert safety[1].title == "Feeling safe"
    assert safety[1].short_title == "Feeling safe"
    # Only the title changed: the words asked and the scale stay as the base had them.
    base = catalog.resolve("core").find_prompt("scaling.safety")
    assert base is not None
    assert safety[1].wording == base[1].wording
    assert safety[1].scale == base[1].scale
    assert base[1].title == "Safe at home"
    doing_ok = pack.find_prompt("warming.doing-ok")
    assert doing_ok is not None and doing_ok[1].title == "When things are OK"


def test_a_title_is_one_short_line(write_pack: WritePack, load_with_core: Load) -> None:
    path = write_pack(
        overlay_head()
        + f"""
[[reword]]
prompt = "scaling.safety"
title = "{"x" * 61}"
"""
    )
    problems = messages(load_with_core())
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:")
    assert "reword[0].title" in problems[0]
