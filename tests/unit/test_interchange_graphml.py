"""GraphML import/export with the keys of DOMAIN.md ("Interchange: GraphML").

Expected values are read off ``shared/examples/sofie.graphml`` and DOMAIN.md,
and checked against networkx's own GraphML reader and writer.
"""

from __future__ import annotations

import io
import stat
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest

from netmap.graph import to_graph
from netmap.interchange import (
    MAX_NODES,
    ExportFailed,
    ImportFailed,
    from_graphml,
    read_map,
    to_graphml,
    write_map,
)
from netmap.interchange.keys import GRAPH_KEYS, NODE_KEYS
from netmap.model import Attendance, CareSector, NetworkMap, Patient, Person, Sector, TeamRole, Tie

SOFIE = resources.files("netmap") / "demo" / "sofie.graphml"

HEAD = b"""<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k" for="node" attr.name="kind" attr.type="string"/>
  <key id="n" for="node" attr.name="name" attr.type="string"/>
  <key id="s" for="node" attr.name="sector" attr.type="string"/>
  <key id="d" for="node" attr.name="distance" attr.type="double"/>
  <key id="kh" for="node" attr.name="knows_how_i_am" attr.type="boolean"/>
  <key id="ch" for="node" attr.name="can_help" attr.type="boolean"/>
  <key id="pc" for="node" attr.name="primary_contact" attr.type="boolean"/>
  <key id="md" for="graph" attr.name="map_date" attr.type="string"/>
  <key id="cpr" for="graph" attr.name="cpr" attr.type="string"/>
  <graph edgedefault="undirected">
"""
TAIL = b"  </graph>\n</graphml>\n"
PATIENT = b'<node id="p0"><data key="k">patient</data><data key="n">Testa Testesen</data></node>\n'


def person_xml(node_id: str = "mor", **data: str) -> str:
    values = {"n": "Mor Testesen", "s": "family", "d": "0.2", **data}
    inner = "".join(f'<data key="{k}">{v}</data>' for k, v in values.items())
    return f'<node id="{node_id}">{inner}</node>\n'


def graphml(*parts: str, patient: bytes = PATIENT, graph_data: str = "") -> bytes:
    body = "".join(parts).encode()
    return HEAD + graph_data.encode() + patient + body + TAIL


def failure(data: bytes) -> ImportFailed:
    with pytest.raises(ImportFailed) as info:
        from_graphml(data)
    return info.value


@pytest.fixture(scope="module")
def sofie() -> NetworkMap:
    return from_graphml(SOFIE.read_bytes())


def test_gml001_reads_sofie_with_every_key(sofie: NetworkMap) -> None:
    # Values copied from shared/examples/sofie.graphml.
    assert sofie.patient == Patient(id="p0", name="Sofie Jensen")
    assert str(sofie.consent_given_on) == "2026-03-01"
    assert str(sofie.map_date) == "2026-11-10"
    assert len(sofie.persons) == 14
    assert len(sofie.ties) == 10
    sr = sofie.person("sr")
    assert (sr.name, sr.sector, sr.distance) == ("Birgitte Møller", Sector.PROFESSIONAL, 0.35)
    assert sr.care_sector is CareSector.REGION
    assert sr.team_roles == (TeamRole.STAFETHOLDER, TeamRole.MEETING_LEAD)
    assert sr.primary_contact is True
    assert sr.email == "bm@rn.example.dk"
    mor = sofie.person("mor")
    assert (mor.knows_how_i_am, mor.can_help, mor.attends_meetings) == (True, True, Attendance.YES)
    assert mor.helps_with == "Praktisk hjælp, kører til møder"
    farfar = sofie.person("farfar")
    assert (farfar.knows_how_i_am, farfar.can_help, farfar.phone) == (None, None, None)
    assert sofie.tied_to("mor") == {"bror", "moster", "farfar", "bostotte"}


def test_gml002_networkx_reads_what_netmap_writes(sofie: NetworkMap) -> None:
    # The same persons, attributes and ties as networkx reads from the original file.
    written = nx.read_graphml(io.BytesIO(to_graphml(sofie)))
    original = nx.read_graphml(io.BytesIO(SOFIE.read_bytes()))
    assert dict(written.nodes(data=True)) == dict(original.nodes(data=True))
    assert {frozenset(e) for e in written.edges} == {frozenset(e) for e in original.edges}
    assert written.graph == original.graph
    assert isinstance(written.nodes["mor"]["distance"], float)
    assert written.nodes["mor"]["knows_how_i_am"] is True
    assert written.nodes["bror"]["can_help"] is False
    assert written.graph["patient_name"] == "Sofie Jensen"
    assert written.graph["map_date"] == "2026-11-10"


def test_gml003_written_keys_have_the_domain_types(sofie: NetworkMap) -> None:
    text = to_graphml(sofie).decode()
    for name, kind in NODE_KEYS.items():
        assert f'for="node" attr.name="{name}" attr.type="{kind}"' in text
    for name in GRAPH_KEYS:
        assert f'for="graph" attr.name="{name}" attr.type="string"' in text
    assert 'attr.name="distance" attr.type="double"' in text
    assert 'attr.name="angle" attr.type="double"' in text
    assert 'attr.name="primary_contact" attr.type="boolean"' in text


def test_gml004_key_table_matches_the_model() -> None:
    assert set(NODE_KEYS) - {"kind"} == set(Person.model_fields) - {"id"}
    assert set(GRAPH_KEYS) == {
        "patient_name",
        "cpr",
        "consent_given_on",
        "map_date",
        "consent_recorded_by",
        "consent_withdrawn_on",
    }


def test_gml005_round_trip_is_equal(sofie: NetworkMap) -> None:
    assert from_graphml(to_graphml(sofie)) == sofie


def test_gml006_netmap_reads_what_networkx_writes(sofie: NetworkMap) -> None:
    buffer = io.BytesIO()
    nx.write_graphml(to_graph(sofie), buffer)
    assert from_graphml(buffer.getvalue()) == sofie


def test_gml007_cpr_only_when_asked() -> None:
    m = NetworkMap(patient=Patient(id="p0", name="Testa", cpr="010203-1234"))
    assert b"010203" not in to_graphml(m)
    assert from_graphml(to_graphml(m)).patient.cpr is None
    assert from_graphml(to_graphml(m, include_cpr=True)).patient.cpr == "010203-1234"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("1", True),
        ("yes", True),
        ("Ja", True),
        ("false", False),
        ("False", False),
        ("0", False),
        ("no", False),
        ("nej", False),
    ],
)
def test_gml008_booleans_in_any_spelling(text: str, value: bool) -> None:
    m = from_graphml(graphml(person_xml(kh=text, ch=text, pc=text)))
    person = m.person("mor")
    assert (person.knows_how_i_am, person.can_help, person.primary_contact) == (value,) * 3


def test_gml009_foreign_file_unknown_keys_defaults_and_edge_details() -> None:
    # Gephi-style: float type, extra keys, a <default>, edge ids and weights,
    # codes in capitals, no namespace, a directed graph.
    data = b"""<graphml>
      <key id="v0" for="node" attr.name="kind" attr.type="string"><default>person</default></key>
      <key id="v1" for="node" attr.name="name" attr.type="string"/>
      <key id="v2" for="node" attr.name="sector" attr.type="string"/>
      <key id="v3" for="node" attr.name="distance" attr.type="float"/>
      <key id="v4" for="node" attr.name="color" attr.type="string"/>
      <key id="w" for="edge" attr.name="weight" attr.type="double"/>
      <graph edgedefault="directed">
        <node id="ego"><data key="v0">PATIENT</data><data key="v1">Testa</data></node>
        <node id="a"><data key="v1">A</data><data key="v2">Leisure</data>
          <data key="v3">1</data><data key="v4">#ff0000</data></node>
        <node id="b"><data key="v1">B</data><data key="v2">kin</data>
          <data key="v3">0.5</data></node>
        <edge id="e0" source="a" target="b"><data key="w">2.5</data></edge>
        <edge id="e1" source="b" target="a"/>
        <edge id="e2" source="a" target="b"/>
        <edge id="e3" source="ego" target="a"/>
      </graph>
    </graphml>"""
    m = from_graphml(data)
    assert m.patient.id == "ego"
    assert [(p.id, p.sector, p.distance) for p in m.persons] == [
        ("a", Sector.LEISURE, 1.0),
        ("b", Sector.KIN, 0.5),
    ]
    assert m.ties == [Tie(a="a", b="b")]


def test_gml010_patient_name_may_come_from_the_graph() -> None:
    patient = b'<node id="p0"><data key="k">patient</data></node>'
    head = HEAD.replace(
        b'<key id="md"', b'<key id="pn" for="graph" attr.name="patient_name"/>\n  <key id="md"'
    )
    data = head + b'<data key="pn">Testa fra grafen</data>' + patient + TAIL
    assert from_graphml(data).patient.name == "Testa fra grafen"


def test_gml011_text_needing_escapes_survives() -> None:
    m = NetworkMap(
        patient=Patient(id="ego & co", name='Testa "T" <Testesen>'),
        persons=[
            Person(
                id='a"1\t',
                name="Linje 1\r\nLinje 2 & <3>",
                sector="kin",
                distance=1 / 3,
                angle=359.99999999999994,
                helps_with="]]> og ' og \"",
            ),
            Person(id="b<", name="B", sector="kin", distance=5e-324),
        ],
        ties=[Tie(a="b<", b='a"1')],
    )
    assert from_graphml(to_graphml(m)) == m
    assert nx.read_graphml(io.BytesIO(to_graphml(m))).nodes['a"1']["distance"] == 1 / 3


def _messages(err: ImportFailed) -> tuple[str, str]:
    return err.message("da"), err.message("en")


@pytest.mark.parametrize(
    ("data", "danish", "english"),
    [
        (
            graphml(person_xml(d="1.5")),
            "Node «mor», nøglen «distance»: værdien 1.5 er ikke tilladt – skal være højst 1.0",
            "Node “mor”, key “distance”: the value 1.5 is not allowed – must be at most 1.0",
        ),
        (
            graphml(person_xml(d="0")),
            "Node «mor», nøglen «distance»: værdien 0 er ikke tilladt – skal være større end 0",
            "Node “mor”, key “distance”",
        ),
        (graphml(person_xml(d="NaN")), "Node «mor», nøglen «distance»: værdien", "not a number"),
        (graphml(person_xml(d="tæt på")), "Node «mor», nøglen «distance»: værdien tæt på", "tæt"),
        (graphml(person_xml(s="venner")), "Node «mor», nøglen «sector»: værdien venner", "family"),
        (graphml(person_xml(n="")), "Node «mor», nøglen «name»: må ikke være tomt", "empty"),
        (
            graphml('<node id="mor"><data key="s">kin</data><data key="d">0.5</data></node>'),
            "Node «mor», nøglen «name»: skal udfyldes",
            "Node “mor”, key “name”: is required",
        ),
        (
            graphml(person_xml(n="x" * 10_000)),
            "Node «mor», nøglen «name»: er for langt – højst 120",
            "key “name”: is too long – at most 120",
        ),
        (graphml(person_xml(kh="måske")), "Node «mor», nøglen «knows_how_i_am»", "måske"),
        (
            graphml(person_xml(), person_xml()),
            "Node «mor» står mere end én gang i filen",
            "Node “mor” appears more than once",
        ),
        (
            graphml(person_xml(), '<edge source="mor" target="mor"/>'),
            "Node «mor»: en kant (edge) fra noden til sig selv er ikke tilladt",
            "Node “mor”: an edge from the node to itself",
        ),
        (
            graphml(person_xml(), '<edge source="mor" target="spøgelse"/>'),
            "Kanten (edge) mor–spøgelse: node «spøgelse» findes ikke i filen.",
            "node “spøgelse” is not in the file",
        ),
        (
            graphml(person_xml(k="chef")),
            "Node «mor», nøglen «kind»: værdien chef er ikke tilladt",
            "use “patient” or “person”",
        ),
        (
            graphml(person_xml(), patient=b""),
            "Ingen node har nøglen «kind» sat til «patient»",
            "No",
        ),
        (
            graphml(person_xml(k="patient")),
            "2 noder har nøglen «kind» sat til «patient» (p0, mor)",
            "exactly one patient",
        ),
        (
            graphml(graph_data='<data key="md">10-11-2026</data>'),
            "Grafens nøgle «map_date»: værdien 10-11-2026 er ikke en dato (brug ÅÅÅÅ-MM-DD)",
            "Graph key “map_date”",
        ),
        (
            graphml(graph_data='<data key="cpr">310299-1234</data>'),
            "Grafens nøgle «cpr»: 310299-xxxx er ikke et CPR-nummer",
            "Graph key “cpr”",
        ),
        (
            graphml(person_xml(pc="true"), person_xml("far", pc="1")),
            "der kan kun være én primær kontaktperson – fundet: mor, far",
            "mor, far",
        ),
    ],
    ids=[
        "distance-1.5",
        "distance-0",
        "distance-nan",
        "distance-text",
        "unknown-sector",
        "empty-name",
        "missing-name",
        "long-name",
        "bad-boolean",
        "duplicate-node",
        "self-loop",
        "edge-to-missing",
        "bad-kind",
        "no-patient",
        "two-patients",
        "bad-date",
        "bad-cpr",
        "two-primary",
    ],
)
def test_gml012_errors_name_node_and_key(data: bytes, danish: str, english: str) -> None:
    da, en = _messages(failure(data))
    assert danish in da
    assert english in en
    assert "\n" not in da and "\n" not in en


def test_gml013_every_bad_node_is_reported() -> None:
    err = failure(graphml(person_xml("a", d="2"), person_xml("b", s="x")))
    assert err.message("da").endswith("(og 1 fejl mere)")
    lines = err.lines("en")
    assert lines[0].startswith("Node “a”, key “distance”")
    assert lines[1].startswith("Node “b”, key “sector”")


def test_gml014_too_many_nodes_rejected_before_any_node_is_checked() -> None:
    # Every node is invalid: the count must be reported, not the first bad node.
    nodes = "".join(f'<node id="n{i}"/>' for i in range(MAX_NODES + 1))
    da, en = _messages(failure(graphml(nodes)))
    assert f"Filen har {MAX_NODES + 2} noder" in da
    assert f"at most {MAX_NODES - 1} persons" in en


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><graphml>&b;</graphml>',
            "XML-entiteten «a»",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<graphml>&x;</graphml>",
            "ekstern ressource (file:///etc/passwd)",
        ),
        (b"<graphml><graph>", "ikke gyldig XML – fejl i linje 1"),
        (b"<html><body/></html>", "det yderste element hedder «html»"),
        (b"<graphml/>", "ingen graf"),
        (b"<graphml><graph/><graph/></graphml>", "2 grafer"),
        (b'<graphml><graph><node id="p0"><data>\xff</data></node></graph></graphml>', "UTF-8"),
    ],
)
def test_gml015_hostile_or_broken_xml(data: bytes, expected: str) -> None:
    assert expected in failure(data).message("da")


def test_gml016_write_map_is_atomic_and_private(tmp_path: Path, sofie: NetworkMap) -> None:
    target = tmp_path / "kort.graphml"
    target.write_text("gammelt indhold")
    write_map(sofie, target, "graphml")
    assert read_map(target) == sofie
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["kort.graphml"]
    with pytest.raises(ExportFailed) as info:
        write_map(sofie, tmp_path / "findes-ikke" / "kort.graphml", "graphml")
    assert "findes-ikke" in info.value.message("da")
    assert [p.name for p in tmp_path.iterdir()] == ["kort.graphml"]


def test_gml017_shipped_demo_equals_shared_example() -> None:
    shared = Path(__file__).parents[3] / "shared" / "examples" / "sofie.graphml"
    if not shared.exists():
        pytest.skip("shared/examples is not next to this checkout")
    assert from_graphml(shared.read_bytes()) == from_graphml(SOFIE.read_bytes())


def test_gml018_absurd_nesting_and_element_floods_stop_early(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deep = b"<graphml>" + b"<a>" * 100 + b"</a>" * 100 + b"</graphml>"
    assert "mere end 64 niveauer" in failure(deep).message("da")
    monkeypatch.setattr("netmap.interchange.graphml_read.MAX_XML_ELEMENTS", 300)
    assert from_graphml(SOFIE.read_bytes()).patient.name == "Sofie Jensen"  # 173 elements
    monkeypatch.setattr("netmap.interchange.graphml_read.MAX_XML_ELEMENTS", 100)
    flood = b"<graphml><graph>" + b"<x/>" * 101 + b"</graph></graphml>"
    assert failure(flood).message("en") == (
        "The file has more than 100 XML elements – far more than a network map can have."
    )


def test_gml019_node_ids_are_trimmed_like_the_model_does() -> None:
    m = from_graphml(
        graphml(person_xml(" mor "), person_xml("far"), '<edge source=" mor " target="far"/>')
    )
    assert [p.id for p in m.persons] == ["mor", "far"]
    assert m.ties == [Tie(a="far", b="mor")]
    err = failure(graphml(person_xml(" mor"), person_xml("mor ")))
    assert err.message("da").startswith("Node «mor» står mere end én gang i filen")


def test_gml020_a_flood_of_nodes_stops_at_ten_times_the_limit() -> None:
    flood = b"<graphml><graph>" + b'<node id="x"/>' * (10 * MAX_NODES + 1) + b"</graph></graphml>"
    assert failure(flood).message("da") == (
        f"Filen har mere end {10 * MAX_NODES} noder – "
        f"et kort kan højst have {MAX_NODES - 1} personer plus patienten."
    )
