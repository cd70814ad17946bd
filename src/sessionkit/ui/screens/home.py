"""Home: the practitioner's cases, and a way to add one.

The first screen drawn, so it is kept light: the list is an OptionList of aligned rows
(a DataTable costs about 10 ms more to first paint, measured against a budget).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from sessionkit.ui.screens.base import SessionkitScreen
from sessionkit.ui.text import literal

if TYPE_CHECKING:
    from sessionkit.domain.models import Case
    from sessionkit.domain.summary import CaseSummary

HEADINGS = ("Reference", "Care status", "People", "Visits", "Last visit")
MAX_WIDTHS = (28, 44, 6, 18, 11)


class HomeScreen(SessionkitScreen[None]):
    """The list of cases. Enter opens one; N adds one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_case", "New case", id="home.new_case"),
        Binding("ctrl+q", "app.quit", "Quit", id="home.quit"),
        Binding("enter", "open_case", "Open", id="home.open_case", key_display="Enter"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Your cases", id="home-title", classes="screen-title")
        yield Static("Enter opens a case · N adds one", classes="screen-subtitle")
        yield Static(id="cases-heading")
        yield OptionList(id="cases")
        yield Static(
            "No cases yet. Press N to add one, or run `sessionkit demo` for a fictional family.",
            id="home-empty",
            classes="empty-hint",
            markup=False,
        )
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_cases()

    def on_screen_resume(self) -> None:
        self.refresh_cases()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("New case", "Add a family to work with", self.action_new_case)
        if self._selected_case_id() is not None:
            yield SystemCommand("Open case", "Open the highlighted case", self.action_open_case)

    def refresh_cases(self, select_case_id: int | None = None) -> None:
        summaries = self.attempt("Cases not listed", self.app.store.list_cases)
        if summaries is None:
            return  # the list stays as it was; the line said why
        cases = self.query_one("#cases", OptionList)
        current = select_case_id if select_case_id is not None else self._selected_case_id()
        heading, rows = case_rows(summaries)
        self.query_one("#cases-heading", Static).update(literal(heading))
        cases.clear_options()
        cases.add_options(
            Option(literal(row), id=str(s.case_id)) for s, row in zip(summaries, rows, strict=True)
        )
        for widget in (cases, self.query_one("#cases-heading")):
            widget.display = bool(summaries)
        self.query_one("#home-empty").display = not summaries
        if summaries:
            ids = [s.case_id for s in summaries]
            cases.highlighted = ids.index(current) if current in ids else 0
        cases.focus()

    def _selected_case_id(self) -> int | None:
        cases = self.query_one("#cases", OptionList)
        if cases.highlighted is None or not cases.option_count:
            return None
        option_id = cases.get_option_at_index(cases.highlighted).id
        return int(option_id) if option_id else None

    @on(OptionList.OptionSelected, "#cases")
    def _case_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.open_case(int(event.option.id))

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


def case_rows(summaries: Sequence[CaseSummary]) -> tuple[str, list[str]]:
    """The heading and one line a case, in columns as wide as their widest entry."""
    cells = [_cells(s) for s in summaries]
    widths = [
        min(limit, max([len(HEADINGS[i]), *(len(row[i]) for row in cells)]))
        for i, limit in enumerate(MAX_WIDTHS)
    ]
    return _line(HEADINGS, widths), [_line(row, widths) for row in cells]


def _cells(summary: CaseSummary) -> tuple[str, ...]:
    visits = str(summary.visit_count)
    if summary.unfinished_visit_id is not None:
        visits += " · 1 unfinished"
    last = summary.last_visit_at.strftime("%d %b %Y") if summary.last_visit_at else "none yet"
    reference = summary.reference + (" (closed)" if summary.is_closed else "")
    return (reference, summary.care_status_label, str(summary.member_count), visits, last)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(_fit(text, width) for text, width in zip(cells, widths, strict=True)).rstrip()


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"
