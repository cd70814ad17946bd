"""What the footer costs a screen: opening it, and each change of focus.

Run: .venv/bin/python benchmarks/footer.py [--runs 40]

A screen like the case screen (12 keys in the footer, 8 focusable rows) is opened in a
headless app at 100x30 and then has its focus moved, with three footers in turn:

- `textual`: Textual's `Footer`, which rebuilds every key each time the screen says its
  bindings may have changed (on being shown, on each change of focus);
- `steady`: sessionkit's `SteadyFooter` (ui/widgets/steady_footer.py), which is built with
  its keys at once and rebuilds only when the keys it would show change;
- `steady-public`: the same rebuild-only-on-change rule written with public API only, so
  the footer starts empty and fills in after the screen announces its keys;
- `steady-no-compact`: `steady` without starting each key with the footer's `compact`.

Measured as CPU time of the app's thread (robust to other load on the machine), from the
push (or the focus change) until the app is idle, median of the runs.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable, Iterator
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Static

from sessionkit.ui.widgets.steady_footer import SteadyFooter

Shown = list[tuple[object, ...]]


class PublicSteadyFooter(Footer):
    """The steady rule with public API only: rebuild when the shown keys change."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: Shown | None = None
        self._pending = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._settle, screen)

    def _settle(self, screen: Screen[object]) -> None:
        self._pending = False
        active = screen.active_bindings
        keys: Shown = [
            (b, self.app.get_key_display(b), enabled, tip)
            for _, b, enabled, tip in active.values()
            if b.show
        ]
        if keys != self._shown:
            self._shown = keys
            Footer.bindings_changed(self, screen)


class SteadyNotCompactFirst(SteadyFooter):
    """`SteadyFooter` built with its keys at once, but leaving their `compact` to Textual."""

    def compose(self) -> ComposeResult:
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._keys()
        yield from Footer.compose(self)


FOOTERS: dict[str, Callable[[], Widget]] = {
    "textual": Footer,
    "steady": SteadyFooter,
    "steady-public": PublicSteadyFooter,
    "steady-no-compact": SteadyNotCompactFirst,
}


class CaseLike(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key, f"noop('{key}')", f"Action {key}") for key in "vlmpgeawnxyz"
    ]

    def __init__(self, footer: Callable[[], Widget]) -> None:
        super().__init__()
        self._footer = footer

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("A case")
        for n in range(8):
            yield Button(f"Row {n}", id=f"row{n}")
        yield self._footer()

    def action_noop(self, key: str) -> None:
        pass


class Host(App[None]):
    def compose(self) -> Iterator[Static]:
        yield Static("home")


async def measure(footer: Callable[[], Widget], runs: int) -> tuple[list[float], list[float]]:
    opened: list[float] = []
    focused: list[float] = []
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(runs):
            screen = CaseLike(footer)
            start = time.thread_time()
            await app.push_screen(screen)
            await pilot.pause()
            await app.animator.wait_until_complete()
            await pilot.pause()
            opened.append(time.thread_time() - start)
            start = time.thread_time()
            screen.query_one("#row3").focus()
            await pilot.pause()
            await pilot.pause()
            focused.append(time.thread_time() - start)
            app.pop_screen()
            await pilot.pause()
    return opened, focused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    results: dict[str, tuple[list[float], list[float]]] = {}
    for _round in range(2):  # taking turns, so machine noise falls on each
        for name, footer in FOOTERS.items():
            opened, focused = asyncio.run(measure(footer, args.runs))
            kept = results.setdefault(name, ([], []))
            kept[0].extend(opened)
            kept[1].extend(focused)
    for name, (opened, focused) in results.items():
        print(
            f"{name:14} open: median {statistics.median(opened) * 1000:5.1f} ms"
            f"  focus change: median {statistics.median(focused) * 1000:5.1f} ms"
        )


if __name__ == "__main__":
    main()
