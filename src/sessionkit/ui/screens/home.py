"""Home: the practitioner's cases, and a way to add one.

The first screen drawn, so it is kept light: the list is an OptionList of aligned rows
(a DataTable costs about 10 ms more to first paint, measured against a budget). With a
long list only the first rows (more than any terminal shows) are in the first frame; the
rest join it right after, in the same columns (`benchmarks/first_paint.py --cases 1000`).
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
# Rows in the first frame: more than a terminal shows. The rest are added after it.
FIRST_ROWS = 80

_Rows = tuple[Sequence["CaseSummary"], Sequence[Sequence[str]], Sequence[int]]
"""Cases, their cells and the column widths: rows still to add to the list."""


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

    def __init__(self) -> None:
        super().__init__()
        # The store's generation when the list was read, and which filling of the list
        # a deferred addition of rows belongs to.
        self._listed: tuple[int, int] | None = None
        self._filling = 0

    def on_mount(self) -> None:
        self.refresh_cases()

    def on_screen_resume(self) -> None:
        # Shown first, or back from another screen: read again only if anything was
        # written since (the first resume follows the mount's reading at once).
        if self._listed is None or self._listed != self.app.store.generation():
            self.refresh_cases()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("New case", "Add a family to work with", self.action_new_case)
        if self._selected_case_id() is not None:
            yield SystemCommand("Open case", "Open the highlighted case", self.action_open_case)

    def refresh_cases(self, select_case_id: int | None = None) -> None:
        store = self.app.store
        listed = self.attempt("Cases not listed", lambda: (store.generation(), store.list_cases()))
        if listed is None:
            return  # the list stays as it was; the line said why
        self._listed, summaries = listed
        self._filling += 1
        cases = self.query_one("#cases", OptionList)
        current = select_case_id if select_case_id is not None else self._selected_case_id()
        cells = [_cells(s) for s in summaries]
        heading, widths = case_columns(cells)
        self.query_one("#cases-heading", Static).update(literal(heading))
        cases.clear_options()
        cases.add_options(_options(summaries[:FIRST_ROWS], cells[:FIRST_ROWS], widths))
        for widget in (cases, self.query_one("#cases-heading")):
            widget.display = bool(summaries)
        self.query_one("#home-empty").display = not summaries
        ids = [s.case_id for s in summaries]
        index = ids.index(current) if current in ids else 0
        if summaries and index < FIRST_ROWS:
            cases.highlighted = index
        if len(summaries) > FIRST_ROWS:
            rest = (summaries[FIRST_ROWS:], cells[FIRST_ROWS:], widths)
            self.call_after_refresh(self._add_rest, self._filling, rest, index)
        cases.focus()

    def _add_rest(self, filling: int, rest: _Rows, index: int) -> None:
        if filling != self._filling or not self.is_attached:
            return  # the list was read again since: these rows are out of date
        cases = self.query_one("#cases", OptionList)
        cases.add_options(_options(*rest))
        if index >= FIRST_ROWS:
            cases.highlighted = index

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
    heading, widths = case_columns(cells)
    return heading, [_line(row, widths) for row in cells]


def case_columns(cells: Sequence[Sequence[str]]) -> tuple[str, list[int]]:
    """The heading, and each column's width: its widest entry, up to its limit."""
    widths = [
        min(limit, max([len(HEADINGS[i]), *(len(row[i]) for row in cells)]))
        for i, limit in enumerate(MAX_WIDTHS)
    ]
    return _line(HEADINGS, widths), widths


def _options(
    summaries: Sequence[CaseSummary], cells: Sequence[Sequence[str]], widths: Sequence[int]
) -> list[Option]:
    return [
        Option(literal(_line(row, widths)), id=str(s.case_id))
        for s, row in zip(summaries, cells, strict=True)
    ]


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
