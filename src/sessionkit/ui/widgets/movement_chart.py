"""A line chart of answers over visits: one line and one shape per person, never smoothed.

Drawn with plotext (through textual-plotext) the first time the chart is on screen, and
again only when its size or the theme changes. plotext is imported here, inside the
drawing code, so that opening the app does not pay for it (about 20 ms here): only the
movement screen draws charts.

A chart alone says nothing to a screen reader, and little at a glance to anyone: the
screen always shows the same numbers as text beside it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from rich.text import Text
from textual.app import RenderResult
from textual.color import Color
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from sessionkit.insight.movement import format_value
from sessionkit.present.charts import (
    CHART_FRAME,
    ChartSpec,
    chart_height,
    pick_ticks,
    thin_to_cells,
    y_ticks,
)

RGB = tuple[int, int, int]

END_LABEL_ROOM = 80
"""Width from which the scale's words for its ends go on the y axis (else in the text)."""

END_LABEL_LONGEST = 20

_LINE = "braille"  # thin lines, so the shapes at the answers stand out


@dataclass(frozen=True, slots=True)
class ChartColours:
    background: RGB
    foreground: RGB
    series: dict[int, RGB]  # slot (1-based) -> colour

    def key(self) -> tuple[RGB, RGB, tuple[tuple[int, RGB], ...]]:
        return self.background, self.foreground, tuple(sorted(self.series.items()))


# --- drawn charts, kept and drawn ahead ----------------------------------------------------
#
# Drawing a 500-visit chart takes about 10 ms, the largest part of opening movement. The
# case screen works the report out in a thread while the practitioner reads the case; the
# first chart is drawn there too, at the size movement's chart had the last time it was on
# screen in a window of this size, and kept here. A chart whose size, colours or content
# differ from what was drawn ahead is simply drawn when shown.

_KEEP = 16  # drawn charts kept: a few sections of the case open now, at a size or two
_drawn: OrderedDict[tuple[object, ...], Content] = OrderedDict()
_geometry: dict[tuple[tuple[int, int], float, int], tuple[int, int, ChartColours]] = {}
_lock = threading.Lock()  # the case screen's thread draws ahead while the app's thread shows


def chart_fit(small: bool) -> tuple[float, int]:
    """The share of the panel's height a chart may take, and rows per unit of the scale.

    A small chart (one of several in a section) gives each unit one row at most.
    """
    return (0.8, 1) if small else (0.7, 2)


def drawn_chart(spec: ChartSpec, width: int, height: int, colours: ChartColours) -> Content:
    """The chart, drawn once for each spec, size and palette.

    As Textual's own Content, converted here from plotext's ANSI text once rather than
    by Textual each time the chart is drawn on screen.
    """
    key = (spec, width, height, colours.key())
    with _lock:
        text = _drawn.get(key)
        if text is not None:
            _drawn.move_to_end(key)
            return text
    ansi = Text.from_ansi(draw_chart(spec, width, height, colours), no_wrap=True, end="")
    text = Content.from_rich_text(ansi)
    with _lock:
        _drawn[key] = text
        while len(_drawn) > _KEEP:
            _drawn.popitem(last=False)
    return text


def forget_drawn_charts(*, sizes: bool = False) -> None:
    """Drop every chart kept, and with `sizes` the sizes seen: for measuring a first draw."""
    with _lock:
        _drawn.clear()
        if sizes:
            _geometry.clear()


def draw_ahead(spec: ChartSpec, window: tuple[int, int], share: float, most_per_unit: int) -> bool:
    """Draw `spec` as a chart in a window of `window` size would be, if known. Any thread.

    Returns whether it was drawn (False when no chart has been shown in such a window).
    """
    with _lock:
        seen = _geometry.get((window, share, most_per_unit))
    if seen is None:
        return False
    width, available, colours = seen
    height = chart_height(spec, available, most_per_unit=most_per_unit)
    if width < 12 or height < CHART_FRAME + 1:
        return False
    drawn_chart(spec, width, height, colours)
    return True


def draw_chart(spec: ChartSpec, width: int, height: int, colours: ChartColours) -> str:
    """The chart as text with ANSI colours, `width` x `height` cells."""
    # Imported here: plotext is only needed once a chart is on screen.
    from textual_plotext.plot import Plot

    plot = Plot()
    plot.plotsize(width, height)
    plot._set_size(width, height)  # as PlotextPlot does: plotsize alone does not stick
    plot.canvas_color(colours.background)
    plot.axes_color(colours.background)
    plot.ticks_color(colours.foreground)

    low, high = spec.y_range
    values = y_ticks(low, high, height - CHART_FRAME)
    labels = [f"{format_value(v)}%" if spec.percent else format_value(v) for v in values]
    ends = (spec.min_label, spec.max_label)
    if width >= END_LABEL_ROOM and any(ends) and max(map(len, ends)) <= END_LABEL_LONGEST:
        labels[0] = f"{labels[0]} {spec.min_label}".strip()
        labels[-1] = f"{labels[-1]} {spec.max_label}".strip()
    axis_width = max(len(label) for label in labels) + 2

    plot_width = max(10, width - axis_width - 2)
    for line in spec.lines:
        colour = colours.series.get(line.look.slot, colours.foreground)
        xs = [x for x, _ in line.points]
        ys = [y for _, y in line.points]
        if len(xs) <= plot_width // 3:
            # Room for every answer to get its own shape on a thin line.
            if len(xs) > 1:
                plot.plot(xs, ys, marker=_LINE, color=colour)
            plot.scatter(xs, ys, marker=line.look.marker, color=colour, style="bold")
        else:
            # Too many answers for a shape each: the line itself is drawn in the shape,
            # from the answers that can show at this width (every dip and peak is kept).
            thin = thin_to_cells(line.points, spec.x_range, plot_width)
            plot.plot(
                [x for x, _ in thin], [y for _, y in thin], marker=line.look.marker, color=colour
            )

    plot.xlim(*spec.x_range)
    plot.ylim(low, high)
    ticks = pick_ticks(spec.visits, plot_width)
    plot.xticks([x for x, _ in ticks], [label for _, label in ticks])
    plot.yticks(values, labels)
    plot.xlabel(spec.x_label)
    plot.ylabel(spec.y_label)
    built: str = plot.build()
    return built


class MovementChart(Widget):
    """One chart of a `ChartSpec`, as tall as lets each whole number have its own row.

    `share` is the part of the panel's height the chart may take; `most_per_unit` how
    many rows a unit of the scale may get when there is room (2 for the main chart).
    """

    def __init__(
        self,
        spec: ChartSpec,
        *,
        share: float = 0.7,
        most_per_unit: int = 2,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.spec = spec
        self.share = share
        self.most_per_unit = most_per_unit
        self._drawn: tuple[tuple[int, int, str], Content] | None = None
        self._available: int | None = None  # rows the chart may take, from the layout

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        available = int(container.height * self.share)
        self._available = available
        return chart_height(self.spec, available, most_per_unit=self.most_per_unit)

    def render(self) -> RenderResult:
        width, height = self.size
        if width < 12 or height < CHART_FRAME + 1:
            return ""
        key = (width, height, self.app.theme)
        if self._drawn is None or self._drawn[0] != key:
            colours = self.colours()
            self._drawn = (key, drawn_chart(self.spec, width, height, colours))
            if self._available is not None:  # remembered for drawing ahead (above)
                window = (self.app.size.width, self.app.size.height)
                with _lock:
                    _geometry[window, self.share, self.most_per_unit] = (
                        width,
                        self._available,
                        colours,
                    )
        return self._drawn[1]

    def colours(self) -> ChartColours:
        """The theme's chart palette (`$chart-1`..), on this widget's own background."""
        variables = self.app.theme_variables
        _, background = self.background_colors
        foreground = Color.parse(variables.get("foreground", "white"))
        series = {
            slot: Color.parse(variables[name]).rgb
            for slot in range(1, 9)
            if (name := f"chart-{slot}") in variables
        }
        return ChartColours(background.rgb, foreground.rgb, series)
