"""Blocks of a PDF report: section titles, wrapping tables, lines to fill in.

Tables wrap long text inside their cells, repeat their heading on a new page,
and move a row that does not fit to the next page whole (fpdf2's tables do
this by themselves); a section title is never left alone at the foot of a page.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF
from fpdf.fonts import FontFace

from netmap.export.pdf_draw import FONT
from netmap.export.picture_scene import KeyEntry
from netmap.i18n import Lang, t

__all__ = [
    "NBSP",
    "column_widths",
    "fill_in_line",
    "key_table",
    "note",
    "section_title",
    "sub_title",
    "table",
]

_HEADING = FontFace(emphasis="BOLD", fill_color=(230, 236, 242), color=(16, 42, 67))
_MUTED = (72, 101, 129)
_BODY_PT = 9.5
#: Joins the groups of a phone number so that a table never breaks it.
NBSP = "\u00a0"
_PAD_X = 1.8


def _keep_room(pdf: FPDF, height: float) -> None:
    """Start a new page unless ``height`` mm fit above the bottom margin."""
    if pdf.will_page_break(height):
        pdf.add_page()


def section_title(pdf: FPDF, text: str, *, new_page: bool = False) -> None:
    """A section's title (with room for a few lines after it on the same page)."""
    if new_page:
        pdf.add_page()
    else:
        _keep_room(pdf, 30)
        pdf.ln(4)
    pdf.set_font(FONT, "B", 15)
    pdf.set_text_color(16, 42, 67)
    pdf.multi_cell(pdf.epw, 7.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    pdf.set_text_color(0, 0, 0)


def sub_title(pdf: FPDF, text: str) -> None:
    _keep_room(pdf, 22)
    pdf.ln(2)
    pdf.set_font(FONT, "B", 11.5)
    pdf.set_text_color(*_MUTED)
    pdf.multi_cell(pdf.epw, 6, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(0.5)


def note(pdf: FPDF, text: str, *, muted: bool = True, size: float = _BODY_PT) -> None:
    """A paragraph of plain text across the page."""
    pdf.set_font(FONT, "", size)
    if muted:
        pdf.set_text_color(*_MUTED)
    pdf.multi_cell(pdf.epw, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)


def column_widths(
    pdf: FPDF, headings: Sequence[str], rows: Sequence[Sequence[str]], weights: Sequence[float]
) -> list[float]:
    """Column widths (mm) across the page: each at least as wide as its longest word.

    Words are never broken while the page has room for them (an e-mail address
    or "Bostøttemedarbejder" broken in two is hard to read); the rest of the
    width is shared by ``weights``.
    """
    pad = 2 * _PAD_X + 1.0
    least = []
    for index, heading in enumerate(headings):
        pdf.set_font(FONT, "B", _BODY_PT)
        widest = max((pdf.get_string_width(w) for w in heading.split(" ")), default=0.0)
        pdf.set_font(FONT, "B" if index == 0 else "", _BODY_PT)
        for values in rows:
            # Split at plain spaces only: a no-break space holds a phone number together.
            words = [w for w in values[index].split(" ") if w]
            if words:
                widest = max(widest, max(pdf.get_string_width(w) for w in words))
        least.append(widest + pad)
    total = float(pdf.epw)
    if sum(least) >= total:
        return [total * w / sum(least) for w in least]
    # Share out the width by weight, but never below a column's least width.
    widths = list(least)
    free = [True] * len(widths)
    while True:
        room = total - sum(w for w, f in zip(widths, free, strict=True) if not f)
        share = sum(w for w, f in zip(weights, free, strict=True) if f)
        changed = False
        for i, weight in enumerate(weights):
            if free[i]:
                widths[i] = room * weight / share
                if widths[i] < least[i]:
                    widths[i], free[i], changed = least[i], False, True
                    break
        if not changed:
            return widths


def table(
    pdf: FPDF,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    weights: Sequence[float],
    *,
    bold_first: bool = False,
) -> None:
    """A table across the page; ``weights`` share out the width left after the longest words."""
    widths = column_widths(pdf, headings, rows, weights)
    pdf.set_font(FONT, "", _BODY_PT)
    pdf.set_fill_color(255, 255, 255)
    # The heading and the first row stay together.
    _keep_room(pdf, 20)
    with pdf.table(
        col_widths=tuple(widths),
        width=pdf.epw,
        align="LEFT",
        text_align="LEFT",
        line_height=_BODY_PT * 0.5,
        padding=(1.4, _PAD_X),
        headings_style=_HEADING,
        borders_layout="HORIZONTAL_LINES",
        cell_fill_color=(246, 248, 250),
        cell_fill_mode="ROWS",
        repeat_headings=1,
        v_align="TOP",
    ) as drawn:
        heading = drawn.row()
        for text in headings:
            heading.cell(text)
        for values in rows:
            row = drawn.row()
            for index, text in enumerate(values):
                style = FontFace(emphasis="BOLD") if bold_first and index == 0 else None
                row.cell(text, style=style)
    pdf.ln(2)


def fill_in_line(pdf: FPDF, label: str, value: str | None = None, *, lines: int = 1) -> None:
    """A label and either its value or ``lines`` ruled lines to write on."""
    _keep_room(pdf, 9 * lines + 4)
    pdf.set_font(FONT, "B", 10.5)
    label_width = pdf.get_string_width(label) + 3
    top = pdf.get_y()
    pdf.cell(label_width, 8, label)
    if value is not None:
        pdf.set_font(FONT, "", 10.5)
        pdf.multi_cell(pdf.epw - label_width, 8, value, new_x="LMARGIN", new_y="NEXT")
        return
    pdf.set_draw_color(154, 165, 177)
    pdf.set_line_width(0.3)
    for i in range(lines):
        y = top + 7 + i * 9
        start = pdf.l_margin + (label_width if i == 0 else 0)
        pdf.line(start, y, pdf.l_margin + pdf.epw, y)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(pdf.l_margin, top + 9 * lines + 1)


def key_table(pdf: FPDF, key: Sequence[KeyEntry], lang: Lang) -> None:
    """The persons the map shows by number, on a new page: two persons a row.

    A crowded map numbers most of its persons; one a row took a page per
    twenty of them.
    """
    if not key:
        return
    section_title(pdf, t("picture.key.title", lang), new_page=True)
    one = [
        t("picture.key.number", lang),
        t("panels.column.name", lang),
        t("pack.column.role", lang),
        t("panels.column.sector", lang),
    ]

    def cells(entry: KeyEntry | None) -> list[str]:
        if entry is None:
            return ["", "", "", ""]
        return [
            str(entry.number),
            entry.name,
            entry.role or "",
            t(f"sector.{entry.sector.value}", lang),
        ]

    rows = [
        cells(key[i]) + cells(key[i + 1] if i + 1 < len(key) else None)
        for i in range(0, len(key), 2)
    ]
    table(pdf, one + one, rows, (6, 30, 24, 20, 6, 30, 24, 20))
