"""The one bridge from the model to networkx: :func:`to_graph`.

Analysis and the GraphML writer both start from this graph, so the attribute
names and value forms are exactly the GraphML keys of DOMAIN.md.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from netmap.model import NetworkMap, Person

__all__ = ["PATIENT_KIND", "PERSON_KIND", "person_attributes", "to_graph"]

PATIENT_KIND = "patient"
PERSON_KIND = "person"


def person_attributes(person: Person) -> dict[str, Any]:
    """A person's GraphML node attributes; unanswered (None) fields are left out.

    >>> from netmap.model import Person
    >>> attrs = person_attributes(Person(id="a", name="Anna", sector="leisure", distance=0.3,
    ...                                  team_roles="coordinator,stafetholder"))
    >>> attrs["kind"], attrs["sector"], attrs["team_roles"], attrs["attends_meetings"]
    ('person', 'leisure', 'stafetholder,coordinator', 'undecided')
    """
    attrs: dict[str, Any] = {"kind": PERSON_KIND}
    for key, value in person.model_dump(mode="json", exclude={"id"}).items():
        if value is None:
            continue
        if key == "team_roles":
            if not value:
                continue
            value = ",".join(value)
        attrs[key] = value
    return attrs


def to_graph(
    network_map: NetworkMap, *, include_patient: bool = True, include_cpr: bool = False
) -> nx.Graph:
    """The map as an undirected networkx graph.

    Nodes are the persons (by id, with :func:`person_attributes`) and, unless
    ``include_patient`` is false, the patient (``kind="patient"``). Edges are
    the ties the patient drew; ties to the patient are implicit (DOMAIN.md) and
    are *not* added here — analysis that needs the ego adds them itself. The
    CPR number is left out unless ``include_cpr`` is true.

    >>> from netmap.model import NetworkMap, Patient, Person, Tie
    >>> m = NetworkMap(patient=Patient(id="p0", name="P"),
    ...                persons=[Person(id="a", name="A", sector="kin", distance=0.5),
    ...                         Person(id="b", name="B", sector="kin", distance=0.9)],
    ...                ties=[Tie(a="b", b="a")])
    >>> g = to_graph(m)
    >>> sorted(g.nodes), sorted(g.edges), g.graph["patient_name"]
    (['a', 'b', 'p0'], [('a', 'b')], 'P')
    """
    graph = nx.Graph()
    graph.graph["patient_name"] = network_map.patient.name
    if include_cpr and network_map.patient.cpr:
        graph.graph["cpr"] = network_map.patient.cpr
    consent = network_map.consent
    if consent is not None:
        graph.graph["consent_given_on"] = consent.given_on.isoformat()
        if consent.recorded_by is not None:
            graph.graph["consent_recorded_by"] = consent.recorded_by
        if consent.withdrawn_on is not None:
            graph.graph["consent_withdrawn_on"] = consent.withdrawn_on.isoformat()
    if network_map.map_date is not None:
        graph.graph["map_date"] = network_map.map_date.isoformat()
    if include_patient:
        graph.add_node(network_map.patient.id, kind=PATIENT_KIND, name=network_map.patient.name)
    for person in network_map.persons:
        graph.add_node(person.id, **person_attributes(person))
    graph.add_edges_from(tie.ends for tie in network_map.ties)
    return graph
