"""Component trees of the start page and the editor, checked without a browser."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from netmap.app.editor.layout import edit_panel, person_list, question_help
from netmap.app.editor.rows import PersonRows
from netmap.app.inert import Inert
from netmap.app.start.layout import map_rows
from netmap.model import NetworkMap, Patient, Person, Tie
from netmap.store import MapSummary


def _json(component: Any) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda c: c.to_plotly_json())


def _texts(component: Any) -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)
        elif isinstance(node, PersonRows):  # the person list's rows (plain data)
            for row in node.rows.values():
                walk([row["name"], row["role"]])
        elif isinstance(node, Inert):  # an inert tree (netmap.app.inert)
            walk(node.tree)
        elif isinstance(node, dict):  # one of its elements
            walk(node.get("children"))
        elif hasattr(node, "children"):
            walk(node.children)

    walk(component)
    return found


def _summary(name: str, cpr: str = "", versions: int = 3) -> MapSummary:
    when = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    return MapSummary(
        map_id="abc123",
        patient_name=name,
        masked_cpr=cpr,
        created_at=when,
        updated_at=when,
        latest_version=versions,
        version_count=versions,
    )


def test_applayout001_map_list_shows_masked_cpr_and_versions() -> None:
    table = map_rows([_summary("Testa Testesen", "010190-xxxx", 3)], "da", None)
    texts = _texts(table)
    assert "Testa Testesen" in texts
    assert "010190-xxxx" in texts
    assert "3" in texts
    assert not any("1234" in text for text in texts)


def test_applayout002_delete_asks_and_says_all_versions_go() -> None:
    table = map_rows([_summary("Testa Testesen", versions=4)], "da", "abc123")
    assert any("Alle 4 versioner bliver slettet" in text for text in _texts(table))
    english = map_rows([_summary("Testa Testesen", versions=4)], "en", "abc123")
    assert any("All 4 versions will be deleted" in text for text in _texts(english))


def test_applayout003_empty_list_says_so() -> None:
    assert _texts(map_rows([], "en", None)) == ["There are no maps yet."]


def _map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa"),
        persons=[
            Person(id="mor", name="Mor", sector="family", distance=0.2, knows_how_i_am=True),
            Person(id="sb", name="<script>x</script>", sector="professional", distance=0.5),
        ],
        ties=[Tie(a="mor", b="sb")],
    )


def test_applayout004_edit_panel_has_every_field_and_the_ties() -> None:
    m = _map()
    panel = _json(edit_panel(m, m.person("mor"), "da"))
    for field in (
        "edit-name",
        "edit-role",
        "edit-organisation",
        "edit-care_sector",
        "edit-phone",
        "edit-email",
        "edit-helps_with",
        "edit-q2",
        "edit-q3",
        "edit-q4",
        "edit-team_roles",
        "edit-primary_contact",
        "edit-sector",
        "edit-distance",
        "edit-save",
        "edit-remove",
    ):
        assert f'"{field}"' in panel, field
    assert "Har noget at gøre med: <script>x</script>" in _texts(
        edit_panel(m, m.person("mor"), "da")
    )


def test_applayout005_person_list_answer_buttons_only_in_questions_two_to_four() -> None:
    m = _map()
    assert all("answers" not in row for row in person_list(m, "da", 1, None).rows.values())
    answering = person_list(m, "da", 2, "mor").rows
    answers = [answer for row in answering.values() for answer in row["answers"]]
    assert len(answers) == 6  # yes / no / unknown for two persons
    assert {answer["pressed"] for answer in answers} == {"true", "false"}
    assert answering["mor"]["pressed"] == "true"


def test_applayout006_user_text_is_a_plain_string_child() -> None:
    # Dash renders string children as text: the name is never markup.
    item = person_list(_map(), "da", 1, None)
    assert "<script>x</script>" in _texts(item)
    assert '"type": "Script"' not in _json(item)


def test_applayout007_what_a_tap_does_depends_on_mode_and_step() -> None:
    assert "streg" in question_help(1, "connect", "da")
    assert "svare" in question_help(3, "select", "da")
    assert "drag" in question_help(1, "select", "en")
    # The answering steps say what the border colours mean, in the step's own words.
    assert "rød kant: nej" in question_help(2, "select", "da")
    assert "ved ikke" in question_help(3, "select", "da")
    assert "ikke besluttet" in question_help(4, "select", "da")
    assert "ved ikke" not in question_help(4, "select", "da")
