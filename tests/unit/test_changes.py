"""What changed between two versions of a map: structure and plain words.

Every expected sentence below is written by hand from the catalogue wording
and DOMAIN.md's bands (close d ≤ 1/3, middle d ≤ 2/3, distant beyond).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from revise import revise_patient, revise_person

from netmap.changes import (
    AnswerChanged,
    ChangeSummary,
    DateChange,
    DetailsChanged,
    PersonRef,
    Renamed,
    TieRef,
    describe_changes,
)
from netmap.i18n import Lang
from netmap.model import Consent, NetworkMap, Patient, Person, Tie


def _base() -> NetworkMap:
    return NetworkMap(
        patient=Patient(id="p0", name="Testa Testesen", cpr="010203-1234"),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2),
            Person(
                id="sr",
                name="Rådgiver Test",
                sector="professional",
                distance=0.4,
                care_sector="region",
                phone="+45 20 11 22 33",
            ),
        ],
        ties=[Tie(a="sr", b="mor")],
    )


def _person(pid: str, name: str, sector: str = "leisure", distance: float = 0.9) -> Person:
    return Person(id=pid, name=name, sector=sector, distance=distance)


def _edit(change: Callable[[NetworkMap], None]) -> NetworkMap:
    new = _base()
    change(new)
    return new


def _mor(m: NetworkMap) -> Person:
    return m.person("mor")


def _add_anna_erik(m: NetworkMap) -> None:
    m.persons += [_person("anna", "Anna"), _person("erik", "Erik")]


def _remove_mor(m: NetworkMap) -> None:
    m.ties = []
    m.persons = [p for p in m.persons if p.id != "mor"]


def _rename_mor(m: NetworkMap) -> None:
    revise_person(m, "mor", name="Mormor Testesen")


def _mor_middle(m: NetworkMap) -> None:
    revise_person(m, "mor", distance=0.5)


def _mor_to_kin(m: NetworkMap) -> None:
    revise_person(m, "mor", sector="kin")


def _mor_to_kin_far(m: NetworkMap) -> None:
    revise_person(m, "mor", sector="kin")
    revise_person(m, "mor", distance=0.9)


def _mor_nudged(m: NetworkMap) -> None:
    revise_person(m, "mor", distance=0.25)


def _mor_turned(m: NetworkMap) -> None:
    revise_person(m, "mor", angle=30.0)


def _mor_just_past_a_third(m: NetworkMap) -> None:
    revise_person(m, "mor", distance=0.34)


def _answers(m: NetworkMap) -> None:
    revise_person(m, "mor", can_help=True)
    revise_person(m, "sr", attends_meetings="yes")


def _phone(m: NetworkMap) -> None:
    revise_person(m, "sr", phone="+45 20 11 22 34")


def _roles(m: NetworkMap) -> None:
    revise_person(m, "sr", team_roles=("stafetholder",))
    revise_person(m, "sr", primary_contact=True)


def _anna_tied_to_mor(m: NetworkMap) -> None:
    m.persons.append(_person("anna", "Anna"))
    m.ties.append(Tie(a="mor", b="anna"))


def _consent(m: NetworkMap) -> None:
    m.consent = Consent(given_on=date(2026, 3, 1))


def _map_date(m: NetworkMap) -> None:
    m.map_date = date(2026, 2, 14)


def _patient(m: NetworkMap) -> None:
    revise_patient(m, name="Testa Nyesen")
    revise_patient(m, cpr="020304-4321")


def _five_added(m: NetworkMap) -> None:
    m.persons += [_person(f"x{i}", name) for i, name in enumerate("ABCDE")]


def _brief_example(m: NetworkMap) -> None:
    _add_anna_erik(m)
    _mor_middle(m)
    m.ties = []


CASES = [
    pytest.param(
        _add_anna_erik,
        "2 personer tilføjet (Anna, Erik)",
        "2 persons added (Anna, Erik)",
        id="chg001-added",
    ),
    pytest.param(
        _remove_mor,
        "1 person fjernet (Mor Testesen), 1 streg fjernet (Mor Testesen – Rådgiver Test)",
        "1 person removed (Mor Testesen), 1 line removed (Mor Testesen – Rådgiver Test)",
        id="chg002-removed-with-its-tie",
    ),
    pytest.param(
        _rename_mor,
        "1 har fået nyt navn (Mor Testesen → Mormor Testesen)",
        "1 renamed (Mor Testesen → Mormor Testesen)",
        id="chg003-renamed-same-id",
    ),
    pytest.param(
        _mor_middle,
        "1 flyttet (Mor Testesen: tæt på → midt imellem)",
        "1 moved (Mor Testesen: close → in between)",
        id="chg004-moved-band",
    ),
    pytest.param(
        _mor_to_kin,
        "1 flyttet (Mor Testesen: Familie → Slægt)",
        "1 moved (Mor Testesen: Family → Relatives)",
        id="chg005-moved-sector",
    ),
    pytest.param(
        _mor_to_kin_far,
        "1 flyttet (Mor Testesen: Familie, tæt på → Slægt, længere væk)",
        "1 moved (Mor Testesen: Family, close → Relatives, further away)",
        id="chg006-moved-sector-and-band",
    ),
    pytest.param(
        _mor_nudged,
        "1 flyttet (Mor Testesen)",
        "1 moved (Mor Testesen)",
        id="chg007-moved-within-band",
    ),
    pytest.param(
        _mor_turned,
        "1 flyttet (Mor Testesen)",
        "1 moved (Mor Testesen)",
        id="chg008-angle-only",
    ),
    pytest.param(
        _mor_just_past_a_third,
        "1 flyttet (Mor Testesen: tæt på → midt imellem)",
        "1 moved (Mor Testesen: close → in between)",
        id="chg009-band-boundary",
    ),
    pytest.param(
        _answers,
        "Nye svar om Mor Testesen, Rådgiver Test",
        "New answers about Mor Testesen, Rådgiver Test",
        id="chg010-answers",
    ),
    pytest.param(
        _phone,
        "Oplysninger ændret om Rådgiver Test",
        "Details changed for Rådgiver Test",
        id="chg011-details",
    ),
    pytest.param(
        _anna_tied_to_mor,
        "1 person tilføjet (Anna), 1 streg tilføjet (Anna – Mor Testesen)",
        "1 person added (Anna), 1 line added (Anna – Mor Testesen)",
        id="chg012-tie-added",
    ),
    pytest.param(
        _consent,
        "Samtykke givet 01.03.2026",
        "Consent given Mar 1, 2026",
        id="chg013-consent",
    ),
    pytest.param(
        _map_date,
        "Kortets dato sat til 14.02.2026",
        "Map date set to Feb 14, 2026",
        id="chg014-map-date",
    ),
    pytest.param(
        _patient,
        "Patientens navn ændret, CPR-nummer ændret",
        "Patient's name changed, CPR number changed",
        id="chg015-patient",
    ),
    pytest.param(
        _five_added,
        "5 personer tilføjet (A, B, C og 2 flere)",
        "5 persons added (A, B, C and 2 more)",
        id="chg016-long-list-cut",
    ),
    pytest.param(
        _brief_example,
        "2 personer tilføjet (Anna, Erik), 1 flyttet (Mor Testesen: tæt på → midt imellem),"
        " 1 streg fjernet (Mor Testesen – Rådgiver Test)",
        "2 persons added (Anna, Erik), 1 moved (Mor Testesen: close → in between),"
        " 1 line removed (Mor Testesen – Rådgiver Test)",
        id="chg017-several-at-once",
    ),
]


@pytest.mark.parametrize(("change", "danish", "english"), CASES)
def test_chg_describe(change: Callable[[NetworkMap], None], danish: str, english: str) -> None:
    summary = describe_changes(_base(), _edit(change))
    assert summary.describe("da") == danish
    assert summary.describe("en") == english
    assert not summary.is_empty


def test_chg020_created_counts_persons_and_ties() -> None:
    summary = describe_changes(None, _base())
    assert summary.created
    assert (summary.person_count, summary.tie_count) == (2, 1)
    assert summary.describe("da") == "Kort oprettet med 2 personer og 1 streg"
    assert summary.describe("en") == "Map created with 2 persons and 1 line"
    empty = NetworkMap(patient=Patient(name="Testa"))
    assert (
        describe_changes(None, empty).describe("da") == "Kort oprettet med 0 personer og 0 streger"
    )


def test_chg021_no_change_is_empty() -> None:
    summary = describe_changes(_base(), _base())
    assert summary.is_empty
    assert summary.describe("da") == "Ingen ændringer"
    assert summary.describe("en") == "No changes"


def test_chg022_tie_drawn_the_other_way_is_the_same_tie() -> None:
    new = _base()
    new.ties = [Tie(a="mor", b="sr")]
    assert describe_changes(_base(), new).is_empty


def test_chg023_structured_fields() -> None:
    summary = describe_changes(_base(), _edit(_answers))
    assert summary.answers == [
        AnswerChanged(id="mor", name="Mor Testesen", question="can_help", old="unknown", new="yes"),
        AnswerChanged(
            id="sr", name="Rådgiver Test", question="attends_meetings", old="undecided", new="yes"
        ),
    ]
    assert describe_changes(_base(), _edit(_roles)).details == [
        DetailsChanged(id="sr", name="Rådgiver Test", fields=("team_roles", "primary_contact"))
    ]
    assert describe_changes(_base(), _edit(_rename_mor)).renamed == [
        Renamed(id="mor", old_name="Mor Testesen", new_name="Mormor Testesen")
    ]
    removed = describe_changes(_base(), _edit(_remove_mor))
    assert removed.removed == [PersonRef(id="mor", name="Mor Testesen")]
    assert removed.ties_removed == [
        TieRef(a="mor", b="sr", a_name="Mor Testesen", b_name="Rådgiver Test")
    ]
    moved = describe_changes(_base(), _edit(_mor_middle)).moved[0]
    assert (moved.old_band.value, moved.new_band.value) == ("close", "middle")
    assert (moved.old_distance, moved.new_distance) == (0.2, 0.5)


def test_chg024_consent_cleared_and_dates_kept() -> None:
    old = _base()
    old.consent = Consent(given_on=date(2025, 1, 5))
    summary = describe_changes(old, _base())
    assert summary.consent == DateChange(old=date(2025, 1, 5), new=None)
    assert summary.describe("da") == "Samtykke fjernet"
    assert summary.describe("en") == "Consent removed"


def test_chg025_cpr_never_in_the_words() -> None:
    summary = describe_changes(_base(), _edit(_patient))
    for lang in ("da", "en"):
        text = summary.describe(lang)
        assert "1234" not in text and "4321" not in text and "020304" not in text
    assert "020304" not in summary.model_dump_json()


def test_chg026_summary_round_trips_as_json() -> None:
    summary = describe_changes(_base(), _edit(_brief_example))
    assert ChangeSummary.model_validate_json(summary.model_dump_json()) == summary


def test_chg027_answer_to_unknown_again() -> None:
    old = _edit(_answers)
    summary = describe_changes(old, _base())
    assert [(a.id, a.old, a.new) for a in summary.answers] == [
        ("mor", "yes", "unknown"),
        ("sr", "yes", "undecided"),
    ]


@pytest.mark.parametrize(
    ("items", "lang", "expected"),
    [
        (["C", "Å", "A", "B"], "da", "A, B, C og 1 mere"),
        (["C", "Å", "A", "B"], "en", "A, Å, B and 1 more"),
        (["Ø", "C", "Æ", "A", "B"], "da", "A, B, C og 2 flere"),
        (["Ø", "C", "Æ", "A", "B"], "en", "A, Æ, B and 2 more"),
        (["Zenia", "Aase"], "da", "Zenia, Aase"),
        (["Zenia", "Aase"], "en", "Aase, Zenia"),
    ],
)
def test_chg030_names_in_the_reader_s_order_and_plural(
    items: list[str], lang: Lang, expected: str
) -> None:
    from netmap.changes import _names

    assert _names(items, lang) == expected
