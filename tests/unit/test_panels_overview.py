"""The contact overview: every column, plain text, sortable, no CPR.

The table is one component drawn from plain data (headings in its frame,
rows set live; read back with ``table_rows``), the sort buttons a bar above it.
"""

from __future__ import annotations

from typing import Any

import pytest
from panels_support import AS_OF, as_json, by_id, nodes, sofie, table_rows, texts
from revise import revise_patient

from netmap.analysis import analyse
from netmap.app.panels.overview import (
    OVERVIEW_TABLE,
    build_overview,
    sort_rows,
)
from netmap.app.state import SORT_COLUMNS, OverviewSort
from netmap.model import NetworkMap, Patient, Person

BUTTON_KEYS = [f'{{"column":"{c}","type":"panel-sort"}}' for c in SORT_COLUMNS]
HEADINGS_DA = [
    "Navn",
    "Felt",
    "Afstand",
    "Rolle",
    "Organisation",
    "Telefon",
    "E-mail",
    "Kan hjælpe med",
    "Gruppe",
    "Roller i teamet",
]


def _rows():  # type: ignore[no-untyped-def]
    return analyse(sofie(), as_of=AS_OF).overview


def _order(sort: OverviewSort) -> list[str]:
    return [row.id for row in sort_rows(_rows(), sort, "da")]


def _table(rows: Any, sort: OverviewSort, lang: str = "da") -> tuple[list[str], list[Any]]:
    """The table's headings and rows, as the browser gets them."""
    section = build_overview(rows, sort, lang)  # type: ignore[arg-type]
    # Live: the sort buttons, then the table's rows; the frame has the
    # headings and no rows.
    assert list(section.live) == [*BUTTON_KEYS, OVERVIEW_TABLE]
    assert list(section.live[OVERVIEW_TABLE]) == ["rows"]
    frame = by_id(section.frame, OVERVIEW_TABLE)
    assert frame["type"] == "OverviewTable" and "rows" not in frame["props"]
    filled = by_id(section.filled(), OVERVIEW_TABLE)["props"]
    assert filled["rows"] == section.live[OVERVIEW_TABLE]["rows"]
    return filled["labels"], filled["rows"]


def test_pnl030_sort_bar_has_a_sort_button_per_column() -> None:
    tree = as_json(build_overview(_rows(), OverviewSort(), "da").filled())
    buttons = [n for n in nodes(tree) if n["type"] == "Button"]
    assert [b["props"]["id"] for b in buttons] == [
        {"type": "panel-sort", "column": c} for c in SORT_COLUMNS
    ]
    # Sorted by group by default: that button carries the arrow and is pressed.
    assert [b["props"]["children"] for b in buttons] == [
        *HEADINGS_DA[:8],
        "Gruppe ▲",
        "Roller i teamet",
    ]
    assert [b["props"]["aria-pressed"] for b in buttons] == ["false"] * 8 + ["true", "false"]
    assert buttons[8]["props"]["aria-label"] == (
        "Sorteret efter Gruppe, stigende. Tryk for at vende."
    )
    bar = by_id(tree, "panel-overview-bar")
    assert bar["props"]["role"] == "group"
    # The table has the same columns, in the same order, as headings.
    headings, _ = table_rows(*_table(_rows(), OverviewSort()))
    assert headings == HEADINGS_DA


def test_pnl031_row_cells_for_a_professional() -> None:
    _, rows = table_rows(*_table(_rows(), OverviewSort()))
    (ali,) = [row for row in rows if row["Navn"] == "Ali Hassan"]
    assert list(ali.values()) == [
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


def test_pnl039_table_rows_follow_the_sort() -> None:
    names = {row.id: row.name for row in _rows()}
    for sort in (OverviewSort(), OverviewSort(column="name", descending=True)):
        _, rows = table_rows(*_table(_rows(), sort))
        assert [row["Navn"] for row in rows] == [names[i] for i in _order(sort)]


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
    sort = OverviewSort(column="band", descending=True)
    tree = as_json(build_overview(_rows(), sort, "en").filled())
    pressed = [n for n in nodes(tree) if n["props"].get("aria-pressed") == "true"]
    assert len(pressed) == 1
    assert texts(pressed[0]) == ["Closeness ▼"]
    assert pressed[0]["props"]["data-sort"] == "descending"
    assert pressed[0]["props"]["title"] == ("Sorted by Closeness, descending. Tap to reverse.")


def test_pnl037_no_cpr_anywhere() -> None:
    m = sofie()
    # A serial in none of Sofie's phone numbers: their tel: links run the
    # digits together (+45 98 12 34 56 is tel:+4598123456).
    revise_patient(m, cpr="010190-7391")
    rows = analyse(m, as_of=AS_OF).overview
    shown = str(as_json(build_overview(rows, OverviewSort(), "da").filled()))
    assert "tel:+4598123456" in shown
    assert "7391" not in shown
    assert "010190" not in shown


def test_pnl038_empty_map_has_a_note_instead_of_a_table() -> None:
    section = build_overview([], OverviewSort(), "da")
    assert texts(section.filled()) == ["Der er ingen personer på kortet endnu."]
    assert section.live == {}
    assert OVERVIEW_TABLE not in str(as_json(section.frame))


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "**fed** [link](javascript:alert(1))",
    "<script>alert('x')</script>",
    "a | b \\| `c` &amp; &#60; _u_ ~~s~~ # - 1. > www.example.dk",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_pnl090_user_text_is_sent_as_plain_text(hostile: str) -> None:
    m = NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(id="x", name=hostile, sector="leisure", distance=0.5, role=hostile),
            Person(id="y", name="Bo Test", sector="kin", distance=0.2, helps_with=hostile),
        ],
    )
    links: dict[tuple[int, str], str] = {}
    _, rows = table_rows(
        *_table(analyse(m, as_of=AS_OF).overview, OverviewSort(column="name"), "en"), links
    )
    # Every cell is a list of plain strings (the script draws them as React
    # text, never as markup), and reads back exactly as typed.
    by_name = {row["Name"]: row for row in rows}
    assert set(by_name) == {"Bo Test", hostile}
    assert by_name["Bo Test"]["Can help with"] == hostile
    assert by_name[hostile]["Role"] == hostile
    assert links == {}  # no phone, no e-mail: no link, whatever the text says


@pytest.mark.parametrize(
    ("phone", "email", "tel", "mailto"),
    [
        (
            "+45 20 11 22 33",
            "ida.test@eksempel.dk",
            "tel:+4520112233",
            "mailto:ida.test@eksempel.dk",
        ),
        ("20112233", "a.b+c@eksempel.dk", "tel:+4520112233", "mailto:a.b+c@eksempel.dk"),
        (
            "+46 70 123 45 67",
            "o'brien{x}|~@eksempel.dk",
            "tel:+46701234567",
            "mailto:o%27brien%7Bx%7D%7C%7E@eksempel.dk",
        ),
    ],
)
def test_pnl092_phone_and_email_are_tel_and_mailto_links(
    phone: str, email: str, tel: str, mailto: str
) -> None:
    m = NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(
                id="x",
                name="Ida Test",
                sector="professional",
                distance=0.3,
                phone=phone,
                email=email,
            ),
        ],
    )
    stored = m.person("x")
    links: dict[tuple[int, str], str] = {}
    _, rows = table_rows(*_table(analyse(m, as_of=AS_OF).overview, OverviewSort(), "da"), links)
    assert rows[0]["Telefon"] == stored.phone
    assert rows[0]["E-mail"] == email
    assert links == {(0, "Telefon"): tel, (0, "E-mail"): mailto}


def test_pnl093_an_unallocated_number_is_a_link_with_its_note_after_it() -> None:
    m = NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(
                id="x",
                name="Ida Test",
                sector="professional",
                distance=0.3,
                phone="+45 12 34 56 78",
            ),
        ],
    )
    links: dict[tuple[int, str], str] = {}
    _, rows = table_rows(*_table(analyse(m, as_of=AS_OF).overview, OverviewSort(), "da"), links)
    assert rows[0]["Telefon"].startswith("+45 12 34 56 78 (")
    assert links == {(0, "Telefon"): "tel:+4512345678"}
