"""Bundled themes as Textual sees them: registered, selectable, and readable."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.theme import Theme
from textual.widgets import Label

from sessionkit.settings import load_settings, remember
from sessionkit.theming import DEFAULT_THEME, HIGH_CONTRAST_THEME, ThemeCatalog, load_themes
from sessionkit.theming.contrast import AA_TEXT, AAA_TEXT, blend, contrast_ratio
from sessionkit.theming.model import default_chart
from sessionkit.ui.themes import (
    CHART_SLOTS,
    chart_variables,
    pick_theme,
    register_all,
    to_textual,
    variable_defaults,
)

from .samples import BUNDLED_NAMES, VALID_THEME

CHART_CSS = "\n".join(
    [
        "#up { color: $chart-up; }",
        "#down { color: $chart-down; background: $surface; }",
        "#flag { color: $chart-flag; text-style: bold; }",
        *(f".c{n} {{ color: $chart-{n}; }}" for n in range(1, CHART_SLOTS + 1)),
    ]
)


class ThemedApp(App[None]):
    """Wired as SessionkitApp should be: register in __init__, defaults for chart variables."""

    CSS: ClassVar[str] = CHART_CSS

    def __init__(self, catalog: ThemeCatalog, wanted: str | None = None) -> None:
        super().__init__()
        self.skipped = register_all(self, catalog)
        self.theme = pick_theme(self, wanted)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **variable_defaults()}

    def compose(self) -> ComposeResult:
        yield Label("up", id="up")
        yield Label("down", id="down")
        yield Label("flag", id="flag")
        for n in range(1, CHART_SLOTS + 1):
            yield Label(str(n), classes=f"c{n}")


@pytest.fixture
def catalog(bundled: Path) -> ThemeCatalog:
    return load_themes([bundled])


async def test_bundled_themes_register_and_the_default_applies(catalog: ThemeCatalog) -> None:
    app = ThemedApp(catalog, wanted=None)
    async with app.run_test() as pilot:
        assert set(app.available_themes) >= BUNDLED_NAMES
        assert app.theme == DEFAULT_THEME
        await pilot.pause()
        dark = catalog.get(DEFAULT_THEME)
        assert dark is not None
        assert app.query_one("#up").styles.color == Color.parse(dark.chart.up)


async def test_switching_to_high_contrast_applies_its_chart_colours(
    catalog: ThemeCatalog,
) -> None:
    app = ThemedApp(catalog, wanted=DEFAULT_THEME)
    async with app.run_test() as pilot:
        app.theme = HIGH_CONTRAST_THEME
        await pilot.pause()
        assert app.current_theme.name == HIGH_CONTRAST_THEME
        hc = catalog.get(HIGH_CONTRAST_THEME)
        assert hc is not None
        assert app.query_one("#flag").styles.color == Color.parse(hc.chart.flag)
        assert app.query_one(".c1").styles.color == Color.parse(hc.chart.series[0])


async def test_saved_theme_name_is_honoured(catalog: ThemeCatalog) -> None:
    app = ThemedApp(catalog, wanted="sessionkit-light")
    async with app.run_test():
        assert app.theme == "sessionkit-light"
        assert not app.current_theme.dark


async def test_unknown_saved_name_falls_back_instead_of_raising(catalog: ThemeCatalog) -> None:
    app = ThemedApp(catalog, wanted="deleted-theme")
    async with app.run_test():
        assert app.theme == DEFAULT_THEME
        assert pick_theme(app, "deleted-theme", "also-missing") == "textual-dark"
        assert pick_theme(app, "nord") == "nord"  # Textual's own themes stay choosable


async def test_chart_variables_parse_under_textual_themes(catalog: ThemeCatalog) -> None:
    # No sessionkit theme is active: the defaults keep $chart-* defined.
    app = ThemedApp(ThemeCatalog(), wanted="textual-light")
    async with app.run_test() as pilot:
        assert app.theme == "textual-light"
        await pilot.pause()
        expected = variable_defaults()["chart-up"]
        assert app.query_one("#up").styles.color == Color.parse(expected)


async def test_theme_named_like_a_textual_builtin_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "nord.toml").write_text(VALID_THEME.replace('"mine"', '"nord"'))
    catalog = load_themes([tmp_path])
    app = ThemedApp(catalog)
    async with app.run_test():
        assert app.available_themes["nord"].primary != "#6fa3d8"
        [line] = app.skipped
        assert "one of Textual's built-in themes" in line


ACCEPTED_VARIABLES = {
    "border": "#ffffff",
    "border-blurred": "#ffffff80",
    "footer-key-foreground": "#e0b36a 70%",
    "text": "auto 100%",
    "text-muted": "auto 5%",
    "input-selection-background": "transparent",
    "block-cursor-text-style": "bold underline",
    "link-style": "none",
}


class UsesEveryVariable(ThemedApp):
    """Each variable used where Textual expects its kind, so a bad value fails to parse."""

    CSS: ClassVar[str] = "\n".join(
        f"#v{n} {{ {'text-style' if name.endswith('-style') else 'color'}: ${name}; }}"
        for n, name in enumerate(ACCEPTED_VARIABLES)
    )

    def compose(self) -> ComposeResult:
        for n in range(len(ACCEPTED_VARIABLES)):
            yield Label(str(n), id=f"v{n}")


async def test_every_accepted_variable_form_is_valid_textual_css(tmp_path: Path) -> None:
    body = "\n".join(f'{k} = "{v}"' for k, v in ACCEPTED_VARIABLES.items())
    (tmp_path / "mine.toml").write_text(VALID_THEME + f"\n[variables]\n{body}\n")
    catalog = load_themes([tmp_path])
    assert catalog.problems == []
    app = UsesEveryVariable(catalog, wanted="mine")
    async with app.run_test() as pilot:
        assert app.theme == "mine"
        await pilot.pause()
        assert app.query_one("#v0").styles.color == Color.parse("#ffffff")
        assert app.query_one("#v6").styles.text_style.bold


def test_chart_variables_fill_every_slot() -> None:
    chart = default_chart(dark=False)  # four series
    variables = chart_variables(chart)
    assert [variables[f"chart-{n}"] for n in range(1, 9)] == [*chart.series, *chart.series]
    assert variables["chart-flag"] == chart.flag
    assert set(variable_defaults()) == set(variables)


# --- readable text, as Textual derives it ---------------------------------------------

TEXT_VARIABLES = [
    "text",
    "text-muted",
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
]


def _text_colour(value: str, background: str) -> str:
    """A Textual colour value as painted on `background` ("auto 87%" included)."""
    if value.startswith("auto"):
        parts = value.split()
        alpha = float(parts[1].rstrip("%")) / 100 if len(parts) > 1 else 1.0
        base = Color.parse(background)
        return blend("#ffffff" if base.brightness < 0.5 else "#000000", background, alpha)
    color = Color.parse(value)
    return blend(color.hex6, background, color.a)


def text_ratios(theme: Theme) -> dict[tuple[str, str], float]:
    generated = theme.to_color_system().generate()
    ratios = {}
    for where in ("background", "surface", "panel"):
        background = getattr(theme, where)
        assert background is not None
        for name in TEXT_VARIABLES:
            colour = _text_colour(generated[name], background)
            ratios[(name, where)] = contrast_ratio(colour, background)
        ratios[("foreground", where)] = contrast_ratio(theme.foreground or "", background)
    return ratios


def test_high_contrast_text_colours_all_reach_seven_to_one(catalog: ThemeCatalog) -> None:
    theme = catalog.get(HIGH_CONTRAST_THEME)
    assert theme is not None
    low = {k: round(v, 2) for k, v in text_ratios(to_textual(theme)).items() if v < AAA_TEXT}
    assert low == {}


@pytest.mark.parametrize("name", ["sessionkit-dark", "sessionkit-light"])
def test_other_bundled_themes_text_colours_reach_aa(catalog: ThemeCatalog, name: str) -> None:
    theme = catalog.get(name)
    assert theme is not None
    low = {k: round(v, 2) for k, v in text_ratios(to_textual(theme)).items() if v < AA_TEXT}
    assert low == {}


# --- remembering the choice, wired as the report tells SessionkitApp to do --------------


class PersistingApp(ThemedApp):
    def __init__(self, catalog: ThemeCatalog, settings_file: Path) -> None:
        self.settings_file = settings_file
        self.settings, self.settings_problems = load_settings(settings_file)
        super().__init__(catalog, wanted=self.settings.theme)
        self.set_keymap(self.settings.keymap)
        self.save_problems: list[str] = []

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings = self.settings.model_copy(update={"theme": theme.name})
        self.save_problems += remember(self.settings_file, theme=theme.name)


async def test_choosing_a_theme_is_remembered_without_losing_edits(
    catalog: ThemeCatalog, tmp_path: Path
) -> None:
    settings_file = tmp_path / "settings.toml"
    original = '# mine\ntheme = "sessionkit-light"  # daytime\n\n[keymap]\n"capture.undo" = "z"\n'
    settings_file.write_text(original)
    app = PersistingApp(catalog, settings_file)
    async with app.run_test() as pilot:
        assert app.theme == "sessionkit-light"
        await pilot.pause()
        assert settings_file.read_text() == original  # starting up writes nothing
        app.theme = HIGH_CONTRAST_THEME
        await pilot.pause()
    assert app.save_problems == []
    assert settings_file.read_text() == original.replace(
        '"sessionkit-light"  # daytime', '"sessionkit-high-contrast"  # daytime'
    )
    again = PersistingApp(catalog, settings_file)
    async with again.run_test():
        assert again.theme == HIGH_CONTRAST_THEME
