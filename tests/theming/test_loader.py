"""Theme files: the bundled ones are valid and readable; bad ones are reported, never raised."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sessionkit.theming import load_themes
from sessionkit.theming.contrast import AA_TEXT, AAA_TEXT, NON_TEXT, contrast_ratio
from sessionkit.theming.loader import MAX_THEME_FILE_BYTES, load_theme_file
from sessionkit.theming.model import OKABE_ITO, ThemeFile, default_chart

from .samples import BUNDLED_NAMES, VALID_THEME, theme_text

# --- the bundled themes ---------------------------------------------------------------


def test_bundled_themes_load_cleanly(bundled: Path) -> None:
    catalog = load_themes([bundled])
    assert [str(p) for p in catalog.problems] == []
    assert set(catalog.names()) == BUNDLED_NAMES


def test_bundled_files_are_named_after_their_theme(bundled: Path) -> None:
    catalog = load_themes([bundled])
    for name, loaded in catalog.themes.items():
        assert loaded.path.name == f"{name}.toml"


@pytest.mark.parametrize("name", sorted(BUNDLED_NAMES))
def test_every_bundled_theme_has_aa_text_on_its_background(bundled: Path, name: str) -> None:
    theme = load_themes([bundled]).get(name)
    assert theme is not None
    spec = theme.theme
    assert contrast_ratio(spec.foreground, spec.background) >= AA_TEXT
    assert contrast_ratio(spec.foreground, spec.surface) >= AA_TEXT
    assert contrast_ratio(spec.foreground, spec.panel) >= AA_TEXT


def test_high_contrast_theme_meets_aaa_on_every_background(bundled: Path) -> None:
    theme = load_themes([bundled]).get("sessionkit-high-contrast")
    assert theme is not None
    spec = theme.theme
    assert spec.dark
    for where in (spec.background, spec.surface, spec.panel):
        assert contrast_ratio(spec.foreground, where) >= AAA_TEXT


@pytest.mark.parametrize("name", sorted(BUNDLED_NAMES))
def test_bundled_chart_palettes_are_okabe_ito_and_visible(bundled: Path, name: str) -> None:
    theme = load_themes([bundled]).get(name)
    assert theme is not None
    chart, spec = theme.chart, theme.theme
    okabe_ito = set(OKABE_ITO.values())
    assert len(chart.series) >= 4
    assert len(set(chart.series)) == len(chart.series)
    for colour in [*chart.series, chart.up, chart.down, chart.flag]:
        assert colour in okabe_ito, colour
        # WCAG 1.4.11: graphics need 3:1 against what they are drawn on.
        assert contrast_ratio(colour, spec.background) >= NON_TEXT, colour
        assert contrast_ratio(colour, spec.surface) >= NON_TEXT, colour
    assert len({chart.up, chart.down, chart.flag}) == 3


@pytest.mark.parametrize("dark", [True, False])
def test_default_chart_is_okabe_ito(dark: bool) -> None:
    chart = default_chart(dark)
    assert set(chart.series) <= set(OKABE_ITO.values())
    background = "#1c1f24" if dark else "#fafaf7"
    assert all(contrast_ratio(c, background) >= NON_TEXT for c in chart.series)


# --- adding user themes ---------------------------------------------------------------


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_user_folder_adds_themes(bundled: Path, tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", VALID_THEME)
    catalog = load_themes([bundled, tmp_path])
    assert catalog.problems == []
    assert "mine" in catalog
    assert catalog.themes["mine"].folder_index == 1


def test_missing_user_folder_is_not_a_problem(bundled: Path, tmp_path: Path) -> None:
    catalog = load_themes([bundled, tmp_path / "nowhere"])
    assert catalog.problems == []


def test_user_theme_cannot_replace_a_bundled_one(bundled: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "copy.toml", theme_text(name='"sessionkit-dark"'))
    catalog = load_themes([bundled, tmp_path])
    assert catalog.themes["sessionkit-dark"].path.parent == bundled
    [problem] = [str(p) for p in catalog.problems]
    assert problem.startswith(f"{path}:2: theme.name: 'sessionkit-dark' is already used by ")
    assert "skipped" in problem


def test_chart_is_optional_and_defaults_to_okabe_ito(tmp_path: Path) -> None:
    text = VALID_THEME.split("[chart]")[0].replace("dark = true", "dark = false")
    write(tmp_path, "plain.toml", text.replace("#1c1f24", "#fafafa").replace("#d9dce1", "#222222"))
    catalog = load_themes([tmp_path])
    theme = catalog.get("mine")
    assert theme is not None
    assert theme.chart == default_chart(dark=False)


def test_colours_are_stored_in_lower_case(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", theme_text(primary='"#6FA3D8"'))
    theme = load_themes([tmp_path]).get("mine")
    assert theme is not None and theme.theme.primary == "#6fa3d8"


def test_variables_table_is_kept(tmp_path: Path) -> None:
    text = VALID_THEME + '\n[variables]\nborder = "#ffffff 50%"\nblock-cursor-text-style = "bold"\n'
    write(tmp_path, "mine.toml", text)
    theme = load_themes([tmp_path]).get("mine")
    assert theme is not None
    assert theme.variables == {"border": "#ffffff 50%", "block-cursor-text-style": "bold"}


# --- bad files ------------------------------------------------------------------------


def problems_for(tmp_path: Path, text: str | bytes, name: str = "bad.toml") -> list[str]:
    path = write(tmp_path / "user", name, text)
    catalog = load_themes([tmp_path / "user"])
    assert "mine" not in catalog
    return [str(p).replace(str(path), "FILE") for p in catalog.problems]


def test_bad_colour_names_key_and_line(tmp_path: Path) -> None:
    assert problems_for(tmp_path, theme_text(primary='"red"')) == [
        "FILE:4: theme.primary: 'red' is not a colour: write #rrggbb, like #1e88e5"
    ]


def test_short_hex_is_not_accepted(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, theme_text(surface='"#fff"'))
    assert problem.startswith("FILE:12: theme.surface: '#fff' is not a colour")


def test_wrong_type(tmp_path: Path) -> None:
    assert problems_for(tmp_path, theme_text(dark='"yes"')) == [
        "FILE:3: theme.dark: should be true or false (found 'yes')"
    ]
    assert problems_for(tmp_path, theme_text(accent="12")) == [
        "FILE:6: theme.accent: should be text in quotes (found 12)"
    ]


def test_bad_name(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, theme_text(name='"My Theme"'))
    assert problem.startswith("FILE:2: theme.name: 'My Theme' is not a valid name")


def test_unknown_key_suggests_the_nearest(tmp_path: Path) -> None:
    text = VALID_THEME.replace("warning =", "warnig =")
    assert problems_for(tmp_path, text) == [
        "FILE:1: theme.warning: is required but missing",  # the [theme] header
        "FILE:7: theme.warnig: unknown key in [theme] (did you mean 'warning'?)",
    ]


def test_unknown_table(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, VALID_THEME + "\n[charts]\nx = 1\n")
    assert problem == "FILE:21: charts: unknown key in the top level (did you mean 'chart'?)"


def test_every_error_in_a_file_is_listed(tmp_path: Path) -> None:
    found = problems_for(tmp_path, theme_text(primary='"red"', panel='"blue"', up='"#12"'))
    assert [p.split(":")[1] for p in found] == ["4", "13", "17"]


def test_chart_needs_four_distinct_series(tmp_path: Path) -> None:
    few = theme_text(series='["#e69f00", "#56b4e9"]')
    assert problems_for(tmp_path, few) == [
        "FILE:16: chart.series: needs at least 4 entries (found 2)"
    ]
    twice = theme_text(series='["#e69f00", "#56b4e9", "#E69F00", "#f0e442"]')
    [problem] = problems_for(tmp_path, twice)
    assert "lists #e69f00 twice" in problem


def test_bad_series_entry_points_at_its_line(tmp_path: Path) -> None:
    series = '[\n  "#e69f00",\n  "#56b4e9",\n  "green",\n  "#f0e442",\n]'
    [problem] = problems_for(tmp_path, theme_text(series=series))
    assert problem.startswith("FILE:19: chart.series[2]: 'green' is not a colour")


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('border = "red"', "variables.border: 'red' is not a colour value"),
        ('border = "#fff; color: red"', "variables.border"),
        ('block-cursor-text-style = "shouting"', "is not a text style"),
        ('primary = "#000000"', "set primary in the [theme] table"),
        ('chart-1 = "#000000"', "chart colours go in the [chart] table"),
        ('"Bad Name" = "#000000"', "is not a variable name"),
    ],
)
def test_bad_variables(tmp_path: Path, entry: str, expected: str) -> None:
    [problem] = problems_for(tmp_path, VALID_THEME + f"\n[variables]\n{entry}\n")
    assert problem.startswith("FILE:22: ")
    assert expected in problem


def test_invalid_toml_reports_its_line(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, VALID_THEME.replace('primary = "#6fa3d8"', "primary = #6"))
    assert problem.startswith("FILE:4: is not valid TOML: ")


def test_not_utf8(tmp_path: Path) -> None:
    text = VALID_THEME.encode().replace(b'"mine"', b'"mine\xff"')
    assert problems_for(tmp_path, text) == [
        "FILE:2: is not UTF-8 text: save it with UTF-8 encoding"
    ]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    write(tmp_path, "bom.toml", b"\xef\xbb\xbf" + VALID_THEME.encode())
    assert "mine" in load_themes([tmp_path])


def test_too_large(tmp_path: Path) -> None:
    padding = "# " + "x" * 100 + "\n"
    text = VALID_THEME + padding * (MAX_THEME_FILE_BYTES // len(padding) + 1)
    assert problems_for(tmp_path, text) == ["FILE: is too large (257 KiB; at most 256 KiB)"]


def test_a_folder_named_like_a_theme(tmp_path: Path) -> None:
    (tmp_path / "user" / "folder.toml").mkdir(parents=True)
    catalog = load_themes([tmp_path / "user"])
    assert [str(p) for p in catalog.problems] == [
        f"{tmp_path / 'user' / 'folder.toml'}: is a folder, not a TOML file"
    ]


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    (tmp_path / "user").mkdir()
    os.mkfifo(tmp_path / "user" / "pipe.toml")
    [problem] = load_themes([tmp_path / "user"]).problems
    assert problem.message == "is not a regular file"


def test_dot_files_are_ignored(tmp_path: Path) -> None:
    write(tmp_path, ".#mine.toml", "not toml")
    assert load_themes([tmp_path]).problems == []


def test_themes_folder_that_is_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, "themes", "x")
    assert [p.message for p in load_themes([path]).problems] == [
        "is not a folder, so no themes were read"
    ]


def test_good_themes_survive_bad_neighbours(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", "nonsense = [")
    write(tmp_path, "b.toml", VALID_THEME)
    write(tmp_path, "c.toml", theme_text(name='"other"', primary='"nope"'))
    catalog = load_themes([tmp_path])
    assert catalog.names() == ["mine"]
    assert len(catalog.problems) == 2


def test_low_contrast_user_theme_is_kept_with_a_note(tmp_path: Path) -> None:
    write(tmp_path, "dim.toml", theme_text(foreground='"#3a3f47"'))
    catalog = load_themes([tmp_path])
    assert "mine" in catalog
    messages = [p.message for p in catalog.problems]
    assert len(messages) == 3
    assert messages[0].startswith("theme.foreground: text on background has contrast 1.")
    assert "below the 4.5:1 WCAG minimum" in messages[0]


def test_control_characters_in_values_are_not_echoed(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, theme_text(primary='"\\u001b]0;owned\\u0007"'))
    assert "\x1b" not in problem and "\x07" not in problem


def test_load_theme_file_returns_the_model(tmp_path: Path) -> None:
    loaded = load_theme_file(write(tmp_path, "mine.toml", VALID_THEME))
    assert not isinstance(loaded, list)
    theme, _lines = loaded
    assert isinstance(theme, ThemeFile)
    assert theme.name == "mine"


# --- junk never raises ----------------------------------------------------------------


@given(st.binary(max_size=400))
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_loader_never_raises_on_junk(tmp_path: Path, junk: bytes) -> None:
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    (folder / "junk.toml").write_bytes(junk)
    load_themes([folder])


@given(
    st.dictionaries(
        st.sampled_from(["name", "dark", "primary", "series", "extra"]),
        st.one_of(st.booleans(), st.integers(), st.text(max_size=10), st.lists(st.text())),
    )
)
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_loader_never_raises_on_odd_values(tmp_path: Path, values: dict[str, object]) -> None:
    import tomli_w

    folder = tmp_path / "odd"
    folder.mkdir(exist_ok=True)
    (folder / "odd.toml").write_text(tomli_w.dumps({"theme": values, "chart": values}))
    catalog = load_themes([folder])
    assert catalog.problems
