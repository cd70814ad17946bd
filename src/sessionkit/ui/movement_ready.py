"""A family's movement worked out ahead, while their case screen is open.

Reading a long case and working out its movement takes longer than drawing it (about
60 ms for 500 visits here), so the case screen does it in a thread as soon as it is
shown, and M then only draws. A report is used only while nothing has been written to
the database since it was read (by this window or any other) and the same toolpack is
in use; otherwise the movement screen works it out again, as if none had been prepared.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sessionkit.insight.report import MovementReport
    from sessionkit.storage import Store
    from sessionkit.toolpacks import ResolvedPack

ReportKey = tuple[int, tuple[int, int], str, str, int]
"""Case id, the store's generation, and the toolpack's id, version and identity."""


def report_key(store: Store, case_id: int, pack: ResolvedPack) -> ReportKey:
    """What a report of `case_id` depends on, taken before anything is read for it."""
    return (case_id, store.generation(), pack.id, pack.version, id(pack))


def read_report(store: Store, case_id: int, pack: ResolvedPack) -> MovementReport:
    """Read the case and work out its movement, as one consistent snapshot."""
    from sessionkit.insight.movement_report import build_report

    with store.snapshot():
        case = store.get_case(case_id)
        members = store.list_members(case_id, include_inactive=True)
        goals = store.list_goals(case_id)
        visits = store.list_visits(case_id)
        answers = store.answers_for_case(case_id)
    return build_report(case, members, goals, visits, answers, pack)


def read_report_apart(path: Path, case_id: int, pack: ResolvedPack) -> MovementReport:
    """`read_report` through a read-only store of its own: safe in any thread."""
    from sessionkit.storage import Store

    with Store.open_reader(path) as store:
        return read_report(store, case_id, pack)


def draw_ahead(report: MovementReport, window: tuple[int, int]) -> None:
    """Draw the charts movement opens on, as they will be shown in a `window`-sized app."""
    from sessionkit.present import movement_sections as ms
    from sessionkit.present.movement import looks_for
    from sessionkit.ui.widgets.movement_chart import chart_fit, draw_ahead as draw_chart_ahead

    first = next((entry for entry in ms.section_list(report) if entry is not None), None)
    if first is None:
        return
    for part in ms.section_parts(report, first[0], looks_for(report)):
        if part.kind == "chart" and part.chart is not None:
            share, most_per_unit = chart_fit(part.small)
            draw_chart_ahead(part.chart, window, share, most_per_unit)


class ReadyReports:
    """The latest report worked out ahead, kept until something newer replaces it.

    One is kept: the case open now. Written by a worker thread and read by the app's
    thread; each is a single assignment or read of `_latest`, which is atomic in Python.
    """

    def __init__(self) -> None:
        # The pack is kept with the report so its `id()` in the key stays its own.
        self._latest: tuple[ReportKey, ResolvedPack, MovementReport] | None = None

    def get(self, key: ReportKey) -> MovementReport | None:
        """The report for `key`, or None if none was prepared or anything has changed."""
        latest = self._latest
        if latest is None or latest[0] != key:
            return None
        return latest[2]

    def put(self, key: ReportKey, pack: ResolvedPack, report: MovementReport) -> None:
        self._latest = (key, pack, report)

    def clear(self) -> None:
        self._latest = None
