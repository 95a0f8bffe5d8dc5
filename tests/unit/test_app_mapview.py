"""The map's cytoscape elements, checked without a browser."""

from __future__ import annotations

import math

import pytest

from netmap.app.mapview import MAP_RADIUS, build_elements, map_point, marks_of, stylesheet
from netmap.model import NetworkMap, Patient, Person, Tie


@pytest.fixture
def network_map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(
                id="mor",
                name="<b>Mor</b>",
                sector="family",
                distance=0.5,
                role="Mor",
                knows_how_i_am=True,
                attends_meetings="yes",
            ),
            Person(
                id="sb",
                name="Sagsbehandler",
                sector="professional",
                distance=1.0,
                angle=300.0,
                team_roles=["stafetholder"],
            ),
            Person(id="ven", name="Ven", sector="leisure", distance=0.25, can_help=False),
        ],
        ties=[Tie(a="mor", b="sb")],
    )


def _by_id(elements: list[dict]) -> dict[str, dict]:
    return {e["data"]["id"]: e for e in elements}


def test_appmap001_person_positions_in_pixels_y_down(network_map: NetworkMap) -> None:
    els = _by_id(build_elements(network_map, "da"))
    # Mor: family wedge alone in her band → 36°, half-way: drawn at r = 0.25 + 0.75 * 0.5
    # = 0.625, x = -0.625 sin 36°, y up = 0.625 cos 36°.
    mor = els["p:mor"]["position"]
    assert mor["x"] == pytest.approx(-0.625 * math.sin(math.radians(36)) * MAP_RADIUS, abs=0.01)
    assert mor["y"] == pytest.approx(-0.625 * math.cos(math.radians(36)) * MAP_RADIUS, abs=0.01)
    # The caseworker at 300° on the outer ring: up and to the right (y negative on
    # screen), clear of the sector's name (at 324°, which a marker there would cover).
    sb = els["p:sb"]["position"]
    # (Pixels are rounded to 1/100.)
    assert sb["x"] == pytest.approx(math.sqrt(3) / 2 * MAP_RADIUS, abs=0.01)
    assert sb["y"] == pytest.approx(-0.5 * MAP_RADIUS, abs=0.01)
    # And back: pixels to map units.
    assert map_point(sb["x"], sb["y"]) == pytest.approx((math.sqrt(3) / 2, 0.5), abs=1e-4)


def test_appmap002_background_is_locked_and_labelled_in_the_language(
    network_map: NetworkMap,
) -> None:
    els = _by_id(build_elements(network_map, "en"))
    # Rings at distances 1/3, 2/3, 1 are drawn at radii 0.5, 0.75, 1 (r = 0.25 + 0.75 d).
    rings = (("bg:ring1", MAP_RADIUS), ("bg:ring2", 1.5 * MAP_RADIUS), ("bg:ring3", 2 * MAP_RADIUS))
    for ring, size in rings:
        assert els[ring]["locked"] is True and els[ring]["grabbable"] is False
        assert els[ring]["data"]["size"] == pytest.approx(size, abs=0.01)
    assert els["bg:label-kin"]["data"]["label"] == "Relatives"
    assert _by_id(build_elements(network_map, "da"))["bg:label-kin"]["data"]["label"] == "Slægt"
    assert els["patient"]["locked"] is True
    assert sum(1 for e in els.values() if "sector-line" in e.get("classes", "")) == 5


def test_appmap003_labels_are_plain_text_with_marks(network_map: NetworkMap) -> None:
    els = _by_id(build_elements(network_map, "da"))
    assert els["p:mor"]["data"]["label"] == "<b>Mor</b>\nMor\n♥ ☑"
    assert els["p:sb"]["data"]["label"] == "Sagsbehandler\n★"
    assert els["p:ven"]["data"]["label"] == "Ven"  # "cannot help" leaves no mark
    assert marks_of(network_map.person("ven")) == ""


def test_appmap004_selected_person_marks_their_ties(network_map: NetworkMap) -> None:
    els = _by_id(build_elements(network_map, "da", selected="mor"))
    assert "chosen" in els["p:mor"]["classes"].split()
    assert "tied" in els["p:sb"]["classes"].split()
    assert "tied" not in els["p:ven"]["classes"].split()
    assert els["tie:mor|sb"]["classes"] == "tie focus"
    assert (els["tie:mor|sb"]["data"]["source"], els["tie:mor|sb"]["data"]["target"]) == (
        "p:mor",
        "p:sb",
    )


def test_appmap005_question_step_colours_answers(network_map: NetworkMap) -> None:
    els = _by_id(build_elements(network_map, "da", question=3))
    assert "answer-no" in els["p:ven"]["classes"]
    assert "answer-unknown" in els["p:mor"]["classes"]
    els = _by_id(build_elements(network_map, "da", question=4))
    assert "answer-yes" in els["p:mor"]["classes"]
    assert "answer-unknown" in els["p:sb"]["classes"]


def test_appmap006_a_person_id_cannot_collide_with_the_background() -> None:
    m = NetworkMap(
        patient=Patient(name="T"),
        persons=[Person(id="bg:ring1", name="Tricky", sector="kin", distance=0.5)],
    )
    ids = [e["data"]["id"] for e in build_elements(m, "da")]
    assert len(ids) == len(set(ids))
    assert "p:bg:ring1" in ids


def test_appmap007_every_sector_has_a_colour() -> None:
    selectors = {s["selector"] for s in stylesheet()}
    for sector in ("family", "kin", "leisure", "work_school", "professional"):
        assert f".sector-{sector}" in selectors
