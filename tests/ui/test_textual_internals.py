"""The Textual internals sessionkit relies on, pinned: a change of shape fails here first.

`ui/widgets/steady_footer.py` uses three (defended in README "Performance" by
benchmarks/footer.py: opening a screen costs about a fifth less CPU): `FooterKey` from
`textual.widgets._footer`, the footer's `_bindings_ready` reactive and a key's
`_reactive_connect`. The keymap check uses only public API (`Binding.make_bindings`).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from importlib.metadata import version
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from sessionkit.ui.keymap import _normalize
from sessionkit.ui.widgets.steady_footer import SteadyFooter


def test_textual_is_the_version_the_footer_was_checked_on() -> None:
    assert version("textual") == "8.2.8"


def test_the_footer_internals_keep_their_shape() -> None:
    assert issubclass(FooterKey, Widget)
    assert isinstance(Footer.__dict__["_bindings_ready"], Reactive)
    assert isinstance(FooterKey.__dict__["compact"], Reactive)
    # Textual's footer composes nothing until its bindings are ready; each key it makes
    # is bound to the footer's `compact`.
    compose = inspect.getsource(Footer.compose)
    assert "if not self._bindings_ready:" in compose
    assert ".data_bind(compact=Footer.compact)" in compose
    assert list(inspect.signature(Footer.bindings_changed).parameters) == ["self", "screen"]
    # A key bound with data_bind names what it is bound to in _reactive_connect until
    # it is mounted: the steady footer reads it while composing.
    assert "self._reactive_connect[name] = (parent, reactive)" in inspect.getsource(
        DOMNode.data_bind
    )


class _Keys(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "alpha", "Alpha"),
        Binding("b", "beta", "Beta"),
    ]

    def compose(self) -> Iterator[Widget]:
        yield Static("keys")
        yield SteadyFooter(compact=True)

    def action_alpha(self) -> None:
        pass

    def action_beta(self) -> None:
        pass


class _Host(App[None]):
    def on_mount(self) -> None:
        self.push_screen(_Keys())


async def test_the_steady_footer_is_built_with_its_keys_compact_as_the_footer() -> None:
    app = _Host()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(SteadyFooter)
        keys = list(footer.query(FooterKey))
        assert [k.description for k in keys if k.description][:2] == ["Alpha", "Beta"]
        shown = [k for k in keys if "-command-palette" not in k.classes]
        assert len(shown) == 2 and all(k.compact is True for k in shown)


def test_keys_are_normalised_as_textual_compares_them() -> None:
    assert _normalize("?") == "question_mark"
    assert _normalize(" a ") == "a"
    assert _normalize("ctrl+x") == "ctrl+x"
    assert _normalize("!") == "exclamation_mark"
    assert _normalize("") == ""
