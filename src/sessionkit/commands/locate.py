"""`sessionkit locate`: where data, settings, exports, toolpacks and themes live.

Prints paths only: nothing is created, so it is safe to run before anything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sessionkit.commands.common import DONE, locations_of, say

if TYPE_CHECKING:
    import argparse

    from sessionkit.locations import Locations


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: Sequence[argparse.ArgumentParser] = (),
) -> None:
    """Register `locate` on the main parser's sub-parsers."""
    parser = subparsers.add_parser(
        "locate", parents=list(parents), help="print where sessionkit keeps things"
    )
    parser.set_defaults(func=run_locate)


def run_locate(args: argparse.Namespace) -> int:
    loc: Locations = locations_of(args)
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
        say(f"{name:<{width}}  {path}")
    return DONE
