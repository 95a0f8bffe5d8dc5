"""The contact overview: every column, plain text, sortable, no CPR."""

from __future__ import annotations

from panels_support import AS_OF, as_json, by_id, nodes, sofie, texts, with_attr
from revise import revise_patient

from netmap.analysis import analyse
from netmap.app.panels.inputs import SORT_COLUMNS, OverviewSort
from netmap.app.panels.overview import build_overview, sort_rows


def _rows():  # type: ignore[no-untyped-def]
    return analyse(sofie(), as_of=AS_OF).overview


def _order(sort: OverviewSort) -> list[str]:
    return [row.id for row in sort_rows(_rows(), sort, "da")]


def test_pnl030_header_has_a_sort_button_per_column() -> None:
    tree = as_json(build_overview(_rows(), OverviewSort(), "da"))
    buttons = [n for n in nodes(tree) if n["type"] == "Button"]
    assert [b["props"]["id"] for b in buttons] == [
        {"type": "panel-sort", "column": c} for c in SORT_COLUMNS
    ]
    # Sorted by group by default: that button carries the arrow.
    assert [b["props"]["children"] for b in buttons] == [
        "Navn",
        "Felt",
        "Afstand",
        "Rolle",
        "Organisation",
        "Telefon",
        "E-mail",
        "Kan hjælpe med",
        "Gruppe ▲",
        "Roller i teamet",
    ]


def test_pnl031_row_cells_for_a_professional() -> None:
    tree = build_overview(_rows(), OverviewSort(), "da")
    (row,) = with_attr(tree, "data-person", "ips")
    assert texts(row) == [
        "Ali Hassan",
        "Fagpersoner",
        "Tæt på",  # 0.3 ≤ 1/3
        "IPS-konsulent",
        "Jobcenter Aalborg",
        "",
        "ali.hassan@aalborg.example.dk",
        "Job og uddannelse",
        "Fagpersoner i Patientens team",
        "Stafetholder, Forløbskoordinator",
    ]


def test_pnl032_default_order_is_by_group_then_closeness() -> None:
    assert _order(OverviewSort()) == [
        "bostotte",
        "ips",
        "sr",
        "laege",  # team
        "chef",
        "laerer",  # ad hoc
        "mor",
        "anna",
        "bror",
        "moster",
        "farfar",
        "nabo",  # private
        "psykolog",
        "egl",  # outside the team
    ]


def test_pnl033_sort_by_name_both_ways() -> None:
    ascending = _order(OverviewSort(column="name"))
    assert ascending[:3] == ["ips", "anna", "sr"]  # Ali, Anna, Birgitte
    assert _order(OverviewSort(column="name", descending=True)) == ascending[::-1]


def test_pnl034_sort_by_band_follows_closeness_not_the_alphabet() -> None:
    order = _order(OverviewSort(column="band"))
    bands = {r.id: r.band.value for r in _rows()}
    assert [bands[i] for i in order] == ["close"] * 4 + ["middle"] * 5 + ["distant"] * 5


def test_pnl035_empty_cells_stay_last_either_way() -> None:
    with_phone = {"mor", "moster", "chef", "sr", "bostotte"}
    for descending in (False, True):
        order = _order(OverviewSort(column="phone", descending=descending))
        assert set(order[:5]) == with_phone
        assert set(order[5:]).isdisjoint(with_phone)


def test_pnl036_active_column_marked_for_screen_readers() -> None:
    tree = as_json(build_overview(_rows(), OverviewSort(column="band", descending=True), "en"))
    sorted_headers = [n for n in nodes(tree) if n["props"].get("aria-sort") == "descending"]
    assert len(sorted_headers) == 1
    assert texts(sorted_headers[0]) == ["Closeness ▼"]


def test_pnl037_no_cpr_anywhere() -> None:
    m = sofie()
    revise_patient(m, cpr="010190-1234")
    rows = analyse(m, as_of=AS_OF).overview
    shown = str(as_json(build_overview(rows, OverviewSort(), "da")))
    assert "1234" not in shown
    assert "010190" not in shown


def test_pnl038_empty_map_has_a_note_instead_of_a_table() -> None:
    tree = build_overview([], OverviewSort(), "da")
    assert texts(tree) == ["Der er ingen personer på kortet endnu."]
    assert "panel-overview-table" not in str(as_json(tree))
    assert by_id(build_overview(_rows(), OverviewSort(), "da"), "panel-overview-table")
