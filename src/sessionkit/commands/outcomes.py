"""`sessionkit outcomes`: anonymised movement across every case, by care-status group.

For a team or a local authority to compare outcomes without any family in the output:
no references, names, dates, ids or free text, and small groups suppressed. What is
counted and suppressed is in `sessionkit.insight.outcomes` and docs/outcomes.md.

Exit status 0 when the table was written, 2 for bad input or a database or output file
that cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sessionkit.commands.common import CommandError, locations_of, open_store, write_file

if TYPE_CHECKING:
    from sessionkit.locations import Locations

FORMATS = ("csv", "json")
DEFAULT_MIN_GROUP = 5

_DESCRIPTION = """\
Movement across every case, by care-status group, with no family in it: no references,
names, dates, ids or free text.

A series is one question answered from one perspective (who answered, on whose behalf)
within one case, one point a visit; its change is the latest answer on the scale minus
the first, when there are at least two. Goal ratings are pooled as goal.rating (0-10)
and goal attainment as goal.gas (-2 to +2), since their own ids name a goal.

Groups: "child protection plan and in care"; "child protection plan, not in care";
"in care, not on a plan"; "other". A group, or a question within a group, with fewer
than --min-group cases contributing is listed as suppressed, without numbers.
See docs/outcomes.md."""

_EPILOG = """\
CSV columns (JSON rows have the same keys; empty cells are null):
  group          the care-status group
  prompt_id      the question (toolpack prompt id, goal.rating or goal.gas);
                 empty when the whole group is suppressed
  cases          cases contributing at least one change
  series         series with a change (one a question and perspective within a case)
  mean_change    mean of the changes, two decimals
  median_change  median of the changes, two decimals
  went_up        series whose change is above 0
  stayed_same    series whose change is 0
  went_down      series whose change is below 0
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
    from sessionkit.storage.outcomes_read import read_outcome_data

    fmt = str(args.format).strip().lower()
    if fmt not in FORMATS:
        raise CommandError(f"--format must be csv or json, not {args.format!r}.")
    min_group = _parse_min_group(args.min_group)
    locations: Locations = locations_of(args)
    with open_store(locations) as store:
        cases, answers = read_outcome_data(store)
    rows = compute_outcomes(cases, (Answer._make(a) for a in answers), min_group)
    text = to_csv(rows) if fmt == "csv" else to_json(rows, min_group)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    write_file(args.output, text, "team outcomes")
    return 0


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
