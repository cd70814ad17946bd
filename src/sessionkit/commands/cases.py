"""`sessionkit cases [--format table|json]`: the cases in the store, one line each.

`sessionkit cases close REF [--reason WHY] [--on DATE]`, `cases reopen REF` and
`cases care REF --status S [--status S] [--on DATE] [--note TEXT]`: close or reopen a
case, or change its care status from a date, as the case screen does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sessionkit.commands.common import DONE, CommandError, locations_of, open_store, say

if TYPE_CHECKING:
    import argparse

    from sessionkit.domain.summary import CaseSummary


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: Sequence[argparse.ArgumentParser] = (),
) -> None:
    """Register `cases` on the main parser's sub-parsers."""
    parser = subparsers.add_parser("cases", parents=list(parents), help="list cases")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.set_defaults(func=run_cases)
    actions = parser.add_subparsers(title="changing a case", metavar="ACTION")

    close = actions.add_parser("close", parents=list(parents), help="close a case")
    close.add_argument("reference")
    close.add_argument(
        "--reason",
        default="needs met",
        help="why: needs met, moved away, stepped down to early help, transferred, "
        "or your own words (default: needs met)",
    )
    close.add_argument("--on", help="the day it closed, YYYY-MM-DD (default: today)")
    close.set_defaults(func=run_close)

    reopen = actions.add_parser("reopen", parents=list(parents), help="reopen a closed case")
    reopen.add_argument("reference")
    reopen.set_defaults(func=run_reopen)

    care = actions.add_parser(
        "care", parents=list(parents), help="change a case's care status from a date"
    )
    care.add_argument("reference")
    care.add_argument(
        "--status",
        action="append",
        default=[],
        choices=[status.value for status in _care_statuses()],
        help="a care status from that day (repeat for several; none means none)",
    )
    care.add_argument("--on", help="the day it changed, YYYY-MM-DD (default: today)")
    care.add_argument("--note", default="", help="a short note kept with the change")
    care.set_defaults(func=run_care)


def _care_statuses() -> list[Any]:
    from sessionkit.domain import CareStatus

    return list(CareStatus)


def _changing(args: argparse.Namespace, change: Any) -> int:
    """Find the case by reference and make the change; a refusal is one line."""
    from sessionkit.services.casework_errors import CaseworkError

    with open_store(locations_of(args)) as store:
        case = store.find_case(args.reference)
        if case is None:
            raise CommandError(f"No case {args.reference}; `sessionkit cases` lists them.")
        try:
            say(change(store, case))
        except CaseworkError as refused:
            raise CommandError(str(refused)) from None
    return DONE


def _day(args: argparse.Namespace, label: str) -> Any:
    from sessionkit.services.casework import typed_day
    from sessionkit.services.casework_errors import CaseworkError

    try:
        return typed_day(args.on or "", label, left_out="leave it out for today")
    except CaseworkError as refused:
        raise CommandError(str(refused)) from None


def run_close(args: argparse.Namespace) -> int:
    from sessionkit.present.casework import closed
    from sessionkit.services.casework import close_case

    day = _day(args, "--on")

    def change(store: Any, case: Any) -> str:
        done = close_case(store, case, args.reason, day)
        return closed(done.reference, done.closed_on or day, done.closed_reason)

    return _changing(args, change)


def run_reopen(args: argparse.Namespace) -> int:
    from sessionkit.present.casework import reopened
    from sessionkit.services.casework import reopen_case

    def change(store: Any, case: Any) -> str:
        return reopened(reopen_case(store, case).reference)

    return _changing(args, change)


def run_care(args: argparse.Namespace) -> int:
    from sessionkit.domain import CareStatus
    from sessionkit.services.casework import change_care_status

    day = _day(args, "--on")

    def change(store: Any, case: Any) -> str:
        done = change_care_status(store, case, (CareStatus(s) for s in args.status), day, args.note)
        return f"{done.reference}: {done.care_status_label} from {day:%d %b %Y}."

    return _changing(args, change)


def run_cases(args: argparse.Namespace) -> int:
    with open_store(locations_of(args)) as store:
        summaries = store.list_cases()
    if args.format == "json":
        import json

        say(json.dumps(cases_json(summaries), indent=2, ensure_ascii=False))
        return DONE
    if not summaries:
        say("No cases yet. Run `sessionkit demo` to add a fictional family to look at.")
        return DONE
    for line in cases_table(summaries):
        say(line)
    return DONE


def cases_json(summaries: Sequence[CaseSummary]) -> list[dict[str, Any]]:
    return [
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


def cases_table(summaries: Sequence[CaseSummary]) -> list[str]:
    header = ("REFERENCE", "CARE STATUS", "PEOPLE", "VISITS", "LAST VISIT")
    rows = [
        (
            s.reference + (" (closed)" if s.is_closed else ""),
            s.care_status_label,
            str(s.member_count),
            str(s.visit_count) + (" (1 unfinished)" if s.unfinished_visit_id else ""),
            s.last_visit_at.strftime("%d %b %Y") if s.last_visit_at else "none yet",
        )
        for s in summaries
    ]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (header, *rows)
    ]
