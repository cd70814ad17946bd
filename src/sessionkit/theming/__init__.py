"""Theme files: validated models, a fail-soft loader and WCAG contrast checks.

Nothing in this package imports Textual; `sessionkit.ui.themes` turns these models into
`textual.theme.Theme` objects and registers them on the app.
"""

from sessionkit.theming.contrast import contrast_ratio, relative_luminance
from sessionkit.theming.loader import LoadedTheme, Problem, ThemeCatalog, load_themes
from sessionkit.theming.model import ChartPalette, ThemeFile, ThemeSpec

DEFAULT_THEME = "sessionkit-dark"
HIGH_CONTRAST_THEME = "sessionkit-high-contrast"

__all__ = [
    "DEFAULT_THEME",
    "HIGH_CONTRAST_THEME",
    "ChartPalette",
    "LoadedTheme",
    "Problem",
    "ThemeCatalog",
    "ThemeFile",
    "ThemeSpec",
    "contrast_ratio",
    "load_themes",
    "relative_luminance",
]
