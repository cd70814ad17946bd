"""`sessionkit check`: find what is wrong with the database, changing nothing.

Runs SQLite's integrity check, checks every table and column sessionkit reads, and
decodes every row as the app would. Each problem is one line naming the table and row,
never what the row holds. Exit 0 when nothing is wrong, 1 when something is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sessionkit.commands.common import DONE, NOTHING_DONE, locations_of, say

if TYPE_CHECKING:
    import argparse

_DESCRIPTION = """\
Check the database for damage without changing it: SQLite's integrity check, the tables
and columns sessionkit reads, and every row decoded as the app decodes it. Each problem
is one line naming the table and the row (never what it holds). Exit 0 when nothing is
wrong, 1 when something is. To repair, restore a copy from the backups folder (see
`sessionkit locate`)."""


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: Sequence[argparse.ArgumentParser] = (),
) -> None:
    """Register `check` on the main parser's sub-parsers."""
    parser = subparsers.add_parser(
        "check",
        parents=list(parents),
        help="check the database for damage, changing nothing",
        description=_DESCRIPTION,
    )
    parser.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    from sessionkit.storage.check import check_database

    path = locations_of(args).database
    report = check_database(path)
    for note in report.notes:
        say(note)
    for problem in report.problems:
        say(problem)
    read = ", ".join(f"{count} {table}" for table, count in sorted(report.rows.items()))
    if report.clean:
        if report.rows:
            say(f"No problems found in {path} ({read} rows read).")
        return DONE
    problems = len(report.problems)
    say(f"{problems} problem{'s' if problems != 1 else ''} found in {path}.")
    say("Restore a copy from the backups folder (see `sessionkit locate`) to repair it.")
    return NOTHING_DONE
