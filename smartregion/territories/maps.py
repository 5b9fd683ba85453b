"""Server-rendered SVG maps of outlines and points.

Maps are drawn on the server (see docs/adr/0004-maps-as-server-rendered-svg.md): they need no
JavaScript and no tile server, render the same in the browser and in PDF exports, and stay small
because coordinates are projected and rounded to the map's resolution.
"""

import math
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Boundary

MAP_WIDTH = 1000.0


# Fill and stroke go into SVG presentation attributes as well as CSS classes, so that the PDF
# renderer (which ignores the page's CSS inside SVG) draws the same map.
FILLS = {"map-background": "#e9ebf1", "map-shape": "#dde3f4", "map-shape map-shape--highlight": "#b9c6ee"}
STROKES = {"map-background": "#b9bdc9", "map-shape": "#5c6a9a", "map-shape map-shape--highlight": "#1A3DA5"}


@dataclass
class Shape:
    path: str
    label: str
    css_class: str = ""
    fill: str = ""

    def __post_init__(self):
        self.fill = self.fill or FILLS.get(self.css_class, "#dde3f4")

    @property
    def stroke(self) -> str:
        return STROKES.get(self.css_class, "#5c6a9a")


@dataclass
class Point:
    x: float
    y: float
    label: str
    css_class: str = ""


@dataclass
class SvgMap:
    view_box: str
    width: float
    height: float
    shapes: list[Shape] = field(default_factory=list)
    background: list[Shape] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    title: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.shapes or self.points)

    def markup(self) -> str:
        """The SVG elements (not the <svg> itself), built in Python: a template loop over hundreds of
        outlines costs more than the rest of a dashboard page."""
        parts = [
            f'<path class="{escape(shape.css_class)}" fill="{shape.fill}" stroke="{shape.stroke}" d="{shape.path}"/>'
            for shape in self.background
        ]
        parts += [
            f'<path class="{escape(shape.css_class)}" fill="{shape.fill}" stroke="{shape.stroke}" d="{shape.path}" '
            f'fill-rule="evenodd"><title>{escape(shape.label)}</title></path>'
            for shape in self.shapes
        ]
        parts += [
            f'<circle class="{escape(point.css_class)}" fill="#1A3DA5" stroke="#fff" stroke-width="3" '
            f'cx="{point.x:g}" cy="{point.y:g}" r="9"><title>{escape(point.label)}</title></circle>'
            for point in self.points
        ]
        return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above; paths are numbers


def _rings(geometry: dict):
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


class Projection:
    """Equirectangular projection scaled to a viewBox MAP_WIDTH wide, north up."""

    def __init__(self, min_lon, min_lat, max_lon, max_lat):
        middle = math.radians((min_lat + max_lat) / 2)
        self.factor = math.cos(middle)
        span_x = max((max_lon - min_lon) * self.factor, 1e-6)
        span_y = max(max_lat - min_lat, 1e-6)
        self.scale = MAP_WIDTH / span_x
        self.min_x = min_lon * self.factor
        self.max_lat = max_lat
        self.height = span_y * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            round(lon * self.factor * self.scale - self.min_x * self.scale, 1),
            round((self.max_lat - lat) * self.scale, 1),
        )


def _path(geometry: dict, project: Projection) -> str:
    parts = []
    for ring in _rings(geometry):
        points = []
        previous = None
        for lon, lat in ring:
            point = project(lon, lat)
            if point != previous:
                points.append(f"{point[0]:g},{point[1]:g}")
                previous = point
        if len(points) >= 3:
            parts.append("M" + "L".join(points) + "Z")
    return "".join(parts)


_PATHS: dict = {}
PATH_CACHE_SIZE = 20_000


def _boundary_path(boundary, project: Projection, box) -> str:
    """The projected path of a boundary, kept per process: dashboards redraw the same outlines often.

    The key holds the boundary's own bounding box, so a re-imported outline with new extents is
    projected again; the cache is simply emptied when it grows too large.
    """
    key = (boundary.pk, boundary.min_lon, boundary.min_lat, boundary.max_lon, boundary.max_lat, box)
    path = _PATHS.get(key)
    if path is None:
        if len(_PATHS) >= PATH_CACHE_SIZE:
            _PATHS.clear()
        path = _PATHS[key] = _path(boundary.geometry, project)
    return path


def _bbox(boundaries, points):
    lons, lats = [], []
    for boundary in boundaries:
        lons += [boundary.min_lon, boundary.max_lon]
        lats += [boundary.min_lat, boundary.max_lat]
    for latitude, longitude in points:
        lons.append(longitude)
        lats.append(latitude)
    if not lons:
        return None
    pad_lon = max((max(lons) - min(lons)) * 0.03, 0.02)
    pad_lat = max((max(lats) - min(lats)) * 0.03, 0.02)
    return min(lons) - pad_lon, min(lats) - pad_lat, max(lons) + pad_lon, max(lats) + pad_lat


def build_map(
    *, title: str, boundaries=(), highlighted_ars=(), points=(), background=(), fills=None, labels=None
) -> SvgMap:
    """Outlines (`boundaries`, with `highlighted_ars` emphasised) and labelled points.

    `points` are (latitude, longitude, label) triples; `background` boundaries are drawn in grey
    behind everything and do not widen the map. `fills` and `labels` (by ARS) colour and label
    shapes, e.g. for a choropleth.
    """
    fills = fills or {}
    labels = labels or {}
    boundaries = list(boundaries)
    located = [(lat, lon, label) for lat, lon, label in points if lat is not None and lon is not None]
    box = _bbox(boundaries, [(lat, lon) for lat, lon, _ in located])
    if box is None:
        return SvgMap(view_box="0 0 0 0", width=0, height=0, title=title)
    project = Projection(*box)
    highlighted = set(highlighted_ars)
    svg_map = SvgMap(
        view_box=f"0 0 {MAP_WIDTH:g} {project.height:.0f}", width=MAP_WIDTH, height=round(project.height), title=title
    )
    for boundary in background:
        svg_map.background.append(Shape(_boundary_path(boundary, project, box), boundary.name, "map-background"))
    for boundary in boundaries:
        css_class = "map-shape map-shape--highlight" if boundary.ars in highlighted else "map-shape"
        label = labels.get(boundary.ars, boundary.name)
        shape = Shape(_boundary_path(boundary, project, box), label, css_class, fills.get(boundary.ars, ""))
        if boundary.ars in fills:
            shape.css_class = "map-shape map-shape--filled"
        svg_map.shapes.append(shape)
    for latitude, longitude, label in located:
        x, y = project(longitude, latitude)
        svg_map.points.append(Point(x, y, label, "map-point"))
    return svg_map


@lru_cache(maxsize=4)
def _germany_outlines_cached(version: int) -> tuple:
    return tuple(Boundary.objects.filter(level="land").order_by("ars"))


def germany_outlines() -> list[Boundary]:
    """The Länder outlines, read once per process (they are reference data)."""
    return list(_germany_outlines_cached(Boundary.objects.filter(level="land").count()))


def land_outlines(land_keys) -> list[Boundary]:
    """The outlines of the Länder with these two-digit keys; all of Germany when there are none."""
    keys = set(land_keys)
    return [boundary for boundary in germany_outlines() if not keys or boundary.ars in keys]
