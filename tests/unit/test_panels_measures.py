"""The measures panel and the composition chart, checked on Sofie's map.

Counted by hand from netmap/demo/sofie.graphml: 14 persons (2 family, 2 kin,
2 leisure, 2 work/school, 6 professionals); bands by DOMAIN.md (close ≤ 1/3,
middle ≤ 2/3): close 4 (Lene 0.2, Anna 0.3, Ali 0.3, Mette 0.25), middle 5,
distant 5; 10 ties among 91 possible pairs; one component of 9 persons, Anna
and Erik together, and 3 isolates (Karin, Jesper, Sara), so 5 components;
effective size 14 − 2·10/14 = 12.57 (Borgatti 1997), efficiency 12.57/14.
"""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from panels_support import AS_OF, as_json, nodes, sofie, texts

from netmap.analysis import MEASURE_KEYS, analyse, explain_measure, measure_name
from netmap.app.panels.chart import composition_counts, composition_figure
from netmap.app.panels.measures import CHART, build_measures, format_number, value_id
from netmap.model import Band, NetworkMap, Patient, Sector


def _values(network_map: NetworkMap, lang: str = "da") -> dict[str, object]:
    section = build_measures(analyse(network_map, as_of=AS_OF).measures, lang)  # type: ignore[arg-type]
    tree = as_json(section.filled())
    found = {}
    for n in nodes(tree):
        key = n["props"].get("data-measure")
        if key:
            value = n["props"]["children"][1]
            # Each value is one text, set live into its own element.
            assert value["props"]["id"] == value_id(key)
            assert section.live[value_id(key)] == {"children": value["props"]["children"]}
            found[key] = value["props"]["children"]
            assert isinstance(found[key], str)
    return found


def test_pnl040_sofie_values_by_hand() -> None:
    v = _values(sofie())
    assert v["size"] == "14"
    assert v["by_sector"] == (
        "Familie 2, Slægt 2, Fritid / andre 2, Arbejde / skole 2, Fagpersoner 6"
    )
    assert v["by_band"] == "Tæt på 4, Midt imellem 5, Længere væk 5"
    assert v["professional_share"] == "0,43"  # 6/14
    assert v["close_private"] == "2"  # Lene, Anna
    assert v["close_professional"] == "2"  # Ali, Mette
    assert v["sectors_used"] == "5"
    assert v["ties"] == "10"
    assert v["density"] == "0,11"  # 10/91
    assert v["components"] == "5"
    assert v["isolates"] == "3"
    assert v["effective_size"] == "12,57"
    assert v["efficiency"] == "0,90"


def test_pnl041_every_measure_with_name_and_explanation() -> None:
    for lang in ("da", "en"):
        tree = build_measures(analyse(sofie(), as_of=AS_OF).measures, lang).filled()  # type: ignore[arg-type]
        shown = texts(tree)
        keys = [
            n["props"]["data-measure"] for n in nodes(as_json(tree)) if "data-measure" in n["props"]
        ]
        assert keys == list(MEASURE_KEYS)
        for key in MEASURE_KEYS:
            assert measure_name(key, lang) in shown
            assert explain_measure(key, lang) in shown


def test_pnl042_empty_map_shows_undefined_measures_in_words() -> None:
    v = _values(NetworkMap(patient=Patient(name="Testa Testesen")), "en")
    assert v["size"] == "0"
    assert v["density"] == "not defined"
    assert v["effective_size"] == "not defined"
    assert v["sector_ties"] == "not defined"


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        (0.5, "da", "0,50"),
        (0.5, "en", "0.50"),
        (12.0, "da", "12"),
        (7, "en", "7"),
        (None, "da", "ikke defineret"),
    ],
)
def test_pnl043_number_format(value: float | None, lang: str, shown: str) -> None:
    assert format_number(value, lang) == shown  # type: ignore[arg-type]


def test_pnl044_sector_ties_spelled_out() -> None:
    v = _values(sofie())
    # Family has 2 persons (1 possible pair) and Lene–Mads is drawn.
    assert "Familie: 1 af 1 mulige" in v["sector_ties"]
    # Family (2) × professionals (6) = 12 pairs; Lene–Mette is the one tie.
    assert "Familie – Fagpersoner: 1 af 12 mulige" in v["sector_ties"].split("\n")
    # One line per pair of sectors: 5 sectors, 5 + 10 pairs.
    assert len(v["sector_ties"].split("\n")) == 15


def test_pnl045_chart_is_a_graph_whose_figure_is_live() -> None:
    rows = analyse(sofie(), as_of=AS_OF).overview
    figure = composition_figure([(r.sector, r.band) for r in rows], "da")
    section = build_measures(analyse(sofie(), as_of=AS_OF).measures, "da", figure)
    graph = section.frame[0]
    assert graph.id == CHART and getattr(graph, "figure", None) is None
    assert section.live[CHART] == {"figure": figure}
    assert as_json(section.filled()[0])["props"]["figure"]["layout"]["barmode"] == "stack"
    # Without a chart the list stands alone.
    assert CHART not in build_measures(analyse(sofie(), as_of=AS_OF).measures, "da").live


def test_pnl050_chart_counts_by_sector_and_band() -> None:
    rows = analyse(sofie(), as_of=AS_OF).overview
    counts = composition_counts((r.sector, r.band) for r in rows)
    # Sectors in drawing order: family, kin, leisure, work/school, professional.
    assert counts == {
        Band.CLOSE: [1, 0, 1, 0, 2],
        Band.MIDDLE: [1, 1, 0, 1, 2],
        Band.DISTANT: [0, 1, 1, 1, 2],
    }


def test_pnl051_chart_figure_stacked_bars_with_catalogue_labels() -> None:
    rows = analyse(sofie(), as_of=AS_OF).overview
    figure = composition_figure([(r.sector, r.band) for r in rows], "da")
    assert isinstance(figure, go.Figure)
    assert figure.layout.barmode == "stack"
    assert [trace.name for trace in figure.data] == ["Tæt på", "Midt imellem", "Længere væk"]
    for trace in figure.data:
        assert list(trace.y) == [
            "Familie",
            "Slægt",
            "Fritid / andre",
            "Arbejde / skole",
            "Fagpersoner",
        ]
    assert [list(trace.x) for trace in figure.data] == [
        [1, 0, 1, 0, 2],
        [1, 1, 0, 1, 2],
        [0, 1, 1, 1, 2],
    ]
    assert sum(sum(trace.x) for trace in figure.data) == 14
    assert figure.layout.title.text == "Personer pr. felt og afstand"


def test_pnl052_chart_of_an_empty_map_is_all_zeros_in_english() -> None:
    figure = composition_figure([], "en")
    assert [trace.name for trace in figure.data] == ["Close", "In between", "Further away"]
    assert all(list(trace.x) == [0] * len(Sector) for trace in figure.data)
    assert figure.data[0].y[0] == "Family"


def test_pnl046_plain_lines_lead_with_names_and_details_live() -> None:
    from netmap.analysis import TOPICS, plain_lines
    from netmap.app.panels.measures import plain_details_id, plain_id

    analysis = analyse(sofie(), as_of=AS_OF)
    names = {row.id: row.name for row in analysis.overview}
    section = build_measures(analysis.measures, "da", names=names)
    tree = as_json(section.filled())
    order = [n["props"].get("id") for n in nodes(tree) if n["props"].get("id")]
    # The plain lines come before the technical list, which is folded away.
    assert order.index("panel-plain-list") < order.index("panel-measure-list")
    assert any(n.get("type") == "Details" for n in nodes(tree))
    for line in plain_lines(analysis.measures, names, "da"):
        assert section.live[plain_id(line.topic)] == {"children": line.text}
        assert section.live[plain_details_id(line.topic)] == {"children": line.details}
    assert list(TOPICS) == [
        n["props"]["data-topic"] for n in nodes(tree) if "data-topic" in n["props"]
    ]
    assert section.live[plain_id("bridge")]["children"].startswith(
        "Du er bindeled mellem 2 grupper"
    )
