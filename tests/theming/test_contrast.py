"""WCAG 2.1 contrast, checked against values worked out by hand."""

from __future__ import annotations

import pytest

from sessionkit.theming.contrast import (
    blend,
    contrast_ratio,
    format_ratio,
    parse_hex,
    relative_luminance,
)


def test_black_and_white_are_the_extremes() -> None:
    assert relative_luminance("#000000") == 0.0
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


def test_a_colour_against_itself_is_one() -> None:
    assert contrast_ratio("#3a7bd5", "#3a7bd5") == pytest.approx(1.0)


def test_order_does_not_matter() -> None:
    assert contrast_ratio("#777777", "#ffffff") == contrast_ratio("#ffffff", "#777777")


def test_grey_777_on_white_just_misses_aa() -> None:
    # 0x77/255 = 0.4667 -> ((0.4667 + 0.055) / 1.055) ** 2.4 = 0.1845; 1.05 / 0.2345 = 4.478
    assert relative_luminance("#777777") == pytest.approx(0.1845, abs=1e-4)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.478, abs=1e-3)
    assert contrast_ratio("#767676", "#ffffff") >= 4.5  # the well-known lightest AA grey


def test_mid_grey() -> None:
    # 0x80/255 = 0.50196 -> (0.52792) ** 2.4 = 0.21586
    assert relative_luminance("#808080") == pytest.approx(0.21586, abs=1e-5)


def test_primaries_use_the_channel_weights() -> None:
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)
    assert relative_luminance("#00ff00") == pytest.approx(0.7152)
    assert relative_luminance("#0000ff") == pytest.approx(0.0722)
    assert contrast_ratio("#ff0000", "#ffffff") == pytest.approx(1.05 / 0.2626)  # 3.998
    assert contrast_ratio("#0000ff", "#ffffff") == pytest.approx(1.05 / 0.1222)  # 8.592


def test_dark_channels_use_the_linear_segment() -> None:
    # 10/255 = 0.039216 <= 0.03928, so c / 12.92 = 0.0030353 for each channel.
    assert relative_luminance("#0a0a0a") == pytest.approx(10 / 255 / 12.92)
    assert relative_luminance((10, 10, 10)) == relative_luminance("#0a0a0a")


def test_case_does_not_matter() -> None:
    assert relative_luminance("#ABCDEF") == relative_luminance("#abcdef")


@pytest.mark.parametrize("bad", ["", "red", "#fff", "#12345g", "123456", "#1234567"])
def test_parse_hex_rejects_anything_but_rrggbb(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_hex(bad)


def test_blend_paints_translucent_text_over_a_background() -> None:
    assert blend("#ffffff", "#000000", 0.5) == "#808080"
    assert blend("#ffffff", "#000000", 1.0) == "#ffffff"
    assert blend("#ffffff", "#000000", 0.0) == "#000000"
    assert blend("#000000", "#ffffff", 0.6) == "#666666"


def test_format_ratio() -> None:
    assert format_ratio(4.4781) == "4.48:1"
