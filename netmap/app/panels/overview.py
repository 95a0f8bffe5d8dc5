"""The contact overview as a table the user can sort by any column.

A plain HTML table with a sort button in every header: Dash 4 deprecates
``dash_table.DataTable``, and a plain table keeps every cell plain text, wraps
long Danish words instead of scrolling sideways, and gives finger-sized sort
buttons. Sorting is a pure function (:func:`sort_rows`) run on the server.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dash import html
from dash.development.base_component import Component

from netmap.analysis.groups import GROUP_ORDER
from netmap.analysis.overview import OverviewRow
from netmap.app.panels.inputs import SORT_COLUMNS, OverviewSort, SortColumn
from netmap.app.panels.labels import band_label, group_label, roles_label, sector_label
from netmap.i18n import Lang, t
from netmap.model import Band, Sector

__all__ = ["SORT_BUTTON_TYPE", "build_overview", "cell_text", "sort_rows"]

#: The ``type`` of the pattern-matching ids of the sort buttons.
SORT_BUTTON_TYPE = "panel-sort"

_SECTOR_RANK = {sector: i for i, sector in enumerate(Sector)}
_BAND_RANK = {band: i for i, band in enumerate(Band)}
_GROUP_RANK = {group: i for i, group in enumerate(GROUP_ORDER)}


def cell_text(row: OverviewRow, column: SortColumn, lang: Lang) -> str:
    """What the table shows in one cell, as plain text ("" when unanswered)."""
    if column == "sector":
        return sector_label(row.sector, lang)
    if column == "band":
        return band_label(row.band, lang)
    if column == "group":
        return group_label(row.group, lang)
    if column == "team_roles":
        return roles_label(row.team_roles, row.primary_contact, lang)
    value = getattr(row, column)
    return "" if value is None else str(value)


def _key(column: SortColumn, lang: Lang) -> Callable[[OverviewRow], tuple[int, str] | int]:
    # Sectors, bands and groups sort in their natural order, not alphabetically.
    if column == "sector":
        return lambda row: _SECTOR_RANK[row.sector]
    if column == "band":
        return lambda row: _BAND_RANK[row.band]
    if column == "group":
        return lambda row: _GROUP_RANK[row.group]
    return lambda row: (0, cell_text(row, column, lang).casefold())


def sort_rows(rows: Sequence[OverviewRow], sort: OverviewSort, lang: Lang) -> list[OverviewRow]:
    """The rows sorted by one column; empty cells always last, ties kept in order.

    >>> from netmap.analysis.overview import contact_overview
    >>> from netmap.model import NetworkMap, Patient, Person
    >>> m = NetworkMap(patient=Patient(name="P"), persons=[
    ...     Person(id="b", name="Bo", sector="kin", distance=0.9, role="Onkel"),
    ...     Person(id="a", name="Al", sector="family", distance=0.5),
    ...     Person(id="c", name="Cy", sector="leisure", distance=0.1, role="Ven")])
    >>> rows = contact_overview(m)
    >>> [r.id for r in sort_rows(rows, OverviewSort(column="role", descending=True), "da")]
    ['c', 'b', 'a']
    >>> [r.id for r in sort_rows(rows, OverviewSort(column="sector"), "da")]
    ['a', 'b', 'c']
    """
    key = _key(sort.column, lang)
    filled = [r for r in rows if cell_text(r, sort.column, lang)]
    empty = [r for r in rows if not cell_text(r, sort.column, lang)]
    return sorted(filled, key=key, reverse=sort.descending) + empty


def _header(column: SortColumn, sort: OverviewSort, lang: Lang) -> Component:
    label = t(f"panels.column.{column}", lang)
    active = column == sort.column
    if active:
        direction = "descending" if sort.descending else "ascending"
        arrow = " ▼" if sort.descending else " ▲"
        hint = t(f"panels.sort.{direction}", lang, column=label)
    else:
        direction, arrow, hint = "none", "", t("panels.sort.by", lang, column=label)
    return html.Th(
        html.Button(
            label + arrow,
            id={"type": SORT_BUTTON_TYPE, "column": column},
            className="panel-sort-button" + (" is-active" if active else ""),
            title=hint,
            **{"aria-label": hint},
        ),
        scope="col",
        **{"aria-sort": direction},
    )


def _row(row: OverviewRow, lang: Lang) -> Component:
    cells = []
    for column in SORT_COLUMNS:
        text = cell_text(row, column, lang)
        cells.append(
            html.Td(
                text,
                className=f"panel-cell-{column}" + ("" if text else " is-empty"),
                **{"data-label": t(f"panels.column.{column}", lang)},
            )
        )
    return html.Tr(cells, **{"data-person": row.id})


def build_overview(rows: Sequence[OverviewRow], sort: OverviewSort, lang: Lang) -> list[Component]:
    """The sortable overview table, or a short note when the map has no persons."""
    if not rows:
        return [html.P(t("panels.overview.empty", lang), className="panel-empty")]
    table = html.Table(
        [
            html.Caption(t("panels.overview.caption", lang), className="panel-caption"),
            html.Thead(html.Tr([_header(c, sort, lang) for c in SORT_COLUMNS])),
            html.Tbody([_row(r, lang) for r in sort_rows(rows, sort, lang)]),
        ],
        id="panel-overview-table",
        className="panel-table",
    )
    return [html.Div(table, className="panel-table-wrap")]
