"""Edit operations: each returns a new, valid map or says clearly what is wrong."""

from __future__ import annotations

import pytest

from netmap.analysis.groups import in_team
from netmap.editing import (
    AddPerson,
    CycleAnswer,
    DropPerson,
    MovePerson,
    RemovePerson,
    SetAnswer,
    ToggleTie,
    UpdatePatient,
    UpdatePerson,
    new_person_id,
    parse_edit,
)
from netmap.errors import InvalidInput, NetmapError
from netmap.model import (
    MAX_PERSONS,
    Attendance,
    Band,
    NetworkMap,
    Patient,
    Person,
    Sector,
    TeamRole,
    Tie,
)


@pytest.fixture
def base() -> NetworkMap:
    return NetworkMap(
        patient=Patient(id="p0", name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2, role="Mor"),
            Person(
                id="sb",
                name="Sagsbehandler Test",
                sector="professional",
                distance=0.5,
                angle=300.0,
                phone="+45 20 11 22 33",
                primary_contact=True,
            ),
            Person(id="ven", name="Ven Testsen", sector="leisure", distance=0.7),
        ],
        ties=[Tie(a="mor", b="sb")],
    )


@pytest.mark.parametrize(
    ("band", "distance", "team_band"),
    [("close", 1 / 6, Band.CLOSE), ("middle", 0.5, Band.MIDDLE), ("distant", 5 / 6, Band.DISTANT)],
)
def test_edit001_add_person_in_the_band_the_patient_chose(
    base: NetworkMap, band: str, distance: float, team_band: Band
) -> None:
    op = parse_edit(
        {
            "kind": "add_person",
            "name": "Farmor Test",
            "sector": "kin",
            "role": "Farmor",
            "band": band,
        }
    )
    after = op.apply(base)
    added = after.persons[-1]
    assert (added.id, added.name, added.sector, added.role) == (
        "farmor-test",
        "Farmor Test",
        Sector.KIN,
        "Farmor",
    )
    assert added.distance == pytest.approx(distance)
    assert added.band is team_band
    assert added.angle is None
    assert base.persons[-1].id == "ven"  # the original is untouched


def test_edit001b_an_exact_distance_is_kept(base: NetworkMap) -> None:
    after = AddPerson(name="Ven To", sector="leisure", distance=0.91).apply(base)
    assert after.persons[-1].distance == 0.91


@pytest.mark.parametrize(
    ("payload", "da", "en"),
    [
        (
            {},
            "vælg, hvor tæt på personen er: Tæt på, Midt imellem eller Længere væk",
            "choose how close the person is: Close, In between or Further away",
        ),
        ({"band": ""}, "vælg, hvor tæt på personen er", "choose how close the person is"),
        ({"band": "far"}, "hvor tæt på (band)", "how close (band)"),
        ({"band": "close", "distance": 0.5}, "ikke begge", "not both"),
    ],
)
def test_edit001c_how_close_is_required_and_named(
    payload: dict[str, object], da: str, en: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_edit(
            {"kind": "add_person", "name": "Ny", "sector": "professional", **payload},
            where="Tilføj en person",
        )
    assert da in err.value.message("da")
    assert en in err.value.message("en")
    assert err.value.message("da").startswith("Tilføj en person")


def test_edit001d_a_professional_placed_further_away_is_not_in_the_team(
    base: NetworkMap,
) -> None:
    far = parse_edit(
        {"kind": "add_person", "name": "Psykolog Test", "sector": "professional", "band": "distant"}
    ).apply(base)
    near = parse_edit(
        {"kind": "add_person", "name": "Psykolog Test", "sector": "professional", "band": "middle"}
    ).apply(base)
    assert "psykolog-test" not in {p.id for p in far.persons if in_team(p)}
    assert "psykolog-test" in {p.id for p in near.persons if in_team(p)}


def test_edit002_new_ids_are_readable_and_unique(base: NetworkMap) -> None:
    assert new_person_id(base, "Mor Testesen") == "mor-testesen"
    assert new_person_id(base, "mor") == "mor-2"
    assert new_person_id(base, "Åse Ærø") == "aase-aeroe"
    assert new_person_id(base, "!!!") == "person"
    assert new_person_id(base, "p0") == "p0-2"  # the patient's id is taken too


def test_edit003_add_refuses_empty_name_and_unknown_sector(base: NetworkMap) -> None:
    with pytest.raises(InvalidInput) as empty:
        parse_edit({"kind": "add_person", "name": "   ", "sector": "family"})
    assert "navn" in empty.value.message("da")
    with pytest.raises(InvalidInput) as sector:
        parse_edit({"kind": "add_person", "name": "X", "sector": "neighbours"})
    assert "neighbours" in sector.value.message("en")


def test_edit004_update_person_changes_only_the_fields_sent(base: NetworkMap) -> None:
    op = UpdatePerson(id="mor", changes={"role": "Mother", "phone": "+45 30 44 55 66"})
    mor = op.apply(base).person("mor")
    assert (mor.role, mor.phone, mor.distance, mor.sector) == (
        "Mother",
        "+45 30 44 55 66",
        0.2,
        Sector.FAMILY,
    )


def test_edit005_update_person_clears_a_field_sent_empty(base: NetworkMap) -> None:
    sb = UpdatePerson(id="sb", changes={"phone": "", "role": None}).apply(base).person("sb")
    assert sb.phone is None
    assert sb.role is None


def test_edit006_update_person_reports_field_and_value(base: NetworkMap) -> None:
    with pytest.raises(InvalidInput) as err:
        UpdatePerson(id="mor", changes={"email": "not-an-address"}).apply(base)
    message = err.value.message("da")
    assert "Mor Testesen" in message and "not-an-address" in message


def test_edit007_changing_sector_drops_the_old_angle(base: NetworkMap) -> None:
    sb = UpdatePerson(id="sb", changes={"sector": "work_school"}).apply(base).person("sb")
    assert sb.sector is Sector.WORK_SCHOOL
    assert sb.angle is None
    same = UpdatePerson(id="sb", changes={"distance": 0.9}).apply(base).person("sb")
    assert same.angle == 300.0


def test_edit008_naming_a_new_primary_contact_moves_the_mark(base: NetworkMap) -> None:
    after = UpdatePerson(id="ven", changes={"primary_contact": True}).apply(base)
    assert [p.id for p in after.persons if p.primary_contact] == ["ven"]


def test_edit009_team_roles_from_a_form(base: NetworkMap) -> None:
    op = parse_edit(
        {"kind": "update_person", "id": "sb", "changes": {"team_roles": ["coordinator"]}}
    )
    assert op.apply(base).person("sb").team_roles == (TeamRole.COORDINATOR,)


def test_edit010_move_person_keyboard_alternative(base: NetworkMap) -> None:
    ven = MovePerson(id="ven", sector="kin", distance=0.3).apply(base).person("ven")
    assert (ven.sector, ven.distance, ven.angle) == (Sector.KIN, 0.3, None)
    # Same sector: the angle the pair chose is kept.
    sb = MovePerson(id="sb", sector="professional", distance=0.9).apply(base).person("sb")
    assert sb.angle == 300.0


def test_edit011_drop_sets_sector_distance_and_angle_from_the_point(base: NetworkMap) -> None:
    # (-0.625, 0) is 9 o'clock = 90°, the kin wedge, half-way out (drawn radius
    # 0.25 + 0.75 * 0.5 = 0.625, see netmap.geometry).
    ven = DropPerson(id="ven", x=-0.625, y=0.0).apply(base).person("ven")
    assert ven.sector is Sector.KIN
    assert ven.distance == pytest.approx(0.5)
    assert ven.angle == pytest.approx(90.0)
    assert ven.band.value == "middle"
    # Far outside the map: on the outer ring.
    far = DropPerson(id="ven", x=0.0, y=-7.0).apply(base).person("ven")
    assert (far.sector, far.distance) == (Sector.LEISURE, 1.0)


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "drop_person", "id": "ven", "x": float("nan"), "y": 0},
        {"kind": "drop_person", "id": "ven", "x": 1e9, "y": 0},
        {"kind": "drop_person", "id": "ven", "x": "left", "y": 0},
        {"kind": "drop_person", "id": "ven", "x": 0},
        {"kind": "drop_person", "id": "ven", "x": 0, "y": 0, "z": 1},
        {"kind": "delete_everything"},
        "drop",
        None,
    ],
)
def test_edit012_malformed_payloads_are_invalid_input(payload: object) -> None:
    with pytest.raises(InvalidInput):
        parse_edit(payload)


def test_edit013_remove_person_takes_their_ties(base: NetworkMap) -> None:
    after = RemovePerson(id="mor").apply(base)
    assert [p.id for p in after.persons] == ["sb", "ven"]
    assert after.ties == []


def test_edit014_unknown_person_is_a_clear_error(base: NetworkMap) -> None:
    for op in (
        RemovePerson(id="nobody"),
        MovePerson(id="nobody", sector="kin", distance=0.5),
        ToggleTie(a="mor", b="nobody"),
        SetAnswer(id="nobody", question=2, answer="yes"),
    ):
        with pytest.raises(NetmapError) as err:
            op.apply(base)
        assert err.value.key == "editing.person_not_found"
        assert "nobody" in err.value.message("da")


def test_edit015_toggle_tie_adds_then_removes(base: NetworkMap) -> None:
    added = ToggleTie(a="ven", b="mor").apply(base)
    assert {t.ends for t in added.ties} == {("mor", "sb"), ("mor", "ven")}
    removed = ToggleTie(a="sb", b="mor").apply(added)
    assert {t.ends for t in removed.ties} == {("mor", "ven")}


def test_edit016_a_tie_to_oneself_or_the_patient_is_refused(base: NetworkMap) -> None:
    with pytest.raises(InvalidInput):
        ToggleTie(a="mor", b="mor").apply(base)
    with pytest.raises(NetmapError):
        ToggleTie(a="mor", b="p0").apply(base)


def test_edit017_answers_to_questions_two_to_four(base: NetworkMap) -> None:
    m = SetAnswer(id="mor", question=2, answer="yes").apply(base)
    m = SetAnswer(id="mor", question=3, answer="no").apply(m)
    m = SetAnswer(id="mor", question=4, answer="yes").apply(m)
    mor = m.person("mor")
    assert (mor.knows_how_i_am, mor.can_help, mor.attends_meetings) == (
        True,
        False,
        Attendance.YES,
    )
    m = SetAnswer(id="mor", question=4, answer="unknown").apply(m)
    m = SetAnswer(id="mor", question=2, answer="unknown").apply(m)
    assert m.person("mor").attends_meetings is Attendance.UNDECIDED
    assert m.person("mor").knows_how_i_am is None


def test_edit018_tapping_cycles_unknown_yes_no_unknown(base: NetworkMap) -> None:
    seen = []
    m = base
    for _ in range(4):
        m = CycleAnswer(id="ven", question=4).apply(m)
        seen.append(m.person("ven").attends_meetings)
    assert seen == [Attendance.YES, Attendance.NO, Attendance.UNDECIDED, Attendance.YES]
    m = CycleAnswer(id="ven", question=3).apply(base)
    assert m.person("ven").can_help is True


def test_edit019_question_one_has_no_per_person_answer() -> None:
    with pytest.raises(InvalidInput):
        parse_edit({"kind": "set_answer", "id": "mor", "question": 1, "answer": "yes"})


def test_edit020_update_patient_name_and_cpr(base: NetworkMap) -> None:
    after = UpdatePatient(name="Testa Nynavn", cpr="010190-1234").apply(base)
    assert after.patient.name == "Testa Nynavn"
    assert after.patient.masked_cpr.endswith("xxxx")
    with pytest.raises(InvalidInput):
        UpdatePatient(name="Testa", cpr="999999-1234").apply(base)


def test_edit021_the_map_limit_holds(base: NetworkMap) -> None:
    full = NetworkMap(
        patient=Patient(name="Testa"),
        persons=[
            Person(id=f"p{i}", name=f"P {i}", sector="leisure", distance=0.5)
            for i in range(MAX_PERSONS)
        ],
    )
    with pytest.raises(InvalidInput) as err:
        AddPerson(name="One Too Many", sector="kin", band="close").apply(full)
    assert str(MAX_PERSONS) in err.value.message("en")
