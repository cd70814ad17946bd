"""`sessionkit plan --case REF [--output FILE]`: a case's visit plan as Markdown.

Prints the case's current draft plan, or its latest plan when there is no draft, so it
can be read, piped or printed on its own. `--output` writes it to a private (0600) file
instead, all or nothing. Exit status 0 when a plan was shown, 1 when the case has no plan
yet, 2 when the case is not there or the data or the output file cannot be used.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sessionkit.commands.common import (
    NOTHING_DONE,
    CommandError,
    locations_of,
    open_store,
    usable_pack,
    write_file,
    write_out,
)

if TYPE_CHECKING:
    from sessionkit.domain.models import VisitPlan
    from sessionkit.locations import Locations
    from sessionkit.storage import Store


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: Sequence[argparse.ArgumentParser] = (),
) -> None:
    """Register `plan` on the main parser's sub-parsers."""
    parser = subparsers.add_parser(
        "plan",
        parents=list(parents),
        help="print a case's visit plan as Markdown",
        description="Print the case's draft visit plan (or its latest plan) as Markdown, "
        "or write it to a private file with --output.",
    )
    parser.add_argument("--case", required=True, metavar="REF", help="the case reference")
    parser.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="write the plan to FILE (readable by you only) instead of printing it",
    )
    parser.set_defaults(func=run_plan)


def run_plan(args: argparse.Namespace) -> int:
    from sessionkit.export.plan_markdown import render_plan

    locations: Locations = locations_of(args)
    with open_store(locations) as store:
        case = store.find_case(args.case)
        if case is None or case.id is None:
            raise CommandError(f"No case {args.case}.")
        plan = _current_plan(store, case.id)
        if plan is None:
            raise CommandError(f"No plan for {case.reference} yet.", NOTHING_DONE)
        goals = store.list_goals(case.id)
        members = store.list_members(case.id, include_inactive=True)
        visit_pack_id = store.get_visit(plan.visit_id).pack_id if plan.visit_id else ""
    pack = usable_pack(locations, visit_pack_id)
    text = render_plan(case, plan, goals, members, pack)
    if args.output is None:
        write_out(text)
        return 0
    write_file(args.output, text, f"the plan for {case.reference}")
    return 0


def _current_plan(store: Store, case_id: int) -> VisitPlan | None:
    """The draft being prepared, else the most recently created plan."""
    draft = store.get_draft_plan(case_id)
    if draft is not None:
        return draft
    plans = store.list_plans(case_id)
    return plans[-1] if plans else None
