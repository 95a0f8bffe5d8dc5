"""Write a network map as GraphML with exactly the keys of DOMAIN.md.

The nodes and their attributes come from :func:`netmap.graph.to_graph`, the
one bridge to networkx, so the file says what analysis sees. The XML is
written here rather than by ``networkx.write_graphml`` to keep the output
stable and standard: key ids are the key names, booleans are ``true``/``false``
(XML Schema), numbers are written so they read back exactly, and ties keep
the order the patient drew them. ``networkx.read_graphml`` reads the result
with distance and angle as floats and booleans as bools.
"""

from __future__ import annotations

import math
from typing import Any

from netmap.graph import to_graph
from netmap.interchange.keys import GRAPH_KEYS, GRAPHML_NS, NODE_KEYS, KeyType
from netmap.model import NetworkMap

__all__ = ["to_graphml"]

_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"


def _escape_text(text: str) -> str:
    # A bare CR would be read back as LF, so it is written as a character reference.
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _escape_attr(text: str) -> str:
    return _escape_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _value(value: Any, kind: KeyType) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        number = float(value)
        if not math.isfinite(number):  # the model forbids it; never write what cannot be read
            raise ValueError(f"not a finite number: {number!r}")
        return repr(number)
    return str(value)


def _key_id(domain: str, name: str) -> str:
    return name if domain == "node" else f"graph_{name}"


def to_graphml(network_map: NetworkMap, *, include_cpr: bool = False) -> bytes:
    """The map as GraphML (UTF-8). The CPR number is left out unless asked for.

    >>> from netmap.model import NetworkMap, Patient, Person
    >>> m = NetworkMap(patient=Patient(id="p0", name="Testa", cpr="010203-1234"),
    ...                persons=[Person(id="mor", name="Mor", sector="family", distance=0.2)])
    >>> xml = to_graphml(m)
    >>> b'attr.name="distance" attr.type="double"' in xml, b"1234" in xml
    (True, False)
    """
    graph = to_graph(network_map, include_patient=True, include_cpr=include_cpr)
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>",
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{_XSI}" '
        f'xsi:schemaLocation="{GRAPHML_NS} {_SCHEMA}">',
    ]
    for domain, table in (("graph", GRAPH_KEYS), ("node", NODE_KEYS)):
        for name, kind in table.items():
            key_id = _key_id(domain, name)
            lines.append(
                f'  <key id="{key_id}" for="{domain}" attr.name="{name}" attr.type="{kind}" />'
            )
    lines.append('  <graph edgedefault="undirected">')
    for name, kind in GRAPH_KEYS.items():
        if name in graph.graph:
            value = _escape_text(_value(graph.graph[name], kind))
            lines.append(f'    <data key="{_key_id("graph", name)}">{value}</data>')
    for node_id, attrs in graph.nodes(data=True):
        lines.append(f'    <node id="{_escape_attr(str(node_id))}">')
        for name, kind in NODE_KEYS.items():
            # Only the one primary contact is marked, as in the example files;
            # absent reads back as false.
            if name == "primary_contact" and attrs.get(name) is False:
                continue
            if name in attrs:
                value = _escape_text(_value(attrs[name], kind))
                lines.append(f'      <data key="{_key_id("node", name)}">{value}</data>')
        lines.append("    </node>")
    # The map's own order, so that a map read back is equal to the one written.
    for tie in network_map.ties:
        lines.append(f'    <edge source="{_escape_attr(tie.a)}" target="{_escape_attr(tie.b)}" />')
    lines.extend(["  </graph>", "</graphml>", ""])
    return "\n".join(lines).encode("utf-8")
