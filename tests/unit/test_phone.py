"""Phone numbers: every possible number is kept, normalised; impossible ones refused.

The three Danish numbers that are possible but not in phonenumbers' allocation
tables come from issue 8 and TECH-NOTES (phonenumbers 9.0.43:
``is_valid_number`` False, ``is_possible_number`` True). Each case runs
through every door a number comes in by: the model, netmap's JSON, GraphML and
the edit the app's side panel sends.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from pydantic import ValidationError

from netmap.analysis.overview import contact_overview
from netmap.analysis.report import analyse, render_text
from netmap.editing import UpdatePerson
from netmap.errors import NetmapError, invalid_input
from netmap.interchange import ImportFailed, from_graphml, load_json
from netmap.model import NetworkMap, Patient, Person
from netmap.phone import is_allocated, normalise_phone

# (as typed, normal form, in an allocated range)
KEPT = [
    ("+45 40 00 00 04", "+45 40 00 00 04", False),
    ("+45 97 00 00 01", "+45 97 00 00 01", False),
    ("+45 12 34 56 78", "+45 12 34 56 78", False),
    ("12345678", "+45 12 34 56 78", False),
    ("0045 97000001", "+45 97 00 00 01", False),
    ("20 11 22 33", "+45 20 11 22 33", True),
    ("+45 2011-2233", "+45 20 11 22 33", True),
    ("(+45) 70.12.34.56", "+45 70 12 34 56", True),
    ("+46 70 123 45 67", "+46 70 123 45 67", True),
    ("+44 20 7946 0958", "+44 20 7946 0958", True),
]
KEPT_IDS = [typed for typed, _, _ in KEPT]
# Letters, too short, too long, an unknown country code, a lone plus.
IMPOSSIBLE = [
    "12ab",
    "123",
    "1234",
    "+45 1234",
    "+45 2030 4050 1",
    "1234 5678 ab",
    "+999 1234567",
    "+",
]

BASE = {"id": "mor", "name": "Mor Testesen", "sector": "family", "distance": 0.3}


def _json_map(phone: str) -> str:
    return json.dumps(
        {"patient": {"name": "Testa Testesen"}, "persons": [{**BASE, "phone": phone}]}
    )


def _graphml_map(phone: str) -> bytes:
    return f"""<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k" for="node" attr.name="kind" attr.type="string"/>
  <key id="n" for="node" attr.name="name" attr.type="string"/>
  <key id="s" for="node" attr.name="sector" attr.type="string"/>
  <key id="d" for="node" attr.name="distance" attr.type="double"/>
  <key id="t" for="node" attr.name="phone" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="p0"><data key="k">patient</data><data key="n">Testa Testesen</data></node>
    <node id="mor"><data key="n">Mor Testesen</data><data key="s">family</data>
      <data key="d">0.3</data><data key="t">{phone}</data></node>
  </graph>
</graphml>
""".encode()


def _edited(phone: str) -> NetworkMap:
    base = NetworkMap(patient=Patient(name="Testa Testesen"), persons=[Person(**BASE)])
    return UpdatePerson(id="mor", changes={"phone": phone}).apply(base)


DOORS = {
    "model": lambda phone: Person(**BASE, phone=phone).phone,
    "json": lambda phone: load_json(_json_map(phone)).person("mor").phone,
    "graphml": lambda phone: from_graphml(_graphml_map(phone)).person("mor").phone,
    "edit": lambda phone: _edited(phone).person("mor").phone,
}


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize(("typed", "normal", "allocated"), KEPT, ids=KEPT_IDS)
def test_pho001_possible_numbers_are_kept_in_normal_form(
    door: str, typed: str, normal: str, allocated: bool
) -> None:
    assert DOORS[door](typed) == normal
    assert is_allocated(normal) is allocated


@pytest.mark.parametrize(("typed", "normal", "allocated"), KEPT, ids=KEPT_IDS)
def test_pho002_the_normal_form_is_a_fixed_point(typed: str, normal: str, allocated: bool) -> None:
    assert normalise_phone(normal) == normal
    # A stored map is read back without a change (the store re-validates).
    person = Person(**BASE, phone=typed)
    assert Person.model_validate_json(person.model_dump_json()) == person


@pytest.mark.parametrize("bad", IMPOSSIBLE)
def test_pho003_impossible_numbers_are_refused_with_the_field_named(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        Person(**BASE, phone=bad)
    message = invalid_input(info.value).message("da")
    assert "phone" in message or "telefon" in message.lower()
    assert bad in message
    with pytest.raises(ImportFailed) as json_info:
        load_json(_json_map(bad))
    assert json_info.value.message("en").startswith("Person “mor”, key “phone”: ")
    with pytest.raises(ImportFailed) as graphml_info:
        from_graphml(_graphml_map(bad))
    assert graphml_info.value.message("da").startswith("Node «mor», nøglen «phone»: ")
    with pytest.raises(NetmapError) as edit_info:
        _edited(bad)
    assert "“phone”: " in edit_info.value.message("en")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_pho004_the_example_in_the_message_is_itself_accepted(lang: str) -> None:
    with pytest.raises(ImportFailed) as info:
        load_json(_json_map("12ab"))
    examples = re.findall(r"\+[0-9][0-9 ]+[0-9]", info.value.message(lang))  # type: ignore[arg-type]
    assert examples == ["+45 12 34 56 78"]
    assert Person(**BASE, phone=examples[0]).phone == examples[0]


def _overview_map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(**BASE, phone="+45 97 00 00 01"),
            Person(id="ven", name="Ven Testsen", sector="leisure", distance=0.5, phone="20112233"),
            Person(id="far", name="Far Testesen", sector="family", distance=0.4),
        ],
    )


def test_pho005_the_overview_marks_only_unallocated_numbers() -> None:
    rows = {row.id: row for row in contact_overview(_overview_map())}
    assert (rows["mor"].phone, rows["mor"].phone_unallocated) == ("+45 97 00 00 01", True)
    assert (rows["ven"].phone, rows["ven"].phone_unallocated) == ("+45 20 11 22 33", False)
    assert (rows["far"].phone, rows["far"].phone_unallocated) == (None, False)


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("da", "tjek nummeret: det hører ikke til en kendt nummerserie"),
        ("en", "check the number: it is not in a known number range"),
    ],
)
def test_pho006_analyse_prints_the_soft_note_next_to_the_number(lang: str, note: str) -> None:
    analysis = analyse(_overview_map(), as_of=date(2026, 3, 1))
    lines = render_text(analysis, lang).splitlines()  # type: ignore[arg-type]
    mor = next(line for line in lines if "Mor Testesen" in line and "+45" in line)
    ven = next(line for line in lines if "Ven Testsen" in line and "+45" in line)
    assert f"+45 97 00 00 01 ({note})" in mor
    assert note not in ven
    report = analysis.to_report(lang)  # type: ignore[arg-type]
    flags = {row["id"]: row["phone_unallocated"] for row in report["overview"]}
    assert flags == {"mor": True, "ven": False, "far": False}


def test_pho007_the_apps_overview_cell_carries_the_note() -> None:
    from netmap.app.panels.overview import cell_text

    rows = {row.id: row for row in contact_overview(_overview_map())}
    assert cell_text(rows["mor"], "phone", "da") == (
        "+45 97 00 00 01 (tjek nummeret: det hører ikke til en kendt nummerserie)"
    )
    assert cell_text(rows["ven"], "phone", "da") == "+45 20 11 22 33"
