"""The dashboard's charts and maps as PNG for the DOCX (Word needs raster images).

The platform draws its charts and maps as SVG; this module rasterises exactly the subset those SVGs use (rect,
line, path of straight segments, circle, text with tspans, the hatch pattern) with Pillow and the vendored Fira
Sans, so the DOCX shows the same picture as the page and the PDF without a new dependency or an external program.
Input is our own markup (texts escaped), never a user's file.
"""

import io
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from lxml import etree
from PIL import Image, ImageChops, ImageDraw, ImageFont

FONTS = Path(settings.BASE_DIR) / "smartregion" / "static" / "vendor" / "kern-ux-native-2.7.2" / "fonts" / "fira-sans"
SVG = "{http://www.w3.org/2000/svg}"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
HATCH_BACKGROUND, HATCH_LINES = "#ffffff", "#7a8091"


@cache
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    name = "FiraSans-SemiBold.woff2" if bold else "FiraSans-Regular.woff2"
    return ImageFont.truetype(str(FONTS / name), max(size, 6))


def _hatch(size: tuple[int, int], scale: float) -> Image.Image:
    tile = Image.new("RGB", size, HATCH_BACKGROUND)
    draw = ImageDraw.Draw(tile)
    step, width = max(4, round(10 * scale)), max(1, round(3.5 * scale))
    for offset in range(-size[1], size[0], step):
        draw.line([(offset, size[1]), (offset + size[1], 0)], fill=HATCH_LINES, width=width)
    return tile


def _number(value, default=0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _subpaths(d: str) -> list[list[tuple[float, float]]]:
    """Straight-segment paths as maps.py writes them: M x,y L x,y … Z."""
    shapes = []
    for part in re.findall(r"M[^M]+", d):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", part)]
        points = list(zip(numbers[::2], numbers[1::2], strict=False))
        if len(points) >= 3:
            shapes.append(points)
    return shapes


class _Canvas:
    def __init__(self, root, width_px: int):
        view_box = [float(n) for n in root.get("viewBox").split()]
        self.min_x, self.min_y, width, height = view_box
        self.scale = width_px / width
        self.image = Image.new("RGB", (width_px, max(1, round(height * self.scale))), "#ffffff")
        self.draw = ImageDraw.Draw(self.image)

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.min_x) * self.scale, (y - self.min_y) * self.scale

    def fill(self, polygons: list, fill: str, stroke: str | None, stroke_width: float) -> None:
        if fill and fill.startswith("url("):
            mask = Image.new("L", self.image.size, 0)
            for polygon in polygons:  # even-odd: a part drawn twice is a hole
                part = Image.new("L", self.image.size, 0)
                ImageDraw.Draw(part).polygon([self.xy(*p) for p in polygon], fill=255)
                mask = ImageChops.logical_xor(mask.convert("1"), part.convert("1")).convert("L")
            self.image.paste(_hatch(self.image.size, self.scale), (0, 0), mask)
            fill = None
        for polygon in polygons:
            points = [self.xy(*p) for p in polygon]
            self.draw.polygon(points, fill=fill if fill and fill != "none" else None)
        if stroke and stroke != "none":
            width = max(1, round(stroke_width * max(self.scale, 0.8)))
            for polygon in polygons:
                points = [self.xy(*p) for p in polygon]
                self.draw.line(points + points[:1], fill=stroke, width=width)

    def text(self, element, inherited_x: float, y: float) -> None:
        size = _number(element.get("font-size"), 14)
        bold = element.get("font-weight") in ("bold", "600", "700")
        anchor = {"middle": "ms", "end": "rs"}.get(element.get("text-anchor"), "ls")
        font = _font(round(size * self.scale), bold)
        colour = element.get("fill", "#1b1f2a")
        spans = element.findall(f"{SVG}tspan")
        if not spans:
            self.draw.text(self.xy(inherited_x, y), element.text or "", font=font, fill=colour, anchor=anchor)
            return
        for span in spans:
            inherited_x = _number(span.get("x"), inherited_x)
            y += _number(span.get("dy"), 0)
            self.draw.text(self.xy(inherited_x, y), span.text or "", font=font, fill=colour, anchor=anchor)

    def element(self, element) -> None:
        tag = element.tag.replace(SVG, "")
        get = element.get
        if tag in ("title", "defs", "pattern"):
            return
        if tag in ("g", "svg"):
            for child in element:
                self.element(child)
        elif tag == "rect":
            x, y = _number(get("x")), _number(get("y"))
            width, height = _number(get("width")), _number(get("height"))
            polygon = [(x, y), (x + width, y), (x + width, y + height), (x, y + height)]
            self.fill([polygon], get("fill", "#000000"), get("stroke"), _number(get("stroke-width"), 1))
        elif tag == "path":
            self.fill(_subpaths(get("d", "")), get("fill", "#000000"), get("stroke"), _number(get("stroke-width"), 1))
        elif tag == "line":
            start = self.xy(_number(get("x1")), _number(get("y1")))
            end = self.xy(_number(get("x2")), _number(get("y2")))
            self.draw.line([start, end], fill=get("stroke", "#000000"), width=1)
        elif tag == "circle":
            x, y = self.xy(_number(get("cx")), _number(get("cy")))
            radius = _number(get("r")) * self.scale
            self.draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=get("fill", "#000000"))
        elif tag == "text":
            self.text(element, _number(get("x")), _number(get("y")))


def svg_png(markup: str, *, width_px: int = 1600) -> bytes:
    """The first <svg> in `markup` (e.g. a rendered include with its <figure>) as PNG bytes."""
    start, end = markup.index("<svg"), markup.rindex("</svg>") + len("</svg>")
    markup = CONTROL_CHARACTERS.sub("", markup)  # not allowed in XML (nor in a DOCX)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(markup[start:end].encode(), parser=parser)  # noqa: S320 - our own markup, see above
    canvas = _Canvas(root, width_px)
    canvas.element(root)
    buffer = io.BytesIO()
    canvas.image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
