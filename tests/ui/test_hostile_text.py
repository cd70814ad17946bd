"""Text people type or import is data: shown literally, never markup, never escape codes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from sessionkit.domain import Case, Member, Role
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.capture import CaptureScreen
from sessionkit.ui.screens.case import CaseScreen

from .conftest import make_app

HOSTILE = [
    "[@click=app.quit]quit[/]",
    "[/]",
    "[b]x[/i]",
    "[link=https://example.invalid]x[/link]",
    "\x1b]0;pwned\x07title",
    "\x1b]52;c;c2VjcmV0\x07clip",
    "\x1b[2J\x1b[Hclear",
    "\u202eevil\u202c",
    "\x9b31mC1",
    "$text ${x} %s {0}",
]


async def test_hostile_reference_and_names_are_shown_literally(
    store: Store, locations: Locations
) -> None:
    for index, text in enumerate(HOSTILE):
        case = store.add_case(Case(reference=f"{index} {text}"[:40], summary=text))
        assert case.id is not None
        member = store.add_member(Member(case_id=case.id, name=text[:60] or "x", role=Role.CHILD))
        assert "\x1b" not in member.name and "\u202e" not in member.name
    app = make_app(store, locations)
    async with app.run_test(size=(110, 36), notifications=True, tooltips=True) as pilot:
        app.notify_literal(HOSTILE[0], title=HOSTILE[1])
        for _ in HOSTILE:
            await pilot.press("enter")
            assert isinstance(app.screen, CaseScreen)
            await pilot.press("v", "ctrl+s")
            assert isinstance(app.screen, CaptureScreen)
            await pilot.press("w")
            app.screen.query_one("#said").value = HOSTILE[0] + HOSTILE[4]  # type: ignore[attr-defined]
            await pilot.press("enter", "f", "y", "escape", "escape", "down")
        assert app.is_running
    texts = [r.text for c in store.list_cases() for r in store.responses_for_case(c.case_id or 0)]
    assert len(texts) == len(HOSTILE)
    for text in texts:
        assert text == "[@click=app.quit]quit[/]title"


async def test_markup_in_a_reference_is_shown_as_typed(store: Store, locations: Locations) -> None:
    case = store.add_case(Case(reference="[b]x[/i] [@click=app.quit]q[/]"))
    assert case.id is not None
    app = make_app(store, locations)
    async with app.run_test(size=(110, 36), notifications=True) as pilot:
        await pilot.press("enter")
        title = str(app.screen.query_one("#case-title").render())
        assert title == "[b]x[/i] [@click=app.quit]q[/]"
        await pilot.click("#case-title")
        assert app.is_running


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=40))
def test_any_text_survives_the_model_without_control_characters(text: str) -> None:
    member = Member(name="x" + text, role=Role.CHILD)
    assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in member.name)
    assert not any(0x7F <= ord(ch) <= 0x9F for ch in member.name)
