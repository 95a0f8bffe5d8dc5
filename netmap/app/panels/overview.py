"""The contact overview as a table the user can sort by any column.

The table is one ``dcc.Markdown`` component (a GFM table) whose text is the
only thing a drop changes: Dash 4's renderer re-mounts every component under
a changed ``children`` prop, and a 60-person table of ``html`` cells is
hundreds of them (see :mod:`netmap.app.panels.lazy_sections`). Every user-supplied
text is escaped (:func:`escape_markdown`) so it is shown literally, and raw
HTML stays off (``dcc.Markdown``'s default). The finger-sized sort buttons
sit in a bar above the table, redrawn only when the sort or the language
changes. Sorting is a pure function (:func:`sort_rows`) run on the server.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from dash import dcc, html

from netmap.analysis.groups import GROUP_ORDER
from netmap.analysis.overview import OverviewRow
from netmap.app.attrs import attrs
from netmap.app.panels.labels import band_label, group_label, roles_label, sector_label
from netmap.app.panels.lazy_sections import LiveSection, LiveValues, live_key
from netmap.app.state import SORT_COLUMNS, OverviewSort, SortColumn
from netmap.i18n import Lang, sort_key, t
from netmap.model import Band, Sector

__all__ = [
    "OVERVIEW_TABLE",
    "SORT_BUTTON_TYPE",
    "build_overview",
    "cell_text",
    "escape_markdown",
    "mailto_url",
    "overview_markdown",
    "sort_button_id",
    "sort_buttons",
    "sort_rows",
    "tel_url",
]

#: The ``type`` of the pattern-matching ids of the sort buttons.
SORT_BUTTON_TYPE = "panel-sort"
#: The id of the Markdown component holding the table.
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


_PUNCTUATION = frozenset(string.punctuation)


def escape_markdown(text: str) -> str:
    r"""``text`` as Markdown that shows exactly this text, on one line.

    Every ASCII punctuation character becomes a numeric character reference
    (``&#60;`` for ``<``), which CommonMark always reads as that literal
    character: no emphasis, link, HTML tag, entity or table cell border can
    start from user text. (Backslash escapes would do in CommonMark, but the
    Markdown parser inside ``dcc.Markdown`` leaves ``\<``, ``\=``, ``\:``
    and others as they are, showing the backslash.) Line breaks and runs of
    white space become one space (a table row is one line).

    >>> escape_markdown("<b>Bo</b> | **x**")
    '&#60;b&#62;Bo&#60;&#47;b&#62; &#124; &#42;&#42;x&#42;&#42;'
    >>> escape_markdown(" Ali\n  Hassan ")
    'Ali Hassan'
    """
    return "".join(f"&#{ord(c)};" if c in _PUNCTUATION else c for c in " ".join(text.split()))


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
    the address can end the link or start Markdown.

    >>> mailto_url("ida.test@eksempel.dk"), mailto_url("a(b)<x>@eksempel.dk")
    ('mailto:ida.test@eksempel.dk', 'mailto:a%28b%29%3Cx%3E@eksempel.dk')
    """
    # quote() never encodes "~"; it goes too (GFM reads it as strikethrough).
    return "mailto:" + quote(email, safe="@.-_+").replace("~", "%7E")


def _link(text: str, url: str) -> str:
    return f"[{escape_markdown(text)}]({url})"


def _cell(label: str, text: str, row: OverviewRow | None = None, column: str = "") -> str:
    # The label leads every filled cell as emphasis: hidden in the wide
    # table (the heading says it), shown in the narrow card view.
    if not text:
        return ""
    shown = escape_markdown(text)
    if row is not None and column == "phone" and row.phone:
        # The number as a link to call; a note after it stays plain text.
        rest = escape_markdown(text[len(row.phone) :])
        shown = _link(row.phone, tel_url(row.phone)) + (f" {rest}" if rest else "")
    elif row is not None and column == "email" and row.email:
        shown = _link(row.email, mailto_url(row.email))
    return f"*{escape_markdown(label)}* {shown}"


def overview_markdown(rows: Sequence[OverviewRow], sort: OverviewSort, lang: Lang) -> str:
    r"""The sorted rows as one GFM table, every cell escaped.

    >>> from netmap.analysis.overview import contact_overview
    >>> from netmap.model import NetworkMap, Patient, Person
    >>> m = NetworkMap(patient=Patient(name="P"), persons=[
    ...     Person(id="a", name="Al <i>", sector="family", distance=0.5)])
    >>> print(overview_markdown(contact_overview(m), OverviewSort(), "en").splitlines()[2][:42])
    | *Name* Al &#60;i&#62; | *Field* Family |
    """
    labels = [t(f"panels.column.{column}", lang) for column in SORT_COLUMNS]
    lines = [
        "| " + " | ".join(escape_markdown(label) for label in labels) + " |",
        "|" + " --- |" * len(labels),
    ]
    for row in sort_rows(rows, sort, lang):
        cells = [
            _cell(label, cell_text(row, column, lang), row, column)
            for label, column in zip(labels, SORT_COLUMNS, strict=True)
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


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

    Live: the sort buttons' labels and states, and the table's Markdown
    text; the frame changes only with the language. A drop changes only the
    table's text, a sort click two buttons and the text.
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
            dcc.Markdown(id=OVERVIEW_TABLE, className="panel-table", dedent=False),
            className="panel-table-wrap",
        ),
    ]
    live = sort_buttons(sort, lang)
    live[OVERVIEW_TABLE] = {"children": overview_markdown(rows, sort, lang)}
    return LiveSection(frame, live)
