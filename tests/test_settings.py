"""settings.toml: forgiving to read, careful to update."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sessionkit.settings import (
    DEFAULT_TOOLPACK,
    Settings,
    load_settings,
    remember,
    update_top_level,
)
from sessionkit.theming import DEFAULT_THEME


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_in(path: Path) -> list[str]:
    return [line.replace(str(path), "FILE") for line in load_settings(path)[1]]


# --- loading --------------------------------------------------------------------------


def test_missing_file_gives_defaults_quietly(tmp_path: Path) -> None:
    settings_, problems = load_settings(tmp_path / "settings.toml")
    assert settings_ == Settings()
    assert settings_.theme == DEFAULT_THEME
    assert settings_.toolpack == DEFAULT_TOOLPACK
    assert settings_.keymap == {}
    assert problems == []


def test_valid_file(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.toml",
        'theme = "sessionkit-light"\ntoolpack = "extended.v2"\n\n'
        '[keymap]\n"capture.undo" = "z"\n"app.help" = "f1, question_mark"\n',
    )
    settings_, problems = load_settings(path)
    assert problems == []
    assert settings_.theme == "sessionkit-light"
    assert settings_.toolpack == "extended.v2"
    assert settings_.keymap == {"capture.undo": "z", "app.help": "f1,question_mark"}


def test_one_bad_setting_keeps_the_others(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.toml",
        '# mine\ntheme = "Solarized Dark"\ntoolpack = "extended"\n[keymap]\n"capture.undo" = "z"\n',
    )
    settings_, _ = load_settings(path)
    assert problems_in(path) == [
        "FILE:2: theme: 'Solarized Dark' is not a valid name: use lower-case letters, digits "
        "and '-', starting with a letter or digit (using the default: \"sessionkit-dark\")"
    ]
    assert settings_.theme == DEFAULT_THEME
    assert settings_.toolpack == "extended"
    assert settings_.keymap == {"capture.undo": "z"}


def test_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path / "s.toml", "toolpack = 3\n")
    assert problems_in(path) == [
        'FILE:1: toolpack: should be text in quotes (found 3) (using the default: "core")'
    ]


def test_unknown_setting_suggests_the_nearest(tmp_path: Path) -> None:
    path = write(tmp_path / "s.toml", 'toolpack = "x"\nthem = "sessionkit-light"\n')
    settings_, _ = load_settings(path)
    assert problems_in(path) == ["FILE:2: them: unknown setting (did you mean 'theme'?) (ignored)"]
    assert settings_.toolpack == "x"


def test_unknown_setting_without_a_near_match_lists_known_keys(tmp_path: Path) -> None:
    path = write(tmp_path / "s.toml", "colour_scheme = 1\n")
    assert problems_in(path) == [
        "FILE:1: colour_scheme: unknown setting (known keys: theme, toolpack, "
        "practitioner_name, practitioner_role, keymap) (ignored)"
    ]


def test_bad_keymap_entries_are_dropped_one_by_one(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.toml",
        '[keymap]\n"capture.undo" = "z"\n"capture.redo" = 5\n"capture.next" = "ctrl+ +"\n'
        '"bad id!" = "x"\n',
    )
    settings_, _ = load_settings(path)
    assert settings_.keymap == {"capture.undo": "z"}
    assert problems_in(path) == [
        'FILE:3: keymap."capture.redo": should be text in quotes (found 5) '
        "(using the app's own key for it)",
        'FILE:4: keymap."capture.next": \'ctrl+ +\' is not a key: write keys like "z", "f5" '
        'or "ctrl+z"; separate several with commas (using the app\'s own key for it)',
        "FILE:5: keymap.\"bad id!\": 'bad id!' is not a binding id: ids look like capture.undo "
        "(using the app's own key for it)",
    ]


def test_keymap_that_is_not_a_table(tmp_path: Path) -> None:
    path = write(tmp_path / "s.toml", 'keymap = "z"\ntheme = "sessionkit-light"\n')
    settings_, _ = load_settings(path)
    assert settings_.theme == "sessionkit-light"
    assert problems_in(path) == [
        "FILE:1: keymap: should be a table (found 'z') (using the default: the app's own keys)"
    ]


def test_invalid_toml_is_one_line_and_all_defaults(tmp_path: Path) -> None:
    path = write(tmp_path / "s.toml", 'theme = "sessionkit-light"\ntoolpack = \n')
    settings_, _ = load_settings(path)
    assert settings_ == Settings()
    [problem] = problems_in(path)
    assert problem.startswith("FILE:2: is not valid TOML: ")
    assert problem.endswith("(using the default settings)")


def test_unreadable_things_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "dir.toml").mkdir()
    assert problems_in(tmp_path / "dir.toml") == [
        "FILE: is a folder, not a TOML file (using the default settings)"
    ]
    (tmp_path / "latin1.toml").write_bytes(b'theme = "caf\xe9"\n')
    assert problems_in(tmp_path / "latin1.toml") == [
        "FILE:1: is not UTF-8 text: save it with UTF-8 encoding (using the default settings)"
    ]


def test_control_characters_are_not_echoed(tmp_path: Path) -> None:
    path = write(tmp_path / "s.toml", 'theme = "\\u001b[2J"\n')
    [problem] = load_settings(path)[1]
    assert "\x1b" not in problem


# --- remembering ----------------------------------------------------------------------

HAND_EDITED = """\
# My sessionkit settings -- edited by hand.
toolpack = "core"   # the default pack
theme = "sessionkit-dark"  # calm for evenings

# Keys I changed, because my laptop's F1 opens the browser help.
[keymap]
"capture.undo" = "z"   # z for undo
"app.help" = "f2"
"""


def test_remember_changes_only_the_value(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", HAND_EDITED)
    assert remember(path, theme="sessionkit-high-contrast") == []
    assert path.read_text() == HAND_EDITED.replace(
        'theme = "sessionkit-dark"  # calm', 'theme = "sessionkit-high-contrast"  # calm'
    )
    settings_, problems = load_settings(path)
    assert problems == []
    assert settings_.theme == "sessionkit-high-contrast"
    assert settings_.keymap == {"capture.undo": "z", "app.help": "f2"}


def test_remember_inserts_a_missing_key_above_the_first_table(tmp_path: Path) -> None:
    text = HAND_EDITED.replace('theme = "sessionkit-dark"  # calm for evenings\n', "")
    path = write(tmp_path / "settings.toml", text)
    assert remember(path, theme="sessionkit-light") == []
    lines = path.read_text().splitlines()
    assert lines[:6] == [
        "# My sessionkit settings -- edited by hand.",
        'toolpack = "core"   # the default pack',
        "",
        'theme = "sessionkit-light"',
        "",
        "# Keys I changed, because my laptop's F1 opens the browser help.",
    ]
    assert path.read_text().endswith(text.split("\n\n", 1)[1])
    assert load_settings(path)[0].theme == "sessionkit-light"


def test_remember_both_keys_into_a_file_with_only_a_table(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[keymap]\n"capture.undo" = "z"\n')
    assert remember(path, theme="nord", toolpack="mine") == []
    assert path.read_text() == (
        'theme = "nord"\ntoolpack = "mine"\n\n[keymap]\n"capture.undo" = "z"\n'
    )


def test_remember_ignores_lookalikes_inside_strings_and_tables(tmp_path: Path) -> None:
    text = 'note = """\ntheme = "not this one"\n[keymap]\n"""\n[other]\ntheme = "nor this one"\n'
    path = write(tmp_path / "settings.toml", text)
    remember(path, theme="sessionkit-light")
    data = tomllib.loads(path.read_text())
    assert data["theme"] == "sessionkit-light"
    assert data["note"] == 'theme = "not this one"\n[keymap]\n'
    assert data["other"] == {"theme": "nor this one"}


def test_remember_creates_a_private_file_and_folder(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    assert remember(path, theme="sessionkit-light", toolpack="core") == []
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    settings_, problems = load_settings(path)
    assert problems == []
    assert (settings_.theme, settings_.toolpack) == ("sessionkit-light", "core")
    assert path.read_text().startswith("# sessionkit settings.")
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]  # no temp left


def test_remember_keeps_an_existing_files_mode(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", 'theme = "nord"\n')
    path.chmod(0o640)
    remember(path, theme="sessionkit-light")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_remember_without_a_change_does_not_write(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", HAND_EDITED)
    os.utime(path, (1_000_000, 1_000_000))
    assert remember(path, theme="sessionkit-dark") == []
    assert path.stat().st_mtime == 1_000_000


def test_remember_writes_through_a_symlink(tmp_path: Path) -> None:
    real = write(tmp_path / "dotfiles" / "sessionkit.toml", HAND_EDITED)
    link = tmp_path / "config" / "settings.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    assert remember(link, toolpack="extended") == []
    assert link.is_symlink()
    assert 'toolpack = "extended"   # the default pack' in real.read_text()


def test_remember_keeps_crlf_and_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'\xef\xbb\xbf# c\r\n[keymap]\r\n"a.b" = "z"\r\n')
    assert remember(path, theme="nord") == []
    assert (
        path.read_bytes() == b'\xef\xbb\xbf# c\r\ntheme = "nord"\r\n\r\n[keymap]\r\n"a.b" = "z"\r\n'
    )


def test_remember_refuses_to_touch_invalid_toml(tmp_path: Path) -> None:
    text = 'theme = "nord"\ntoolpack = \n'
    path = write(tmp_path / "settings.toml", text)
    [problem] = remember(path, theme="sessionkit-light")
    assert problem.startswith(f"{path}:2: is not valid TOML")
    assert "not saved" in problem
    assert path.read_text() == text


def test_remember_refuses_a_layout_it_cannot_edit_safely(tmp_path: Path) -> None:
    text = 'theme = [\n  "nord",\n]\n'
    path = write(tmp_path / "settings.toml", text)
    [problem] = remember(path, theme="sessionkit-light")
    assert "not saved" in problem and "by hand" in problem
    assert path.read_text() == text


def test_remember_rejects_bad_values_and_keys(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    [problem] = remember(path, theme='x"\n[keymap]')
    assert "is not a valid name" in problem
    [problem] = remember(path, keymap="z")
    assert "cannot be remembered" in problem
    assert not path.exists()


def test_remember_reports_an_unwritable_folder(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    [problem] = remember(folder / "settings.toml", theme="nord")
    assert "not saved" in problem


def test_update_top_level_escapes_values() -> None:
    tricky = 'a "quoted" \\ value\twith tab'
    updated = update_top_level('theme = "x"\n', {"theme": tricky})
    assert updated is not None
    assert tomllib.loads(updated) == {"theme": tricky}


def test_update_top_level_handles_literal_strings_and_odd_spacing() -> None:
    updated = update_top_level("  'theme'='x'#c\n", {"theme": "y"})
    assert updated == "  'theme'=\"y\"#c\n"


def test_update_top_level_without_trailing_newline() -> None:
    assert update_top_level('toolpack = "core"', {"theme": "nord"}) == (
        'toolpack = "core"\ntheme = "nord"\n'
    )


# Blocks a hand-edited settings file might be made of, including ones that look like the
# lines `remember` edits but are not at the top level.
BLOCKS = [
    "# a comment\n",
    "\n",
    'theme = "sessionkit-dark"  # note\n',
    "toolpack = 'core'\n",
    'notes = """\ntheme = "inside"\n[keymap]\n"""\n',
    "lists = [\n  [1, 2],\n  # [keymap]\n  3,\n]\n",
    'inline = { theme = "x", t = [1] }\n',
    "# [keymap] in a comment\n",
]
TABLES = [
    '[keymap]\n"capture.undo" = "z"\n',
    '# about other\n[other]\ntheme = "table theme"\n',
    "[[many]]\nx = 1\n[[many]]\nx = 2\n",
]


@st.composite
def documents(draw: st.DrawFn) -> str:
    top = draw(st.lists(st.sampled_from(BLOCKS), max_size=6, unique=True))
    tables = draw(st.lists(st.sampled_from(TABLES), max_size=3, unique=True))
    return "".join(top) + "".join(tables)


@given(documents(), st.sampled_from(["nord", "sessionkit-light"]), st.booleans())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
def test_update_top_level_changes_only_what_it_should(text: str, theme: str, both: bool) -> None:
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # duplicate keys from repeated blocks: remember refuses those files
    changes = {"theme": theme, **({"toolpack": "extended"} if both else {})}
    updated = update_top_level(text, changes)
    assert updated is not None
    assert tomllib.loads(updated) == {**before, **changes}
    # Every original line survives, in order.
    remaining = iter(updated.splitlines())
    for line in text.splitlines():
        if line.startswith(("theme =", "toolpack =")):
            continue
        assert any(candidate == line for candidate in remaining), line


def test_practitioner_name_and_role_sign_case_notes(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.toml",
        'practitioner_name = "  Jo   Lee "\npractitioner_role = "Social worker"\n',
    )
    settings_, problems = load_settings(path)
    assert problems == []
    assert (settings_.practitioner_name, settings_.practitioner_role) == ("Jo Lee", "Social worker")
    assert (Settings().practitioner_name, Settings().practitioner_role) == ("", "")


def test_a_bad_practitioner_name_is_reported_and_left_empty(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.toml",
        f'practitioner_name = "{"x" * 81}"\npractitioner_role = "Social worker"\n',
    )
    settings_, _ = load_settings(path)
    [problem] = problems_in(path)
    assert problem.startswith("FILE:1: practitioner_name: ")
    assert "at most 80 characters" in problem
    assert settings_.practitioner_name == ""
    assert settings_.practitioner_role == "Social worker"
