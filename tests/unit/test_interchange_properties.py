"""Property tests: valid maps survive both formats; any input fails only cleanly.

The maps are fictional: names are random text, phone numbers and e-mail
addresses come from short lists of obviously fictional ones.
"""

from __future__ import annotations

import io
import json
from importlib import resources
from typing import Any

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netmap.interchange import (
    ImportFailed,
    dump_json,
    from_graphml,
    load_json,
    load_map,
    to_graphml,
)
from netmap.interchange.keys import NODE_KEYS
from netmap.model import (
    Attendance,
    CareSector,
    NetworkMap,
    Patient,
    Person,
    Sector,
    TeamRole,
    Tie,
)
from netmap.store.stored_json import StoredJson

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Whole maps are costly to draw (every person is validated): fewer of them.
MAP_SETTINGS = settings(SETTINGS, max_examples=40)

# Text a person could type: no surrogates, no unassigned code points, and of the
# control characters only tab and line breaks (the model refuses the others).
_CHARS = st.characters(exclude_categories=("Cs", "Cc", "Cn"), include_characters="\t\n\r")
_PHONES = ["+45 20 11 22 33", "+45 98 12 34 56", "+45 99 31 31 31", "+45 30 44 55 66"]
_EMAILS = ["anna@example.dk", "kontakt@kommune.example.dk", "ole.krag@example.org"]
_CPRS = ["010203-1234", "290200-4000", "010160-4000"]


def _text(max_size: int) -> st.SearchStrategy[str]:
    return st.text(_CHARS, min_size=1, max_size=max_size).map(str.strip).filter(bool)


def _optional_text(max_size: int) -> st.SearchStrategy[str | None]:
    return st.none() | _text(max_size)


@st.composite
def persons(draw: st.DrawFn, person_id: str, primary: bool) -> Person:
    fields: dict[str, Any] = dict(
        id=person_id,
        name=draw(_text(40)),
        sector=draw(st.sampled_from(Sector)),
        distance=draw(st.floats(min_value=0, max_value=1, exclude_min=True)),
        angle=draw(st.none() | st.floats(min_value=-720, max_value=720)),
        role=draw(_optional_text(30)),
        organisation=draw(_optional_text(30)),
        care_sector=draw(st.none() | st.sampled_from(CareSector)),
        phone=draw(st.none() | st.sampled_from(_PHONES)),
        email=draw(st.none() | st.sampled_from(_EMAILS)),
        helps_with=draw(_optional_text(80)),
        knows_how_i_am=draw(st.none() | st.booleans()),
        can_help=draw(st.none() | st.booleans()),
        attends_meetings=draw(st.sampled_from(Attendance)),
        team_roles=tuple(draw(st.lists(st.sampled_from(TeamRole), unique=True))),
        primary_contact=primary,
    )
    # Unanswered fields are left out rather than passed as None (the same thing).
    return Person(**{key: value for key, value in fields.items() if value is not None})


@st.composite
def network_maps(draw: st.DrawFn) -> NetworkMap:
    ids = draw(st.lists(_text(12), min_size=1, max_size=12, unique=True))
    patient_id, person_ids = ids[0], ids[1:]
    primary = draw(st.none() | st.sampled_from(person_ids)) if person_ids else None
    people = [draw(persons(pid, pid == primary)) for pid in person_ids]
    ties: list[Tie] = []
    if len(person_ids) >= 2:
        pairs = draw(
            st.lists(
                st.tuples(st.sampled_from(person_ids), st.sampled_from(person_ids)).filter(
                    lambda pair: pair[0] != pair[1]
                ),
                max_size=20,
            )
        )
        seen: set[frozenset[str]] = set()
        for a, b in pairs:
            if frozenset((a, b)) not in seen:
                seen.add(frozenset((a, b)))
                ties.append(Tie(a=a, b=b))
    return NetworkMap(
        patient=Patient(
            id=patient_id, name=draw(_text(40)), cpr=draw(st.none() | st.sampled_from(_CPRS))
        ),
        persons=people,
        ties=ties,
        consent_given_on=draw(st.none() | st.dates()),
        map_date=draw(st.none() | st.dates()),
    )


@MAP_SETTINGS
@given(network_maps())
def test_prop001_json_round_trip(network_map: NetworkMap) -> None:
    assert load_json(dump_json(network_map, include_cpr=True)) == network_map


@MAP_SETTINGS
@given(network_maps())
def test_prop002_graphml_round_trip(network_map: NetworkMap) -> None:
    data = to_graphml(network_map, include_cpr=True)
    assert from_graphml(data) == network_map
    assert load_map(data) == network_map


@MAP_SETTINGS
@given(network_maps())
def test_prop003_networkx_reads_every_written_map(network_map: NetworkMap) -> None:
    graph = nx.read_graphml(io.BytesIO(to_graphml(network_map)))
    assert set(graph.nodes) == {network_map.patient.id} | {p.id for p in network_map.persons}
    assert graph.number_of_edges() == len(network_map.ties)
    for person in network_map.persons:
        attrs = graph.nodes[person.id]
        assert attrs["distance"] == person.distance
        assert attrs.get("primary_contact", False) is person.primary_contact
        assert attrs["name"] == person.name
    assert "cpr" not in graph.graph


@MAP_SETTINGS
@given(network_maps(), st.data())
def test_prop005_stored_json_joined_from_parts_is_the_models_json(
    network_map: NetworkMap, data: st.DataObject
) -> None:
    # The store compares these texts to notice saves that change nothing, and
    # joins them from remembered parts: they must be exactly the model's JSON,
    # also for the next version of a map that shares most of its parts.
    writer = StoredJson()
    assert writer.dump(network_map) == network_map.model_dump_json(exclude_none=True)
    edited = network_map.detached()
    if edited.persons:
        index = data.draw(st.integers(0, len(edited.persons) - 1))
        edited.persons[index] = edited.persons[index].model_copy(update={"name": "Ny Testnavn"})
    edited.ties = edited.ties[: len(edited.ties) // 2]
    edited.map_date = data.draw(st.none() | st.dates())
    assert writer.dump(edited) == edited.model_dump_json(exclude_none=True)
    assert writer.dump(network_map) == network_map.model_dump_json(exclude_none=True)


def _only_import_failed(data: bytes, filename: str | None = None) -> None:
    try:
        result = load_map(data, filename=filename)
    except ImportFailed as exc:
        for lang in ("da", "en"):
            message = exc.message(lang)
            assert message
            assert "\n" not in message
    else:
        assert isinstance(result, NetworkMap)


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from([None, "kort.json", "kort.graphml", "x"]))
def test_prop004_arbitrary_bytes_fail_cleanly(data: bytes, filename: str | None) -> None:
    _only_import_failed(data, filename)


@SETTINGS
@given(st.text(max_size=400))
def test_prop005_arbitrary_text_fails_cleanly(text: str) -> None:
    _only_import_failed(text.encode("utf-8", "surrogatepass"))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(_JSON)
def test_prop006_arbitrary_json_fails_cleanly(value: Any) -> None:
    _only_import_failed(json.dumps(value).encode())


_FIELDS = [*NODE_KEYS, "id", "a", "b", "x"]


@MAP_SETTINGS
@given(network_maps(), st.data())
def test_prop007_a_valid_map_with_one_value_changed_fails_cleanly(
    network_map: NetworkMap, data: st.DataObject
) -> None:
    raw = json.loads(dump_json(network_map, include_cpr=True))
    target = data.draw(st.sampled_from(["top", "patient", "person", "tie"]))
    key = data.draw(st.sampled_from(_FIELDS + list(raw)))
    value = data.draw(_JSON)
    if target == "top":
        raw[key] = value
    elif target == "patient":
        raw["patient"][key] = value
    elif target == "person" and raw["persons"]:
        raw["persons"][data.draw(st.integers(0, len(raw["persons"]) - 1))][key] = value
    elif target == "tie" and raw["ties"]:
        raw["ties"][0][key] = value
    _only_import_failed(json.dumps(raw).encode())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


@st.composite
def graphml_documents(draw: st.DrawFn) -> bytes:
    """Well-formed GraphML whose nodes carry arbitrary values for the real keys."""
    ids = draw(st.lists(st.text(max_size=6), min_size=0, max_size=6))
    keys = "".join(
        f'<key id="{name}" for="node" attr.name="{name}" attr.type="string"/>' for name in NODE_KEYS
    )
    nodes = []
    for node_id in ids:
        values = draw(
            st.dictionaries(
                st.sampled_from(list(NODE_KEYS)),
                st.sampled_from(["patient", "person", "family", "0.5", "1", "true", "yes"])
                | st.text(max_size=12),
                max_size=8,
            )
        )
        inner = "".join(f'<data key="{k}">{_escape(v)}</data>' for k, v in values.items())
        nodes.append(f'<node id="{_escape(node_id)}">{inner}</node>')
    pool = [*ids, "ghost"]
    edges = draw(st.lists(st.tuples(st.sampled_from(pool), st.sampled_from(pool)), max_size=6))
    edge_xml = "".join(f'<edge source="{_escape(a)}" target="{_escape(b)}"/>' for a, b in edges)
    text = f"<graphml>{keys}<graph>{''.join(nodes)}{edge_xml}</graph></graphml>"
    return text.encode("utf-8", "surrogatepass")


@SETTINGS
@given(graphml_documents())
def test_prop008_arbitrary_graphml_values_fail_cleanly(data: bytes) -> None:
    _only_import_failed(data)


_SOFIE = (resources.files("netmap") / "demo" / "sofie.graphml").read_bytes()
_XML_BITS = st.sampled_from(
    [b"<", b">", b"&", b'"', b"'", b"=", b"/", b"<!--", b"]]>", b"&lol;", b"\xff", b"\x00", b"1.5"]
)


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(_SOFIE)),
            st.integers(0, 40),
            st.lists(_XML_BITS | st.binary(max_size=4), max_size=3).map(b"".join),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_prop009_damaged_example_file_fails_cleanly(
    splices: list[tuple[int, int, bytes]],
) -> None:
    data = _SOFIE
    for start, length, insert in splices:
        data = data[:start] + insert + data[start + length :]
    _only_import_failed(data, "sofie.graphml")
