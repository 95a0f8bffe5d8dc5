"""The map as SVG, PNG and PDF: valid files, real text, the legend, no CPR unless asked."""

from __future__ import annotations

import base64
import io
import re
import struct
from datetime import date
from itertools import combinations

import pytest
from defusedxml import ElementTree
from export_support import FAKE_CPR, generated_map, sofie
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from netmap.export.picture import map_pdf, map_png, map_svg
from netmap.export.picture_options import RenderOptions
from netmap.export.picture_scene import Rect, map_scene, texts_of
from netmap.model import NetworkMap

CPR_RE = re.compile(r"\d{6}-?\d{4}")
SVG_NS = "{http://www.w3.org/2000/svg}"
SHARED = RenderOptions(export_date=date(2026, 12, 1), version=4, consent_date=date(2026, 5, 4))
FOOTER = "Fortroligt – delt med samtykke af 04.05.2026"


@pytest.fixture(scope="module")
def demo() -> NetworkMap:
    return sofie()


@pytest.fixture(scope="module")
def big() -> NetworkMap:
    return generated_map(200)


@pytest.fixture(scope="module")
def big_pdf_pages(big: NetworkMap) -> list[str]:
    """The 200-person map's PDF, as text per page (made once: it takes a while)."""
    return pdf_text(map_pdf(big, SHARED))


def svg_texts(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg.encode("utf-8"))
    return [element.text or "" for element in root.iter(f"{SVG_NS}text")]


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_pic001_svg_is_xml_with_every_name_as_text(demo: NetworkMap) -> None:
    texts = svg_texts(map_svg(demo, SHARED))
    joined = "\n".join(texts)
    for person in demo.persons:
        assert person.name in joined, person.name
    assert "Netværkskort – Sofie Jensen" in texts
    for label in ("Familie", "Slægt", "Fritid / andre", "Arbejde / skole", "Fagpersoner"):
        assert label in texts
    assert FOOTER in texts
    # The map date and the version, Danish style.
    assert any("Kortets dato: 10.11.2026" in x and "Version 4" in x for x in texts)


def test_pic002_legend_explains_every_mark_and_colour(demo: NetworkMap) -> None:
    texts = set(svg_texts(map_svg(demo, SHARED)))
    for words in (
        "kender til, hvordan jeg har det",
        "kan hjælpe mig",
        "skal med til møderne",
        "skal ikke med til møderne",
        "har en rolle i teamet",
        "primær kontaktperson",
        "De to har noget med hinanden at gøre",
        "Patienten i midten",
    ):
        assert words in texts, words
    for mark in ("♥", "✚", "☑", "☒", "★", "◆"):
        assert mark in texts


def test_pic003_english_labels(demo: NetworkMap) -> None:
    options = SHARED.model_copy(update={"lang": "en"})
    texts = svg_texts(map_svg(demo, options))
    assert "Work / school" in texts or any("Work" in x for x in texts)
    assert "Confidential – shared with consent of May 4, 2026" in texts
    assert "Familie" not in texts


def test_pic004_labels_never_cover_each_other(demo: NetworkMap, big: NetworkMap) -> None:
    for network_map in (demo, generated_map(60, ties=100), big):
        scene = map_scene(network_map, SHARED)
        boxes = [
            (i.x, i.y, i.x + i.w, i.y + i.h)
            for i in scene.items
            if isinstance(i, Rect) and i.fill == "#ffffff" and i.radius
        ]
        for a, b in combinations(boxes, 2):
            overlap_w = min(a[2], b[2]) - max(a[0], b[0])
            overlap_h = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_w <= 0 or overlap_h <= 0, (a, b)
        # Everybody is on the picture: by a label, or by a number and the list under the map.
        texts = " ".join(texts_of(scene))
        for person in network_map.persons:
            assert person.name in texts


def test_pic005_demo_map_names_everyone_on_the_map(demo: NetworkMap) -> None:
    assert map_scene(demo, SHARED).key == []


def test_pic006_png_is_print_resolution(demo: NetworkMap, big: NetworkMap) -> None:
    for network_map in (demo, big):
        width, height = png_size(map_png(network_map, SHARED))
        assert width >= 2000
        assert height > 1000


def test_pic007_pdf_has_selectable_names_and_footer(
    demo: NetworkMap, big: NetworkMap, big_pdf_pages: list[str]
) -> None:
    pages = pdf_text(map_pdf(demo, SHARED))
    assert len(pages) == 1
    text = pages[0]
    for person in demo.persons:
        assert person.name in text.replace("\n", " "), person.name
    assert FOOTER in text
    big_pages = big_pdf_pages
    # The persons drawn by number are listed on the following page(s), footer and all.
    assert len(big_pages) > 1
    assert all(FOOTER in page for page in big_pages)
    joined = " ".join(big_pages).replace("\n", " ")
    assert [p.name for p in big.persons if p.name not in joined] == []


def test_pic008_no_cpr_unless_asked(
    demo: NetworkMap, big: NetworkMap, big_pdf_pages: list[str]
) -> None:
    for network_map in (demo, big):
        assert network_map.patient.cpr == FAKE_CPR
        assert not CPR_RE.search(map_svg(network_map, SHARED))
    assert not CPR_RE.search("\n".join(pdf_text(map_pdf(demo, SHARED))))
    assert not CPR_RE.search("\n".join(big_pdf_pages))
    asked = SHARED.model_copy(update={"include_cpr": True})
    assert FAKE_CPR in map_svg(demo, asked)
    assert FAKE_CPR in pdf_text(map_pdf(demo, asked))[0]


def test_pic009_draws_what_it_is_given(demo: NetworkMap) -> None:
    """A redacted map (initials, "Patienten") is drawn as it is: nothing is looked up."""
    persons = [
        p.model_copy(update={"name": "".join(w[0] for w in p.name.split())}) for p in demo.persons
    ]
    patient = demo.patient.model_copy(update={"name": "Patienten", "cpr": None})
    redacted = demo.model_copy(update={"persons": persons, "patient": patient})
    own_copy = SHARED.model_copy(update={"consent_date": None})
    svg = map_svg(redacted, own_copy)
    for person in demo.persons:
        assert person.name not in svg
    assert "Patienten" in svg_texts(svg)
    assert "Fortroligt" in svg_texts(svg)
    assert "samtykke" not in svg


def test_pic010_svg_carries_the_glyphs_it_uses(demo: NetworkMap) -> None:
    """Any viewer draws the SVG in the font its labels were measured in."""
    svg = map_svg(demo, SHARED)
    root = ElementTree.fromstring(svg.encode("utf-8"))
    style = root.find(f"{SVG_NS}style")
    assert style is not None and style.text is not None
    fonts = re.findall(
        r"font-weight: (\w+); src: url\(\"data:font/ttf;base64,([A-Za-z0-9+/=]+)", style.text
    )
    assert [weight for weight, _ in fonts] == ["normal", "bold"]
    bold_texts = {el.text or "" for el in root.iter(f"{SVG_NS}text") if el.get("font-weight")}
    for weight, data in fonts:
        cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
        used = {
            ch
            for el in root.iter(f"{SVG_NS}text")
            if (el.get("font-weight") == "bold") == (weight == "bold")
            for ch in (el.text or "")
        }
        assert used and all(ord(ch) in cmap for ch in used)
    assert "Sofie Jensen" in " ".join(bold_texts)
