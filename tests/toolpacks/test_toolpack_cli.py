"""`sessionkit toolpack ...`: validate, list, show, new and schema."""

from __future__ import annotations

import argparse
import json
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from toolpack_helpers import BUNDLED, EXAMPLES, REPO, overlay_head

from conftest import WritePack
from sessionkit.commands import toolpack as toolpack_command
from sessionkit.commands.common import run as run_command
from sessionkit.locations import Locations
from sessionkit.toolpacks import load_catalog
from sessionkit.toolpacks.schema import pack_json_schema_text


@pytest.fixture
def locations(tmp_path: Path) -> Locations:
    return Locations(data_dir=tmp_path / "data", config_dir=tmp_path / "config")


def run(locations: Locations, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="sessionkit")
    toolpack_command.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["toolpack", *argv])
    args.locations = locations
    return run_command(args.func, args)


def test_validate_good_files(locations: Locations, capsys: pytest.CaptureFixture[str]) -> None:
    core = BUNDLED / "core.toml"
    northshire = EXAMPLES / "northshire.toml"
    assert run(locations, "validate", str(core), str(northshire)) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"ok: {core} (pack core 1.0.0, 14 tools)",
        f"ok: {northshire} (pack northshire 2025.1, 14 tools)",
    ]


def test_validate_reports_every_error_one_per_line(
    locations: Locations, write_pack: WritePack, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_pack(overlay_head("good"), "good.toml")
    bad = write_pack(
        overlay_head()
        + '\n[[reword]]\nprompt = "scaling.safty"\nwording = "x"\n\n'
        + '[layout]\nhide_tools = ["nope"]\n',
        "bad.toml",
    )
    assert run(locations, "validate", str(good), str(bad)) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"ok: {good} (pack good 1, 14 tools)",
        f"{bad}:8: reword[0].prompt: no prompt 'scaling.safty' in 'core' "
        "(did you mean 'scaling.safety'?)",
        f"{bad}:12: layout.hide_tools[0]: no tool 'nope' in 'core'",
    ]


def test_validate_an_overlay_of_an_installed_pack(
    locations: Locations, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The user has installed "region"; a new overlay of it is checked against it.
    installed = locations.user_toolpacks_dir
    installed.mkdir(parents=True)
    (installed / "region.toml").write_text(overlay_head("region"))
    team = tmp_path / "team.toml"
    team.write_text(overlay_head("team", extends="region"))
    assert run(locations, "validate", str(team)) == 0
    assert capsys.readouterr().out == f"ok: {team} (pack team 1, 14 tools)\n"


def test_validate_a_changed_copy_of_an_installed_pack(
    locations: Locations, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The file given wins over the installed pack with the same id.
    installed = locations.user_toolpacks_dir
    installed.mkdir(parents=True)
    (installed / "region.toml").write_text(overlay_head("region"))
    draft = tmp_path / "region.toml"
    draft.write_text(overlay_head("region") + "oops = 1\n")
    assert run(locations, "validate", str(draft)) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{draft}:6: pack.oops: unknown key")
    # The problems are the report, on stdout; the failure is one line on stderr.
    assert captured.err == "sessionkit: Problems found; each is listed above.\n"


def test_validate_missing_paths_and_folders(
    locations: Locations, tmp_path: Path, packs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(locations, "validate", str(tmp_path / "nope.toml"), str(packs_dir)) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{tmp_path / 'nope.toml'}: no such file",
        f"{packs_dir}: no .toml files in this folder",
    ]


def test_validate_a_folder(
    locations: Locations, write_pack: WritePack, packs_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_pack(overlay_head("one"), "one.toml")
    write_pack(overlay_head("two"), "two.toml")
    assert run(locations, "validate", str(packs_dir)) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_list(locations: Locations, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with_extra = Locations(
        data_dir=locations.data_dir,
        config_dir=locations.config_dir,
        extra_toolpack_dirs=(EXAMPLES, tmp_path / "typo"),
    )
    assert run(with_extra, "list") == 0
    out = capsys.readouterr().out
    assert "core 1.0.0  Core practice pack" in out
    assert "northshire 2025.1  Northshire Children's Services" in out
    assert "  extends:   core" in out
    assert f"  file:      {EXAMPLES / 'northshire.toml'}" in out
    assert f"  {tmp_path / 'typo'}: toolpack folder not found" in out
    assert f"{locations.user_toolpacks_dir}  (not there)" in out


def test_list_shows_unusable_packs(
    locations: Locations, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = locations.user_toolpacks_dir
    folder.mkdir(parents=True)
    (folder / "la.toml").write_text(overlay_head(extends="cor"))
    assert run(locations, "list") == 0
    out = capsys.readouterr().out
    assert "la 1  LA pack" in out
    assert "status:    not usable" in out
    assert "extends 'cor', but no pack with that id was found (did you mean 'core'?)" in out


def test_show(locations: Locations, capsys: pytest.CaptureFixture[str]) -> None:
    with_extra = Locations(locations.data_dir, locations.config_dir, (EXAMPLES,))
    assert run(with_extra, "show", "northshire") == 0
    out = capsys.readouterr().out
    assert out.startswith("Northshire Children's Services (northshire 2025.1)\n")
    assert "Builds on: core -> northshire" in out
    assert "Hidden tools: internalised-other" in out
    assert out.index("1. Relationship check") < out.index("2. Warming the context")
    assert "Purpose: A few quick questions" in out
    assert "Avoid when:" in out and "Non-verbal:" in out
    assert '- scaling.safety (scale: 0 "not safe at all" to 10 "really safe")' in out
    assert "Asks: Thinking about home right now" in out
    assert "For a child: Show me on the line" in out
    assert "[card] Hold up or point to a card" in out


def test_show_prints_pack_text_as_data(
    locations: Locations, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = locations.user_toolpacks_dir
    folder.mkdir(parents=True)
    (folder / "la.toml").write_text(
        overlay_head()
        + '[[reword]]\nprompt = "scaling.safety"\n'
        + 'wording = "[b]Bold?[/b] \\u001b]52;c;aGk=\\u0007 [@click=app.quit]x[/]"\n'
    )
    assert run(locations, "show", "la") == 0
    out = capsys.readouterr().out
    assert "Asks: [b]Bold?[/b]  [@click=app.quit]x[/]" in out
    assert "\x1b" not in out and "\x07" not in out


def test_show_unknown_or_broken(locations: Locations, capsys: pytest.CaptureFixture[str]) -> None:
    # An unknown id is a mistake in what was asked (2); a pack with problems, a check
    # that found them (1). Either is one line.
    assert run(locations, "show", "nope") == 2
    assert capsys.readouterr().err == "sessionkit: no toolpack 'nope' (usable packs: core)\n"
    folder = locations.user_toolpacks_dir
    folder.mkdir(parents=True)
    (folder / "la.toml").write_text(overlay_head() + '[layout]\norder = ["x"]\n')
    assert run(locations, "show", "la") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("sessionkit: toolpack 'la' has problems and cannot be used: ")
    assert "layout.order[0]: no tool 'x' in 'core'" in err


def test_show_a_pack_with_several_problems_names_the_first_and_how_to_see_all(
    locations: Locations, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = locations.user_toolpacks_dir
    folder.mkdir(parents=True)
    (folder / "la.toml").write_text(
        overlay_head() + '[layout]\norder = ["x"]\nhide_tools = ["nope"]\n'
    )
    assert run(locations, "show", "la") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "(and 1 more; `sessionkit toolpack validate " in err and "la.toml` lists them)" in err


def test_new_writes_a_private_valid_scaffold(
    locations: Locations, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(locations, "new", "northshire-east") == 0
    path = locations.user_toolpacks_dir / "northshire-east.toml"
    assert capsys.readouterr().out == f"{path}\n"
    assert stat.S_IMODE(locations.user_toolpacks_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = tomllib.loads(path.read_text())
    assert data["pack"]["id"] == "northshire-east"
    assert data["pack"]["extends"] == "core"
    # It loads cleanly from where it was written, and changes nothing yet.
    catalog = load_catalog(locations.toolpack_dirs())
    assert catalog.problems == []
    assert catalog.resolve("northshire-east").tools == catalog.resolve("core").tools


def test_new_examples_work_when_uncommented(locations: Locations, tmp_path: Path) -> None:
    assert run(locations, "new", "la", "--output", str(tmp_path / "out")) == 0
    path = tmp_path / "out" / "la.toml"
    lines = path.read_text().split("\n")
    start = lines.index("# --- Examples: remove the leading '# ' to use one. ---")
    body = [
        line[2:] if line.startswith("# ") and not line.startswith("#   ") else line
        for line in lines[start + 1 :]
    ]
    body = [line for line in body if not line.endswith(":") and line != "#"]
    path.write_text("\n".join(lines[:start] + body))
    catalog = load_catalog([BUNDLED, path.parent])
    assert [str(p) for p in catalog.problems] == []
    pack = catalog.resolve("la")
    assert pack.tool("la-tool") is not None
    assert pack.find_prompt("la.warming-the-context.extra") is not None


def test_new_refuses_to_overwrite(
    locations: Locations, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "la.toml").write_text("# mine\n")
    assert run(locations, "new", "la", "--output", str(out)) == 2
    assert (out / "la.toml").read_text() == "# mine\n"
    assert "already exists; it was left as it is" in capsys.readouterr().err


def test_new_leaves_an_existing_output_folder_mode_alone(
    locations: Locations, tmp_path: Path
) -> None:
    out = tmp_path / "shared"
    out.mkdir(mode=0o755)
    os.chmod(out, 0o755)
    assert run(locations, "new", "la", "--output", str(out)) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o755


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["new", "Bad Id"], "'Bad Id' is not a valid pack id"),
        (["new", "la", "--extends", "nope"], "no toolpack 'nope'"),
        (["new", "core"], "a toolpack with id 'core' already exists"),
    ],
)
def test_new_refusals(
    locations: Locations, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(locations, *argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("sessionkit: ") and err.count("\n") == 1 and message in err
    assert not locations.user_toolpacks_dir.exists()


def test_schema_prints_json_schema(
    locations: Locations, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(locations, "schema") == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "sessionkit toolpack"
    assert schema["required"] == ["pack"]
    assert set(schema["properties"]) == {
        "pack",
        "layout",
        "tools",
        "add_prompts",
        "reword",
        "reword_tool",
    }


def test_committed_schema_copy_is_up_to_date() -> None:
    committed = (REPO / "docs" / "toolpack.schema.json").read_text(encoding="utf-8")
    assert committed == pack_json_schema_text(), (
        "docs/toolpack.schema.json is out of date: run "
        "`sessionkit toolpack schema > docs/toolpack.schema.json`"
    )


def test_toolpack_code_does_not_import_textual() -> None:
    code = (
        "import sys, sessionkit.toolpacks, sessionkit.commands.toolpack; "
        "from sessionkit.toolpacks import load_catalog; "
        f"load_catalog([__import__('pathlib').Path({str(BUNDLED)!r})]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == "[]"
