"""A chart of ``monitoring.svgcharts`` as a PNG image, for documents that cannot show SVG (DOCX).

The pages and the PDF draw a chart as SVG; Word and LibreOffice Writer take a raster image. This draws
the same primitives (rectangles with their fill patterns, lines, dots, texts) with Pillow, at twice the
size for a sharp print, so the image in the DOCX shows what the SVG shows. The text alternative and the
table behind the chart stay beside it in the document.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

from monitoring.svgcharts import Chart

SCALE = 2
FONT_PATHS = {
    "normal": ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
               "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"],
    "bold": ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
             "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"],
}
ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}  # SVG's x/y is the baseline
WHITE = (255, 255, 255)
GREY = (150, 150, 150)


@lru_cache(maxsize=32)
def _font(size: float, weight: str = "normal"):
    pixels = max(round(size * SCALE), 6)
    for path in FONT_PATHS.get(weight, FONT_PATHS["normal"]):
        if Path(path).exists():
            return ImageFont.truetype(path, pixels)
    return ImageFont.load_default(size=pixels)  # Pillow's own font (FreeType), when the system has none


def _rgb(color: str):
    try:
        return ImageColor.getrgb(color)[:3]
    except (ValueError, TypeError, AttributeError):
        return GREY


def _pattern_tile(color, kind: str) -> Image.Image:
    """The 6 × 6 tile of an SVG pattern (colour with white dots or hatching), scaled."""
    size = 6 * SCALE
    tile = Image.new("RGB", (size, size), color)
    draw = ImageDraw.Draw(tile)
    if kind == "dots":
        r = 1.2 * SCALE
        draw.ellipse([size / 2 - r, size / 2 - r, size / 2 + r, size / 2 + r], fill=WHITE)
    if kind in ("diagonal", "cross"):
        draw.line([(-SCALE, size + SCALE), (size + SCALE, -SCALE)], fill=WHITE, width=SCALE)
    if kind == "cross":
        draw.line([(-SCALE, -SCALE), (size + SCALE, size + SCALE)], fill=WHITE, width=SCALE)
    if kind == "horizontal":
        draw.line([(0, size / 2), (size, size / 2)], fill=WHITE, width=SCALE)
    return tile


def _fill(image: Image.Image, box, fill: str, patterns: dict) -> None:
    x0, y0, x1, y1 = (round(v) for v in box)
    if x1 <= x0 or y1 <= y0:
        return
    if fill.startswith("url(#"):
        pattern = patterns.get(fill[5:-1])
        if pattern is None:
            ImageDraw.Draw(image).rectangle([x0, y0, x1, y1], fill=GREY)
            return
        tile = _pattern_tile(_rgb(pattern["color"]), pattern["kind"])
        for tx in range(x0, x1, tile.width):
            for ty in range(y0, y1, tile.height):
                piece = tile.crop((0, 0, min(tile.width, x1 - tx), min(tile.height, y1 - ty)))
                image.paste(piece, (tx, ty))
        return
    ImageDraw.Draw(image).rectangle([x0, y0, x1, y1], fill=_rgb(fill))


def png(chart: Chart) -> bytes:
    """The chart as a PNG (twice its SVG size)."""
    image = Image.new("RGB", (chart.width * SCALE, chart.height * SCALE), WHITE)
    draw = ImageDraw.Draw(image)
    patterns = {p["id"]: p for p in chart.patterns}
    for line in chart.lines:
        points = [tuple(float(v) * SCALE for v in pair.split(",")) for pair in line["points"].split()]
        if len(points) > 1:
            draw.line(points, fill=_rgb(line["color"]), width=max(int(float(line["width"]) * SCALE), 1),
                      joint="curve")
    for rect in chart.rects:
        box = (rect["x"] * SCALE, rect["y"] * SCALE, (rect["x"] + rect["w"]) * SCALE, (rect["y"] + rect["h"]) * SCALE)
        _fill(image, box, rect["fill"], patterns)
        draw.rectangle(box, outline=WHITE, width=1)
    for dot in chart.dots:
        r = dot["r"] * SCALE
        x, y = dot["x"] * SCALE, dot["y"] * SCALE
        draw.ellipse([x - r, y - r, x + r, y + r], fill=_rgb(dot["color"]), outline=WHITE, width=SCALE)
    for text in chart.texts:
        draw.text((text["x"] * SCALE, text["y"] * SCALE), text["text"], fill=_rgb(text["fill"]),
                  font=_font(text["size"], text["weight"]), anchor=ANCHORS.get(text["anchor"], "ls"))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
