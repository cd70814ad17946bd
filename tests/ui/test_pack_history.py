"""History stays true when a pack rewords a question or the active pack changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from sessionkit.domain import Case, Member, Role
from sessionkit.insight.movement import compute_series
from sessionkit.locations import Locations, resolve
from sessionkit.storage import Store
from sessionkit.ui.screens.capture import CaptureScreen

from .conftest import make_app

NORTHSHIRE = Path(__file__).resolve().parents[2] / "toolpacks" / "examples" / "northshire.toml"


async def _record_safety(app, value: str) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.press("enter", "v", "ctrl+s")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        while screen.question is not None and screen.question.prompt_id != "scaling.safety":
            await pilot.press("down")
        await pilot.press(value, "f", "y")


async def test_rewording_and_switching_packs_keeps_one_series(
    store: Store, locations: Locations, tmp_path: Path
) -> None:
    case = store.add_case(Case(reference="PK-1"))
    assert case.id is not None
    amy = store.add_member(Member(case_id=case.id, name="Amy", role=Role.PARENT))

    await _record_safety(make_app(store, locations, check_unfinished=False), "4")

    folder = tmp_path / "la"
    folder.mkdir()
    shutil.copy(NORTHSHIRE, folder)
    la = resolve(
        data_dir=locations.data_dir,
        config_dir=locations.config_dir,
        toolpack_dirs=[str(folder)],
        environ={},
    )
    app = make_app(store, la, check_unfinished=False)
    async with app.run_test() as pilot:
        app.use_pack("northshire")
        await pilot.pause()
    await _record_safety(make_app(store, la, check_unfinished=False), "7")

    first, second = store.list_visits(case.id)
    (core_answer,) = store.list_responses(first.id or 0)
    (la_answer,) = store.list_responses(second.id or 0)
    assert (core_answer.pack_id, la_answer.pack_id) == ("core", "northshire")
    assert core_answer.pack_version == "1.0.0"
    assert core_answer.wording != la_answer.wording  # each keeps the words actually asked
    assert "Northshire" not in core_answer.wording

    series = compute_series(store.list_visits(case.id), store.responses_for_case(case.id))
    (safety,) = [s for s in series if s.key.prompt_id == "scaling.safety"]
    assert safety.key.answered_by == amy.id
    assert [p.value for p in safety.points] == [4, 7]
    assert safety.change_from_first == 3


async def test_a_broken_pack_is_skipped_with_a_message(
    store: Store, locations: Locations, tmp_path: Path
) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "broken.toml").write_text('[pack]\nid = "broken"\nname = "B"\nversion = 1\n')
    here = resolve(
        data_dir=locations.data_dir,
        config_dir=locations.config_dir,
        toolpack_dirs=[str(folder)],
        environ={},
    )
    app = make_app(store, here, check_unfinished=False)
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("broken.toml" in m and "version" in m for m in messages), messages
        assert app.pack.id == "core"
        assert app.is_running
