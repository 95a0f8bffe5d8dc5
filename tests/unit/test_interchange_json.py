"""netmap's own JSON: lossless, pretty, UTF-8, with a committed JSON Schema."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import pytest

from netmap.interchange import (
    MAX_IMPORT_BYTES,
    ImportFailed,
    detect_format,
    dump_json,
    from_graphml,
    load_json,
    load_map,
    read_map,
    write_map,
)
from netmap.interchange.schema import schema_text
from netmap.model import MAX_PERSONS, NetworkMap, Patient, Person

REPO = Path(__file__).parents[2]
SCHEMA_FILE = REPO / "schema" / "network-map.schema.json"


@pytest.fixture(scope="module")
def sofie() -> NetworkMap:
    demo = resources.files("netmap") / "demo" / "sofie.graphml"
    m = from_graphml(demo.read_bytes())
    # A fictional CPR number, so that the lossless path carries one.
    return m.model_copy(
        update={"patient": Patient(id="p0", name="Sofie Jensen", cpr="010203-1234")}
    )


def failure(data: str | bytes) -> ImportFailed:
    with pytest.raises(ImportFailed) as info:
        load_json(data)
    return info.value


def test_json001_lossless_with_cpr(sofie: NetworkMap) -> None:
    text = dump_json(sofie, include_cpr=True)
    assert load_json(text) == sofie
    assert load_json(text.encode("utf-8")) == sofie
    assert load_json(dump_json(load_json(text), include_cpr=True)) == sofie


def test_json002_cpr_left_out_by_default(sofie: NetworkMap) -> None:
    text = dump_json(sofie)
    assert "010203" not in text
    assert load_json(text) == sofie.model_copy(
        update={"patient": Patient(id="p0", name="Sofie Jensen")}
    )


def test_json003_pretty_utf8_and_complete(sofie: NetworkMap) -> None:
    text = dump_json(sofie)
    assert "Birgitte Møller" in text  # not \u00f8
    assert text.startswith('{\n  "schema_version": 3,')
    raw = json.loads(text)
    assert set(raw) == {
        "schema_version",
        "patient",
        "persons",
        "ties",
        "consent",
        "map_date",
        "meetings",
    }
    assert raw["consent"]["given_on"] == "2026-03-01"
    assert {"a": "mor", "b": "moster"} in raw["ties"]


def test_json004_nulls_mean_absent() -> None:
    text = json.dumps(
        {
            "patient": {"name": "Testa", "cpr": None},
            "persons": [
                {
                    "id": "a",
                    "name": "A",
                    "sector": "kin",
                    "distance": 0.5,
                    "role": None,
                    "phone": None,
                }
            ],
        }
    )
    person = load_json(text).person("a")
    assert (person.role, person.phone) == (None, None)


@pytest.mark.parametrize(
    ("data", "danish", "english"),
    [
        (
            {
                "patient": {"name": "T"},
                "persons": [{"id": "mor", "name": "M", "sector": "family", "distance": 1.5}],
            },
            "Person «mor», nøglen «distance»: værdien 1.5 er ikke tilladt – skal være højst 1.0",
            "Person “mor”, key “distance”: the value 1.5 is not allowed – must be at most 1.0",
        ),
        (
            {
                "patient": {"name": "T"},
                "persons": [{"name": "M", "sector": "family", "distance": 0.5}],
            },
            "Person «#1», nøglen «id»: skal udfyldes",
            "Person “#1”, key “id”: is required",
        ),
        (
            {"patient": {"name": ""}},
            "Feltet «patient.name»: må ikke være tomt",
            "Field “patient.name”: must not be empty",
        ),
        (
            {"patient": {"name": "T"}, "kaffe": True},
            "Feltet «kaffe»: feltet kendes ikke og er ikke tilladt",
            "Field “kaffe”",
        ),
        (
            {"patient": {"name": "T"}, "map_date": "i går"},
            "Feltet «map_date»: værdien i går er ikke en dato",
            "Field “map_date”",
        ),
        (
            {"patient": {"name": "T"}, "persons": "alle"},
            "Feltet «persons»: skal være en liste",
            "Field “persons”",
        ),
        (
            {
                "patient": {"name": "T"},
                "persons": [{"id": "a", "name": "A", "sector": "kin", "distance": 0.5}],
                "ties": [{"a": "a", "b": "ghost"}],
            },
            "en streg peger på ghost, som ikke er en person på kortet",
            "ghost",
        ),
    ],
    ids=[
        "distance",
        "missing-id",
        "empty-patient-name",
        "unknown-field",
        "bad-date",
        "persons-not-list",
        "tie-ghost",
    ],
)
def test_json005_errors_name_person_and_key(data: object, danish: str, english: str) -> None:
    err = failure(json.dumps(data))
    assert danish in err.message("da")
    assert english in err.message("en")


@pytest.mark.parametrize(
    ("data", "danish"),
    [
        (b"", "Filen er tom"),
        (b"   \n", "Filen er tom"),
        (b'{"patient": ', "ikke gyldig JSON – fejl i linje 1, kolonne 13"),
        (b"[1, 2]", "et objekt med «patient» og «persons»"),
        (b'{"patient": {"name": "\xc3\x28"}}', "ikke gyldig UTF-8-tekst (fejl ved byte 22)"),
        (b"[" * 50_000 + b"]" * 50_000, "alt for dybt indlejret"),
        (b'{"x": ' + b"9" * 10_000 + b"}", "tal med alt for mange cifre"),
        (b'{"patient": {"name": "\\ud800"}}', "usynlige eller ugyldige tegn"),
    ],
    ids=["empty", "blank", "truncated", "list", "bad-utf8", "deep", "huge-int", "surrogate"],
)
def test_json006_broken_files(data: bytes, danish: str) -> None:
    assert danish in failure(data).message("da")


def test_json007_too_many_persons_rejected_by_count() -> None:
    persons = [{"id": str(i)} for i in range(MAX_PERSONS + 1)]
    err = failure(json.dumps({"patient": {"name": "T"}, "persons": persons}))
    assert (
        err.message("da")
        == f"Filen har {MAX_PERSONS + 1} personer – et kort kan højst have {MAX_PERSONS}."
    )


def test_json008_format_detected_from_content() -> None:
    assert detect_format(b"\xef\xbb\xbf\n {}") == "json"
    assert detect_format(b"\n<graphml/>", "kort.json") == "graphml"
    assert load_map(b'{"patient": {"name": "T"}}', filename="kort.graphml").patient.name == "T"
    for data, filename, message in [
        (b"hej", None, "hverken JSON eller GraphML"),
        (b"hej", "kort.json", "hedder .json"),
        (b"hej", "kort.graphml", "hedder .graphml"),
        (b"\xff\xfa\xfb", None, "ikke gyldig UTF-8"),
    ]:
        with pytest.raises(ImportFailed) as info:
            load_map(data, filename=filename)
        assert message in info.value.message("da")


def test_json009_size_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "stor.json"
    with big.open("wb") as handle:  # sparse: nothing is written but the size
        handle.truncate(MAX_IMPORT_BYTES + 1)
    with pytest.raises(ImportFailed) as info:
        read_map(big)
    assert info.value.message("en") == "The file is 10.0 MB – netmap imports at most 10.0 MB."
    with pytest.raises(ImportFailed) as info:
        load_map(b" " * (MAX_IMPORT_BYTES + 1))
    assert "netmap importerer højst" in info.value.message("da")


def test_json010_unreadable_paths(tmp_path: Path) -> None:
    cases = [
        (tmp_path / "findes-ikke.json", "findes ikke"),
        (tmp_path, "er ikke en almindelig fil"),
    ]
    if os.geteuid() != 0:  # root reads everything
        locked = tmp_path / "låst.json"
        locked.write_text("{}")
        locked.chmod(0)
        cases.append((locked, "ikke adgang"))
    for path, message in cases:
        with pytest.raises(ImportFailed) as info:
            read_map(path)
        assert message in info.value.message("da")


def test_json011_write_and_read_file(tmp_path: Path, sofie: NetworkMap) -> None:
    target = tmp_path / "kort.json"
    write_map(sofie, target, "json", include_cpr=True)
    assert read_map(target) == sofie
    write_map(sofie, target, "json")
    assert "010203" not in target.read_text(encoding="utf-8")


def test_json012_committed_schema_is_up_to_date() -> None:
    # Regenerate with: python -m netmap.interchange.schema
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()


def test_json013_schema_accepts_a_dump_and_rejects_extra_fields(sofie: NetworkMap) -> None:
    import jsonschema

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(dump_json(sofie, include_cpr=True)), schema)
    bad = json.loads(dump_json(sofie))
    bad["persons"][0]["nickname"] = "x"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_json014_patient_id_is_kept() -> None:
    m = NetworkMap(
        patient=Patient(id="ego", name="T"),
        persons=[Person(id="a", name="A", sector="kin", distance=0.5, angle=-90)],
    )
    back = load_json(dump_json(m))
    assert back.patient.id == "ego"
    assert back.person("a").angle == 270
