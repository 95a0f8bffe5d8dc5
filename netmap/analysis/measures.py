"""What the network looks like: ego-network measures for the patient.

Following the personal-network literature (Perry, Pescosolido & Borgatti 2018,
*Egocentric Network Analysis*, ch. 6–7; Crossley et al. 2015, *Social Network
Analysis for Ego-Nets*): ties to the patient are implicit, the patient is
*left out* of density, components and isolates (they describe how the persons
hang together without the patient) and *included* for effective size,
efficiency, constraint and ego betweenness (they describe the patient's
position; see :mod:`netmap.analysis.egonet`). Composition measures count
persons per sector and band; heterogeneity is Blau's index and the IQV over
the five sectors (:mod:`netmap.analysis.diversity`).

Every measure has a one-sentence explanation in the catalogue
(``analysis.measure.<key>.explain``), see :func:`explain_measure`.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations_with_replacement

import networkx as nx
from pydantic import Field

from netmap.analysis.diversity import blau_index, iqv
from netmap.analysis.egonet import constraint, effective_size, efficiency, ego_betweenness
from netmap.graph import to_graph
from netmap.i18n import DEFAULT_LANG, Lang, t
from netmap.model import Band, NetworkMap, Sector, StrictModel

__all__ = [
    "MEASURE_KEYS",
    "Measures",
    "SectorTies",
    "ego_measures",
    "explain_measure",
    "measure_name",
]

#: The measures a report shows, in order; each has a name and an explanation.
MEASURE_KEYS: tuple[str, ...] = (
    "size",
    "by_sector",
    "by_band",
    "professional_share",
    "close_private",
    "close_professional",
    "sectors_used",
    "sector_blau",
    "sector_iqv",
    "ties",
    "density",
    "components",
    "isolates",
    "effective_size",
    "efficiency",
    "constraint",
    "ego_betweenness",
    "cross_sector_density",
    "sector_ties",
)

_PRIVATE_SECTORS = frozenset({Sector.FAMILY, Sector.KIN, Sector.LEISURE})


class SectorTies(StrictModel):
    """Ties between the persons of two sectors (or within one, when ``a == b``)."""

    a: Sector
    b: Sector
    ties: int = Field(ge=0)
    possible: int = Field(ge=1)
    density: float = Field(ge=0, le=1)


class Measures(StrictModel):
    """The ego-network measures of one map; ``None`` where a measure is undefined."""

    size: int = Field(ge=0, description="Persons on the map (the patient not counted).")
    by_sector: dict[Sector, int]
    by_band: dict[Band, int]
    professional_share: float | None
    close_private: int = Field(ge=0, description="Family, kin or leisure in the close band.")
    close_professional: int = Field(ge=0, description="Professionals in the close band.")
    sectors_used: int = Field(ge=0, le=len(Sector))
    sector_blau: float | None
    sector_iqv: float | None
    ties: int = Field(ge=0, description="Lines drawn between persons.")
    density: float | None = Field(description="Among persons; None below two persons.")
    components: int = Field(ge=0, description="Groups of persons linked by lines, incl. isolates.")
    component_sizes: list[int] = Field(description="Largest first.")
    component_ids: list[list[str]] = Field(
        default_factory=list,
        description="The persons of each group, largest group first, in map order.",
    )
    isolates: int = Field(ge=0)
    isolate_ids: list[str]
    effective_size: float | None
    efficiency: float | None
    constraint: float | None
    ego_betweenness: float = Field(ge=0)
    cross_sector_density: float | None = Field(
        description="Share of possible ties between persons of different sectors that exist."
    )
    sector_ties: list[SectorTies] = Field(
        description="Tie density within and between sectors with persons."
    )


def _sector_ties(
    network_map: NetworkMap, graph: nx.Graph, by_sector: dict[Sector, int]
) -> list[SectorTies]:
    order = list(Sector)
    rank = {p.id: order.index(p.sector) for p in network_map.persons}
    counted: Counter[tuple[int, int]] = Counter()
    for u, v in graph.edges:
        ru, rv = rank[u], rank[v]
        counted[(ru, rv) if ru <= rv else (rv, ru)] += 1
    rows = []
    for i, j in combinations_with_replacement(range(len(order)), 2):
        a, b = order[i], order[j]
        possible = by_sector[a] * (by_sector[a] - 1) // 2 if a is b else by_sector[a] * by_sector[b]
        if possible:
            ties = counted[(i, j)]
            rows.append(SectorTies(a=a, b=b, ties=ties, possible=possible, density=ties / possible))
    return rows


def ego_measures(network_map: NetworkMap) -> Measures:
    """All measures of the patient's network (see the module docstring).

    >>> from netmap.model import NetworkMap, Patient, Person, Tie
    >>> m = NetworkMap(patient=Patient(name="P"), persons=[
    ...     Person(id="mum", name="Mum", sector="family", distance=0.2),
    ...     Person(id="dad", name="Dad", sector="family", distance=0.2),
    ...     Person(id="sr", name="SR", sector="professional", distance=0.5)],
    ...     ties=[Tie(a="mum", b="dad")])
    >>> r = ego_measures(m)
    >>> r.size, r.ties, round(r.density, 3), r.components, r.isolate_ids, r.ego_betweenness
    (3, 1, 0.333, 2, ['sr'], 2.0)
    """
    persons = network_map.persons
    size = len(persons)
    by_sector = {sector: 0 for sector in Sector}
    by_band = {band: 0 for band in Band}
    close_private = close_professional = 0
    for person in persons:
        by_sector[person.sector] += 1
        band = person.band
        by_band[band] += 1
        if band is Band.CLOSE:
            close_private += person.sector in _PRIVATE_SECTORS
            close_professional += person.is_professional

    graph = to_graph(network_map, include_patient=False)
    ties = graph.number_of_edges()
    pairs = size * (size - 1) // 2
    order = {p.id: i for i, p in enumerate(persons)}
    groups = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(graph)),
        key=lambda ids: (-len(ids), order[ids[0]]),
    )
    components = [len(ids) for ids in groups]
    isolate_ids = sorted(nx.isolates(graph), key=order.__getitem__)

    sector_ties = _sector_ties(network_map, graph, by_sector)
    same_sector_pairs = sum(n * (n - 1) // 2 for n in by_sector.values())
    cross_pairs = pairs - same_sector_pairs
    cross_ties = sum(row.ties for row in sector_ties if row.a is not row.b)

    return Measures(
        size=size,
        by_sector=by_sector,
        by_band=by_band,
        professional_share=by_sector[Sector.PROFESSIONAL] / size if size else None,
        close_private=close_private,
        close_professional=close_professional,
        sectors_used=sum(1 for n in by_sector.values() if n),
        sector_blau=blau_index(by_sector.values()),
        sector_iqv=iqv(by_sector.values(), categories=len(Sector)),
        ties=ties,
        density=ties / pairs if size >= 2 else None,
        components=len(components),
        component_sizes=components,
        component_ids=groups,
        isolates=len(isolate_ids),
        isolate_ids=isolate_ids,
        effective_size=effective_size(graph),
        efficiency=efficiency(graph),
        constraint=constraint(graph),
        ego_betweenness=ego_betweenness(graph),
        cross_sector_density=cross_ties / cross_pairs if cross_pairs else None,
        sector_ties=sector_ties,
    )


def measure_name(key: str, lang: Lang = DEFAULT_LANG) -> str:
    """The short name of a measure, e.g. for a table heading.

    >>> measure_name("density", "en")
    'Density'
    """
    return t(f"analysis.measure.{key}", lang)


def explain_measure(key: str, lang: Lang = DEFAULT_LANG) -> str:
    """One plain-language sentence on what a measure says, for the patient and
    the social worker. ``KeyError`` for an unknown key.

    >>> explain_measure("size", "en")
    'How many people you have put on your map.'
    """
    if key not in MEASURE_KEYS:
        raise KeyError(key)
    return t(f"analysis.measure.{key}.explain", lang)
