"""The font the exports embed (DejaVu Sans, shipped in ``fonts/``) and its text widths.

Widths come from the font's own advance widths (fontTools, which fpdf2 needs
anyway), so the layout of labels and table cells fits what is drawn in the
SVG, the PNG and the PDF alike.
"""

from __future__ import annotations

import base64
import functools
import io
import re
from importlib.resources import files
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

__all__ = ["FONT_FAMILY", "font_face_css", "font_path", "text_width", "wrap_text"]

#: The family name the SVG asks for (the PNG renderer is given the files themselves).
FONT_FAMILY = "DejaVu Sans"
_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


def font_path(bold: bool = False) -> Path:
    """The shipped TTF file (package data, so an installed wheel has it)."""
    return Path(str(files("netmap.export") / "fonts" / _FILES[bold]))


@functools.cache
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    font = TTFont(font_path(bold), lazy=True)
    per_em = float(font["head"].unitsPerEm)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] / per_em for code, name in font.getBestCmap().items()}
    return widths, widths.get(ord("n"), 0.6)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The drawn width of ``text`` at font ``size`` (same unit as the size).

    >>> round(text_width("Mor", 10), 1)
    18.9
    """
    widths, fallback = _advances(bold)
    return size * sum(widths.get(ord(ch), fallback) for ch in text)


def _pieces(text: str) -> list[tuple[str, str]]:
    """Words split after their hyphens, each with what joins it to the piece before."""
    pieces: list[tuple[str, str]] = []
    for word in text.split():
        parts = re.findall(r"[^-]+-*|-+", word)
        pieces.append((parts[0], " "))
        pieces.extend((part, "") for part in parts[1:])
    return pieces


def wrap_text(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """``text`` broken at spaces (or after a hyphen) into lines no wider than ``width``.

    A piece wider than ``width`` on its own stays whole on its own line.

    >>> wrap_text("Praktisk hjælp, kører til møder", 10, 90)
    ['Praktisk hjælp,', 'kører til møder']
    >>> wrap_text("Anne-Marie Christiansen-Østergaard", 10, 80, True)
    ['Anne-Marie', 'Christiansen-', 'Østergaard']
    """
    lines: list[str] = []
    current = ""
    for piece, glue in _pieces(text):
        candidate = f"{current}{glue}{piece}" if current else piece
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = piece
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def _subset_base64(text: str, bold: bool) -> str:
    options = subset.Options()
    options.drop_tables += ["FFTM"]
    options.name_IDs = ["*"]  # keep the copyright and license names in the subset
    font = TTFont(font_path(bold))
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    data = io.BytesIO()
    font.save(data)
    return base64.b64encode(data.getvalue()).decode("ascii")


def font_face_css(regular_text: str, bold_text: str) -> str:
    """``@font-face`` rules embedding the glyphs a picture uses (a subset of each font).

    A browser or editor then draws the SVG in the font its labels were measured
    in, whatever fonts the reader's machine has: labels keep to their boxes.
    """
    rules = []
    for bold, text in ((False, regular_text), (True, bold_text)):
        if not text:
            continue
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; '
            f"font-weight: {'bold' if bold else 'normal'}; "
            f'src: url("data:font/ttf;base64,{_subset_base64(text, bold)}") format("truetype"); }}'
        )
    return "\n".join(rules)
