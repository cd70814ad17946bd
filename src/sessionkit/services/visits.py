"""Starting a visit, offering an unfinished one again, and how a visit is named on screen.

A visit is live (happening now) or written up afterwards, for a start time the
practitioner gives: never in the future. It records the toolpack it was asked from, so
its answers keep their wording's source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sessionkit.domain import EntryMode, Visit, now
from sessionkit.services.errors import VisitNotReady

if TYPE_CHECKING:
    from sessionkit.storage import Store
    from sessionkit.toolpacks import ResolvedPack

WHEN_FORMAT = "%Y-%m-%d %H:%M"

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


def clock_text(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d} in"
