"""fpdf2 documents with the shipped font, and a scene drawn into them as vectors.

fpdf2's built-in fonts are Latin-1 only (they reject "–", TECH-NOTES); every
document here embeds DejaVu Sans (regular and bold, subset by fpdf2), so
Danish letters, the dash and the map's marks print as real, selectable text.
"""

from __future__ import annotations

from fpdf import FPDF

from netmap.export.picture_fonts import font_path
from netmap.export.picture_options import RenderOptions, footer_text
from netmap.export.picture_scene import Circle, Line, Polygon, Rect, Scene, Text
from netmap.i18n import Lang, t

__all__ = ["FONT", "PT_MM", "NetmapPDF", "draw_scene", "new_document"]

FONT = "DejaVu"
#: One typographic point in millimetres.
PT_MM = 25.4 / 72


class NetmapPDF(FPDF):
    """A4 landscape; when ``running_footer`` is set, the footer and page number on every page."""

    running_footer: str | None = None
    running_header: str | None = None
    #: The first page that gets the running footer (a page drawing its own starts later).
    footer_from_page: int = 1
    text_lang: Lang = "da"

    def header(self) -> None:
        if self.running_header is None:
            return
        self.set_font(FONT, "", 8.5)
        self.set_text_color(72, 101, 129)
        self.set_xy(self.l_margin, 7)
        self.cell(self.epw, 4, self.running_header, align="R")
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        if self.running_footer is None or self.page_no() < self.footer_from_page:
            return
        self.set_y(-11)
        self.set_font(FONT, "B", 9)
        self.set_text_color(72, 101, 129)
        self.cell(self.epw * 0.7, 5, self.running_footer)
        self.set_font(FONT, "", 9)
        page = t("picture.footer.page", self.text_lang, page=self.page_no(), pages="{nb}")
        self.cell(self.epw * 0.3, 5, page, align="R")
        self.set_text_color(0, 0, 0)


def new_document(
    options: RenderOptions, *, title: str, running: bool = False, portrait: bool = False
) -> NetmapPDF:
    """An empty A4 document (landscape unless ``portrait``) with the fonts and metadata set.

    ``running=True`` puts the footer (consent line, page x of n) on every page.
    """
    pdf = NetmapPDF(orientation="P" if portrait else "L", unit="mm", format="A4")
    pdf.text_lang = options.lang
    pdf.add_font(FONT, "", font_path(False))
    pdf.add_font(FONT, "B", font_path(True))
    pdf.set_font(FONT, "", 10)
    pdf.set_title(title)
    pdf.set_lang(options.lang)
    pdf.set_creator("netmap")
    pdf.set_margins(14, 14, 14)
    pdf.set_auto_page_break(True, margin=16)
    if running:
        pdf.running_footer = footer_text(options)
    return pdf


def _rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _style(pdf: FPDF, fill: str | None, stroke: str | None, width: float, scale: float) -> str:
    if fill:
        pdf.set_fill_color(*_rgb(fill))
    if stroke:
        pdf.set_draw_color(*_rgb(stroke))
        pdf.set_line_width(width * scale)
    return ("F" if fill else "") + ("D" if stroke else "") or "D"


def draw_scene(pdf: FPDF, scene: Scene, *, x: float, y: float, scale: float) -> None:
    """Draw ``scene`` with its top left at (x, y) mm, ``scale`` mm per scene unit."""

    def px(value: float) -> float:
        return x + value * scale

    def py(value: float) -> float:
        return y + value * scale

    for item in scene.items:
        if isinstance(item, Text):
            pdf.set_font(FONT, "B" if item.bold else "", item.size * scale / PT_MM)
            pdf.set_text_color(*_rgb(item.fill))
            left = px(item.x)
            if item.anchor != "start":
                width = pdf.get_string_width(item.text)
                left -= width / 2 if item.anchor == "middle" else width
            pdf.text(left, py(item.y), item.text)
        elif isinstance(item, Line):
            pdf.set_draw_color(*_rgb(item.stroke))
            pdf.set_line_width(item.width * scale)
            if item.dash:
                pdf.set_dash_pattern(item.dash[0] * scale, item.dash[1] * scale)
            pdf.line(px(item.x1), py(item.y1), px(item.x2), py(item.y2))
            if item.dash:
                pdf.set_dash_pattern()
        elif isinstance(item, Circle):
            style = _style(pdf, item.fill, item.stroke, item.width, scale)
            if item.dash:
                pdf.set_dash_pattern(item.dash[0] * scale, item.dash[1] * scale)
            r = item.r * scale
            pdf.ellipse(px(item.cx) - r, py(item.cy) - r, 2 * r, 2 * r, style=style)
            if item.dash:
                pdf.set_dash_pattern()
        elif isinstance(item, Rect):
            style = _style(pdf, item.fill, item.stroke, item.width, scale)
            pdf.rect(
                px(item.x),
                py(item.y),
                item.w * scale,
                item.h * scale,
                style=style,
                round_corners=item.radius > 0,
                corner_radius=item.radius * scale,
            )
        elif isinstance(item, Polygon):
            style = _style(pdf, item.fill, item.stroke, item.width, scale)
            pdf.polygon([(px(a), py(b)) for a, b in item.points], style=style)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_line_width(0.2)
