"""What a theme file may say, validated strictly: every colour, every name, no unknown keys.

A theme file is TOML with a `[theme]` table (Textual's base colours), an optional `[chart]`
table (series colours plus `up`, `down` and `flag`) and an optional `[variables]` table of
extra Textual CSS variables. Nothing here imports Textual: `sessionkit.ui.themes` turns a
validated `ThemeFile` into a `textual.theme.Theme`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, model_validator

NAME_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
MAX_NAME_LENGTH = 64
MIN_SERIES = 4
# Okabe-Ito has eight colours; beyond that, series stop being told apart reliably.
MAX_SERIES = 8
MAX_VARIABLES = 200

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_NAME = re.compile(NAME_PATTERN)
_VARIABLE_NAME = re.compile(r"[a-z][a-z0-9-]*")
# Values Textual accepts for a colour variable: "#rrggbb", "#rrggbbaa", either with an
# opacity ("#1e88e5 40%"), "auto 87%" (black or white, whichever contrasts), "transparent".
# Kept narrow on purpose: a value Textual cannot parse breaks the whole stylesheet the
# moment the theme is chosen, and anything wider could smuggle in other CSS.
_VARIABLE_COLOUR = re.compile(
    r"(?:#[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?|auto)(?: (?:100|[1-9]?[0-9])%)?|transparent"
)
# Textual's VALID_STYLE_FLAGS (textual/css/constants.py, 8.2.8).
_TEXT_STYLES = frozenset(
    {"b", "blink", "bold", "dim", "i", "italic", "none", "not", "o", "overline", "reverse"}
    | {"strike", "u", "underline", "uu"}
)
# Base colours are set in [theme], where they are validated and contrast-checked.
_BASE_COLOURS = (
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
CHART_PREFIX = "chart-"

# Okabe & Ito (2008), "Color Universal Design: how to make figures and presentations that
# are friendly to colorblind people", https://jfly.uni-koeln.de/color/ . The eight colours
# stay distinct for protan, deutan and tritan colour vision.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#e69f00",
    "sky-blue": "#56b4e9",
    "bluish-green": "#009e73",
    "yellow": "#f0e442",
    "blue": "#0072b2",
    "vermillion": "#d55e00",
    "reddish-purple": "#cc79a7",
}


def _check_colour(value: str) -> str:
    if not _COLOUR.fullmatch(value):
        raise ValueError(f"{_show(value)} is not a colour: write #rrggbb, like #1e88e5")
    return value.lower()


def _check_name(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    if len(value) > MAX_NAME_LENGTH:
        raise ValueError(f"is too long (at most {MAX_NAME_LENGTH} characters)")
    if not _NAME.fullmatch(value):
        raise ValueError(
            f"{_show(value)} is not a valid name: use lower-case letters, digits and '-', "
            "starting with a letter or digit"
        )
    return value


def _show(value: str) -> str:
    """A user's value quoted for a message, without characters a terminal would act on."""
    printable = "".join(ch if ch.isprintable() else "?" for ch in value)
    return repr(printable if len(printable) <= 40 else printable[:37] + "...")


HexColour = Annotated[str, AfterValidator(_check_colour)]
"""`#rrggbb`, stored in lower case."""

ThemeName = Annotated[str, AfterValidator(_check_name)]
"""Lower-case letters, digits and '-' (as Textual's own theme names are)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ThemeSpec(_Strict):
    """The `[theme]` table: Textual's base colours."""

    name: ThemeName
    dark: StrictBool
    primary: HexColour
    secondary: HexColour
    accent: HexColour
    warning: HexColour
    error: HexColour
    success: HexColour
    foreground: HexColour
    background: HexColour
    surface: HexColour
    panel: HexColour
    boost: HexColour | None = None


class ChartPalette(_Strict):
    """The `[chart]` table: colours for chart series and for movement markers.

    `up`, `down` and `flag` never carry meaning alone: screens also say it in words or
    symbols, and "up" is not "better" (on many measures a higher score is a worry).
    """

    series: list[HexColour] = Field(min_length=MIN_SERIES, max_length=MAX_SERIES)
    up: HexColour
    down: HexColour
    flag: HexColour

    @model_validator(mode="after")
    def _distinct_series(self) -> ChartPalette:
        seen: set[str] = set()
        for colour in self.series:
            if colour in seen:
                raise ValueError(f"series lists {colour} twice: each series needs its own colour")
            seen.add(colour)
        return self


def default_chart(dark: bool) -> ChartPalette:
    """An Okabe-Ito palette for themes that do not give one, chosen to show on the background."""
    o = OKABE_ITO
    if dark:
        return ChartPalette(
            series=[
                o["orange"],
                o["sky-blue"],
                o["bluish-green"],
                o["yellow"],
                o["reddish-purple"],
            ],
            up=o["sky-blue"],
            down=o["orange"],
            flag=o["yellow"],
        )
    # Yellow, sky blue, orange and reddish purple fall below 3:1 on light backgrounds.
    return ChartPalette(
        series=[o["blue"], o["vermillion"], o["bluish-green"], o["black"]],
        up=o["blue"],
        down=o["vermillion"],
        flag=o["black"],
    )


def _check_variables(value: dict[str, str]) -> dict[str, str]:
    if len(value) > MAX_VARIABLES:
        raise ValueError(f"has {len(value)} entries (at most {MAX_VARIABLES})")
    for name, setting in value.items():
        problem = variable_problem(name, setting)
        if problem:
            raise VariableProblem(name, problem)
    return value


class VariableProblem(ValueError):
    """One bad entry in `[variables]`; `key` lets the loader point at its line."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def variable_problem(name: str, value: str) -> str | None:
    """Why `name = value` cannot go into `[variables]`, or None if it can."""
    if not _VARIABLE_NAME.fullmatch(name) or len(name) > MAX_NAME_LENGTH:
        return (
            f"{_show(name)} is not a variable name: use lower-case letters, digits and '-', "
            "like footer-key-foreground"
        )
    if name in _BASE_COLOURS:
        return f"set {name} in the [theme] table, not in [variables]"
    if name.startswith(CHART_PREFIX):
        return "chart colours go in the [chart] table, not in [variables]"
    if name.endswith("-style"):
        words = value.split()
        if not words or len(words) > 4 or not all(w in _TEXT_STYLES for w in words):
            return (
                f"{_show(value)} is not a text style: use words such as bold, italic, "
                "underline, reverse or none"
            )
        return None
    if not _VARIABLE_COLOUR.fullmatch(value):
        return (
            f"{_show(value)} is not a colour value: use #rrggbb, #rrggbb with an opacity "
            "like '#1e88e5 40%', 'auto 87%' or 'transparent'"
        )
    return None


Variables = Annotated[dict[str, str], AfterValidator(_check_variables)]


class ThemeFile(_Strict):
    """One theme file. `chart` is filled with an Okabe-Ito default when the file has none."""

    theme: ThemeSpec
    chart: ChartPalette
    variables: Variables = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _default_chart(cls, data: Any) -> Any:
        if isinstance(data, dict) and "chart" not in data:
            theme = data.get("theme")
            dark = theme.get("dark", True) if isinstance(theme, dict) else True
            return {**data, "chart": default_chart(dark is not False)}
        return data

    @property
    def name(self) -> str:
        return self.theme.name
