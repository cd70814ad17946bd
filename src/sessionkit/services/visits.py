"""Starting a visit, offering an unfinished one again, and how a visit is named on screen.

A visit is live (happening now) or written up afterwards, for a start time the
practitioner gives: never in the future. It records the toolpack it was asked from, so
its answers keep their wording's source.

What end a visit gets is decided here too: a live visit ends when it is finished; one
written up afterwards ends when it really ended, as given (by default an hour after its
start), never when it happened to be typed up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sessionkit.domain import EntryMode, Visit, now
from sessionkit.services.errors import VisitNotReady

if TYPE_CHECKING:
    from sessionkit.storage import Store
    from sessionkit.toolpacks import ResolvedPack

WHEN_FORMAT = "%Y-%m-%d %H:%M"

# How long a visit written up afterwards is taken to have lasted until the worker says.
DEFAULT_LENGTH = timedelta(hours=1)

# "1h30", "1h 30m", "90m", "2h", "1:30": how long a visit lasted.
_LENGTH = re.compile(
    r"^(?:(?P<h>\d{1,2})\s*h\s*(?:(?P<hm>\d{1,3})\s*m?)?|(?P<m>\d{1,4})\s*m(?:in)?)$"
)
_HOURS_MINUTES = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d{2})$")

# A visit clock is shown for a live visit started within this many hours; an older open
# visit is being written up, and a large number there would only alarm.
CLOCK_HOURS = 12


def new_visit(
    case_id: int,
    present: Sequence[int],
    pack: ResolvedPack,
    *,
    afterwards: bool = False,
    when: str = "",
    plan_id: int | None = None,
    at: datetime | None = None,
) -> Visit:
    """The visit to start, not yet stored; `VisitNotReady` says what is missing.

    `when` is the start time typed (`WHEN_FORMAT`) for a visit written up afterwards; a
    live visit starts `at` (default: now).
    """
    if not present:
        raise VisitNotReady("Tick at least one person who is there.")
    current = at or now()
    started = current
    if afterwards:
        try:
            started = datetime.strptime(when.strip(), WHEN_FORMAT).astimezone()
        except ValueError:
            raise VisitNotReady("When: write the date and time as YYYY-MM-DD HH:MM.") from None
        if started > current:
            raise VisitNotReady("When: a visit written up afterwards cannot be in the future.")
    return Visit(
        case_id=case_id,
        plan_id=plan_id,
        started_at=started,
        entry=EntryMode.AFTERWARDS if afterwards else EntryMode.LIVE,
        present_member_ids=list(present),
        pack_id=pack.id,
        pack_version=pack.version,
    )


def default_end(started: datetime, *, at: datetime | None = None) -> datetime:
    """The end offered for a visit written up afterwards: an hour after its start, but
    never later than now (a visit typed up straight after did not end in the future)."""
    return max(started, min(started + DEFAULT_LENGTH, at or now()))


def end_text(ended: datetime) -> str:
    """An end as it is shown, prefilled, to be edited (`WHEN_FORMAT`)."""
    return ended.strftime(WHEN_FORMAT)


def parse_end(text: str, started: datetime, *, at: datetime | None = None) -> datetime:
    """When a visit that started `started` ended, from what was typed: a date and time
    (`WHEN_FORMAT`) or how long it lasted ("1h30", "90m", "1:30"). `VisitNotReady` says,
    in one line, why it cannot be the end: unreadable, before the start, in the future."""
    typed = text.strip().lower()
    ended: datetime | None = None
    try:
        ended = datetime.strptime(typed, WHEN_FORMAT).astimezone()
    except ValueError:
        length = _length(typed)
        if length is not None:
            ended = started + length
    if ended is None:
        raise VisitNotReady(
            "Ended: write the date and time as YYYY-MM-DD HH:MM, or how long it lasted (1h30, 90m)."
        )
    if ended < started:
        raise VisitNotReady(f"Ended: a visit cannot end before it started ({end_text(started)}).")
    if ended > (at or now()):
        raise VisitNotReady("Ended: a visit written up afterwards cannot end in the future.")
    return ended


def _length(typed: str) -> timedelta | None:
    match = _LENGTH.match(typed) or _HOURS_MINUTES.match(typed)
    if match is None:
        return None
    found = match.groupdict()
    hours = int(found.get("h") or 0)
    minutes = int(found.get("hm") or found.get("m") or 0)
    return timedelta(hours=hours, minutes=minutes)


def visit_end(
    visit: Visit, given: datetime | None = None, *, at: datetime | None = None
) -> datetime:
    """The end a visit gets when it is finished `at` (default now).

    A live visit ends then. One written up afterwards ends when it really ended: `given`
    (what the worker said when starting or finishing it), else an hour after its start;
    never before its start and never after `at`.
    """
    current = at or now()
    if visit.entry is not EntryMode.AFTERWARDS:
        return max(current, visit.started_at)
    if given is None:
        return default_end(visit.started_at, at=current)
    return max(visit.started_at, min(given, current))


def start_visit(store: Store, visit: Visit) -> Visit:
    """Store the new visit (its plan, if any, becomes its agenda); raises `StoreError`."""
    return store.start_visit(visit)


@dataclass(frozen=True)
class Unfinished:
    """A visit left open, as offered at start-up."""

    visit: Visit
    case_reference: str
    answers: int

    @property
    def message(self) -> str:
        return (
            f"A visit with {self.case_reference} started "
            f"{self.visit.started_at:%a %d %b %H:%M} was not finished. {self.answers} "
            "answer(s) were recorded and are safe.\n\nResume it now?"
        )


def unfinished(store: Store, visit: Visit) -> Unfinished:
    """What to say about an open visit: whose it is and how much it holds."""
    assert visit.case_id is not None and visit.id is not None
    case = store.get_case(visit.case_id)
    return Unfinished(visit, case.reference, len(store.list_responses(visit.id)))


def visit_title(reference: str, number: int, visit: Visit) -> str:
    """'KT-204 · visit 3 · started 02 Nov 2026 10:00', with how and whether it ended."""
    title = f"{reference} · visit {number} · "
    if visit.entry is EntryMode.AFTERWARDS:
        title += f"written up afterwards, for {visit.started_at:%d %b %Y %H:%M}"
    else:
        title += f"started {visit.started_at:%d %b %Y %H:%M}"
    if visit.is_finished:
        title += " · finished (answers shown as recorded)"
    return title


def clock_minutes(visit: Visit, *, at: datetime | None = None) -> int | None:
    """Minutes since a live visit started, or None when no clock belongs on screen."""
    if visit.is_finished or visit.entry is EntryMode.AFTERWARDS:
        return None
    seconds = ((at or now()) - visit.started_at).total_seconds()
    return int(seconds // 60) if seconds < CLOCK_HOURS * 3600 else None
