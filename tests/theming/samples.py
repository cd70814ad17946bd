"""Theme file text for tests."""

from __future__ import annotations

BUNDLED_NAMES = {"sessionkit-dark", "sessionkit-light", "sessionkit-high-contrast"}

VALID_THEME = """\
[theme]
name = "mine"
dark = true
primary = "#6fa3d8"
secondary = "#8a9bb0"
accent = "#e0b36a"
warning = "#e5b55c"
error = "#ec8a80"
success = "#82c39a"
foreground = "#d9dce1"
background = "#1c1f24"
surface = "#23272e"
panel = "#2b3038"

[chart]
series = ["#e69f00", "#56b4e9", "#009e73", "#f0e442"]
up = "#56b4e9"
down = "#e69f00"
flag = "#f0e442"
"""


def theme_text(**replace: str) -> str:
    """VALID_THEME with `key = value` lines swapped: theme_text(primary='"red"')."""
    lines = []
    for line in VALID_THEME.splitlines():
        key = line.split(" = ")[0]
        lines.append(f"{key} = {replace[key]}" if key in replace else line)
    return "\n".join(lines) + "\n"
