"""Theme files: validated models, a fail-soft loader and WCAG contrast checks.

Nothing in this package imports Textual; `sessionkit.ui.themes` turns these models into
`textual.theme.Theme` objects and registers them on the app.
"""

from typing import TYPE_CHECKING

from sessionkit._lazy import lazy_exports

if TYPE_CHECKING:
    from sessionkit.theming.contrast import (
        contrast_ratio as contrast_ratio,
        relative_luminance as relative_luminance,
    )
    from sessionkit.theming.loader import (
        LoadedTheme as LoadedTheme,
        Problem as Problem,
        ThemeCatalog as ThemeCatalog,
        load_themes as load_themes,
    )
    from sessionkit.theming.model import (
        ChartPalette as ChartPalette,
        ThemeFile as ThemeFile,
        ThemeSpec as ThemeSpec,
    )

DEFAULT_THEME = "sessionkit-dark"
HIGH_CONTRAST_THEME = "sessionkit-high-contrast"

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    {
        "contrast": (
            "contrast_ratio",
            "relative_luminance",
        ),
        "loader": (
            "LoadedTheme",
            "Problem",
            "ThemeCatalog",
            "load_themes",
        ),
        "model": (
            "ChartPalette",
            "ThemeFile",
            "ThemeSpec",
        ),
    },
)
