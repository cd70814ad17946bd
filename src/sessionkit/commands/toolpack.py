"""`sessionkit toolpack ...`: validate, list, show, scaffold and describe toolpacks.

Output is plain text; pack text was cleaned of control characters when it was loaded, so
it is printed as data. A failure is one line on stderr (`commands.common`): exit status 1
when a check found problems (validate, or a pack that cannot be used), 2 for a mistake in
what was asked (no such pack, a bad id, a pack that already exists, a folder that cannot
be written).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sessionkit.commands.common import (
    DONE,
    NOTHING_DONE,
    CommandError,
    locations_of,
    say,
    write_out,
)
from sessionkit.locations import ensure_private_dir
from sessionkit.toolpacks.ids import DEFAULT_PACK_ID, PACK_SUFFIX

if TYPE_CHECKING:
    from sessionkit.toolpacks.catalog import Catalog, PackInfo


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: Sequence[argparse.ArgumentParser] = (),
) -> None:
    """Register `toolpack` and its sub-commands on the main parser's sub-parsers.

    `parents` (the main CLI's common options, such as --config-dir and --toolpacks) are
    accepted after `toolpack` and after each sub-command.
    """
    common = list(parents)
    parser = subparsers.add_parser(
        "toolpack",
        parents=common,
        help="check, list, show and create toolpacks",
        description="Toolpacks are TOML files defining tools and prompts; see docs/toolpacks.md.",
    )
    commands = parser.add_subparsers(dest="toolpack_command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        parents=common,
        help="check pack files and report every problem",
        description="Check pack files. An overlay is checked against the packs it extends, "
        "found in the usual folders. Exit status 0 when every file is valid, 1 otherwise.",
    )
    validate.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="pack files, or folders of them"
    )
    validate.set_defaults(func=run_validate)

    listing = commands.add_parser(
        "list", parents=common, help="list the packs found and any problems"
    )
    listing.set_defaults(func=run_list)

    show = commands.add_parser("show", parents=common, help="show a pack as readable text, merged")
    show.add_argument("pack_id", metavar="ID", help="pack id, e.g. core")
    show.set_defaults(func=run_show)

    new = commands.add_parser(
        "new",
        parents=common,
        help="write a new overlay to fill in",
        description="Write ID.toml, a valid pack that extends another, with commented "
        "examples. It goes in your toolpacks folder unless --output is given, and an "
        "existing file is never overwritten.",
    )
    new.add_argument("pack_id", metavar="ID", help="id of the new pack, e.g. northshire")
    new.add_argument(
        "--extends",
        default=DEFAULT_PACK_ID,
        metavar="BASE",
        help=f"the pack it builds on (default: {DEFAULT_PACK_ID})",
    )
    new.add_argument(
        "--output",
        type=Path,
        metavar="DIR",
        help="folder to write to (default: your toolpacks folder)",
    )
    new.set_defaults(func=run_new)

    schema = commands.add_parser(
        "schema", parents=common, help="print the JSON Schema of a pack file"
    )
    schema.set_defaults(func=run_schema)


# --- validate -------------------------------------------------------------------------


def _targets(paths: list[Path]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    errors: list[str] = []
    for path in paths:
        if path.is_dir() and path.suffix != PACK_SUFFIX:
            found = sorted(path.glob(f"*{PACK_SUFFIX}"))
            if not found:
                errors.append(f"{path}: no {PACK_SUFFIX} files in this folder")
            files += found
        elif not path.exists():
            errors.append(f"{path}: no such file")
        else:
            files.append(path)
    return files, errors


# Each command imports the pack machinery itself: building the parser must stay cheap,
# since every `sessionkit` start builds it.


def run_validate(args: argparse.Namespace) -> int:
    from sessionkit.toolpacks.catalog import file_identity, load_catalog

    files, errors = _targets(list(args.paths))
    for line in errors:
        say(line)
    # The files come first, so they win over an installed pack with the same id.
    catalog = load_catalog([*files, *locations_of(args).toolpack_dirs()])
    ok = not errors
    for path in files:
        here = file_identity(path)
        problems = [p for p in catalog.problems if file_identity(p.path) == here]
        for problem in problems:
            say(problem)
        if problems:
            ok = False
            continue
        info = next((i for i in catalog.describe_all() if file_identity(i.path) == here), None)
        if info is None or not info.usable:
            say(f"{path}: was not loaded")
            ok = False
            continue
        say(f"ok: {path} (pack {info.id} {info.version}, {info.tool_count} tools)")
    if not ok:
        raise CommandError("Problems found; each is listed above.", NOTHING_DONE)
    return DONE


# --- list -----------------------------------------------------------------------------


def _pack_lines(info: PackInfo) -> list[str]:
    lines = [f"{info.id} {info.version}  {info.name}"]
    if info.publisher:
        lines.append(f"  publisher: {info.publisher}")
    lines.append(f"  extends:   {info.extends or '(nothing: a base pack)'}")
    lines.append(f"  file:      {info.path}")
    if info.usable:
        lines.append(f"  tools:     {info.tool_count}")
    else:
        lines.append(f"  status:    not usable: {len(info.problems) or 'see'} problem(s) below")
    return lines


def run_list(args: argparse.Namespace) -> int:
    from sessionkit.toolpacks.catalog import catalog_for

    locations = locations_of(args)
    catalog = catalog_for(locations)
    say("Folders searched, in order:")
    for folder in locations.toolpack_dirs():
        note = "" if folder.is_dir() else "  (not there)"
        say(f"  {folder}{note}")
    say()
    infos = catalog.describe_all()
    if not infos:
        say("No toolpacks found.")
    for n, info in enumerate(infos):
        if n:
            say()
        say("\n".join(_pack_lines(info)))
    if catalog.problems:
        say()
        say(f"Problems ({len(catalog.problems)}):")
        for problem in catalog.problems:
            say(f"  {problem}")
    return DONE


# --- show -----------------------------------------------------------------------------


def _unknown_pack(catalog: Catalog, pack_id: str) -> CommandError:
    """Why `pack_id` cannot be used, as the error to raise."""
    if pack_id in catalog.sources:
        problems = catalog.describe(pack_id).problems
        path = catalog.sources[pack_id].path
        first = f": {problems[0]}" if problems else ""
        more = (
            f" (and {len(problems) - 1} more; `sessionkit toolpack validate {path}` lists them)"
            if len(problems) > 1
            else ""
        )
        return CommandError(
            f"toolpack '{pack_id}' has problems and cannot be used{first}{more}", NOTHING_DONE
        )
    known = ", ".join(catalog.pack_ids()) or "none"
    return CommandError(f"no toolpack '{pack_id}' (usable packs: {known})")


def run_show(args: argparse.Namespace) -> int:
    from sessionkit.toolpacks.catalog import catalog_for
    from sessionkit.toolpacks.render import render_pack

    catalog = catalog_for(locations_of(args))
    pack = catalog.get(args.pack_id)
    if pack is None:
        raise _unknown_pack(catalog, args.pack_id)
    write_out(render_pack(pack))
    return DONE


# --- new ------------------------------------------------------------------------------


def run_new(args: argparse.Namespace) -> int:
    from sessionkit.toolpacks.catalog import catalog_for
    from sessionkit.toolpacks.scaffold import ScaffoldError, check_pack_id, write_scaffold

    locations = locations_of(args)
    try:
        check_pack_id(args.pack_id)
    except ScaffoldError as exc:
        raise CommandError(str(exc)) from None
    catalog = catalog_for(locations)
    base = None
    if args.extends:
        base = catalog.get(args.extends)
        if base is None:
            raise _unknown_pack(catalog, args.extends)
    if args.pack_id in catalog.sources:
        raise CommandError(
            f"a toolpack with id '{args.pack_id}' already exists: "
            f"{catalog.sources[args.pack_id].path}"
        )
    try:
        if args.output is None:
            folder = locations.user_toolpacks_dir
            ensure_private_dir(folder)
        else:
            folder = args.output
            # Only a folder created here is made private: never chmod someone's existing one.
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = write_scaffold(folder, args.pack_id, base)
    except ScaffoldError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"could not create the pack: {exc.strerror or exc}") from None
    say(path)
    return DONE


# --- schema ---------------------------------------------------------------------------


def run_schema(args: argparse.Namespace) -> int:
    from sessionkit.toolpacks.schema import pack_json_schema_text

    write_out(pack_json_schema_text())
    return DONE
