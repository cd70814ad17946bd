"""A footer that rebuilds its keys only when the keys it would show have changed.

Textual's `Footer` rebuilds all its keys every time a screen says its bindings may have
changed: on being shown, on each change of focus, on `refresh_bindings()`. Opening a
screen says so four or five times in a row, and each rebuild restyles every key (about
10 ms each on a slow laptop). This one waits for the screen to settle, then rebuilds
once, and only if a key, its wording, or whether it can be used, is different.

It leans on three Textual internals (`textual.widgets._footer.FooterKey`, the footer's
`_bindings_ready` reactive, a key's `_reactive_connect`) to be built with its keys at once
and each key compact from the start. Measured by benchmarks/footer.py: opening a screen
with it costs about a fifth less CPU than the same rule written with public API only
(README, "Performance"). tests/ui/test_textual_internals.py fails if they change shape.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = list[tuple[object, ...]]


class SteadyFooter(Footer):
    """Footer that shows the same keys as Textual's, rebuilt only when they change."""

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        show_command_palette: bool = True,
        compact: bool = False,
    ) -> None:
        super().__init__(
            name=name,
            id=id,
            classes=classes,
            show_command_palette=show_command_palette,
            compact=compact,
        )
        self._shown: Shown | None = None
        self._pending = False

    def compose(self) -> ComposeResult:
        # Textual's footer starts empty and fills in once the screen announces its keys,
        # a second layout of the whole screen. The keys are known already: show them now.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._keys()
        for widget in super().compose():
            # A key bound to the footer's `compact` starts compact and is then told the
            # footer's setting: each step restyles it. Starting it with the footer's
            # setting skips both. (The palette's key is not bound: it stays compact.)
            bound = isinstance(widget, FooterKey) and widget._reactive_connect
            if bound and "compact" in bound:
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            # One rebuild after the refresh covers every change announced before it.
            self._pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._pending = False
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()

    def _keys(self) -> Shown:
        """What the footer would show: each key with its wording and whether it is enabled."""
        app = self.app
        active = self.screen.active_bindings
        keys: Shown = [
            (binding, app.get_key_display(binding), enabled, tooltip)
            for _, binding, enabled, tooltip in active.values()
            if binding.show
        ]
        # The palette's key is a hidden binding that the footer shows on the right.
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        keys.append((self.show_command_palette, app.ENABLE_COMMAND_PALETTE, palette))
        return keys
