"""Random hostile text through every screen that shows what people typed.

Markup, escape sequences, bidi overrides and odd Unicode go into references, names, goals,
answers and tags; the app must keep running with notifications and tooltips on, and the
text must come back from the store as typed minus control characters.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from sessionkit.domain import Case, Goal, Member, Response, Role, Visit, clean_line, clean_text
from sessionkit.domain.models import now
from sessionkit.locations import resolve
from sessionkit.storage import Store
from sessionkit.ui.screens.capture import CaptureScreen
from sessionkit.ui.screens.movement import MovementScreen

from .conftest import make_app

PIECES = [
    "[",
    "]",
    "[/]",
    "[b]",
    "[/i]",
    "[@click=app.quit]",
    "[link=x]",
    "$x",
    "${y}",
    "%s",
    "{0}",
    "\x1b[2J",
    "\x1b]0;t\x07",
    "\x1b]52;c;eA==\x07",
    "\x9b",
    "\u202e",
    "\u2066",
    "\x00",
    "\r",
    "\n",
    "\t",
    "é",
    "ß",
    "🙂",
    "\u0301",
    "・",
    "\\",
    '"',
    "'",
    "#",
    "> ",
    "- ",
]
hostile = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), min_size=1, max_size=8).map(
    "".join
)


async def _exercise(folder: Path, reference: str, name: str, goal: str, said: str) -> None:
    locations = resolve(data_dir=folder / "data", config_dir=folder / "config", environ={})
    with Store.open(locations.database) as store:
        case = store.add_case(Case(reference=("x" + reference)[:40], summary=said))
        assert case.id is not None
        member = store.add_member(Member(case_id=case.id, name=("m" + name)[:60], role=Role.CHILD))
        assert member.id is not None
        store.add_goal(Goal(case_id=case.id, text="g" + goal, low_label=said[:100]))
        for _ in range(2):
            visit = store.start_visit(Visit(case_id=case.id, present_member_ids=[member.id]))
            store.record_response(
                Response(
                    visit_id=visit.id,
                    prompt_id="scaling.safety",
                    answered_by=member.id,
                    value=3,
                    scale_min=0,
                    scale_max=10,
                    text=said,
                    wording=said,
                    tags=["t" + clean_line(said)[:50]],
                )
            )
            store.finish_visit(visit.id or 0, now())
        app = make_app(store, locations, check_unfinished=False)
        async with app.run_test(size=(100, 30), notifications=True, tooltips=True) as pilot:
            app.notify_literal(said, title=name)
            await pilot.press("enter")  # the case
            await pilot.press("m")  # movement
            assert isinstance(app.screen, MovementScreen)
            await pilot.press("down", "escape", "enter")  # a finished visit
            assert isinstance(app.screen, CaptureScreen)
            await pilot.press("down", "escape", "f2", "escape")
            assert app.is_running
        (stored,) = {r.text for r in store.responses_for_case(case.id)}
        assert stored == clean_text(said)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(reference=hostile, name=hostile, goal=hostile, said=hostile)
def test_hostile_text_everywhere(reference: str, name: str, goal: str, said: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_exercise(Path(folder), reference, name, goal, said))
