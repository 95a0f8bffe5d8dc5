"""The contact overview as a table the user can sort by any column.

The table is one component, :class:`OverviewTable`, drawn by
``assets/netmap-overview-table.js`` from plain data: the headings, and one
row of cell texts per person (:func:`overview_rows`), the only thing a drop
changes. As ``html`` cells a 60-person table was hundreds of Dash components
(see :mod:`netmap.app.panels.lazy_sections`); as one Markdown text (before)
a 1,000-person table was parsed and built anew in the browser on every
drop. The script draws again only the rows whose cells changed. Texts are
React's, so always shown literally; the only links are ``tel:`` and
``mailto:`` addresses of safe characters (:func:`tel_url`,
:func:`mailto_url`). The finger-sized sort buttons sit in a bar above the
table, redrawn only when the sort or the language changes. Sorting is a
pure function (:func:`sort_rows`) run on the server.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from dash import html

from netmap.analysis.groups import GROUP_ORDER
from netmap.analysis.overview import OverviewRow
from netmap.app.attrs import attrs
from netmap.app.panels.labels import band_label, group_label, roles_label, sector_label
from netmap.app.panels.lazy_sections import LiveSection, LiveValues, live_key
from netmap.app.scripted import ScriptedComponent
from netmap.app.state import SORT_COLUMNS, OverviewSort, SortColumn
from netmap.i18n import Lang, sort_key, t
from netmap.model import Band, Sector

__all__ = [
    "OVERVIEW_TABLE",
    "SORT_BUTTON_TYPE",
    "OverviewTable",
    "build_overview",
    "cell_text",
    "mailto_url",
    "overview_rows",
    "sort_button_id",
    "sort_buttons",
    "sort_rows",
    "tel_url",
]

#: The ``type`` of the pattern-matching ids of the sort buttons.
SORT_BUTTON_TYPE = "panel-sort"
#: The id of the component holding the table.
OVERVIEW_TABLE = "panel-overview-table"

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
    if column == "phone" and row.phone and row.phone_unallocated:
        return f"{row.phone} ({t('analysis.report.phone_unallocated', lang)})"
    value = getattr(row, column)
    return "" if value is None else str(value)


def _key(column: SortColumn, lang: Lang) -> Callable[[OverviewRow], tuple[int, bytes] | int]:
    # Sectors, bands and groups sort in their natural order, not alphabetically.
    if column == "sector":
        return lambda row: _SECTOR_RANK[row.sector]
    if column == "band":
        return lambda row: _BAND_RANK[row.band]
    if column == "group":
        return lambda row: _GROUP_RANK[row.group]
    return lambda row: (0, sort_key(cell_text(row, column, lang), lang))


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


def tel_url(phone: str) -> str:
    """A ``tel:`` link for a stored phone number: its digits, with ``+`` in front if given.

    >>> tel_url("+45 20 11 22 33"), tel_url("+45 20 11 22 33](javascript:x)")
    ('tel:+4520112233', 'tel:+4520112233')
    """
    digits = re.sub(r"\D", "", phone)
    return f"tel:{'+' if phone.lstrip().startswith('+') else ''}{digits}"


def mailto_url(email: str) -> str:
    """A ``mailto:`` link for an e-mail address, every other character percent-encoded.

    Only letters, digits and ``@ . - _ +`` stay as they are, so nothing in
    the address can end the link or change what it calls (the table's script
    draws a link only for such an address).

    >>> mailto_url("ida.test@eksempel.dk"), mailto_url("a(b)<x>@eksempel.dk")
    ('mailto:ida.test@eksempel.dk', 'mailto:a%28b%29%3Cx%3E@eksempel.dk')
    """
    # quote() never encodes "~"; it goes too (GFM reads it as strikethrough).
    return "mailto:" + quote(email, safe="@.-_+").replace("~", "%7E")


#: One cell as the table's script reads it: ``[]`` (empty), ``[text]``, or
#: ``[text, href, rest]`` (a ``tel:``/``mailto:`` link, then plain text).
Cell = list[str]


def _cell(text: str, row: OverviewRow, column: SortColumn) -> Cell:
    if not text:
        return []
    if column == "phone" and row.phone:
        # The number as a link to call; a note after it stays plain text.
        return [row.phone, tel_url(row.phone), text[len(row.phone) :].strip()]
    if column == "email" and row.email:
        return [row.email, mailto_url(row.email), ""]
    return [text]


def overview_rows(rows: Sequence[OverviewRow], sort: OverviewSort, lang: Lang) -> list[Any]:
    """The sorted rows as the table draws them: ``{"key": id, "cells": [...]}`` each,
    one :data:`Cell` per column of :data:`SORT_COLUMNS`.

    >>> from netmap.analysis.overview import contact_overview
    >>> from netmap.model import NetworkMap, Patient, Person
    >>> m = NetworkMap(patient=Patient(name="P"), persons=[
    ...     Person(id="a", name="Al <i>", sector="family", distance=0.5,
    ...            phone="+45 20 11 22 33")])
    >>> row, = overview_rows(contact_overview(m), OverviewSort(), "en")
    >>> row["key"], row["cells"][:3], row["cells"][5]
    ('a', [['Al <i>'], ['Family'], ['In between']], ['+45 20 11 22 33', 'tel:+4520112233', ''])
    """
    return [
        {
            "key": row.id,
            "cells": [_cell(cell_text(row, column, lang), row, column) for column in SORT_COLUMNS],
        }
        for row in sort_rows(rows, sort, lang)
    ]


class OverviewTable(ScriptedComponent):
    """The overview's table (``window.netmap_overview.OverviewTable``); ``rows`` is set live."""

    _namespace = "netmap_overview"
    _type = "OverviewTable"
    PROPS = ("id", "className", "labels", "rows")

    def __init__(
        self, labels: list[str], id: str = OVERVIEW_TABLE, className: str = "panel-table"
    ) -> None:
        super().__init__(id=id, className=className, labels=labels)


def _button_props(column: SortColumn, sort: OverviewSort, lang: Lang) -> dict[str, Any]:
    label = t(f"panels.column.{column}", lang)
    if column == sort.column:
        direction = "descending" if sort.descending else "ascending"
        arrow = " ▼" if sort.descending else " ▲"
        hint = t(f"panels.sort.{direction}", lang, column=label)
        pressed, active = "true", " is-active"
    else:
        direction, arrow, hint = "none", "", t("panels.sort.by", lang, column=label)
        pressed, active = "false", ""
    return {
        "children": label + arrow,
        "className": "panel-sort-button" + active,
        "title": hint,
        "aria-label": hint,
        "aria-pressed": pressed,
        "data-sort": direction,
    }


def sort_button_id(column: SortColumn) -> dict[str, str]:
    """The pattern-matching id of one column's sort button."""
    return {"type": SORT_BUTTON_TYPE, "column": column}


def sort_buttons(sort: OverviewSort, lang: Lang) -> LiveValues:
    """Each sort button's properties: its label (with the arrow when it is the
    sorted column), pressed state and hint, by :func:`~.live.live_key` of its id.

    Set live, so a sort click changes two buttons in place (and keeps the
    keyboard focus on the one pressed) instead of drawing a new bar.
    """
    return {live_key(sort_button_id(c)): _button_props(c, sort, lang) for c in SORT_COLUMNS}


def build_overview(rows: Sequence[OverviewRow], sort: OverviewSort, lang: Lang) -> LiveSection:
    """The sort bar and the table, or a short note.

    Live: the sort buttons' labels and states, and the table's rows; the
    frame (with the headings) changes only with the language. A drop changes
    only the rows, a sort click two buttons and the rows.
    """
    if not rows:
        return LiveSection([html.P(t("panels.overview.empty", lang), className="panel-empty")])
    frame = [
        html.P(
            t("panels.overview.caption", lang),
            id="panel-overview-caption",
            className="panel-caption",
        ),
        html.Div(
            [
                html.Button(id=sort_button_id(column), className="panel-sort-button")
                for column in SORT_COLUMNS
            ],
            id="panel-overview-bar",
            className="panel-sort-bar",
            role="group",
            **attrs(aria_labelledby="panel-overview-caption"),
        ),
        html.Div(
            OverviewTable([t(f"panels.column.{column}", lang) for column in SORT_COLUMNS]),
            className="panel-table-wrap",
        ),
    ]
    live = sort_buttons(sort, lang)
    live[OVERVIEW_TABLE] = {"rows": overview_rows(rows, sort, lang)}
    return LiveSection(frame, live)
