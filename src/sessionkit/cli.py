"""The `sessionkit` command: the app itself, and sub-commands for scripts and authors.

Each sub-command lives in `sessionkit.commands` and adds itself to the parser; this module
only builds the parser, resolves the folders and runs the chosen command (or the app).
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
from sessionkit.locations import resolve

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:

    from sessionkit.commands import (
        cases,
        check,
        demo,
        export,
        locate,
        movement,
        outcomes,
        plan,
        purge,
        toolpack,
    )
    from sessionkit.commands.common import common_options, parser_class

    parser = parser_class()(
        prog="sessionkit",
        description="A terminal companion for direct work with children and families. "
        "Run without a command to open the app.",
        parents=[common_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"sessionkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_options(suppress=True)
    # In the order `sessionkit --help` lists them.
    for command in (
        locate,
        demo,
        cases,
        toolpack,
        plan,
        movement,
        export,
        purge,
        outcomes,
        check,
    ):
        command.add_parser(sub, parents=[common])
    return parser


def run_app(args: argparse.Namespace) -> int:
    from sessionkit.commands.common import open_store

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
    from sessionkit.commands.common import run

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
    return run(getattr(args, "func", run_app), args)
