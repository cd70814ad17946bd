"""The `[keymap]` table: checked against the app's real bindings, and used by the app."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from textual.binding import Binding

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.keymap import app_bindings, binding_keys, check_keymap, known_binding_ids
from sessionkit.ui.screens.capture import CaptureScreen
from sessionkit.ui.startup import startup_config

from .conftest import make_app

SIZE = (110, 36)
KNOWN = {"capture.undo", "capture.words", "capture.finish", "case.visit", "home.new_case"}


# --- check_keymap ---------------------------------------------------------------------


def test_good_entries_are_kept_as_they_are() -> None:
    keymap = {"capture.undo": "z", "case.visit": "ctrl+v,V"}
    assert check_keymap(keymap, KNOWN) == (keymap, [])


def test_an_unknown_id_is_reported_with_the_closest_one() -> None:
    usable, problems = check_keymap({"capture.undoo": "z", "case.visit": "x"}, KNOWN)
    assert usable == {"case.visit": "x"}
    assert problems == [
        'settings.toml: keymap."capture.undoo": no such key binding '
        "(did you mean 'capture.undo'?)"
    ]


def test_an_unknown_id_with_nothing_close_is_reported_as_ignored() -> None:
    _usable, problems = check_keymap({"zzz": "z"}, KNOWN)
    assert problems == ["settings.toml: keymap.zzz: no such key binding (ignored)"]


def test_the_source_names_the_settings_file() -> None:
    _usable, problems = check_keymap({"nope": "z"}, KNOWN, source=Path("/home/a/settings.toml"))
    assert problems[0].startswith("/home/a/settings.toml: keymap.nope: ")


def test_an_empty_key_is_reported() -> None:
    usable, problems = check_keymap({"capture.undo": "", "case.visit": " , x"}, KNOWN)
    assert usable == {}
    assert len(problems) == 2
    assert all("no key given" in p for p in problems)


def test_two_ids_of_one_screen_on_one_key_are_both_reported_and_neither_kept() -> None:
    keymap = {"capture.undo": "z", "capture.words": "ctrl+w, z", "case.visit": "z"}
    usable, problems = check_keymap(keymap, KNOWN)
    # The case screen's "z" is another screen's key: no clash.
    assert usable == {"case.visit": "z"}
    assert len(problems) == 2
    assert 'keymap."capture.undo": "z" is also given to capture.words' in problems[0]
    assert 'keymap."capture.words": "z" is also given to capture.undo' in problems[1]


def test_keys_are_compared_as_textual_compares_them() -> None:
    _usable, problems = check_keymap({"capture.undo": "?", "capture.words": "question_mark"}, KNOWN)
    assert len(problems) == 2


def test_taking_the_own_key_of_a_binding_that_keeps_it_is_reported() -> None:
    defaults = {"capture.undo": "u", "capture.finish": "f", "capture.words": "w"}
    usable, problems = check_keymap({"capture.undo": "f"}, KNOWN, default_keys=defaults)
    assert usable == {}
    assert problems == [
        'settings.toml: keymap."capture.undo": "f" is already the key of capture.finish on '
        "the same screen (using the app's own key for it; give capture.finish another key "
        'to free "f")'
    ]


def test_swapping_two_keys_is_fine() -> None:
    defaults = {"capture.undo": "u", "capture.finish": "f"}
    keymap = {"capture.undo": "f", "capture.finish": "u"}
    assert check_keymap(keymap, KNOWN, default_keys=defaults) == (keymap, [])


def test_a_left_out_entry_gives_its_key_back_and_that_is_checked_too() -> None:
    # finish and words clash on "x", so finish keeps "f", which undo wanted.
    defaults = {"capture.undo": "u", "capture.finish": "f", "capture.words": "w"}
    keymap = {"capture.undo": "f", "capture.finish": "x", "capture.words": "x"}
    usable, problems = check_keymap(keymap, KNOWN, default_keys=defaults)
    assert usable == {}
    assert len(problems) == 3
    assert '"f" is already the key of capture.finish' in problems[-1]


def test_control_characters_in_ids_are_not_passed_through() -> None:
    _usable, problems = check_keymap({"x\x1b]0;hi\x07": "z"}, KNOWN)
    assert "\x1b" not in problems[0] and "\x07" not in problems[0]


# --- the app's bindings ---------------------------------------------------------------


def test_every_binding_has_a_unique_id_and_a_description() -> None:
    bindings = list(app_bindings())
    assert len(bindings) > 30
    without_id = [b.key for b in bindings if not b.id]
    assert without_id == []
    counts = Counter(b.id for b in bindings)
    assert [i for i, n in counts.items() if n > 1] == []
    assert [b.id for b in bindings if not b.description.strip()] == []


def test_the_walk_finds_the_screens_and_inherited_bindings_once() -> None:
    ids = known_binding_ids()
    for expected in ("app.quit", "home.new_case", "capture.undo", "form.save", "confirm.yes"):
        assert expected in ids
    # Every binding a screen declares is found (the walk misses no class).
    own = {b.id for b in CaptureScreen.BINDINGS if isinstance(b, Binding)}
    assert own <= ids
    assert binding_keys()["capture.undo"] == "u"


def test_the_default_bindings_do_not_clash_within_a_screen() -> None:
    defaults = binding_keys()
    # Checked as if the user had written every binding's own keys into the keymap.
    assert check_keymap(defaults, set(defaults), default_keys=defaults) == (defaults, [])


# --- in the app -----------------------------------------------------------------------


def _write_settings(locations: Locations, text: str) -> None:
    locations.settings_file.parent.mkdir(parents=True, exist_ok=True)
    locations.settings_file.write_text(text, encoding="utf-8")


async def test_a_remapped_undo_key_undoes_and_the_old_one_does_not(
    demo_store: Store, locations: Locations
) -> None:
    _write_settings(locations, '[keymap]\n"capture.undo" = "z"\n')
    store = demo_store
    app = make_app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "v", "ctrl+s")
        await pilot.pause()
        capture = app.screen
        assert isinstance(capture, CaptureScreen)
        visit_id = capture.visit_id

        await pilot.press("7")
        assert [r.value for r in store.list_responses(visit_id)] == [7.0]
        await pilot.press("u")  # the app's own key, now given away
        assert [r.value for r in store.list_responses(visit_id)] == [7.0]
        await pilot.press("z")
        assert store.list_responses(visit_id) == []


async def test_keymap_problems_are_notified_and_the_good_entries_used(
    demo_store: Store, locations: Locations
) -> None:
    _write_settings(
        locations,
        '[keymap]\n"capture.undoo" = "z"\n"case.visit" = "s"\n'
        '"capture.words" = "x"\n"capture.finish" = "x"\n',
    )
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        settings = str(locations.settings_file)
        assert (
            f'{settings}: keymap."capture.undoo": no such key binding '
            "(did you mean 'capture.undo'?)"
        ) in messages
        assert sum('"x" is also given to' in m for m in messages) == 2
        assert app._keymap == {"case.visit": "s"}
        await pilot.press("enter", "s")  # the remapped key opens the start-visit form
        await pilot.pause()
        assert type(app.screen).__name__ == "StartVisitScreen"


def test_a_changed_keymap_is_checked_again_and_cached(locations: Locations) -> None:
    _write_settings(locations, '[keymap]\n"capture.undo" = "z"\n')
    assert startup_config(locations).keymap == {"capture.undo": "z"}
    # (A different size too: the cache key is the file's size and modification time.)
    _write_settings(locations, '[keymap]\n"capture.undo" = "f"  # finish\'s key\n')
    config = startup_config(locations)
    assert config.keymap == {}
    assert any("capture.finish" in p for p in config.problems)
    # From the cache on the next start: the problem is still reported.
    assert startup_config(locations).problems == config.problems


def test_a_start_with_a_cached_keymap_imports_no_screen(locations: Locations) -> None:
    _write_settings(locations, '[keymap]\n"capture.undo" = "z"\n')
    startup_config(locations)  # builds the cache, importing the screens
    probe = (
        "import sys\n"
        "from sessionkit.locations import resolve\n"
        "from sessionkit.ui.startup import startup_config\n"
        "where = resolve(data_dir=sys.argv[1], config_dir=sys.argv[2], environ={})\n"
        "print(startup_config(where).keymap)\n"
        "print(sorted(m for m in sys.modules if m.startswith('sessionkit.ui.screens.')))\n"
        "print('pydantic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(locations.data_dir), str(locations.config_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines() == ["{'capture.undo': 'z'}", "[]", "False"]
