"""WCAG 2.x relative luminance and contrast ratio, as pure functions on `#rrggbb` colours.

Formulas from WCAG 2.1, "relative luminance" and "contrast ratio":
https://www.w3.org/TR/WCAG21/#dfn-relative-luminance
https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio

    channel c = C / 255; c_lin = c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    L = 0.2126 * R_lin + 0.7152 * G_lin + 0.0722 * B_lin
    ratio = (L_lighter + 0.05) / (L_darker + 0.05), from 1:1 to 21:1

WCAG 2.1 quotes 0.03928 as the threshold (sRGB says 0.04045); no 8-bit value lies between
the two, so the choice never changes a result. Thresholds used in this project: 4.5:1 for
text (success criterion 1.4.3, AA), 7:1 for the high-contrast theme (1.4.6, AAA), 3:1 for
chart lines and other graphics (1.4.11).
"""

from __future__ import annotations

import re

RGB = tuple[int, int, int]

AA_TEXT = 4.5
AAA_TEXT = 7.0
NON_TEXT = 3.0

_HEX = re.compile(r"#([0-9a-fA-F]{6})")


def parse_hex(colour: str) -> RGB:
    """`'#1e88e5'` -> `(30, 136, 229)`; raises ValueError for anything else."""
    match = _HEX.fullmatch(colour.strip())
    if match is None:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    digits = match.group(1)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str | RGB) -> float:
    """WCAG relative luminance: 0.0 for black, 1.0 for white."""
    r, g, b = parse_hex(colour) if isinstance(colour, str) else colour
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(first: str | RGB, second: str | RGB) -> float:
    """WCAG contrast ratio between two opaque colours, in either order (1.0 to 21.0)."""
    a = relative_luminance(first)
    b = relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def blend(top: str | RGB, bottom: str | RGB, alpha: float) -> str:
    """`top` painted at `alpha` (0 to 1) over an opaque `bottom`, as the terminal shows it.

    Used to check translucent text such as Textual's `auto 87%` against a background.
    """
    t = parse_hex(top) if isinstance(top, str) else top
    b = parse_hex(bottom) if isinstance(bottom, str) else bottom
    alpha = min(1.0, max(0.0, alpha))
    mixed = tuple(round(bc + (tc - bc) * alpha) for tc, bc in zip(t, b, strict=True))
    return to_hex((mixed[0], mixed[1], mixed[2]))


def format_ratio(ratio: float) -> str:
    """`4.478...` -> `'4.48:1'`."""
    return f"{ratio:.2f}:1"
