"""Movement: each question asked more than once, per person, across the visits.

Numbers are shown as they were said, visit by visit, with the change since the first
and since the last visit in words: movement from the family's own starting point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from sessionkit.insight.movement import (
    Series,
    compute_series,
    describe_change,
    format_value,
    signed,
)
from sessionkit.ui.capture_model import question_titles
from sessionkit.ui.text import cell, literal

if TYPE_CHECKING:
    from sessionkit.ui.app import SessionkitApp


class MovementScreen(Screen[None]):
    CSS_PATH = "panels.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="movement.back"),
    ]

    app: SessionkitApp

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.series: list[Series] = []
        self._names: dict[int, str] = {}
        self._questions: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="movement-title", classes="screen-title")
        yield Static(
            "Each row is one question from one person, visit by visit. "
            "▲ up, ▼ down, = no change. Answers said off the scale are kept as said "
            "and left out of the change.",
            classes="screen-subtitle",
            markup=False,
        )
        yield DataTable(id="movement", cursor_type="row", zebra_stripes=True)
        yield Static(id="movement-detail", classes="detail")
        yield Footer()

    def on_mount(self) -> None:
        store = self.app.store
        case = store.get_case(self.case_id)
        visits = store.list_visits(self.case_id)
        responses = store.responses_for_case(self.case_id)
        self._names = {
            m.id: m.name for m in store.list_members(self.case_id, include_inactive=True) if m.id
        }
        titles = question_titles(self.app.pack, store.list_goals(self.case_id))
        self._questions = {prompt_id: title for prompt_id, (_, title) in titles.items()}
        member_order = list(self._names)
        # Questions in the order they are asked, then people in the order they were added.
        self.series = sorted(
            compute_series(visits, responses),
            key=lambda s: (
                titles.get(s.key.prompt_id, (len(titles), ""))[0],
                s.key.prompt_id,
                _position(member_order, s.key.answered_by),
                _position(member_order, s.key.on_behalf_of),
            ),
        )
        self.query_one("#movement-title", Static).update(
            literal(f"{case.reference} · movement over {len(visits)} visit(s)")
        )
        table = self.query_one("#movement", DataTable)
        # The change columns come first so they stay in view however many visits follow.
        for label in ("Who", "Question", "Since first", "Since last"):
            table.add_column(cell(label))
        # Room for the first visit and as many of the latest as fit; the detail line
        # under the table always gives the whole path.
        room = max(2, (self.app.size.width - FIXED_COLUMNS_WIDTH - 3) // VISIT_COLUMN_WIDTH)
        shown = visible_visits(len(visits), room)
        for number in shown:
            if number is None:
                table.add_column(cell("…"))
                continue
            visit = visits[number - 1]
            table.add_column(cell(f"{number}: {visit.started_at:%d %b}"), key=str(visit.id))
        for index, series in enumerate(self.series):
            by_visit = {p.visit_id: p for p in series.points}
            values = []
            for number in shown:
                point = None if number is None else by_visit.get(visits[number - 1].id or -1)
                if point is None:
                    values.append(cell(""))
                else:
                    values.append(
                        cell(format_value(point.value) + ("*" if point.off_scale else ""))
                    )
            table.add_row(
                cell(self._who(series), "bold"),
                cell(_clip(self._question(series), 30)),
                cell(signed(series.change_from_first)),
                cell(signed(series.change_from_previous)),
                *values,
                key=str(index),
            )
        if not self.series:
            self.query_one("#movement-detail", Static).update(
                "No answers with numbers yet. Record scaling answers on a visit to see movement."
            )
        table.focus()

    def _who(self, series: Series) -> str:
        key = series.key
        who = self._names.get(key.answered_by, "someone")
        if key.on_behalf_of is not None:
            who += f" for {self._names.get(key.on_behalf_of, 'someone')}"
        return who

    def _question(self, series: Series) -> str:
        return self._questions.get(series.key.prompt_id) or " ".join(series.wording.split())

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None:
            return
        series = self.series[int(event.row_key.value)]
        path = " → ".join(
            format_value(p.value) + (" (off the scale)" if p.off_scale else "")
            for p in series.points
        )
        asked = " ".join(series.wording.split())
        lines = [
            f"{self._who(series)} · {self._question(series)}",
            *([f"Asked: {asked}"] if asked else []),
            f"Answers, first visit to latest: {path}",
            f"{describe_change(series.change_from_first, 'the first visit').capitalize()}; "
            f"{describe_change(series.change_from_previous, 'the last visit')}.",
        ]
        detail = "\n".join(lines)
        self.query_one("#movement-detail", Static).update(literal(detail))


FIXED_COLUMNS_WIDTH = 72  # who, question and the two changes, with padding
VISIT_COLUMN_WIDTH = 11


def visible_visits(count: int, room: int) -> list[int | None]:
    """Visit numbers (1-based) to show as columns; None marks the ones left out.

    All of them when `room` columns hold them; else the first (the family's starting
    point) and the latest that fit beside it.
    """
    if count <= room:
        return list(range(1, count + 1))
    latest = max(1, room - 1)
    return [1, None, *range(count - latest + 1, count + 1)]


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _position(order: list[int], member_id: int | None) -> int:
    if member_id is None:
        return -1
    return order.index(member_id) if member_id in order else len(order)
