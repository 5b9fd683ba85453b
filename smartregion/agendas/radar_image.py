"""The results radar (same geometry as the SVG in assessments.charts) drawn as a PNG for the agenda's DOCX:
Word shows no SVG, and Pillow needs no system library."""

import io
import math


def radar_png(radar) -> bytes:
    """The radar chart (same geometry as the SVG) as a PNG for Word."""
    from PIL import Image, ImageDraw, ImageFont

    scale = 2
    size = radar.size * scale
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image, "RGBA")

    def points(text: str) -> list[tuple[float, float]]:
        return [tuple(float(number) * scale for number in pair.split(",")) for pair in text.split()] if text else []

    for ring in radar.rings:
        draw.polygon(points(ring), outline=(196, 200, 212))
    centre = radar.size / 2 * scale
    try:
        font = ImageFont.load_default(size=30)
    except TypeError:  # a Pillow without FreeType
        font = ImageFont.load_default()
    for axis in radar.axes:
        draw.line([(centre, centre), (axis.x * scale, axis.y * scale)], fill=(196, 200, 212), width=2)
        anchor = {"middle": "mm", "start": "lm", "end": "rm"}[axis.anchor]
        draw.text(
            (axis.label_x * scale, (axis.label_y - 4) * scale), axis.label, fill=(27, 31, 42), font=font, anchor=anchor
        )
    if radar.peer:
        peer = points(radar.peer)
        for start, end in zip(peer, peer[1:] + peer[:1], strict=True):
            _dashed(draw, start, end, (138, 75, 0))
    own = points(radar.own)
    draw.polygon(own, fill=(26, 61, 165, 64))
    draw.line(own + own[:1], fill=(26, 61, 165), width=6)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _dashed(draw, start, end, colour, dash=14, gap=10) -> None:
    length = math.dist(start, end)
    if not length:
        return
    step = 0.0
    while step < length:
        first = step / length
        last = min(step + dash, length) / length
        draw.line(
            [
                (start[0] + (end[0] - start[0]) * first, start[1] + (end[1] - start[1]) * first),
                (start[0] + (end[0] - start[0]) * last, start[1] + (end[1] - start[1]) * last),
            ],
            fill=colour,
            width=5,
        )
        step += dash + gap
