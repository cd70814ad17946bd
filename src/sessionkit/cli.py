"""The `sessionkit` command: the app itself, and sub-commands for scripts and authors.

Imports are kept inside the functions that need them: `sessionkit --version` or
`sessionkit locate` should not pay for Textual or pydantic, and the app's start-up
is measured against a bare Textual app.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from sessionkit import __version__
from sessionkit.locations import Locations, resolve

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from sessionkit.storage import Store
    from sessionkit.toolpacks.schema import ResolvedPack


class CommandError(Exception):
    """A failure to report as one line on stderr, with a non-zero exit."""


def _common_options(*, suppress: bool) -> argparse.ArgumentParser:
    import argparse

    # The same options are accepted before or after the sub-command; on sub-commands the
    # defaults are suppressed so they never overwrite a value given before it.
    default = argparse.SUPPRESS if suppress else None
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where cases are stored (default: the platform's user data folder; "
        "or set SESSIONKIT_DATA_DIR)",
    )
    parent.add_argument(
        "--config-dir",
        metavar="DIR",
        default=default,
        help="where settings, toolpacks and themes are read from (or SESSIONKIT_CONFIG_DIR)",
    )
    parent.add_argument(
        "--toolpacks",
        metavar="DIR",
        action="append",
        default=default,
        help="an extra folder of toolpacks (may be repeated; or SESSIONKIT_TOOLPACK_PATH)",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="sessionkit",
        description="A terminal companion for direct work with children and families. "
        "Run without a command to open the app.",
        parents=[_common_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"sessionkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common_options(suppress=True)

    locate = sub.add_parser("locate", parents=[common], help="print where sessionkit keeps things")
    locate.set_defaults(func=cmd_locate)

    demo = sub.add_parser(
        "demo", parents=[common], help="add the fictional demo family (once; safe to repeat)"
    )
    demo.set_defaults(func=cmd_demo)

    cases = sub.add_parser("cases", parents=[common], help="list cases")
    cases.add_argument("--format", choices=["table", "json"], default="table")
    cases.set_defaults(func=cmd_cases)

    from sessionkit import cli_export, cli_plan, cli_toolpack

    cli_toolpack.add_parser(sub, parents=[common])
    cli_plan.add_parser(sub, parents=[common])
    from sessionkit import cli_movement

    cli_movement.add_parser(sub, parents=[common])
    cli_export.add_parser(sub, parents=[common])
    from sessionkit import cli_outcomes, cli_purge

    cli_purge.add_parser(sub, parents=[common])
    cli_outcomes.add_parser(sub, parents=[common])
    return parser


def open_store(locations: Locations) -> Store:
    from sessionkit.storage import Store, StoreError

    try:
        return Store.open(locations.database)
    except StoreError as exc:
        raise CommandError(str(exc)) from None


def write_file(path: Path, text: str, what: str) -> None:
    """Write an export to `path`, readable by its owner only and all or nothing, then
    say so; a path that cannot be written is one line, with nothing left behind."""
    from sessionkit.export.files import write_private

    try:
        write_private(path, text)
    except OSError as error:
        reason = error.strerror or "cannot write the file"
        raise CommandError(f"Cannot write {path} ({reason}); nothing was written.") from None
    print(f"Wrote {what} to {path}")


def pack_for(locations: Locations, visit_pack_id: str = "") -> ResolvedPack | None:
    """The pack a visit used, else the one chosen in settings, else the bundled default.

    None when none of them can be loaded; callers say what that means for them.
    """
    from sessionkit.settings import load_settings
    from sessionkit.toolpacks import DEFAULT_PACK_ID, catalog_for

    catalog = catalog_for(locations)
    chosen = load_settings(locations.settings_file)[0].toolpack
    for pack_id in (visit_pack_id, chosen, DEFAULT_PACK_ID):
        if pack_id:
            pack = catalog.get(pack_id)
            if pack is not None:
                return pack
    return None


def cmd_locate(args: argparse.Namespace) -> int:
    loc: Locations = args.locations
    rows = [
        ("data", loc.data_dir),
        ("database", loc.database),
        ("backups", loc.backups_dir),
        ("exports", loc.exports_dir),
        ("config", loc.config_dir),
        ("settings", loc.settings_file),
        ("toolpacks (bundled)", loc.bundled_toolpacks_dir),
        ("toolpacks (yours)", loc.user_toolpacks_dir),
        *(("toolpacks (extra)", p) for p in loc.extra_toolpack_dirs),
        ("themes (bundled)", loc.bundled_themes_dir),
        ("themes (yours)", loc.user_themes_dir),
    ]
    width = max(len(name) for name, _ in rows)
    for name, path in rows:
        print(f"{name:<{width}}  {path}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from sessionkit.demo import add_demo

    with open_store(args.locations) as store:
        case = add_demo(store)
    if case is None:
        print("The demo family is already there; nothing added.")
    else:
        print(f"Added the fictional demo family {case.reference}.")
    return 0


def cmd_cases(args: argparse.Namespace) -> int:
    with open_store(args.locations) as store:
        summaries = store.list_cases()
    if args.format == "json":
        import json

        doc = [
            {
                "reference": s.reference,
                "care_status": sorted(s.care_status),
                "opened_on": s.opened_on.isoformat(),
                "closed_on": s.closed_on.isoformat() if s.closed_on else None,
                "members": s.member_count,
                "visits": s.visit_count,
                "last_visit": s.last_visit_at.isoformat() if s.last_visit_at else None,
                "unfinished_visit": s.unfinished_visit_id is not None,
            }
            for s in summaries
        ]
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    if not summaries:
        print("No cases yet. Run `sessionkit demo` to add a fictional family to look at.")
        return 0
    header = ("REFERENCE", "CARE STATUS", "PEOPLE", "VISITS", "LAST VISIT")
    rows = [
        (
            s.reference,
            s.care_status_label,
            str(s.member_count),
            str(s.visit_count) + (" (1 unfinished)" if s.unfinished_visit_id else ""),
            s.last_visit_at.strftime("%d %b %Y") if s.last_visit_at else "none yet",
        )
        for s in summaries
    ]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


def run_app(args: argparse.Namespace) -> int:
    # Opened before the terminal switches to the app, so a bad database is a plain
    # message in the shell rather than a broken screen.
    store = open_store(args.locations)
    try:
        from sessionkit.ui.app import SessionkitApp

        app = SessionkitApp(store=store, locations=args.locations)
        app.run()
        return app.return_code or 0
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments:
        args = build_parser().parse_args(arguments)
        args.locations = resolve(
            data_dir=args.data_dir, config_dir=args.config_dir, toolpack_dirs=args.toolpacks
        )
    else:
        # Plain `sessionkit`, the usual start: the app needs no parser (argparse and the
        # sub-commands' parsers cost about 10 ms of a start-up measured against a budget).
        args = SimpleNamespace(locations=resolve())  # type: ignore[assignment]
    func = getattr(args, "func", run_app)
    try:
        result: int = func(args)
        return result
    except CommandError as exc:
        print(f"sessionkit: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        # A storage failure after opening (a write that cannot get through a lock, a disk
        # that fills up) is still one plain line; anything else is a bug and should show.
        from sessionkit.storage import StoreError

        if isinstance(exc, StoreError):
            print(f"sessionkit: {exc}", file=sys.stderr)
            return 2
        raise
