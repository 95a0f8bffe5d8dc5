"""Read a network map from GraphML (networkx, igraph, Gephi, Network Canvas).

The keys are those of DOMAIN.md ("Interchange: GraphML"). The reader is
lenient where a foreign tool may differ and strict where the data would be
wrong:

* XML is parsed with :mod:`defusedxml`: a file that declares entities
  (billion laughs) or refers to external ones is refused.
* Keys are matched by ``attr.name`` (falling back to the key id); a key's
  ``attr.type`` and ``<default>`` are honoured, but values are always checked
  by the model, so ``"0.5"`` declared as a string is a fine distance.
* Booleans may be written ``true``/``false``, ``1``/``0``, ``yes``/``no`` or
  the Danish ``ja``/``nej``, in any case. Codes (``kind``, ``sector``,
  ``care_sector``, ``attends_meetings``, ``team_roles``) are read in any case.
* Unknown keys are ignored; an empty value counts as no value (except
  ``name``, which must not be empty).
* Node ids are kept as person ids. Edges touching the patient are implicit and
  ignored, as are edge ids, edge attributes and repeated edges (``a–b`` twice or
  ``a–b`` and ``b–a``). A self-loop or an edge to a missing node is an error.
"""

from __future__ import annotations

import io
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET
from pydantic import ValidationError

from netmap.interchange.errors import ImportFailed, Place, shorten
from netmap.interchange.keys import BOOLEAN_KEYS, CONSENT_KEYS, ENUM_KEYS, KIND_KEY, NODE_KEYS
from netmap.interchange.limits import (
    MAX_IMPORT_BYTES,
    MAX_NODES,
    MAX_TIES,
    MAX_XML_DEPTH,
    MAX_XML_ELEMENTS,
)
from netmap.model import NetworkMap, Patient, Person, Tie

__all__ = ["from_graphml"]

_PATIENT = "patient"
_PERSON = "person"
_DANISH_BOOLEANS = {"ja": "yes", "nej": "no"}
#: graphml > graph > node
_NODE_DEPTH = 3
#: Nodes counted exactly up to here (then refused as "more than"), so that a
#: flood of nodes stops early while an ordinary excess is reported exactly.
_NODE_FLOOD = 10 * MAX_NODES


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: Element) -> str:
    return element.text or ""


class _Key:
    __slots__ = ("default", "domain", "name")

    def __init__(self, name: str, domain: str, default: str | None) -> None:
        self.name = name
        self.domain = domain
        self.default = default


def _parse_xml(data: bytes) -> Element:
    """The document's root, parsed safely and within bounds.

    The parse is streamed so that a flood of elements or absurd nesting is
    stopped as soon as it passes a bound far above any real map, before it
    costs seconds and hundreds of megabytes.
    """
    root: Element | None = None
    depth = elements = nodes = 0
    try:
        events = SafeET.iterparse(
            io.BytesIO(data),
            events=("start", "end"),
            forbid_dtd=False,
            forbid_entities=True,
            forbid_external=True,
        )
        for event, element in events:
            if event == "end":
                depth -= 1
                continue
            if root is None:
                root = element
            depth += 1
            elements += 1
            if depth > MAX_XML_DEPTH:
                raise ImportFailed("interchange.xml_too_deep", max=MAX_XML_DEPTH)
            if elements > MAX_XML_ELEMENTS:
                raise ImportFailed("interchange.xml_too_many_elements", max=MAX_XML_ELEMENTS)
            if depth == _NODE_DEPTH and _local(element.tag) == "node":
                nodes += 1
                if nodes > _NODE_FLOOD:
                    # Far past the limit: stop counting, say "more than".
                    raise ImportFailed(
                        "interchange.too_many_nodes_over", count=_NODE_FLOOD, max=MAX_NODES - 1
                    )
    except defusedxml.EntitiesForbidden as exc:
        if exc.sysid or exc.pubid:
            target = shorten(str(exc.sysid or exc.pubid))
            raise ImportFailed("interchange.xml_external", target=target) from None
        raise ImportFailed("interchange.xml_entity", entity=shorten(str(exc.name))) from None
    except defusedxml.ExternalReferenceForbidden as exc:
        raise ImportFailed("interchange.xml_external", target=shorten(str(exc.sysid))) from None
    except defusedxml.DefusedXmlException:
        raise ImportFailed("interchange.xml_forbidden") from None
    except ParseError as exc:
        _raise_if_not_utf8(data)
        line, column = getattr(exc, "position", (0, 0))
        raise ImportFailed("interchange.not_xml", line=line, column=column) from None
    except (ValueError, LookupError):
        # An unknown or impossible encoding in the XML declaration.
        raise ImportFailed("interchange.xml_encoding") from None
    if root is None:
        raise ImportFailed("interchange.not_xml", line=1, column=0)
    return root


def _raise_if_not_utf8(data: bytes) -> None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFailed("interchange.not_utf8", position=exc.start) from None


def _keys(root: Element) -> dict[str, _Key]:
    keys: dict[str, _Key] = {}
    for element in _children(root, "key"):
        key_id = element.get("id")
        if not key_id:
            continue
        defaults = _children(element, "default")
        default = _text(defaults[0]) if defaults else None
        name = element.get("attr.name") or key_id
        keys[key_id] = _Key(name, element.get("for", "all"), default)
    return keys


def _data(element: Element, keys: dict[str, _Key], domain: str) -> dict[str, str]:
    """The element's values by key name, defaults first."""
    values = {
        key.name: key.default
        for key in keys.values()
        if key.default is not None and key.domain in (domain, "all")
    }
    for data in _children(element, "data"):
        key_id = data.get("key", "")
        key = keys.get(key_id)
        # A value for an undeclared key is read under the key id (hand-written files).
        values[key.name if key is not None else key_id] = _text(data)
    return values


def _node_fields(values: dict[str, str]) -> dict[str, Any]:
    """The person fields of one node, with GraphML spellings made model-ready."""
    fields: dict[str, Any] = {}
    for key, raw in values.items():
        if key not in NODE_KEYS or key == KIND_KEY:
            continue
        value = raw
        if key != "name":
            value = raw.strip()
            if not value:
                continue
        if key in ENUM_KEYS:
            value = value.lower()
        if key in BOOLEAN_KEYS or key == "attends_meetings":
            value = _DANISH_BOOLEANS.get(value.lower(), value)
        fields[key] = value
    return fields


def _validate_person(node_id: str, fields: dict[str, Any]) -> Person:
    try:
        return Person.model_validate({**fields, "id": node_id})
    except ValidationError as exc:
        raise ImportFailed.from_validation(exc, lambda key: Place("node", node_id, key)) from None


def _graph_place(key: str | None) -> Place:
    return Place("graph", key=key)


def from_graphml(data: bytes) -> NetworkMap:
    """Read a network map from GraphML bytes.

    Raises :class:`ImportFailed` for anything that is not a valid map; the
    message names the node and key at fault.

    >>> xml = b'''<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
    ...   <key id="k" for="node" attr.name="kind" attr.type="string"/>
    ...   <key id="n" for="node" attr.name="name" attr.type="string"/>
    ...   <key id="s" for="node" attr.name="sector" attr.type="string"/>
    ...   <key id="d" for="node" attr.name="distance" attr.type="double"/>
    ...   <graph edgedefault="undirected">
    ...     <node id="p0"><data key="k">patient</data><data key="n">Testa</data></node>
    ...     <node id="mor"><data key="n">Mor</data><data key="s">family</data>
    ...       <data key="d">0.2</data></node>
    ...     <edge source="p0" target="mor"/>
    ...   </graph>
    ... </graphml>'''
    >>> m = from_graphml(xml)
    >>> m.patient.name, [(p.id, p.sector.value, p.distance) for p in m.persons], m.ties
    ('Testa', [('mor', 'family', 0.2)], [])
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFailed(
            "interchange.too_big",
            size=f"{len(data) / 1_048_576:.1f}",
            max=f"{MAX_IMPORT_BYTES / 1_048_576:.0f}",
        )
    root = _parse_xml(data)
    if _local(root.tag) != "graphml":
        raise ImportFailed("interchange.wrong_root", root=shorten(_local(root.tag) or "?"))
    graphs = _children(root, "graph")
    if not graphs:
        raise ImportFailed("interchange.no_graph")
    if len(graphs) > 1:
        raise ImportFailed("interchange.several_graphs", count=len(graphs))
    graph = graphs[0]
    keys = _keys(root)

    node_elements = _children(graph, "node")
    if len(node_elements) > MAX_NODES:
        raise ImportFailed(
            "interchange.too_many_nodes", count=len(node_elements), max=MAX_NODES - 1
        )
    nodes = _nodes(node_elements, keys)
    patient_id = _patient_id(nodes)
    graph_values = _data(graph, keys, "graph")
    patient = _patient(patient_id, nodes[patient_id], graph_values)

    persons: list[Person] = []
    # The model trims ids, so " mor" and "mor" would be one person: map the
    # file's ids to the stored ones and refuse two nodes that end up the same.
    person_ids: dict[str, str] = {patient_id: patient.id}
    failure: ImportFailed | None = None
    for node_id, values in nodes.items():
        if node_id == patient_id:
            continue
        try:
            person = _validate_person(node_id, _node_fields(values))
        except ImportFailed as exc:
            failure = exc if failure is None else failure.merged(exc)
            continue
        persons.append(person)
        person_ids[node_id] = person.id
    if failure is not None:
        raise failure
    if len(set(person_ids.values())) < len(person_ids):
        seen: set[str] = set()
        for node_id in person_ids.values():
            if node_id in seen:
                raise ImportFailed("interchange.duplicate_node", node=shorten(node_id))
            seen.add(node_id)

    ties = _ties(_children(graph, "edge"), person_ids, patient_id)
    try:
        return NetworkMap.model_validate(
            {
                "patient": patient,
                "persons": persons,
                "ties": ties,
                "consent": _consent(graph_values),
                "map_date": graph_values.get("map_date", "").strip() or None,
            }
        )
    except ValidationError as exc:
        raise ImportFailed.from_validation(exc, _map_place) from None


_CONSENT_FIELD_KEYS = {field: key for key, field in CONSENT_KEYS.items()}


def _consent(graph_values: dict[str, str]) -> dict[str, str] | None:
    """The consent's fields from the graph keys; none without a day it was given."""
    fields = {
        field: value
        for key, field in CONSENT_KEYS.items()
        if (value := graph_values.get(key, "").strip())
    }
    if "given_on" not in fields:
        if "withdrawn_on" in fields:
            raise ImportFailed("interchange.consent_withdrawn_only")
        return None
    return fields


def _map_place(key: str | None) -> Place | None:
    if key == "map_date":
        return _graph_place(key)
    if key in _CONSENT_FIELD_KEYS:
        return _graph_place(_CONSENT_FIELD_KEYS[key])
    if key == "consent":  # the consent as a whole: withdrawn before it was given
        return _graph_place("consent_withdrawn_on")
    return None


def _nodes(elements: list[Element], keys: dict[str, _Key]) -> dict[str, dict[str, str]]:
    nodes: dict[str, dict[str, str]] = {}
    for index, element in enumerate(elements, start=1):
        node_id = element.get("id")
        if node_id is None or not node_id.strip():
            raise ImportFailed("interchange.node_without_id", index=index)
        if node_id in nodes:
            raise ImportFailed("interchange.duplicate_node", node=shorten(node_id))
        nodes[node_id] = _data(element, keys, "node")
    return nodes


def _patient_id(nodes: dict[str, dict[str, str]]) -> str:
    patients = []
    for node_id, values in nodes.items():
        kind = values.get(KIND_KEY, "").strip().lower() or _PERSON
        if kind not in (_PATIENT, _PERSON):
            raise ImportFailed(
                "interchange.bad_kind", node=shorten(node_id), value=shorten(values[KIND_KEY])
            )
        if kind == _PATIENT:
            patients.append(node_id)
    if not patients:
        raise ImportFailed("interchange.no_patient")
    if len(patients) > 1:
        shown = ", ".join(shorten(p) for p in patients[:5])
        raise ImportFailed("interchange.several_patients", count=len(patients), nodes=shown)
    return patients[0]


def _patient(node_id: str, values: dict[str, str], graph_values: dict[str, str]) -> Patient:
    name = values.get("name")
    if name is None or not name.strip():
        # The patient's name may be given on the graph only (patient_name).
        name = graph_values.get("patient_name", name)
    fields: dict[str, Any] = {"id": node_id, "name": name, "cpr": graph_values.get("cpr")}
    fields = {k: v for k, v in fields.items() if v is not None}

    def place(key: str | None) -> Place:
        if key == "cpr":
            return _graph_place("cpr")
        return Place("node", node_id, key)

    try:
        return Patient.model_validate(fields)
    except ValidationError as exc:
        raise ImportFailed.from_validation(exc, place) from None


def _ties(edges: list[Element], person_ids: dict[str, str], patient_id: str) -> list[Tie]:
    """The ties between persons; ``person_ids`` maps each node id to its person id."""
    seen: set[tuple[str, str]] = set()
    ties: list[Tie] = []
    for edge in edges:
        source, target = edge.get("source"), edge.get("target")
        if source is None or target is None:
            raise ImportFailed("interchange.edge_without_ends")
        for end in (source, target):
            if end not in person_ids:
                raise ImportFailed(
                    "interchange.edge_unknown_node",
                    source=shorten(source),
                    target=shorten(target),
                    node=shorten(end),
                )
        if source == target:
            raise ImportFailed("interchange.self_loop", node=shorten(source))
        if patient_id in (source, target):
            continue
        a, b = person_ids[source], person_ids[target]
        ends = (a, b) if a < b else (b, a)
        if ends in seen:
            continue
        seen.add(ends)
        if len(seen) > MAX_TIES:
            raise ImportFailed("interchange.too_many_ties", max=MAX_TIES)
        ties.append(Tie(a=ends[0], b=ends[1]))
    return ties
