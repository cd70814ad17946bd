"""Home: the practitioner's cases, newest activity first, and a way to add one."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from sessionkit.ui.text import cell

if TYPE_CHECKING:
    from sessionkit.domain.models import Case
    from sessionkit.domain.summary import CaseSummary
    from sessionkit.ui.app import SessionkitApp


class HomeScreen(Screen[None]):
    """The list of cases. Enter opens one; N adds one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_case", "New case", id="home.new_case"),
        Binding("ctrl+q", "app.quit", "Quit", id="home.quit"),
        Binding("enter", "open_case", "Open", id="home.open_case", key_display="Enter"),
    ]

    app: SessionkitApp

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Your cases", id="home-title", classes="screen-title")
        yield DataTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield Static(
            "No cases yet. Press N to add one, or run `sessionkit demo` for a fictional family.",
            id="home-empty",
            classes="empty-hint",
            markup=False,
        )
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#cases", DataTable)
        # Labels as Text: a plain string would go through the markup parser.
        table.add_columns(
            *map(cell, ("Reference", "Care status", "People", "Visits", "Last visit"))
        )
        self.refresh_cases()

    def on_screen_resume(self) -> None:
        self.refresh_cases()

    def refresh_cases(self, select_case_id: int | None = None) -> None:
        summaries = self.app.store.list_cases()
        table = self.query_one("#cases", DataTable)
        current = select_case_id
        if current is None and table.row_count:
            current = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)
        table.clear()
        for summary in summaries:
            table.add_row(*_row(summary), key=str(summary.case_id))
        self.query_one("#home-empty").display = not summaries
        table.display = bool(summaries)
        if current is not None:
            for index, summary in enumerate(summaries):
                if summary.case_id == current:
                    table.move_cursor(row=index)
        table.focus()

    def _selected_case_id(self) -> int | None:
        table = self.query_one("#cases", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.open_case(int(event.row_key.value))

    def action_open_case(self) -> None:
        case_id = self._selected_case_id()
        if case_id is not None:
            self.open_case(case_id)

    def open_case(self, case_id: int) -> None:
        from sessionkit.ui.screens.case import CaseScreen

        self.app.push_screen(CaseScreen(case_id))

    def action_new_case(self) -> None:
        from sessionkit.ui.screens.case_form import CaseFormScreen

        def added(case: Case | None) -> None:
            if case is not None and case.id is not None:
                self.refresh_cases(select_case_id=case.id)
                self.open_case(case.id)

        self.app.push_screen(CaseFormScreen(), added)


def _row(summary: CaseSummary) -> tuple[object, ...]:
    visits = str(summary.visit_count)
    if summary.unfinished_visit_id is not None:
        visits += " · 1 unfinished"
    last = summary.last_visit_at.strftime("%d %b %Y") if summary.last_visit_at else "none yet"
    reference = summary.reference + (" (closed)" if summary.is_closed else "")
    return (
        cell(reference, "bold"),
        cell(summary.care_status_label),
        cell(str(summary.member_count)),
        cell(visits),
        cell(last),
    )
