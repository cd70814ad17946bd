"""The app's own key bindings, apart from the app so the keymap check can read them.

`ui/keymap.py` checks a user's keymap against every binding of the app, and runs while
the app is being built (through `ui/startup.py`): reading them from `ui/app.py` would
make the app, the start-up cache and the keymap import each other.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    # Shown in the home screen's footer; elsewhere F1 and the palette list it, and the
    # room goes to the screen's own keys.
    Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False),
    Binding("f1", "toggle_help", "Keys", id="app.help"),
    Binding("f2", "tools", "Tools", id="app.tools"),
]
