"""`sessionkit outcomes`: anonymised movement across every case, by care-status group.

For a team or a local authority to compare outcomes without any family in the output:
no references, names, dates, ids or free text, and small groups suppressed. What is
counted and suppressed is in `sessionkit.insight.outcomes` and docs/outcomes.md.

Exit status 0 when the table was written, 2 for bad input or a database or output file
that cannot be used.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sessionkit.commands.common import CommandError, locations_of, write_file, write_out

if TYPE_CHECKING:
    from sessionkit.locations import Locations
    from sessionkit.storage import Store

FORMATS = ("csv", "json")
DEFAULT_MIN_GROUP = 5

_DESCRIPTION = """\
Movement across every case, by care-status group, with no family in it: no references,
names, dates, ids or free text.

A series is one question answered from one perspective (who answered, on whose behalf)
within one case, one point a visit; its change is the latest answer on the scale minus
the first, when there are at least two. Goal ratings are pooled as goal.rating (0-10)
and goal attainment as goal.gas (-2 to +2), since their own ids name a goal; questions
not in an installed toolpack are pooled as "other questions".

Groups: "child protection plan and in care"; "child protection plan, not in care";
"in care, not on a plan"; "other". A group, or a question within a group, with fewer
than --min-group cases contributing is listed as suppressed, without numbers. In a
shown row, a count below 5 is left empty and every other count is rounded to the
nearest 5; no mean or median is given, since they could give away one family's change.
The database is only read. See docs/outcomes.md."""

_EPILOG = """\
CSV columns (JSON rows have the same keys; empty cells are null):
  group          the care-status group
  prompt_id      the question (toolpack prompt id, goal.rating, goal.gas or
                 "other questions"); empty when the whole group is suppressed
  cases          cases contributing at least one change
  series         series with a change (one a question and perspective within a case)
  mean_change    always empty (kept for older readers; see docs/outcomes.md)
  median_change  always empty (kept for older readers; see docs/outcomes.md)
  went_up        series whose change is above 0
  stayed_same    series whose change is 0
  went_down      series whose change is below 0
  (counts are rounded to the nearest 5; an empty count is below 5, maybe 0)
  suppressed     why the row has no numbers; empty when it has them"""


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: Sequence[argparse.ArgumentParser] = (),
) -> None:
    """Register `outcomes` on the main parser's sub-parsers."""
    parser = subparsers.add_parser(
        "outcomes",
        parents=list(parents),
        help="anonymised movement across cases, by care-status group",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Checked in run_outcomes rather than by argparse, so a mistake is one line.
    parser.add_argument(
        "--format", default="csv", metavar="csv|json", help="output format (default: csv)"
    )
    parser.add_argument(
        "--min-group",
        default=str(DEFAULT_MIN_GROUP),
        metavar="N",
        help=f"fewest cases a row needs to be shown; {DEFAULT_MIN_GROUP} or more "
        f"(default: {DEFAULT_MIN_GROUP})",
    )
    parser.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE (readable by you only) instead of printing",
    )
    parser.set_defaults(func=run_outcomes)


def run_outcomes(args: argparse.Namespace) -> int:
    from sessionkit.export.outcomes import to_csv, to_json
    from sessionkit.insight.outcomes import Answer, compute_outcomes
    from sessionkit.storage.outcomes_read import OutcomeData, read_outcome_data

    fmt = str(args.format).strip().lower()
    if fmt not in FORMATS:
        raise CommandError(f"--format must be csv or json, not {args.format!r}.")
    min_group = _parse_min_group(args.min_group)
    locations: Locations = locations_of(args)
    store = open_store(locations)
    if store is None:  # no database yet: every group is listed, all suppressed
        data: OutcomeData = ([], [])
    else:
        with store:
            data = read_outcome_data(store)
    cases, answers = data
    known = _known_prompts(locations)
    answers_in = (Answer._make(a) for a in answers)
    rows = compute_outcomes(cases, answers_in, min_group, known_prompts=known)
    text = to_csv(rows) if fmt == "csv" else to_json(rows, min_group)
    if args.output is None:
        write_out(text)
        return 0
    write_file(args.output, text, "team outcomes")
    return 0


def open_store(locations: Locations) -> Store | None:
    """The database opened read-only, or None when there is none yet.

    Outcomes only read, so they must work on a full disk or from a folder that cannot be
    written; unlike the other commands nothing is created, migrated or chmodded.
    """
    from sessionkit.storage import StoreError
    from sessionkit.storage.outcomes_read import open_for_outcomes

    try:
        return open_for_outcomes(locations.database)
    except StoreError as error:
        raise CommandError(str(error)) from None


def _known_prompts(locations: Locations) -> frozenset[str]:
    """The prompt ids of every installed pack: the only ids outcomes may name."""
    from sessionkit.toolpacks.catalog import catalog_for

    catalog = catalog_for(locations)
    known: set[str] = set()
    for pack_id in catalog.pack_ids():
        pack = catalog.get(pack_id)
        if pack is not None:
            known.update(p.id for t in (*pack.tools, *pack.hidden) for p in t.prompts)
    return frozenset(known)


def _parse_min_group(text: str) -> int:
    try:
        value = int(str(text).strip())
    except ValueError:
        value = 0
    if value < DEFAULT_MIN_GROUP:
        raise CommandError(
            f"--min-group must be a whole number, {DEFAULT_MIN_GROUP} or more "
            f"(fewer could point to a family), not {text!r}."
        )
    return value
