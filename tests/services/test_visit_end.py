"""What end a visit gets: live ones end when finished, ones written up afterwards when
they really ended (an hour after the start unless said), never in the future."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sessionkit.domain import EntryMode, Visit
from sessionkit.services.errors import VisitNotReady
from sessionkit.services.visits import default_end, end_text, parse_end, visit_end

STARTED = datetime(2026, 11, 18, 16, 0).astimezone()
TYPED_UP = datetime(2026, 12, 2, 4, 38).astimezone()


def _visit(entry: EntryMode) -> Visit:
    return Visit(case_id=1, started_at=STARTED, entry=entry)


def test_a_visit_written_up_afterwards_ends_an_hour_after_its_start_by_default() -> None:
    visit = _visit(EntryMode.AFTERWARDS)
    assert visit_end(visit, at=TYPED_UP) == STARTED + timedelta(hours=1)


def test_a_visit_written_up_afterwards_ends_when_it_was_said_to() -> None:
    given = STARTED + timedelta(minutes=95)
    assert visit_end(_visit(EntryMode.AFTERWARDS), given, at=TYPED_UP) == given
    # Never before the start, never after now, whatever was kept.
    assert visit_end(_visit(EntryMode.AFTERWARDS), STARTED - timedelta(1), at=TYPED_UP) == STARTED
    far = TYPED_UP + timedelta(days=1)
    assert visit_end(_visit(EntryMode.AFTERWARDS), far, at=TYPED_UP) == TYPED_UP


def test_a_live_visit_ends_when_it_is_finished() -> None:
    assert visit_end(_visit(EntryMode.LIVE), at=TYPED_UP) == TYPED_UP
    given = STARTED + timedelta(hours=1)
    assert visit_end(_visit(EntryMode.LIVE), given, at=TYPED_UP) == TYPED_UP


def test_the_default_end_is_never_in_the_future() -> None:
    soon = STARTED + timedelta(minutes=10)
    assert default_end(STARTED, at=soon) == soon
    assert default_end(STARTED, at=TYPED_UP) == STARTED + timedelta(hours=1)
    assert end_text(default_end(STARTED, at=TYPED_UP)) == "2026-11-18 17:00"


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("2026-11-18 17:30", 90),
        (" 2026-11-18 16:00 ", 0),
        ("1h30", 90),
        ("1h 30m", 90),
        ("2h", 120),
        ("90m", 90),
        ("45 min", 45),
        ("1:15", 75),
    ],
)
def test_an_end_is_a_time_or_how_long_it_lasted(typed: str, minutes: int) -> None:
    assert parse_end(typed, STARTED, at=TYPED_UP) == STARTED + timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Ended: write the date and time as YYYY-MM-DD HH:MM, or how long it lasted"),
        ("tea time", "Ended: write the date and time as YYYY-MM-DD HH:MM, or how long it"),
        ("2026-11-18 15:59", "Ended: a visit cannot end before it started (2026-11-18 16:00)."),
        ("2026-12-03 09:00", "Ended: a visit written up afterwards cannot end in the future."),
    ],
)
def test_an_end_that_cannot_be_is_one_clear_line(typed: str, message: str) -> None:
    with pytest.raises(VisitNotReady) as refused:
        parse_end(typed, STARTED, at=TYPED_UP)
    said = str(refused.value)
    assert said.startswith(message)
    assert "\n" not in said
