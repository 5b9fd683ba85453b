"""Server-rendered SVG maps of outlines and points.

Maps are drawn on the server (see docs/adr/0004-maps-as-server-rendered-svg.md): they need no
JavaScript and no tile server, render the same in the browser and in PDF exports, and stay small
because coordinates are projected and rounded to the map's resolution.
"""

import math
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from smartregion.core.freshness import Kept

from .models import Boundary

MAP_WIDTH = 1000.0


# Fill and stroke go into SVG presentation attributes as well as CSS classes, so that the PDF
# renderer (which ignores the page's CSS inside SVG) draws the same map.
FILLS = {"map-background": "#e9ebf1", "map-shape": "#dde3f4", "map-shape map-shape--highlight": "#b9c6ee"}
STROKES = {"map-background": "#b9bdc9", "map-shape": "#5c6a9a", "map-shape map-shape--highlight": "#1A3DA5"}


HATCH = "hatch"  # a shape's fill meaning "too few values": a hatched pattern, explained in the legend
NAME_COLOUR = "#1b1f2a"
NOTE_COLOUR = "#3d4453"  # 9:1 on white


@dataclass
class Shape:
    path: str
    label: str
    css_class: str = ""
    fill: str = ""
    dashed: bool = False  # e.g. a Kreis whose value is that of a larger pooled area

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
class PlaceName:
    x: float
    y: float  # baseline of the first line
    lines: list[str]
    size: float
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # left, top, width, height of the white plate behind it


@dataclass
class LegendItem:
    fill: str  # a colour or HATCH
    label: str
    dashed: bool = False


@dataclass
class SvgMap:
    view_box: str
    width: float
    height: float
    shapes: list[Shape] = field(default_factory=list)
    background: list[Shape] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    title: str = ""
    key: str = "map"  # prefix of the ids inside the SVG (several maps share a page)
    names: list[PlaceName] = field(default_factory=list)
    framed: bool = False  # title, legend and notes drawn inside the SVG (see `frame`)
    frame_parts: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.shapes or self.points)

    def _fill(self, fill: str) -> str:
        return f"url(#{escape(self.key)}-hatch)" if fill == HATCH else fill

    def markup(self) -> str:
        """The SVG elements (not the <svg> itself), built in Python: a template loop over hundreds of
        outlines costs more than the rest of a dashboard page."""
        parts = [_hatch_pattern(self.key)] if self.framed else []
        if self.framed:
            _x, top, width, height = self.view_box.split()
            parts.append(f'<rect x="0" y="{top}" width="{width}" height="{height}" fill="#fff"/>')
        parts += [
            f'<path class="{escape(shape.css_class)}" fill="{shape.fill}" stroke="{shape.stroke}" d="{shape.path}"/>'
            for shape in self.background
        ]
        parts += [
            f'<path class="{escape(shape.css_class)}" fill="{self._fill(shape.fill)}" stroke="{shape.stroke}" '
            f'd="{shape.path}" fill-rule="evenodd"'
            + (' stroke-dasharray="7 4" stroke-width="2.5"' if shape.dashed else "")
            + f"><title>{escape(shape.label)}</title></path>"
            for shape in self.shapes
        ]
        for name in self.names:  # a white plate under each name keeps it readable on dark fills (and in any renderer)
            left, top, width, height = name.box
            parts.append(
                f'<rect x="{left:g}" y="{top:g}" width="{width:g}" height="{height:g}" rx="3" fill="#ffffff" '
                'fill-opacity="0.82"/>'
            )
            parts.append(_text_lines(name.x, name.y, name.lines, name.size, anchor="middle"))
        parts += [
            f'<circle class="{escape(point.css_class)}" fill="#1A3DA5" stroke="#fff" stroke-width="3" '
            f'cx="{point.x:g}" cy="{point.y:g}" r="9"><title>{escape(point.label)}</title></circle>'
            for point in self.points
        ]
        parts += self.frame_parts
        return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above; paths are numbers

    def frame(self, *, legend_title: str, legend: list[LegendItem], notes: list[str]) -> None:
        """Draw the title above the map and a horizontal legend and notes under it, inside the SVG itself, so
        that a map copied into a report or exported carries them. The viewBox grows upwards and downwards;
        the outlines keep their coordinates."""
        title_lines = _wrap(self.title, TITLE_SIZE, self.width - 2 * MARGIN)
        top = MARGIN + len(title_lines) * TITLE_SIZE * 1.25 + 8
        parts = [_text_lines(MARGIN, -top + MARGIN + TITLE_SIZE, title_lines, TITLE_SIZE, weight="bold")]
        y = self.height + 20
        parts.append(_text_lines(MARGIN, y + LEGEND_SIZE, [legend_title], LEGEND_SIZE, weight="bold"))
        y += LEGEND_SIZE * 1.6
        x = MARGIN
        for item in legend:
            width = 34 + 10 + _text_width(item.label, LEGEND_SIZE) + 28
            if x > MARGIN and x + width > self.width - MARGIN:
                x, y = MARGIN, y + LEGEND_SIZE * 1.9
            dash = ' stroke-dasharray="5 3" stroke-width="2"' if item.dashed else ' stroke-width="1"'
            parts.append(
                f'<rect x="{x:g}" y="{y:g}" width="34" height="{LEGEND_SIZE + 4:g}" fill="{self._fill(item.fill)}" '
                f'stroke="#5c6a9a"{dash}/>'
            )
            parts.append(_text_lines(x + 44, y + LEGEND_SIZE, [item.label], LEGEND_SIZE))
            x += width
        y += LEGEND_SIZE * 1.9 + 6
        for note in notes:
            lines = _wrap(note, NOTE_SIZE, self.width - 2 * MARGIN)
            parts.append(_text_lines(MARGIN, y + NOTE_SIZE, lines, NOTE_SIZE, colour=NOTE_COLOUR))
            y += len(lines) * NOTE_SIZE * 1.3 + 4
        bottom = y + MARGIN - self.height
        self.view_box = f"0 {-top:.0f} {self.width:g} {top + self.height + bottom:.0f}"
        self.frame_parts = parts
        self.framed = True


MARGIN = 16
TITLE_SIZE = 26
LEGEND_SIZE = 18
NOTE_SIZE = 15


def _text_width(text: str, size: float) -> float:
    """An estimate of the rendered width (sans-serif, mixed case): enough to lay out labels without overlaps."""
    return len(text) * size * 0.56


def _wrap(text: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _text_lines(x, y, lines, size, *, weight="normal", colour=NAME_COLOUR, anchor="start") -> str:
    """Text as presentation attributes (WeasyPrint ignores CSS inside SVG), one <text> per line."""
    return "".join(
        f'<text x="{x:g}" y="{y + index * size * 1.15:g}" font-size="{size:g}" font-weight="{weight}" '
        f'text-anchor="{anchor}" '
        f'font-family="Fira Sans, DejaVu Sans, sans-serif" fill="{colour}">{escape(line)}</text>'
        for index, line in enumerate(lines)
    )


def _hatch_pattern(key: str) -> str:
    return (
        f'<defs><pattern id="{escape(key)}-hatch" patternUnits="userSpaceOnUse" width="10" height="10" '
        'patternTransform="rotate(45)"><rect width="10" height="10" fill="#ffffff"/>'
        '<rect width="3.5" height="10" fill="#7a8091"/></pattern></defs>'
    )


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
    *,
    title: str,
    boundaries=(),
    highlighted_ars=(),
    points=(),
    background=(),
    fills=None,
    labels=None,
    key="map",
    place_names=None,
    name_size=17.0,
    max_names=None,
    dashed_ars=(),
) -> SvgMap:
    """Outlines (`boundaries`, with `highlighted_ars` emphasised) and labelled points.

    `points` are (latitude, longitude, label) triples; `background` boundaries are drawn in grey
    behind everything and do not widen the map. `fills` and `labels` (by ARS) colour and label
    shapes, e.g. for a choropleth (a fill of HATCH draws the hatched pattern). `place_names` (by ARS)
    are written onto the shapes, larger areas first, leaving out a name that would overlap one placed
    before (at a smaller size or on two lines first); at most `max_names` of them (dense maps: the
    names should not hide the colours they name).
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
        shape.dashed = boundary.ars in dashed_ars
        svg_map.shapes.append(shape)
    svg_map.key = key
    if place_names:
        anchors = [
            (_anchor(boundary, project, box), place_names[boundary.ars])
            for boundary in boundaries
            if place_names.get(boundary.ars)
        ]
        svg_map.names = _place(anchors, name_size, svg_map.width)[:max_names]
    for latitude, longitude, label in located:
        x, y = project(longitude, latitude)
        svg_map.points.append(Point(x, y, label, "map-point"))
    return svg_map


_ANCHORS: dict = {}


def _anchor(boundary, project: Projection, box) -> tuple[float, float, float]:
    """Where a name goes on a boundary: the centre of its largest part (a point inside it, away from its edge
    when the centre falls outside a bent shape), with that part's area; kept per process like the paths."""
    key = (boundary.pk, boundary.min_lon, boundary.min_lat, boundary.max_lon, boundary.max_lat, box)
    anchor = _ANCHORS.get(key)
    if anchor is None:
        if len(_ANCHORS) >= PATH_CACHE_SIZE:
            _ANCHORS.clear()
        anchor = _ANCHORS[key] = _largest_part_anchor(boundary.geometry, project)
    return anchor


def _outer_rings(geometry: dict):
    if geometry["type"] == "Polygon":
        yield geometry["coordinates"][0]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield polygon[0]


def _largest_part_anchor(geometry: dict, project: Projection) -> tuple[float, float, float]:
    best_area, best = 0.0, []
    for ring in _outer_rings(geometry):
        points = [project(lon, lat) for lon, lat in ring]
        area = abs(_signed_area(points))
        if area > best_area or not best:
            best_area, best = area, points
    if len(best) < 3:
        return 0.0, 0.0, 0.0
    x, y = _centroid(best)
    coarse = best[:: max(1, len(best) // 80)]
    if not _inside(x, y, coarse) or _edge_distance(x, y, coarse) < 6:
        xs, ys = [p[0] for p in best], [p[1] for p in best]
        grid = [
            (min(xs) + (max(xs) - min(xs)) * i / 8, min(ys) + (max(ys) - min(ys)) * j / 8)
            for i in range(1, 8)
            for j in range(1, 8)
        ]
        inside = [(gx, gy) for gx, gy in grid if _inside(gx, gy, coarse)]
        if inside:
            x, y = max(inside, key=lambda p: _edge_distance(p[0], p[1], coarse))
    return round(x, 1), round(y, 1), best_area


def _edges(points):
    return zip(points, points[1:] + points[:1], strict=True)


def _signed_area(points) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in _edges(points)) / 2


def _centroid(points) -> tuple[float, float]:
    area = _signed_area(points)
    if abs(area) < 1e-9:
        return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in _edges(points):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * area), cy / (6 * area)


def _inside(x: float, y: float, points) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in _edges(points):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def _edge_distance(x: float, y: float, points) -> float:
    best = math.inf
    for (x0, y0), (x1, y1) in _edges(points):
        dx, dy = x1 - x0, y1 - y0
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length))
        best = min(best, math.hypot(x - x0 - t * dx, y - y0 - t * dy))
    return best


def _split(name: str) -> list[str]:
    """A long name on two lines, at the space or hyphen nearest its middle."""
    cuts = [i for i, char in enumerate(name) if char in " -/"]
    if not cuts:
        return [name]
    cut = min(cuts, key=lambda i: abs(i - len(name) / 2))
    if name[cut] == "-":
        return [name[: cut + 1], name[cut + 1 :].lstrip()]
    return [name[:cut], name[cut + 1 :]]


def _place(anchors: list, size: float, width: float) -> list[PlaceName]:
    """Names without overlaps, the largest areas first; a name that fits nowhere is left out (the shape's
    tooltip and the table beside the map still name it)."""
    placed: list[tuple[float, float, float, float]] = []
    names = []
    for (x, y, _area), name in sorted(anchors, key=lambda item: -item[0][2]):
        for font, lines in ((size, [name]), (size, _split(name)), (size * 0.8, [name]), (size * 0.8, _split(name))):
            text_width = max(_text_width(line, font) for line in lines)
            height = font * 1.15 * len(lines)
            left = min(max(x - text_width / 2, 2), width - text_width - 2)
            top = y - height / 2
            box = (left - 2, top - 1, left + text_width + 2, top + height + 1)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                placed.append(box)
                plate = (round(box[0], 1), round(box[1], 1), round(box[2] - box[0], 1), round(box[3] - box[1], 1))
                centre = round(left + text_width / 2, 1)
                names.append(PlaceName(centre, round(top + font * 0.9, 1), lines, round(font, 1), plate))
                break
    return names


def _read_germany_outlines() -> tuple:
    return tuple(Boundary.objects.filter(level="land").order_by("ars"))


# Reference data: read once per process and again after any change to a boundary (core.freshness).
_germany_outlines = Kept(
    "germany-outlines",
    _read_germany_outlines,
    depends_on=(Boundary,),
    cache=None,
    in_process=True,
    per_language=False,
    warm=True,
)


def germany_outlines() -> list[Boundary]:
    """The Länder outlines."""
    return list(_germany_outlines.get())


def land_outlines(land_keys) -> list[Boundary]:
    """The outlines of the Länder with these two-digit keys; all of Germany when there are none."""
    keys = set(land_keys)
    return [boundary for boundary in germany_outlines() if not keys or boundary.ars in keys]
