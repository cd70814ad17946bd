"""Turn validated theme files into Textual themes and register them on an app.

The only theming module that imports Textual. Chart colours travel as CSS variables
(`$chart-1` .. `$chart-8`, `$chart-up`, `$chart-down`, `$chart-flag`), so stylesheets and
chart widgets read them the same way as `$primary`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.theme import BUILTIN_THEMES, Theme

from sessionkit.theming import DEFAULT_THEME, ThemeCatalog
from sessionkit.theming.model import (
    CHART_PREFIX,
    MAX_SERIES,
    ChartPalette,
    ThemeFile,
    default_chart,
)

CHART_SLOTS = MAX_SERIES
"""Every theme defines `$chart-1` .. `$chart-8`; a shorter palette repeats from the start."""

LAST_RESORT_THEME = "textual-dark"


def chart_variables(chart: ChartPalette) -> dict[str, str]:
    """`chart-1`..`chart-8`, `chart-up`, `chart-down`, `chart-flag` for one palette."""
    series = chart.series
    variables = {f"{CHART_PREFIX}{n + 1}": series[n % len(series)] for n in range(CHART_SLOTS)}
    variables[f"{CHART_PREFIX}up"] = chart.up
    variables[f"{CHART_PREFIX}down"] = chart.down
    variables[f"{CHART_PREFIX}flag"] = chart.flag
    return variables


def variable_defaults() -> dict[str, str]:
    """Defaults for sessionkit's own CSS variables, so TCSS using `$chart-up` always parses.

    Return these from `App.get_theme_variable_defaults`; they apply under any theme that
    does not set them (Textual's built-in themes, for instance).
    """
    return chart_variables(default_chart(dark=True))


def to_textual(theme: ThemeFile) -> Theme:
    """The Textual theme for one validated theme file."""
    spec = theme.theme
    return Theme(
        name=spec.name,
        primary=spec.primary,
        secondary=spec.secondary,
        accent=spec.accent,
        warning=spec.warning,
        error=spec.error,
        success=spec.success,
        foreground=spec.foreground,
        background=spec.background,
        surface=spec.surface,
        panel=spec.panel,
        boost=spec.boost,
        dark=spec.dark,
        variables={**theme.variables, **chart_variables(theme.chart)},
    )


def register_all(app: App[Any], catalog: ThemeCatalog) -> list[str]:
    """Register every theme in `catalog` on `app`; call from `App.__init__`.

    Returns one line per theme not registered: a theme named like one of Textual's built-in
    themes (`nord`, `textual-dark`...) is skipped, for the same reason a user theme cannot
    replace a bundled one: names must keep meaning what they meant.
    """
    skipped: list[str] = []
    for name, loaded in catalog.themes.items():
        if name in BUILTIN_THEMES:
            skipped.append(builtin_name_problem(loaded.path, name))
            continue
        app.register_theme(to_textual(loaded.theme))
    return skipped


def builtin_name_problem(path: Path, name: str) -> str:
    return (
        f"{path}: theme.name: '{name}' is one of Textual's built-in themes; "
        "this file is skipped (give it another name to use it)"
    )


def pick_theme(app: App[Any], wanted: str | None, fallback: str = DEFAULT_THEME) -> str:
    """The theme to set: `wanted` if the app has it, else `fallback`, else Textual's default.

    Assigning an unregistered name to `App.theme` raises `InvalidThemeError`, and a saved
    name can go stale (a user theme deleted or renamed), so check before assigning.
    """
    available = app.available_themes
    for name in (wanted, fallback):
        if name and name in available:
            return name
    return LAST_RESORT_THEME
