"""The one way a region sends the browser only what changed (netmap.app.regions).

What the browser has drawn comes back from the client, which can send
anything: every malformed value means "draw everything", and nothing the
client sends makes the server do much work.
"""

from __future__ import annotations

from typing import Any

import dash
import pytest

from netmap.app.editor.layout import patient_parts
from netmap.app.editor.patient import patient_outputs
from netmap.app.regions import MAX_NAME, fingerprint, fingerprints, parse_drawn, update
from netmap.model import NetworkMap, Patient

_FP = "0123456789abcdef"


@pytest.mark.parametrize(
    "junk",
    [
        None,
        "x",
        7,
        [_FP],
        {"a": _FP.upper()},
        {"a": _FP + "0"},
        {"a": None},
        {"x" * (MAX_NAME + 1): _FP},
        {str(i): _FP for i in range(65)},
        {"path": "/map/a", "lang": "da"},  # the old page-drawn
        {"structure": "0" * 40, "leaves": {}, "query": ""},  # the old person-list-drawn
    ],
)
def test_region001_anything_malformed_draws_every_part(junk: Any) -> None:
    assert parse_drawn(junk) is None
    drawn = update({"a": 1, "b": [2]}, junk)
    assert drawn.whole and drawn.send == {"a": 1, "b": [2]}
    assert drawn.drawn == fingerprints({"a": 1, "b": [2]})


def test_region002_a_huge_value_is_refused_before_it_is_read() -> None:
    huge = {f"p{i}": "not hex" for i in range(100_000)}
    assert parse_drawn(huge, limit=2001) is None


def test_region003_only_changed_parts_are_sent_and_gone_parts_forgotten() -> None:
    first = update({"a": 1, "b": 2, "c": 3}, None).drawn
    now = update({"a": 1, "b": 20}, first)
    assert now.send == {"b": 20} and not now.whole
    assert set(now.drawn) == {"a", "b"}
    # A new part is sent, an unknown name in the store is ignored.
    assert update({"a": 1, "d": 4}, {**first, "zz": _FP}).send == {"d": 4}


def test_region004_a_changed_frame_sends_everything() -> None:
    drawn = update({"frame": "m1", "x": []}, None).drawn
    assert update({"frame": "m1", "x": []}, drawn, frame="frame").send == {}
    other = update({"frame": "m2", "x": []}, drawn, frame="frame")
    assert other.whole and other.send == {"frame": "m2", "x": []}


def test_region005_fingerprints_are_16_hex_and_tell_json_apart() -> None:
    values = [None, [], {}, "", 0, "0", [None], {"a": None}]
    prints = [fingerprint(v) for v in values]
    assert all(parse_drawn({"p": p}) for p in prints)
    assert len(set(prints)) == len(values)


def test_region006_a_half_typed_patient_field_survives_a_save_elsewhere() -> None:
    # show_patient after a person was saved: the patient parts are the same,
    # so none of the form's fields is set (what is typed there stays).
    testa = NetworkMap(patient=Patient(name="Testa", cpr="010190-1234"))
    drawn = fingerprints(patient_parts(testa, "da"))
    assert update(patient_parts(testa, "da"), drawn).send == {}
    # The patient's name saved: the heading and the name field, nothing else.
    renamed = testa.model_copy(update={"patient": Patient(name="Testb", cpr="010190-1234")})
    sent = update(patient_parts(renamed, "da"), drawn).send
    assert set(sent) == {"heading", "name"}
    outputs = patient_outputs(sent)
    assert outputs[0] == "Testb" and outputs[2] == "Testb"
    assert outputs[3:] == [dash.no_update] * 5
    # The CPR number removed: the remove box is hidden and unticked.
    removed = testa.model_copy(update={"patient": Patient(name="Testa")})
    cleared = patient_outputs(update(patient_parts(removed, "da"), drawn).send)
    assert cleared[1] == "" and cleared[2:5] == [dash.no_update] * 3
    assert cleared[5:] == ["DDMMÅÅ-XXXX", {"display": "none"}, []]
