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
