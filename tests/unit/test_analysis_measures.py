"""Ego-network measures against published numbers and against networkx.

* Borgatti, S. P. (1997). "Structural holes: Unpacking Burt's redundancy
  measures." Connections 20(1): 35–38 — the example network, ego G with alters
  A–F. Its numbers as used in networkx's own
  ``networkx/algorithms/tests/test_structuralholes.py`` ("computed using UCINET
  and IGraph, and then computed by hand"): effective size 4.67, constraint
  0.400. Among the six alters there are 4 ties (A–B, A–E, A–F, B–D), so
  density 4/15 = 0.267, two components one of which is the isolate C, and ego
  betweenness 9.0 (Everett & Borgatti 2005: 11 unconnected pairs, four of
  which share one alter and count 1/2).
* Blau (1977) / Agresti & Agresti (1978): a 50/50 split gives Blau 0.5; ten
  equal groups give Blau 0.9 and IQV 1.
* Burt (1992): a single contact constrains fully (1.0); two contacts who are
  tied to each other give 1.125; two who are not, 0.5.
"""

from __future__ import annotations

import math

import networkx as nx
import pytest
from analysis_support import PATIENT_ID, make_map, person
from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.analysis import MEASURE_KEYS, ego_measures, explain_measure, measure_name
from netmap.analysis.diversity import blau_index, iqv
from netmap.analysis.egonet import ego_network
from netmap.graph import to_graph
from netmap.model import NetworkMap

BORGATTI_TIES = [("A", "B"), ("A", "F"), ("A", "E"), ("B", "D")]


def _borgatti() -> NetworkMap:
    sectors = {
        "A": "family",
        "B": "kin",
        "C": "leisure",
        "D": "kin",
        "E": "professional",
        "F": "work_school",
    }
    return make_map(*(person(pid, s, 0.5) for pid, s in sectors.items()), ties=BORGATTI_TIES)


def test_anmsr001_borgatti_1997_ego_g() -> None:
    r = ego_measures(_borgatti())
    assert r.size == 6
    assert r.ties == 4
    assert r.density == pytest.approx(0.267, abs=1e-3)
    assert r.components == 2
    assert r.component_sizes == [5, 1]
    assert r.isolates == 1
    assert r.isolate_ids == ["C"]
    assert r.effective_size == pytest.approx(4.67, abs=1e-2)
    assert r.efficiency == pytest.approx(4.67 / 6, abs=1e-2)
    assert r.constraint == pytest.approx(0.400, abs=1e-3)
    assert r.ego_betweenness == pytest.approx(9.0)


def test_anmsr002_borgatti_example_agrees_with_networkx() -> None:
    g = ego_network(_borgatti())
    r = ego_measures(_borgatti())
    assert r.effective_size == pytest.approx(nx.effective_size(g, nodes=[PATIENT_ID])[PATIENT_ID])
    assert r.constraint == pytest.approx(nx.constraint(g, nodes=[PATIENT_ID])[PATIENT_ID])
    assert r.ego_betweenness == pytest.approx(
        nx.betweenness_centrality(g, normalized=False)[PATIENT_ID]
    )


@pytest.mark.parametrize(
    ("counts", "categories", "blau", "expected_iqv"),
    [
        ([5, 5], 2, 0.5, 1.0),  # 50/50
        ([1] * 10, 10, 0.9, 1.0),  # ten equal groups
        ([7], 5, 0.0, 0.0),  # everyone alike
        ([5, 5, 0, 0, 0], 5, 0.5, 0.625),  # 0.5 / (1 - 1/5)
        ([1, 1, 1, 1, 1], 5, 0.8, 1.0),
    ],
)
def test_anmsr003_blau_and_iqv(
    counts: list[int], categories: int, blau: float, expected_iqv: float
) -> None:
    assert blau_index(counts) == pytest.approx(blau)
    assert iqv(counts, categories) == pytest.approx(expected_iqv)


def test_anmsr004_blau_and_iqv_undefined_without_persons() -> None:
    assert blau_index([]) is None
    assert blau_index([0, 0]) is None
    assert iqv([0, 0, 0], 3) is None
    with pytest.raises(ValueError):
        blau_index([3, -1])


def test_anmsr005_sector_heterogeneity_over_the_five_sectors() -> None:
    one_each = make_map(
        *(person(s, s, 0.5) for s in ("family", "kin", "leisure", "work_school", "professional"))
    )
    r = ego_measures(one_each)
    assert (r.sectors_used, r.sector_blau, r.sector_iqv) == (
        5,
        pytest.approx(0.8),
        pytest.approx(1.0),
    )
    half = make_map(
        person("a", "family"),
        person("b", "family"),
        person("c", "professional"),
        person("d", "professional"),
    )
    r = ego_measures(half)
    assert (r.sectors_used, r.sector_blau, r.sector_iqv) == (
        2,
        pytest.approx(0.5),
        pytest.approx(0.625),
    )


def test_anmsr006_empty_map() -> None:
    r = ego_measures(make_map())
    assert r.size == 0 and r.ties == 0
    assert r.density is None
    assert (r.components, r.isolates, r.isolate_ids, r.component_sizes) == (0, 0, [], [])
    assert (r.effective_size, r.efficiency, r.constraint) == (None, None, None)
    assert r.ego_betweenness == 0
    assert (r.professional_share, r.sector_blau, r.sector_iqv) == (None, None, None)
    assert r.sectors_used == 0
    assert r.cross_sector_density is None and r.sector_ties == []
    assert set(r.by_sector.values()) == {0} and set(r.by_band.values()) == {0}


def test_anmsr007_one_person_density_undefined_constraint_one() -> None:
    r = ego_measures(make_map(person("a", "kin")))
    assert r.density is None  # null below two persons
    assert (r.components, r.isolates) == (1, 1)
    assert (r.effective_size, r.efficiency, r.constraint) == (1.0, 1.0, 1.0)
    assert r.ego_betweenness == 0


@pytest.mark.parametrize(
    ("tied", "density", "esize", "constraint", "betweenness"),
    [(False, 0.0, 2.0, 0.5, 1.0), (True, 1.0, 1.0, 1.125, 0.0)],
    ids=["untied", "tied"],
)
def test_anmsr008_two_persons(
    tied: bool, density: float, esize: float, constraint: float, betweenness: float
) -> None:
    m = make_map(person("a", "kin"), person("b", "kin"), ties=[("a", "b")] if tied else [])
    r = ego_measures(m)
    assert r.density == density
    assert r.effective_size == pytest.approx(esize)
    assert r.constraint == pytest.approx(constraint)
    assert r.ego_betweenness == pytest.approx(betweenness)
    assert r.components == (1 if tied else 2)


def test_anmsr009_composition_by_sector_band_and_closeness() -> None:
    m = make_map(
        person("mum", "family", 0.1),
        person("aunt", "kin", 1 / 3),  # exactly 1/3: close
        person("friend", "leisure", 0.34),  # middle
        person("boss", "work_school", 0.1),  # close, but neither private nor professional
        person("sr", "professional", 0.2),
        person("ips", "professional", 2 / 3),  # exactly 2/3: middle
        person("gp", "professional", 0.67),  # distant
    )
    r = ego_measures(m)
    assert r.size == 7
    assert {k.value: v for k, v in r.by_sector.items()} == {
        "family": 1,
        "kin": 1,
        "leisure": 1,
        "work_school": 1,
        "professional": 3,
    }
    assert {k.value: v for k, v in r.by_band.items()} == {"close": 4, "middle": 2, "distant": 1}
    assert r.professional_share == pytest.approx(3 / 7)
    assert r.close_private == 2  # mum, aunt
    assert r.close_professional == 1  # sr


def test_anmsr010_ties_between_sectors() -> None:
    # Do the professionals know the family? One of the two possible lines exists.
    m = make_map(
        person("mum", "family"),
        person("sr", "professional"),
        person("ips", "professional"),
        person("friend", "leisure"),
        ties=[("mum", "sr"), ("sr", "ips")],
    )
    r = ego_measures(m)
    rows = {(row.a.value, row.b.value): row for row in r.sector_ties}
    fam_pro = rows[("family", "professional")]
    assert (fam_pro.ties, fam_pro.possible, fam_pro.density) == (1, 2, 0.5)
    pro_pro = rows[("professional", "professional")]
    assert (pro_pro.ties, pro_pro.possible, pro_pro.density) == (1, 1, 1.0)
    assert rows[("family", "leisure")].ties == 0
    assert ("family", "family") not in rows  # one person: no possible pair
    # Cross-sector pairs: 6 pairs in all minus 1 within professionals = 5; 1 tie across.
    assert r.cross_sector_density == pytest.approx(1 / 5)


@st.composite
def _maps(draw: st.DrawFn) -> NetworkMap:
    n = draw(st.integers(min_value=1, max_value=12))
    ids = [f"n{i}" for i in range(n)]
    pairs = [(ids[i], ids[j]) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True) if pairs else st.just([]))
    sectors = ["family", "kin", "leisure", "work_school", "professional"]
    return make_map(*(person(pid, sectors[i % 5], 0.5) for i, pid in enumerate(ids)), ties=chosen)


@settings(max_examples=60, deadline=None)
@given(_maps())
def test_anmsr011_closed_forms_agree_with_networkx(m: NetworkMap) -> None:
    """The patient tied to everyone: our closed forms equal networkx's general ones."""
    ego = ego_network(m)
    alters = to_graph(m, include_patient=False)
    r = ego_measures(m)
    assert r.effective_size == pytest.approx(nx.effective_size(ego, nodes=[PATIENT_ID])[PATIENT_ID])
    assert r.constraint == pytest.approx(nx.constraint(ego, nodes=[PATIENT_ID])[PATIENT_ID])
    assert r.ego_betweenness == pytest.approx(
        nx.betweenness_centrality(ego, normalized=False)[PATIENT_ID]
    )
    expected_density = nx.density(alters) if len(alters) >= 2 else None
    assert r.density == (pytest.approx(expected_density) if expected_density is not None else None)
    assert r.components == nx.number_connected_components(alters)
    assert sorted(r.isolate_ids) == sorted(nx.isolates(alters))
    assert not math.isnan(r.efficiency or 0.0)


def test_anmsr012_every_measure_has_a_name_and_an_explanation() -> None:
    required = {
        "size",
        "density",
        "components",
        "isolates",
        "effective_size",
        "efficiency",
        "constraint",
        "ego_betweenness",
        "by_sector",
        "by_band",
        "professional_share",
        "sectors_used",
        "sector_blau",
        "sector_iqv",
        "close_private",
        "close_professional",
    }
    assert required <= set(MEASURE_KEYS)
    dumped = ego_measures(make_map()).model_dump()
    for key in MEASURE_KEYS:
        assert key in dumped, key
        for lang in ("da", "en"):
            sentence = explain_measure(key, lang)
            assert sentence.endswith(".") and sentence.count(". ") == 0, (key, lang)
            assert measure_name(key, lang)
        assert explain_measure(key, "da") != explain_measure(key, "en")
    with pytest.raises(KeyError):
        explain_measure("no_such_measure", "da")
