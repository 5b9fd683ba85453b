"""Radar chart as plain SVG geometry, rendered by one template for the page and for the PDF.

Colours and strokes are SVG presentation attributes (not CSS), so the chart looks the same in the
browser, in WeasyPrint and when copied into a document. Every chart is accompanied by a table
with the same numbers (templates/assessments/includes/radar.html).
"""

import math
from dataclasses import dataclass

SIZE = 520
CENTRE = SIZE / 2
RADIUS = 170
RINGS = (25, 50, 75, 100)


@dataclass
class Axis:
    label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


@dataclass
class Radar:
    axes: list[Axis]
    rings: list[str]
    own: str
    peer: str
    title: str
    size: int = SIZE


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * max(0.0, min(value, 100.0)) / 100
    return round(CENTRE + distance * math.cos(angle), 1), round(CENTRE + distance * math.sin(angle), 1)


def _polygon(values: list[float | None], count: int) -> str:
    points = [_point(index, count, value or 0.0) for index, value in enumerate(values)]
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def radar(*, labels: list[str], own: list[float | None], peer: list[float | None] | None, title: str) -> Radar:
    count = len(labels)
    axes = []
    for index, label in enumerate(labels):
        x, y = _point(index, count, 100)
        label_x, label_y = _point(index, count, 118)
        anchor = "middle" if abs(label_x - CENTRE) < 20 else ("start" if label_x > CENTRE else "end")
        axes.append(Axis(label, x, y, label_x, label_y + 4, anchor))
    return Radar(
        axes=axes,
        rings=[_polygon([ring] * count, count) for ring in RINGS],
        own=_polygon(own, count),
        peer=_polygon(peer, count) if peer and any(value is not None for value in peer) else "",
        title=title,
    )


# Horizontal bar charts (the dashboard and the white paper): labels left, bars on a 0–100 scale, the value at each
# bar's end. Geometry here, texts and number formats in templates/assessments/includes/bar_chart.html.
BAR_WIDTH = 760
BAR_ROW = 34
BAR_TOP = 52
BAR_LABEL_SIZE = 15
BAR_TITLE_SIZE = 19


@dataclass
class Bar:
    label_lines: list[str]
    value: float
    count: int | None
    y: float  # top of the row
    x: float  # where the bar starts
    width: float
    fill: str
    text_x: float
    text_anchor: str = "start"


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    height: float
    plot_x: float
    plot_width: float
    ticks: list[tuple[float, str]]
    zero_x: float
    axis_y: float
    unit: str = ""
    width: int = BAR_WIDTH


def _label_lines(label: str, room: float) -> list[str]:
    chars = max(8, int(room / (BAR_LABEL_SIZE * 0.55)))
    if len(label) <= chars:
        return [label]
    words, lines = label.split(), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > chars:
            if len(lines) == 2:
                lines[-1] = lines[-1][: chars - 1] + "…"
                break
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


def bar_chart(
    *, title: str, rows: list[tuple[str, float, int | None]], maximum: float = 100, unit: str = ""
) -> BarChart:
    """Bars for (label, value, count) rows in the given order; values from 0 to `maximum`."""
    label_room = 290
    plot_x, plot_width = label_room + 10, BAR_WIDTH - label_room - 10 - 60
    bars = []
    for index, (label, value, count) in enumerate(rows):
        y = BAR_TOP + index * BAR_ROW
        width = round(plot_width * max(0.0, min(value, maximum)) / maximum, 1)
        bars.append(Bar(_label_lines(label, label_room), value, count, y, plot_x, width, "#2b5fb3", plot_x + width + 6))
    axis_y = BAR_TOP + len(rows) * BAR_ROW + 4
    steps = 4
    ticks = [(round(plot_x + plot_width * i / steps, 1), f"{maximum * i / steps:g}") for i in range(steps + 1)]
    return BarChart(title, bars, axis_y + 30, plot_x, plot_width, ticks, plot_x, axis_y, unit)


def change_chart(*, title: str, rows: list[tuple[str, float]]) -> BarChart:
    """Diverging bars for (label, change) rows: gains to the right of zero (blue), losses to the left (orange)."""
    label_room = 290
    plot_x, plot_width = label_room + 10, BAR_WIDTH - label_room - 10 - 20
    largest = max((abs(change) for _label, change in rows), default=0)
    limit = max(10, math.ceil(largest / 10) * 10)  # halves are whole numbers: ticks need no decimal sign
    zero_x = plot_x + plot_width / 2
    scale = (plot_width / 2 - 50) / limit
    bars = []
    for index, (label, change) in enumerate(rows):
        y = BAR_TOP + index * BAR_ROW
        width = round(abs(change) * scale, 1)
        if change >= 0:
            bars.append(
                Bar(_label_lines(label, label_room), change, None, y, zero_x, width, "#2b5fb3", zero_x + width + 6)
            )
        else:
            bars.append(
                Bar(
                    _label_lines(label, label_room),
                    change,
                    None,
                    y,
                    zero_x - width,
                    width,
                    "#c0580f",
                    zero_x - width - 6,
                    "end",
                )
            )
    axis_y = BAR_TOP + len(rows) * BAR_ROW + 4
    ticks = [
        (round(zero_x + step * scale * limit / 2, 1), f"{step * limit / 2:+g}".replace("+0", "0"))
        for step in (-2, -1, 0, 1, 2)
    ]
    return BarChart(title, bars, axis_y + 30, plot_x, plot_width, ticks, zero_x, axis_y)
