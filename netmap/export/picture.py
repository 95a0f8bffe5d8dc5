"""The map as a picture: SVG text, PNG bytes and a one-page PDF.

All three draw the same :func:`~netmap.export.picture_scene.map_scene`. The
SVG and the PDF are vectors with real, selectable text; the PNG is the SVG
drawn by resvg (a wheel, no system library, no browser) with the shipped
DejaVu Sans, at print resolution. Each function draws exactly the map it is
given: preparing the map for its audience (redaction, consent) happens
before. The CPR number appears only with ``options.include_cpr``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import resvg_py

from netmap.export.pdf_blocks import key_table
from netmap.export.pdf_draw import draw_scene, new_document
from netmap.export.picture_fonts import FONT_FAMILY, font_face_css, font_path
from netmap.export.picture_options import RenderOptions, footer_text
from netmap.export.picture_scene import Circle, Item, Line, Rect, Scene, Text, map_scene
from netmap.i18n import t
from netmap.model import NetworkMap

__all__ = ["PNG_WIDTH", "map_pdf", "map_png", "map_svg", "scene_svg"]

#: Pixels across the PNG: A4 landscape at about 170 dpi, sharp when printed; the
#: issue's minimum, which keeps a 60-person map within its 0.5 s (callers may ask more).
PNG_WIDTH = 2000


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _paint(fill: str | None, stroke: str | None, width: float) -> str:
    parts = [f'fill="{fill or "none"}"']
    if stroke:
        parts.append(f'stroke="{stroke}" stroke-width="{_num(width)}"')
    return " ".join(parts)


def _dash(dash: tuple[float, float] | None) -> str:
    return f' stroke-dasharray="{_num(dash[0])} {_num(dash[1])}"' if dash else ""


def _element(item: Item) -> str:
    if isinstance(item, Text):
        weight = ' font-weight="bold"' if item.bold else ""
        anchor = f' text-anchor="{item.anchor}"' if item.anchor != "start" else ""
        return (
            f'<text x="{_num(item.x)}" y="{_num(item.y)}" font-size="{_num(item.size)}"'
            f'{weight}{anchor} fill="{item.fill}">{escape(item.text)}</text>'
        )
    if isinstance(item, Line):
        return (
            f'<line x1="{_num(item.x1)}" y1="{_num(item.y1)}" x2="{_num(item.x2)}" '
            f'y2="{_num(item.y2)}" stroke="{item.stroke}" stroke-width="{_num(item.width)}"'
            f"{_dash(item.dash)}/>"
        )
    if isinstance(item, Circle):
        return (
            f'<circle cx="{_num(item.cx)}" cy="{_num(item.cy)}" r="{_num(item.r)}" '
            f"{_paint(item.fill, item.stroke, item.width)}{_dash(item.dash)}/>"
        )
    if isinstance(item, Rect):
        radius = f' rx="{_num(item.radius)}"' if item.radius else ""
        return (
            f'<rect x="{_num(item.x)}" y="{_num(item.y)}" width="{_num(item.w)}" '
            f'height="{_num(item.h)}"{radius} {_paint(item.fill, item.stroke, item.width)}/>'
        )
    points = " ".join(f"{_num(x)},{_num(y)}" for x, y in item.points)
    return f'<polygon points="{points}" {_paint(item.fill, item.stroke, item.width)}/>'


def scene_svg(scene: Scene, title: str, *, embed_font: bool = True) -> str:
    """A scene as a standalone SVG document (UTF-8 text).

    ``embed_font`` puts the used glyphs of DejaVu Sans into the file, so any
    viewer draws the text as it was laid out; the PNG renderer is handed the
    font files instead and needs no copy.
    """
    width, height = _num(scene.width), _num(scene.height)
    family = quoteattr(f"{FONT_FAMILY}, Verdana, Arial, sans-serif")
    body = "\n".join(_element(item) for item in scene.items)
    style = ""
    if embed_font:
        texts = [item for item in scene.items if isinstance(item, Text)]
        regular = "".join(sorted({ch for i in texts if not i.bold for ch in i.text}))
        bold = "".join(sorted({ch for i in texts if i.bold for ch in i.text}))
        style = f"<style>\n{font_face_css(regular, bold)}\n</style>\n"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family={family}>\n'
        f"<title>{escape(title)}</title>\n{style}{body}\n</svg>\n"
    )


def map_svg(network_map: NetworkMap, options: RenderOptions, *, embed_font: bool = True) -> str:
    """The map as SVG: title, map, legend, footer; every name a ``<text>`` element."""
    title = t("picture.title", options.lang, name=network_map.patient.name)
    return scene_svg(map_scene(network_map, options), title, embed_font=embed_font)


def map_png(network_map: NetworkMap, options: RenderOptions, *, width: int = PNG_WIDTH) -> bytes:
    """The map as PNG, ``width`` pixels across (at least 2,000 for print)."""
    svg = map_svg(network_map, options, embed_font=False)
    png = resvg_py.svg_to_bytes(
        svg_string=svg,
        width=width,
        background="#ffffff",
        skip_system_fonts=True,
        font_files=[str(font_path(False)), str(font_path(True))],
        font_family=FONT_FAMILY,
        sans_serif_family=FONT_FAMILY,
    )
    return bytes(png)


def map_pdf(network_map: NetworkMap, options: RenderOptions) -> bytes:
    """The map as a one-page A4 landscape PDF, drawn as vectors with real text."""
    pdf = new_document(
        options, title=t("picture.title", options.lang, name=network_map.patient.name)
    )
    pdf.add_page()
    scene = map_scene(network_map, options, key_below=False)
    scale = min(pdf.w / scene.width, pdf.h / scene.height)
    draw_scene(pdf, scene, x=(pdf.w - scene.width * scale) / 2, y=0.0, scale=scale)
    if scene.key:
        # The numbered persons on the next page(s), with the footer there too.
        pdf.running_footer = footer_text(options)
        pdf.footer_from_page = 2
        key_table(pdf, scene.key, options.lang)
    return bytes(pdf.output())
