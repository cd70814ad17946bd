"""`sessionkit movement --case REF [--format table|json]`: how things moved for a family.

The same report the movement screen shows (`insight.movement_report`), printed as plain
text that reads in 100 columns, or as JSON for scripts. Numbers are as said: an answer
off the scale is kept, marked and left out of the change. This is the practitioner's own
tool, so people are named as the case names them. Exit status 0 when the report was
printed, 2 when the case is not there or the store cannot be read.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sessionkit.commands.common import CommandError, locations_of, open_store, pack_for

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

WIDTH = 100  # the table reads in a terminal this wide
WHO_WIDTH = 24
CELL_WIDTH = 7  # "05 Oct" and a space
INDENT = "  "
MAX_LISTED_VISITS = 8  # visit numbers listed for a theme before the middle is left out
MAX_TALK_ROWS = 12


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

        print(json.dumps(report_json(report, names), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write("".join(f"{line}\n" for line in report_table(report)))
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
    """The report as plain text lines, none wider than WIDTH columns."""
    from sessionkit.insight.movement import format_value

    visits = report.visits
    lines = [f"{report.reference} · movement over {_count(len(visits), 'visit')}"]
    if visits:
        lines[0] += f" ({visits[0].when:%d %b %Y} to {visits[-1].when:%d %b %Y})"
    lines.append(f"Care status: {report.care_status}")
    lines += _wrap(
        "Numbers are as said; * marks an answer off the scale, kept as said and left out "
        "of the change. Changes are from each person's first and last answer on the scale."
    )
    shown = _visible(len(visits), (WIDTH - len(INDENT) - WHO_WIDTH) // CELL_WIDTH)

    # Goal ratings are questions too; they are shown once, with their goal, below.
    rated = {g.ratings[0].prompt_id for g in report.goals if g.ratings}
    asked = [q for q in report.questions if q.prompt_id not in rated]
    by_prompt = {q.prompt_id: q for q in report.questions}
    lines += ["", "QUESTIONS ASKED ON TWO OR MORE VISITS"]
    if not asked:
        lines.append(INDENT + "None yet: ask the same question on a second visit to see movement.")
    for q in asked:
        lines += ["", *_question(q, visits, shown)]

    lines += ["", "GOALS"]
    if not report.goals:
        lines.append(INDENT + "No goals yet.")
    for g in report.goals:
        lines += ["", *_goal(g, visits, shown)]
        if g.ratings and g.ratings[0].prompt_id in by_prompt:
            lines += _disagreement(by_prompt[g.ratings[0].prompt_id])
    if report.gas:
        lines += ["", "Goal attainment across goals (Kiresuk-Sherman T-score; 50 = as expected)"]
        by_visit = {s.visit.number: s for s in report.gas}
        lines += _grid(
            visits,
            shown,
            [
                ("T-score", {n: f"{s.t_score:.1f}" for n, s in by_visit.items()}),
                ("goals with a level", {n: str(s.goals) for n, s in by_visit.items()}),
            ],
        )

    lines += ["", "RELATIONSHIP CHECK"]
    for alert in report.relationship_alerts:
        lines += _wrap(
            f"ALERT: {alert.title}, {alert.who.label}: down from {format_value(alert.before)} "
            f"to {format_value(alert.now)} on visit {alert.visit.number} "
            f"({alert.visit.when:%d %b %Y}). Worth asking what to do differently.",
            INDENT,
            INDENT * 2,
        )
    if not report.relationship:
        lines.append(INDENT + "No relationship check recorded yet.")
    for q in report.relationship:
        lines += ["", *_question(q, visits, shown)]

    lines += ["", "CHANGE TALK AND SUSTAIN TALK", *_change_talk(report.change_talk)]

    lines += ["", "WORRIES"]
    lines += _recurrences(report.worries, "No worries flagged yet.", mark_worries=False)
    lines += ["", "THEMES"]
    lines += _recurrences(report.themes, "No themes tagged yet.", mark_worries=True)
    return lines


def _question(
    q: QuestionMovement, visits: Sequence[VisitRef], shown: list[int | None]
) -> list[str]:
    from sessionkit.insight.movement import format_value

    scale = ""
    if q.scale_min is not None and q.scale_max is not None:
        low = f"{format_value(q.scale_min)} {q.min_label}".strip()
        high = f"{format_value(q.scale_max)} {q.max_label}".strip()
        scale = f" ({low} … {high})"
    lines = _wrap(q.title + scale)
    if q.threshold is not None:
        lines += _wrap(
            f"A change of {format_value(q.threshold)} or more is reliable "
            f"(source: {q.threshold_source}).",
            INDENT,
        )
    rows = [(s.who.label, _values(s)) for s in q.series]
    lines += _grid(visits, shown, rows)
    for s in q.series:
        lines += _wrap(f"{s.who.label}: {s.words}{_reliability(s)}", INDENT * 2, INDENT * 3)
    lines += _disagreement(q)
    return lines


def _disagreement(q: QuestionMovement) -> list[str]:
    from sessionkit.insight.movement import format_value

    d = q.disagreement
    if d is None:
        return []
    text = (
        f"Side by side on visit {d.visit.number}: highest {format_value(d.highest[1])} "
        f"({d.highest[0]}), lowest {format_value(d.lowest[1])} ({d.lowest[0]}), "
        f"{format_value(d.spread)} apart"
    )
    text += ": far enough apart to talk about together." if d.notable else "."
    return _wrap(text, INDENT * 2, INDENT * 3)


def _goal(g: GoalMovement, visits: Sequence[VisitRef], shown: list[int | None]) -> list[str]:
    from sessionkit.insight.movement import format_value

    lines = _wrap(g.text)
    about = [f"{g.owner}'s goal" if g.owner else "the family's goal", g.status.value]
    if g.weight != 1:
        about.append(f"weight {format_value(g.weight)}")
    lines += _wrap(" · ".join(about), INDENT)
    rows = [(f"{s.who.label} (0-10)", _values(s)) for s in g.ratings]
    levels: dict[str, dict[int, str]] = {}
    for v in g.gas_values:
        level = f"{v.level:+d}" if v.level else "0"
        levels.setdefault(f"{v.who.label} (level)", {})[v.visit.number] = level
    rows += list(levels.items())
    if rows:
        lines += _grid(visits, shown, rows)
    for s in g.ratings:
        lines += _wrap(f"{s.who.label}: {s.words}", INDENT * 2, INDENT * 3)
    if g.gas_t_score is not None:
        lines += _wrap(f"The latest level as a T-score: {g.gas_t_score:.1f}", INDENT * 2)
    elif not g.has_gas:
        lines += _wrap("No attainment levels written for this goal.", INDENT * 2)
    return lines


def _values(s: SeriesMovement) -> dict[int, str]:
    from sessionkit.insight.movement import format_value

    return {v.visit.number: format_value(v.value) + ("*" if v.off_scale else "") for v in s.values}


def _reliability(s: SeriesMovement) -> str:
    if s.from_first is None or s.from_previous is None or s.from_first.reliable is None:
        return ""
    first = "reliable" if s.from_first.reliable else "not reliable"
    last = "reliable" if s.from_previous.reliable else "not reliable"
    return f" (since the first visit: {first}; since the last: {last})"


def _grid(
    visits: Sequence[VisitRef],
    shown: list[int | None],
    rows: Iterable[tuple[str, Mapping[int, str]]],
) -> list[str]:
    """Visit columns (number, date) and one row per label; the middle left out as '…'."""

    def row(label: str, cells: Iterable[str]) -> str:
        return (INDENT + _clip(label, WHO_WIDTH - 1).ljust(WHO_WIDTH) + "".join(cells)).rstrip()

    def column(cells: Mapping[int, str], number: int | None) -> str:
        text = "…" if number is None else cells.get(number, "")
        return _clip(text, CELL_WIDTH - 1).rjust(CELL_WIDTH)

    numbers = {n: str(n) for n in range(1, len(visits) + 1)}
    dates = {v.number: f"{v.when:%d %b}" for v in visits}
    lines = [
        row("visit", (column(numbers, n) for n in shown)),
        row("", (column(dates, n) if n is not None else " " * CELL_WIDTH for n in shown)),
    ]
    lines += [row(label, (column(cells, n) for n in shown)) for label, cells in rows]
    return lines


def _change_talk(visits: Sequence[ChangeTalkVisit]) -> list[str]:
    from sessionkit.domain.enums import ChangeTalk

    heard = [c for c in visits if c.change_talk or c.sustain_talk]
    if not heard:
        return [INDENT + "None recorded yet."]
    kinds = list(ChangeTalk)
    lines = _wrap(
        "Counts per visit: D desire, A ability, R reasons, N need, C commitment, "
        "V activation, T taking steps; S sustain talk. Share = change talk / (change + "
        "sustain talk).",
        INDENT,
    )
    letters = {
        ChangeTalk.DESIRE: "D",
        ChangeTalk.ABILITY: "A",
        ChangeTalk.REASONS: "R",
        ChangeTalk.NEED: "N",
        ChangeTalk.COMMITMENT: "C",
        ChangeTalk.ACTIVATION: "V",
        ChangeTalk.TAKING_STEPS: "T",
        ChangeTalk.SUSTAIN: "S",
    }
    header = "visit  date       " + "".join(letters[k].rjust(4) for k in kinds)
    lines.append(INDENT + header + "  change sustain  share")
    rows = heard
    left_out = 0
    if len(heard) > MAX_TALK_ROWS:
        left_out = len(heard) - MAX_TALK_ROWS
        rows = [heard[0], *heard[-(MAX_TALK_ROWS - 1) :]]
    for index, c in enumerate(rows):
        if left_out and index == 1:
            lines.append(INDENT + f"… {_count(left_out, 'more visit')} with talk recorded …")
        share = "–" if c.share is None else f"{c.share:.0%}"
        lines.append(
            INDENT
            + f"{c.visit.number:>5}  {c.visit.when:%d %b %Y}"
            + "".join(str(c.counts.get(k, 0)).rjust(4) for k in kinds)
            + f"  {c.change_talk:>6} {c.sustain_talk:>7}  {share:>5}"
        )
    return lines


def _recurrences(items: Sequence[Recurrence], empty: str, *, mark_worries: bool) -> list[str]:
    if not items:
        return [INDENT + empty]
    lines = []
    for r in items:
        also = " (also flagged as a worry)" if r.worry and mark_worries else ""
        numbers = _numbers([v.number for v in r.visits])
        on = "visit" if len(r.visits) == 1 else "visits"
        lines += _wrap(f"{r.name}{also}: {r.words} ({on} {numbers})", INDENT, INDENT * 2)
    return lines


def _numbers(numbers: Sequence[int]) -> str:
    if len(numbers) > MAX_LISTED_VISITS:
        head, tail = numbers[:2], numbers[-(MAX_LISTED_VISITS - 3) :]
        return ", ".join(map(str, head)) + ", …, " + ", ".join(map(str, tail))
    return ", ".join(map(str, numbers))


def _visible(count: int, room: int) -> list[int | None]:
    """Visit numbers to show as columns (None: the ones left out, shown as '…').

    All of them when they fit; else the first (the family's starting point), a '…'
    and as many of the latest as fit beside them.
    """
    if count <= room:
        return list(range(1, count + 1))
    latest = max(1, room - 2)
    return [1, None, *range(count - latest + 1, count + 1)]


def _wrap(text: str, indent: str = "", subsequent: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
