"""`sessionkit movement --case REF [--format table|json]`: how things moved for a family.

The same report the movement screen shows (`insight.movement_report`), as plain text that
reads in 100 columns and says what the screen says, section by section and from the same
sentences (`present.movement_sections`); or as JSON for scripts. Numbers are as said: an
answer off the scale is kept, marked and left out of the change. This is the
practitioner's own tool, so people are named as the case names them. Exit status 0 when
the report was printed, 2 when the case is not there or the store cannot be read.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sessionkit.commands.common import (
    CommandError,
    locations_of,
    open_store,
    pack_for,
    say,
    write_out,
)

if TYPE_CHECKING:
    from sessionkit.insight.report import (
        Change,
        ChangeTalkVisit,
        GoalMovement,
        MovementReport,
        QuestionMovement,
        Recurrence,
        SeriesMovement,
        VisitRef,
        Who,
    )
    from sessionkit.locations import Locations
    from sessionkit.present.grids import Grid
    from sessionkit.present.movement_sections import Part

WIDTH = 100  # the table reads in a terminal this wide
LABEL_WIDTH = 24  # most cells a row's name takes in a table of values
INDENT = "  "
GAP = "…"


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: Sequence[argparse.ArgumentParser] = (),
) -> None:
    """Register `movement` on the main parser's sub-parsers."""
    parser = subparsers.add_parser(
        "movement",
        parents=list(parents),
        help="print how a case's answers moved across visits",
        description="Print the case's movement: each question per person across the "
        "visits, goals and their attainment, the relationship check, change talk, and "
        "themes and worries that came back.",
    )
    parser.add_argument("--case", required=True, metavar="REF", help="the case reference")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.set_defaults(func=run_movement)


def run_movement(args: argparse.Namespace) -> int:
    from sessionkit.insight.movement_report import build_report

    locations: Locations = locations_of(args)
    with open_store(locations) as store:
        case = store.find_case(args.case)
        if case is None or case.id is None:
            raise CommandError(f"No case {args.case}.")
        members = store.list_members(case.id, include_inactive=True)
        goals = store.list_goals(case.id)
        visits = store.list_visits(case.id)
        answers = store.answers_for_case(case.id)
    # Without any usable pack the report is still made: questions are then named by the
    # wording recorded with the answers.
    pack = pack_for(locations, visits[-1].pack_id if visits else "")
    report = build_report(case, members, goals, visits, answers, pack)
    names = {m.id: m.name for m in members if m.id is not None}
    if args.format == "json":
        import json

        say(json.dumps(report_json(report, names), indent=2, ensure_ascii=False))
    else:
        write_out("".join(f"{line}\n" for line in report_table(report)))
    return 0


# --- JSON --------------------------------------------------------------------------------


def report_json(report: MovementReport, names: Mapping[int, str]) -> dict[str, Any]:
    """The report as plain JSON values: numbers as said, dates as ISO text."""

    def person(member_id: int | None) -> dict[str, Any] | None:
        if member_id is None:
            return None
        return {"id": member_id, "name": names.get(member_id, "someone")}

    def who(w: Who) -> dict[str, Any]:
        return {
            "member": person(w.answered_by),
            "on_behalf_of": person(w.on_behalf_of),
            "label": w.label,
        }

    def series(s: SeriesMovement, title: str, part: str) -> dict[str, Any]:
        return {
            "prompt_id": s.prompt_id,
            "title": title,
            "part": part,
            **who(s.who),
            "points": [
                {**_visit(v.visit), "value": v.value, "off_scale": v.off_scale, "text": v.text}
                for v in s.values
            ],
            "change_from_first": _amount(s.from_first),
            "change_from_previous": _amount(s.from_previous),
            "reliable_from_first": _reliable(s.from_first),
            "reliable_from_previous": _reliable(s.from_previous),
            "words": s.words,
        }

    def question(q: QuestionMovement) -> dict[str, Any]:
        d = q.disagreement
        return {
            "prompt_id": q.prompt_id,
            "title": q.title,
            "wording": q.wording,
            "scale_min": q.scale_min,
            "scale_max": q.scale_max,
            "min_label": q.min_label,
            "max_label": q.max_label,
            "reliable_change": (
                None
                if q.threshold is None
                else {"threshold": q.threshold, "source": q.threshold_source}
            ),
            "perspectives": [who(s.who) for s in q.series],
            "disagreement": None
            if d is None
            else {
                **_visit(d.visit),
                "spread": d.spread,
                "highest": {"label": d.highest[0], "value": d.highest[1]},
                "lowest": {"label": d.lowest[0], "value": d.lowest[1]},
                "notable": d.notable,
            },
        }

    def goal(g: GoalMovement) -> dict[str, Any]:
        return {
            "goal_id": g.goal_id,
            "text": g.text,
            "status": g.status.value,
            "owner": g.owner,
            "weight": g.weight,
            "points": [
                {**_visit(v.visit), **who(s.who), "value": v.value, "off_scale": v.off_scale}
                for s in g.ratings
                for v in s.values
            ],
            "ratings": [series(s, g.text, "goals") for s in g.ratings],
            "has_gas": g.has_gas,
            "gas_levels": [
                {**_visit(v.visit), **who(v.who), "level": v.level} for v in g.gas_values
            ],
            "gas_t_score": g.gas_t_score,
        }

    def recurrence(r: Recurrence) -> dict[str, Any]:
        return {
            "name": r.name,
            "visits": [v.number for v in r.visits],
            "recent_seen": r.recent_seen,
            "recent_of": r.recent_of,
            "new": r.is_new,
            "worry": r.worry,
            "words": r.words,
        }

    return {
        "case": report.reference,
        "care_status": report.care_status,
        "visits": [{**_visit(v), "started_at": v.when.isoformat()} for v in report.visits],
        "series": [
            *(series(s, q.title, "questions") for q in report.questions for s in q.series),
            *(series(s, q.title, "relationship") for q in report.relationship for s in q.series),
        ],
        "questions": [question(q) for q in report.questions],
        "goals": [goal(g) for g in report.goals],
        "gas": [{**_visit(s.visit), "t_score": s.t_score, "goals": s.goals} for s in report.gas],
        "relationship": {
            "questions": [question(q) for q in report.relationship],
            "alerts": [
                {
                    **_visit(a.visit),
                    **who(a.who),
                    "title": a.title,
                    "before": a.before,
                    "now": a.now,
                }
                for a in report.relationship_alerts
            ],
        },
        "change_talk": [_talk(c) for c in report.change_talk],
        "themes": [recurrence(r) for r in report.themes],
        "worries": [recurrence(r) for r in report.worries],
    }


def _visit(visit: VisitRef) -> dict[str, Any]:
    return {
        "visit_id": visit.visit_id,
        "number": visit.number,
        "date": visit.when.date().isoformat(),
    }


def _amount(change: Change | None) -> float | None:
    return None if change is None else change.amount


def _reliable(change: Change | None) -> bool | None:
    return None if change is None else change.reliable


def _talk(c: ChangeTalkVisit) -> dict[str, Any]:
    return {
        **_visit(c.visit),
        "counts": {kind.value: n for kind, n in c.counts.items()},
        "change_talk": c.change_talk,
        "sustain_talk": c.sustain_talk,
        "share": c.share,
    }


# --- table -------------------------------------------------------------------------------


def report_table(report: MovementReport) -> list[str]:
    """The report as plain text lines, none wider than WIDTH columns.

    Section by section, the parts the movement screen shows (`present.movement_sections`),
    so both say the same sentences in the same order; a chart is left out, its numbers
    are in the values beside it.
    """
    from sessionkit.domain.text import clean_text
    from sessionkit.present import movement_sections as ms
    from sessionkit.present.movement import looks_for

    lines = _wrap(ms.heading(report))
    alert = ms.alert(report)
    if alert:
        lines += _wrap(alert)
    entries = [entry for entry in ms.section_list(report) if entry is not None]
    if not entries:
        lines += ["", *_wrap(ms.NOTHING_YET)]
    looks = looks_for(report)
    for section, _ in entries:
        for part in ms.section_parts(report, section, looks):
            lines += _part(part)
    # Names and words were cleaned when recorded; cleaned again, as anything shown is.
    return [clean_text(line) for line in lines]


def _part(part: Part) -> list[str]:
    if part.kind in ("section-title", "block-title"):
        rule = "=" if part.kind == "section-title" else "-"
        title = [line for text in part.lines for line in _wrap(text)]
        return ["", *title, rule * max(len(line) for line in title)]
    if part.kind == "chart":
        return []
    if part.kind == "values":
        assert part.grid is not None
        return _grid(part.grid)
    if part.kind == "free-text":
        heading, *words = part.lines
        return _wrap(heading, INDENT) + [
            line for text in words for line in _wrap(text, INDENT * 2, INDENT * 3)
        ]
    return [line for text in part.lines for line in _wrap(text, INDENT, INDENT * 2)]


def _grid(grid: Grid) -> list[str]:
    """The values by visit as the screen lays them out, with the visit numbers on top."""
    from sessionkit.present.grids import fit_label, grid_text

    text = grid_text(grid, WIDTH - len(INDENT), LABEL_WIDTH)
    room = text.label_width
    width = len(text.header[0]) if text.header else 0
    numbers = [GAP if i is None else str(grid.visits[i].number) for i in text.columns]
    lines = [
        "visit".ljust(room) + "".join(n.rjust(width) for n in numbers),
        " " * room + "".join(text.header),
    ]
    lines += [
        fit_label(row.label, room - 1).ljust(room) + "".join(cells)
        for row, cells in zip(grid.rows, text.rows, strict=True)
    ]
    return [(INDENT + line).rstrip() for line in lines]


def _wrap(text: str, indent: str = "", subsequent: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [indent.rstrip()]
