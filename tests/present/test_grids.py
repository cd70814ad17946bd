"""Values by visit, fitted to a width: numbers are never cut, columns are told apart."""

from datetime import datetime

from sessionkit.insight.report import VisitRef
from sessionkit.present.grids import Grid, GridRow, grid_text
from sessionkit.present.movement import visit_labels


def _visits(*whens: datetime) -> tuple[VisitRef, ...]:
    return tuple(VisitRef(visit_id=n, number=n, when=w) for n, w in enumerate(whens, start=1))


GAS = Grid(
    _visits(*(datetime(2026, m, 3, 16) for m in (8, 9, 10)), datetime(2026, 10, 26, 16)),
    (
        GridRow("Goal 1: Mornings before school feel calmer", ("-1", "0", "+1", "+2")),
        GridRow("Goal 2: Maya feels OK telling someone", ("-2", "-1", "0", "+1")),
        GridRow("T-score", ("30", "38", "50", "54")),
    ),
)


def test_numbers_are_whole_in_a_narrow_table() -> None:
    # About what the goals panel gives at 80 columns.
    text = grid_text(GAS, 40, 22)
    for row, cells in zip(GAS.rows, text.rows, strict=True):
        shown = [c.strip() for c in cells]
        assert text.label_width + sum(map(len, cells)) <= 40
        for i, value in zip(text.columns, shown, strict=True):
            assert value == ("…" if i is None else row.cells[i])
    # The first visit and the latest are always there.
    assert text.columns[0] == 0 and text.columns[-1] == 3
    assert [c.strip() for c in text.rows[2]][-1] == "54"


def test_names_give_way_before_numbers() -> None:
    wide = grid_text(GAS, 100, 22)
    narrow = grid_text(GAS, 30, 22)
    assert narrow.label_width < wide.label_width
    assert narrow.label_width + sum(map(len, narrow.rows[0])) <= 30


def test_visits_on_the_same_day_are_told_apart_by_their_time() -> None:
    visits = _visits(
        datetime(2026, 12, 2, 10, 0), datetime(2026, 12, 2, 14, 30), datetime(2026, 12, 9, 10)
    )
    assert visit_labels(visits) == ["2 Dec 10:00", "2 Dec 14:30", "9 Dec"]
    grid = Grid(visits, (GridRow("Maya", ("3", "4", "6")),))
    assert [h.strip() for h in grid_text(grid, 80).header] == visit_labels(visits)


def test_visits_on_different_days_show_only_the_date() -> None:
    visits = _visits(datetime(2026, 8, 3, 16), datetime(2026, 8, 24, 16))
    assert visit_labels(visits) == ["3 Aug", "24 Aug"]
