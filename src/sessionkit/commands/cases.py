"""`sessionkit cases [--format table|json]`: the cases in the store, one line each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sessionkit.commands.common import DONE, locations_of, open_store, say

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
            s.reference,
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
