"""The domain model: bands, validation, normalisation (DOMAIN.md, "The map")."""

from __future__ import annotations

import math
import types
import typing
from datetime import date
from enum import Enum

import pytest
from pydantic import ValidationError

from netmap.cpr import birth_date, mask_cpr
from netmap.errors import invalid_input
from netmap.model import Band, NetworkMap, Patient, Person, Tie, band_of

BASE = {"id": "x", "name": "X", "sector": "kin", "distance": 0.5}


@pytest.mark.parametrize(
    ("distance", "band"),
    [
        (0.01, Band.CLOSE),
        (1 / 3, Band.CLOSE),  # DOMAIN.md: close d ≤ 1/3
        (0.3334, Band.MIDDLE),
        (2 / 3, Band.MIDDLE),  # middle 1/3 < d ≤ 2/3
        (0.6667, Band.DISTANT),
        (1.0, Band.DISTANT),
    ],
)
def test_mod001_band_boundaries(distance: float, band: Band) -> None:
    assert band_of(distance) is band
    assert Person(**{**BASE, "distance": distance}).band is band


@pytest.mark.parametrize("distance", [0, -0.1, 1.0000001, 1.5, math.nan, math.inf, "tekst"])
def test_mod002_distance_outside_0_1_is_rejected(distance: object) -> None:
    with pytest.raises(ValidationError) as info:
        Person(**{**BASE, "distance": distance})
    assert info.value.errors()[0]["loc"] == ("distance",)


def test_mod003_names_must_be_non_empty_and_sane() -> None:
    for bad in ["", "   ", "x" * 121, "a\x00b", "a\ud800b", "a\ufffeb"]:
        with pytest.raises(ValidationError):
            Person(**{**BASE, "name": bad})
    assert Person(**{**BASE, "name": "  Anna  "}).name == "Anna"


def test_mod004_unknown_fields_and_bad_assignment_rejected() -> None:
    with pytest.raises(ValidationError):
        Person(**BASE, nickname="x")
    person = Person(**BASE)
    with pytest.raises(ValidationError):
        person.distance = 2.0
    assert person.distance == 0.5


def test_mod005_phone_and_email_are_validated_and_normalised() -> None:
    person = Person(**BASE, phone="20112233", email="Anna@Example.DK")
    assert person.phone == "+45 20 11 22 33"
    assert person.email == "Anna@example.dk"
    for field, bad in [
        ("phone", "123"),
        ("phone", "not a phone"),
        ("email", "anna@"),
        ("email", "no at sign"),
    ]:
        with pytest.raises(ValidationError):
            Person(**{**BASE, field: bad})


def test_mod006_team_roles_from_comma_text_sorted_unique() -> None:
    person = Person(**BASE, team_roles="meeting_lead, stafetholder,stafetholder")
    assert [r.value for r in person.team_roles] == ["stafetholder", "meeting_lead"]
    with pytest.raises(ValidationError):
        Person(**BASE, team_roles="boss")


def test_mod007_angle_normalised_into_0_360() -> None:
    assert Person(**BASE, angle=-90).angle == 270
    assert Person(**BASE, angle=720).angle == 0


def test_mod008_tie_is_undirected_and_needs_two_persons() -> None:
    assert Tie(a="b", b="a").ends == ("a", "b")
    with pytest.raises(ValidationError):
        Tie(a="a", b="a")


def _map(persons: list[Person], ties: list[Tie]) -> NetworkMap:
    return NetworkMap(patient=Patient(id="p0", name="P"), persons=persons, ties=ties)


def test_mod009_map_consistency() -> None:
    a = Person(**{**BASE, "id": "a"})
    b = Person(**{**BASE, "id": "b"})
    assert _map([a, b], [Tie(a="a", b="b")]).tied_to("a") == {"b"}
    cases = [
        ([a, a], [], "netmap.duplicate_id"),
        ([a, Person(**{**BASE, "id": "p0"})], [], "netmap.duplicate_id"),
        ([a], [Tie(a="a", b="ghost")], "netmap.tie_unknown_person"),
        ([a, b], [Tie(a="a", b="b"), Tie(a="b", b="a")], "netmap.duplicate_tie"),
        ([a, b], [Tie(a="a", b="p0")], "netmap.tie_unknown_person"),
    ]
    for persons, ties, kind in cases:
        with pytest.raises(ValidationError) as info:
            _map(persons, ties)
        assert info.value.errors()[0]["type"] == kind


def test_mod010_only_one_primary_contact() -> None:
    a = Person(**{**BASE, "id": "a", "primary_contact": True})
    b = Person(**{**BASE, "id": "b", "primary_contact": True})
    with pytest.raises(ValidationError):
        _map([a, b], [])


@pytest.mark.parametrize(
    ("cpr", "born"),
    [
        ("010203-1234", (1903, 2, 1)),  # 7th digit 1: 1900s
        ("290200-4000", (2000, 2, 29)),  # 7th digit 4, year ≤ 36: 2000s (leap year)
        ("010160-4000", (1960, 1, 1)),  # 7th digit 4, year > 36: 1900s
        ("010158-5000", (1858, 1, 1)),  # 7th digit 5-8, year > 57: 1800s
        ("010110-9000", (2010, 1, 1)),  # 7th digit 9, year ≤ 36: 2000s
    ],
)
def test_mod011_cpr_century_table(cpr: str, born: tuple[int, int, int]) -> None:
    assert birth_date(cpr).timetuple()[:3] == born


@pytest.mark.parametrize(
    "bad", ["310203-1234", "290201-1234", "12345", "01020312345", "abcdef-ghij"]
)
def test_mod012_cpr_must_be_10_digits_and_a_real_date(bad: str) -> None:
    with pytest.raises(ValidationError):
        Patient(name="P", cpr=bad)


def test_mod013_cpr_not_checked_with_modulus_11_and_masked() -> None:
    # 010203-1235 fails modulus 11 and is still accepted (issued since 2007).
    patient = Patient(name="P", cpr="0102031235")
    assert patient.cpr == "010203-1235"
    assert patient.masked_cpr == "010203-xxxx" == mask_cpr(patient.cpr)
    assert "1235" not in repr(patient)


def test_mod014_errors_say_field_value_and_what_is_allowed() -> None:
    with pytest.raises(ValidationError) as info:
        Person(**{**BASE, "distance": 1.5})
    err = invalid_input(info.value, where="Person «x»")
    assert err.message("da") == (
        "Person «x», feltet «afstand (distance)»: værdien 1.5 er ikke tilladt – skal være højst 1.0"
    )
    assert "must be at most 1.0" in err.message("en")
    with pytest.raises(ValidationError) as info:
        Person(**{**BASE, "sector": "venner"})
    assert "venner" in invalid_input(info.value).message("da")
    assert "'family', 'kin'" in invalid_input(info.value).message("da")


def test_mod015_unanswered_and_blank_optional_fields_are_none() -> None:
    person = Person(**BASE, role="  ", organisation=None, phone="", email=None, helps_with="")
    assert (person.role, person.organisation, person.phone, person.email) == (None,) * 4
    assert person.helps_with is None
    with pytest.raises(ValidationError) as info:
        Person(**BASE, role="x" * 201)
    assert info.value.errors()[0]["loc"] == ("role",)


def test_mod016_json_with_nulls_round_trips(small_map: NetworkMap) -> None:
    text = small_map.model_dump_json()
    assert '"phone":null' in text  # the family member has no phone
    assert NetworkMap.model_validate_json(text) == small_map


_IMMUTABLE_LEAVES = (str, int, float, bool, type(None), date)


def _immutable(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _immutable(typing.get_args(annotation)[0])
    if origin is typing.Literal:
        return True
    if origin in (typing.Union, types.UnionType):
        return all(_immutable(arm) for arm in typing.get_args(annotation))
    if origin is tuple:
        return all(_immutable(arm) for arm in typing.get_args(annotation) if arm is not Ellipsis)
    return isinstance(annotation, type) and issubclass(annotation, (*_IMMUTABLE_LEAVES, Enum))


@pytest.mark.parametrize("model", [Patient, Person, Tie])
def test_mod017_patients_persons_and_ties_are_values(model: type, small_map: NetworkMap) -> None:
    # Frozen with only immutable fields, so maps and the store's cache can share
    # them (NetworkMap.detached copies just the lists). A list field added here
    # would be shared between copies.
    mutable = [n for n, f in model.model_fields.items() if not _immutable(f.annotation)]
    assert mutable == []
    instance = {Patient: small_map.patient, Person: small_map.persons[0], Tie: small_map.ties[0]}
    target = instance[model]
    field = next(iter(model.model_fields))
    with pytest.raises(ValidationError, match="frozen"):
        setattr(target, field, getattr(target, field))


def test_mod018_a_detached_map_shares_nothing_that_can_change(small_map: NetworkMap) -> None:
    copy = small_map.detached()
    assert copy == small_map
    copy.persons[0] = copy.persons[0].model_copy(update={"name": "Ændret Andetsteds"})
    copy.patient = Patient(name="Anden Testesen")
    copy.persons.pop()
    copy.ties.clear()
    copy.map_date = date(2020, 1, 1)
    assert small_map == small_map.detached() != copy
    assert small_map.persons[0].name != "Ændret Andetsteds"
    assert small_map.ties and small_map.patient.name != "Anden Testesen"
    assert len(small_map.persons) == 2 and small_map.map_date is None
