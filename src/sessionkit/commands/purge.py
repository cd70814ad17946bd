"""`sessionkit purge`: erase a case, or every case closed before a date, for good.

Erasing is for when the record must no longer be kept (a retention period has ended, a
request to erase has been agreed). It cannot be undone, so the command first lists what
will go and asks for it to be typed back: the reference for one case, the number of
cases for several. `--yes` skips the question for scripts; without it, and without a
terminal to ask in, nothing is erased.

Erased means gone from sessionkit's own files: the database, its -wal journal and the
copies in the backups folder (each backup that holds the case is rewritten without it,
so it still restores every other case). Files exported by hand and copies made by other
software are not touched, and the command says so. See `sessionkit.storage.erase` for
what is done to each file and where it stops.

What is to be erased is written to the erasure journal before anything is erased, so a
purge cut short is finished by the next one: `sessionkit purge` alone finishes it, and
any other purge finishes it first. A case the database no longer holds but a backup
still does is found in the backups when it is named with --case.

Exit status: 0 erased (or nothing to erase); 1 not confirmed, nothing erased; 2 bad
input or the database could not be used, nothing erased; 3 erased, but a copy may be
left somewhere the output names.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sessionkit.commands.common import (
    DONE,
    LEFT_BEHIND,
    NOTHING_DONE,
    CommandError,
    locations_of,
    open_store,
    say,
)
from sessionkit.domain.text import terminal_text

if TYPE_CHECKING:
    from sessionkit.locations import Locations
    from sessionkit.storage import Store
    from sessionkit.storage.erase import PurgeCandidate, PurgeReport
    from sessionkit.storage.erase_journal import Journal

_DESCRIPTION = """\
Erase a case, or every case closed before a date, and everything recorded under it:
people, goals, plans, visits and answers. The database is compacted and its journal
emptied so the words do not stay in free space, and every backup in the backups folder
that holds a copy is rewritten without it. It cannot be undone.

You are shown what will go and asked to type it back (the reference, or the number of
cases); --yes skips the question, for scripts.

A purge that was interrupted is finished by the next one, without asking again:
`sessionkit purge` on its own finishes it. A case only a backup still holds is found
there when named with --case.

Exit status: 0 erased or nothing to erase; 1 not confirmed; 2 bad input, unknown
reference or database busy (nothing erased); 3 erased, but a copy may be left where the
output says."""


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: Sequence[argparse.ArgumentParser] = (),
) -> None:
    """Register `purge` on the main parser's sub-parsers."""
    parser = subparsers.add_parser(
        "purge",
        parents=list(parents),
        help="erase a case, or cases closed before a date, for good",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Checked in run_purge rather than by argparse, so a mistake is one line, not usage.
    parser.add_argument("--case", metavar="REF", help="the reference of the case to erase")
    parser.add_argument(
        "--closed-before",
        metavar="DATE",
        help="erase every case closed before this date (YYYY-MM-DD)",
    )
    parser.add_argument(
        "--yes", action="store_true", help="do not ask for confirmation (for scripts)"
    )
    parser.set_defaults(func=run_purge)


def run_purge(args: argparse.Namespace) -> int:
    from sessionkit.storage.erase_journal import journal_path, read_journal

    if args.case is not None and args.closed_before is not None:
        raise CommandError("purge needs either --case REF or --closed-before DATE (not both).")
    before = None if args.closed_before is None else _parse_day(args.closed_before)
    locations: Locations = locations_of(args)
    # An erasure that was interrupted was confirmed when it began: it is finished first,
    # with no question asked, whatever else this purge was asked to do.
    journal = read_journal(journal_path(locations.database))
    named = args.case is not None or before is not None
    if not named and journal is None:
        raise CommandError(
            "purge needs either --case REF or --closed-before DATE; "
            "no interrupted erasure is waiting to be finished."
        )
    if journal is None:
        _need_terminal(args)
    with open_store(locations) as store:
        if journal is not None:
            _finish_interrupted(store, locations)
            if not named:
                return DONE
            _need_terminal(args)
        return _purge_named(args, store, locations, before, journal)


def _finish_interrupted(store: Store, locations: Locations) -> None:
    from sessionkit.storage.erase import finish_pending

    report = finish_pending(store, locations.backups_dir)
    if report is None:
        return
    say("An erasure was interrupted; finishing it now.")
    _print_report(report)
    if not report.complete:
        raise CommandError(_left_behind(report, locations.database), LEFT_BEHIND)
    say("The interrupted erasure is finished.")


def _purge_named(
    args: argparse.Namespace,
    store: Store,
    locations: Locations,
    before: date | None,
    journal: Journal | None,
) -> int:
    from sessionkit.domain.text import clean_line
    from sessionkit.storage.codec import reference_key
    from sessionkit.storage.erase import (
        case_by_reference,
        cases_closed_before,
        cases_in_backups,
        purge,
        purge_from_backups,
    )

    erase = purge
    if before is None:
        found = case_by_reference(store, args.case)
        shown = clean_line(args.case)
        if found is not None:
            cases = [found]
        else:
            # Gone from the database, but a backup taken before may still hold it.
            cases = cases_in_backups(locations.backups_dir, args.case)
            if not cases:
                if journal is not None and journal.names(reference_key(args.case)):
                    say(f"{shown} was in the interrupted erasure: it is gone.")
                    return DONE
                raise CommandError(
                    f"No case {shown} in the database or its backups; "
                    "`sessionkit cases` lists them."
                )
            say(f"{shown} is no longer in the database, but backups still hold it.")
            erase = purge_from_backups
    else:
        cases = cases_closed_before(store, before)
        if not cases:
            say(f"No cases closed before {_day(before)}; nothing to erase.")
            return DONE
    _show(cases)
    if not args.yes and not _confirmed(cases):
        raise CommandError("Not confirmed; nothing was erased.", NOTHING_DONE)
    report = erase(store, cases, locations.backups_dir)
    _print_report(report)
    _print_exports(exported_notes(locations.exports_dir, [c.reference for c in report.erased]))
    if not report.complete:
        raise CommandError(_left_behind(report, locations.database), LEFT_BEHIND)
    return DONE


def _need_terminal(args: argparse.Namespace) -> None:
    if not args.yes and not sys.stdin.isatty():
        raise CommandError(
            "purge asks you to type the reference back: run it in a terminal, or add --yes."
        )


def _left_behind(report: PurgeReport, database: Path) -> str:
    """Where a copy may remain, in the one line a failure gets."""
    places = [str(path) for path in report.backups_left]
    if not report.database_clean:
        places.insert(0, f"{database} and its -wal journal, until every sessionkit is closed")
    return "Erased, but a copy may remain in " + "; ".join(places) + "."


def exported_notes(folder: Path, references: Sequence[str]) -> list[Path]:
    """Case notes saved from the app under these references' names in the exports folder.

    Listed, never deleted: a file name made safe can be shared by two references
    ("AB 1" and "AB_1"), and a note may have been edited or sent on since.
    """
    from sessionkit.export.case_note import safe_file_stem

    if not folder.is_dir():
        return []
    found: set[Path] = set()
    for reference in references:
        found.update(folder.glob(f"{safe_file_stem(reference)}-visit-*.md"))
    return sorted(found)


def _print_exports(paths: Sequence[Path]) -> None:
    if not paths:
        return
    say("Case notes saved from sessionkit under this name are still in the exports folder;")
    say("delete them too if they must go (another case with a similar reference could share")
    say("the name, so they are left for you to check):")
    for path in paths:
        say(f"  {path}")


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            f"--closed-before needs a date written YYYY-MM-DD, such as 2024-03-31; "
            f"{text!r} is not one."
        ) from None


def _show(cases: Sequence[PurgeCandidate]) -> None:
    say("This erases, for good:")
    width = max(len(c.reference) for c in cases)
    for case in cases:
        closed = f"closed {_day(case.closed_on)}" if case.closed_on else "open"
        say(f"  {case.reference:<{width}}  {closed}, {_counts(case)}")


def _confirmed(cases: Sequence[PurgeCandidate]) -> bool:
    if len(cases) == 1:
        expected = cases[0].reference
        question = f"Type the reference ({expected}) to erase it, or press Enter to keep it: "
    else:
        expected = str(len(cases))
        question = f"Type {expected} to erase these {expected} cases, or press Enter to keep them: "
    try:
        typed = input(terminal_text(question))  # the reference is shown as data
    except EOFError:
        say()
        return False
    return typed.strip().casefold() == expected.casefold()


def _print_report(report: PurgeReport) -> None:
    for case in report.erased:
        say(f"Erased {case.reference}: {_counts(case)}.")
    if report.database_clean:
        say("The database was compacted and its journal emptied: no copy is left in them.")
    else:
        say(
            "Another sessionkit was using the database, so old copies may stay in its file "
            "and its -wal journal until every sessionkit is closed (closing folds them in)."
        )
    if report.backups_rewritten:
        count = len(report.backups_rewritten)
        say(f"Rewrote {_plural(count, 'backup')} without what was erased (other cases kept):")
        for path in report.backups_rewritten:
            say(f"  {path}")
    elif report.backups_checked:
        say(f"Checked {_plural(report.backups_checked, 'backup')}: none held a copy.")
    else:
        say("There were no backups to check.")
    for path in report.backups_left:
        say(
            f"Could not read or rewrite the backup {path}; it may still hold a copy: "
            "delete it if you no longer need it."
        )
    say(
        "Not touched: files you exported (plans, case notes) and copies made by other "
        "software, such as backups of the whole computer."
    )


def _counts(case: PurgeCandidate) -> str:
    return ", ".join(
        (
            _plural(case.people, "person", "people"),
            _plural(case.visits, "visit"),
            _plural(case.answers, "answer"),
        )
    )


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"
