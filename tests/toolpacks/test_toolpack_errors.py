"""Bad pack files give clear `FILE:LINE: key: message` problems, all at once, never a crash."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from toolpack_helpers import BUNDLED, messages, overlay_head

from conftest import WritePack
from sessionkit.toolpacks import (
    MAX_PACK_BYTES,
    Catalog,
    catalog as catalog_module,
    load_catalog,
    read_pack_file,
)

GOOD = """
[pack]
id = "la"
name = "LA pack"
version = "1"

[[tools]]
id = "t"
name = "A tool"
group = "g"
purpose = "Why."

[[tools.prompts]]
id = "t.one"
kind = "scale"
wording = "How?"
[tools.prompts.scale]
min = 0
max = 10
"""


def only_problem(path: Path) -> str:
    result = read_pack_file(path)
    assert result.source is None
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    return str(result.problems[0])


def test_a_good_file_has_no_problems(write_pack: WritePack) -> None:
    result = read_pack_file(write_pack(GOOD))
    assert result.problems == []
    assert result.source is not None and result.source.id == "la"


def test_invalid_toml_names_the_line(write_pack: WritePack) -> None:
    path = write_pack('[pack]\nid = "la"\nname = = "x"\n')
    assert only_problem(path) == f"{path}:3: is not valid TOML: Invalid value (column 8)"


def test_unterminated_toml_points_at_the_end(write_pack: WritePack) -> None:
    path = write_pack('[pack]\nid = "la"\nareas = [1,\n')
    assert only_problem(path).startswith(f"{path}:4: is not valid TOML:")


def test_not_utf8_names_the_line(packs_dir: Path) -> None:
    path = packs_dir / "latin1.toml"
    path.write_bytes(b'[pack]\nid = "la"\nname = "Caf\xe9"\n')
    assert only_problem(path) == (
        f"{path}:3: is not UTF-8 text (byte 0xe9); save it with UTF-8 encoding"
    )


def test_empty_file(packs_dir: Path) -> None:
    path = packs_dir / "empty.toml"
    path.write_text("  \n\n")
    assert "the file is empty" in only_problem(path)


def test_binary_file(packs_dir: Path) -> None:
    path = packs_dir / "image.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert only_problem(path) == f"{path}:1: looks like a binary file, not TOML text"


def test_a_folder_named_like_a_pack(packs_dir: Path) -> None:
    (packs_dir / "folder.toml").mkdir()
    catalog = load_catalog([packs_dir])
    assert messages(catalog) == [f"{packs_dir / 'folder.toml'}: is a folder, not a pack file"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_not_read(packs_dir: Path) -> None:
    path = packs_dir / "pipe.toml"
    os.mkfifo(path)
    assert only_problem(path) == f"{path}: is not a regular file"


def test_a_file_over_one_mebibyte_is_refused_before_reading(
    packs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = packs_dir / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(MAX_PACK_BYTES + 1)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    assert "is too big (1,048,577 bytes); a pack file may be at most 1 MiB" in only_problem(path)


def test_a_file_of_exactly_one_mebibyte_is_read(packs_dir: Path) -> None:
    path = packs_dir / "big.toml"
    text = GOOD.lstrip() + "#" * (MAX_PACK_BYTES - len(GOOD.lstrip()))
    path.write_text(text)
    assert path.stat().st_size == MAX_PACK_BYTES
    assert read_pack_file(path).problems == []


def test_toml_that_is_not_a_toolpack(write_pack: WritePack) -> None:
    path = write_pack("[tool.ruff]\nline-length = 100\n", "pyproject.toml")
    assert only_problem(path) == (
        f"{path}:1: has no [pack] table, so it is not a toolpack "
        "(a pack starts with [pack] giving its id, name and version)"
    )


def test_a_byte_order_mark_is_accepted(packs_dir: Path) -> None:
    path = packs_dir / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.lstrip().encode())
    assert read_pack_file(path).problems == []


def test_too_long_integer_is_reported_not_raised(write_pack: WritePack) -> None:
    path = write_pack(GOOD.replace("max = 10", "max = " + "9" * 5000))
    assert "is not valid TOML" in only_problem(path)


def test_deep_nesting_is_reported_not_raised(write_pack: WritePack) -> None:
    path = write_pack("x = " + "[" * 5000 + "]" * 5000 + "\n")
    problems = read_pack_file(path).problems
    assert len(problems) == 1


def test_every_error_is_reported_at_once_with_lines_and_key_paths(write_pack: WritePack) -> None:
    path = write_pack(
        """
        [pack]
        id = "la"
        name = "LA pack"
        version = 2

        [[tools]]
        id = "first"
        name = "First"
        group = "g"
        purpse = "Misspelt."

        [[tools]]
        id = "second"
        name = "Second"
        group = "g"
        purpose = "Fine."

        [[tools.prompts]]
        id = "second.one"
        kind = "scale"
        wording = "How?"
        [tools.prompts.scale]
        min = 10
        max = 3

        [[tools.prompts]]
        id = "second.two"
        kind = "chioce"
        wording = ["not", "text"]
        """
    )
    assert [str(p) for p in read_pack_file(path).problems] == [
        f"{path}:4: pack.version: should be text in quotes (found 2)",
        f"{path}:6: tools[0].purpose: is required but missing",
        f"{path}:10: tools[0].purpse: unknown key; did you mean 'purpose'?",
        f"{path}:23: tools[1].prompts[0].scale.min: scale min (10) must be below its max (3)",
        f"{path}:28: tools[1].prompts[1].kind: should be one of 'scale', 'text', 'choice', "
        "'list' or 'checklist' (found 'chioce')",
        f"{path}:29: tools[1].prompts[1].wording: should be text in quotes (found a list)",
    ]


def test_keys_in_the_wrong_table_are_pointed_home(write_pack: WritePack) -> None:
    path = write_pack(
        """
        [pack]
        id = "la"
        name = "LA"
        version = "1"
        hide_tools = ["scaling"]

        [[tools]]
        id = "t"
        name = "T"
        group = "g"
        purpose = "p"
        extends = "core"
        """
    )
    assert [str(p) for p in read_pack_file(path).problems] == [
        f"{path}:5: pack.hide_tools: unknown key here: 'hide_tools' belongs in the [layout] table",
        f"{path}:12: tools[0].extends: unknown key here: 'extends' belongs in the [pack] table",
    ]


def test_an_unknown_key_with_no_near_match_lists_the_allowed_keys(write_pack: WritePack) -> None:
    path = write_pack(GOOD.replace('version = "1"', 'version = "1"\ncolour = "red"'))
    assert only_problem(path) == (
        f"{path}:5: pack.colour: unknown key; the keys allowed here are "
        "id, name, version, publisher, description, extends"
    )


def test_ids_must_be_plain(write_pack: WritePack) -> None:
    path = write_pack(GOOD.replace('id = "t.one"', 'id = "T One"'))
    assert only_problem(path) == (
        f"{path}:13: tools[0].prompts[0].id: is not a valid id: use lower-case letters, "
        "digits, '.', '-' and '_', starting with a letter or digit (found 'T One')"
    )


def test_empty_text_is_refused(write_pack: WritePack) -> None:
    path = write_pack(GOOD.replace('purpose = "Why."', 'purpose = ""'))
    assert only_problem(path) == f"{path}:10: tools[0].purpose: must not be empty"


def test_age_range_the_wrong_way_round(write_pack: WritePack) -> None:
    path = write_pack(
        GOOD.replace('purpose = "Why."', 'purpose = "Why."\nage_min = 12\nage_max = 5')
    )
    assert only_problem(path) == f"{path}:11: tools[0].age_min: age_min (12) is above age_max (5)"


def test_choice_without_options_and_text_with_a_scale(write_pack: WritePack) -> None:
    path = write_pack(
        GOOD.replace('kind = "scale"', 'kind = "text"')
        + '\n[[tools.prompts]]\nid = "t.two"\nkind = "choice"\nwording = "Which?"\n'
    )
    assert [str(p) for p in read_pack_file(path).problems] == [
        f"{path}:16: tools[0].prompts[0].scale: only scale prompts have a scale (this one is text)",
        f"{path}:20: tools[0].prompts[1].options: a choice prompt needs options",
    ]


def test_duplicate_tool_and_prompt_ids_within_a_pack(write_pack: WritePack) -> None:
    path = write_pack(
        GOOD
        + '\n[[tools]]\nid = "t"\nname = "Again"\ngroup = "g"\npurpose = "p"\n'
        + '\n[[tools.prompts]]\nid = "t.one"\nkind = "text"\nwording = "Again?"\n'
    )
    assert [str(p) for p in read_pack_file(path).problems] == [
        f"{path}:21: tools[1].id: tool id 't' is used twice in this file",
        f"{path}:27: tools[1].prompts[0].id: prompt id 't.one' is used twice in this file",
    ]


def test_duplicate_option_ids(write_pack: WritePack) -> None:
    path = write_pack(
        GOOD.replace('kind = "scale"', 'kind = "choice"').replace(
            "[tools.prompts.scale]\nmin = 0\nmax = 10\n", ""
        )
        + 'options = [{ id = "a", label = "A" }, { id = "a", label = "B" }]\n'
    )
    assert (
        only_problem(path) == f"{path}:16: tools[0].prompts[0].options: option id 'a' is used twice"
    )


def test_overlay_keys_need_extends(write_pack: WritePack) -> None:
    path = write_pack(GOOD + '\n[layout]\nhide_tools = ["x"]\n')
    assert only_problem(path) == (
        f"{path}:21: layout.hide_tools: only an overlay can use layout.hide_tools: "
        'add extends = "core" (or another pack id) to [pack]'
    )


def test_control_characters_are_removed_and_brackets_kept(write_pack: WritePack) -> None:
    path = write_pack(
        GOOD.replace('"Why."', r'"Why \u001b]0;owned\u0007[b]this[/b] \u202eworks[/]."').replace(
            'name = "A tool"', r'name = "A\u0085 tool\nsplit"'
        )
    )
    result = read_pack_file(path)
    assert result.source is not None
    tool = result.source.file.tools[0]
    assert tool.purpose == "Why [b]this[/b] works[/]."
    assert tool.name == "A tool split"


def test_escape_sequences_in_keys_do_not_reach_messages(write_pack: WritePack) -> None:
    path = write_pack(GOOD.replace('version = "1"', 'version = "1"\n"\\u001b[2Jboom" = 1'))
    text = only_problem(path)
    assert "\x1b" not in text
    assert "[2Jboom" in text


def test_duplicate_pack_ids_keep_the_first(packs_dir: Path, write_pack: WritePack) -> None:
    write_pack(overlay_head("core", extends="core").replace('extends = "core"\n', ""), "copy.toml")
    catalog = load_catalog([BUNDLED, packs_dir])
    assert catalog.describe("core").path == BUNDLED / "core.toml"
    assert messages(catalog) == [
        f"{packs_dir / 'copy.toml'}:2: pack.id: pack id 'core' is already used by "
        f"{BUNDLED / 'core.toml'}, so this file is ignored. Give this pack its own id; to "
        "build on that pack, extend it"
    ]


def test_missing_base_suggests_the_nearest(
    write_pack: WritePack, load_with_core: Callable[[], Catalog]
) -> None:
    path = write_pack(overlay_head(extends="cor"))
    catalog = load_with_core()
    assert catalog.pack_ids() == ["core"]
    assert messages(catalog) == [
        f"{path}:5: pack.extends: extends 'cor', but no pack with that id was found "
        "(did you mean 'core'?)"
    ]
    with pytest.raises(KeyError):
        catalog.resolve("la")


def test_base_with_problems_is_named(write_pack: WritePack, packs_dir: Path) -> None:
    write_pack(overlay_head("base", extends="core") + "bad = 1\n", "base.toml")
    top = write_pack(overlay_head("top", extends="base"), "top.toml")
    catalog = load_catalog([BUNDLED, packs_dir])
    assert catalog.pack_ids() == ["core"]
    assert f"{top}:5: pack.extends: extends 'base', but that pack" in messages(catalog)[-1]


def test_extends_cycle(write_pack: WritePack, packs_dir: Path) -> None:
    a = write_pack(overlay_head("a", extends="b"), "a.toml")
    b = write_pack(overlay_head("b", extends="a"), "b.toml")
    c = write_pack(overlay_head("c", extends="a"), "c.toml")
    catalog = load_catalog([BUNDLED, packs_dir])
    assert catalog.pack_ids() == ["core"]
    assert messages(catalog) == [
        f"{a}:5: pack.extends: extends cycle: a -> b -> a",
        f"{b}:5: pack.extends: extends cycle: a -> b -> a",
        f"{c}:5: pack.extends: cannot be used: the pack it extends, 'a', has problems",
    ]


def test_a_pack_extending_itself(write_pack: WritePack, packs_dir: Path) -> None:
    path = write_pack(overlay_head("la", extends="la"))
    catalog = load_catalog([packs_dir])
    assert messages(catalog) == [f"{path}:5: pack.extends: extends cycle: la -> la"]


def test_load_catalog_never_raises(
    write_pack: WritePack, packs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pack(GOOD)

    def explode(*args: object) -> object:
        raise RuntimeError("surprise")

    monkeypatch.setattr(catalog_module, "check_file", explode)
    monkeypatch.setattr(catalog_module, "merge", explode)
    catalog = load_catalog([BUNDLED, packs_dir])
    assert catalog.pack_ids() == []
    assert any("please report this" in m for m in messages(catalog))


def test_missing_folders_are_skipped(tmp_path: Path) -> None:
    catalog = load_catalog([tmp_path / "nowhere", BUNDLED])
    assert catalog.pack_ids() == ["core"] and catalog.problems == []
