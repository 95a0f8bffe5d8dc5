"""The contact overview as CSV that Danish Excel opens as it is.

Danish Excel reads a CSV file by its locale: a list separator of ``;`` (the
comma is the decimal sign), and UTF-8 only when the file starts with a byte
order mark — without it "Møller" becomes "MÃ¸ller". Dates are written
``dd-mm-yyyy``, which Danish Excel reads as dates. A cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read as a
formula (CSV/formula injection, OWASP) — a phone number ``+45 …`` too — so it
is written with a leading apostrophe, which Excel shows as text.

The rows are :func:`netmap.analysis.overview.contact_overview` of the map the
caller prepared for its audience (:mod:`netmap.export.redact`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from netmap.analysis.overview import OverviewRow, contact_overview
from netmap.i18n import DEFAULT_LANG, Lang, t
from netmap.model import NetworkMap

__all__ = ["COLUMNS", "overview_csv", "safe_cell"]

#: Column keys, in order; the header of each is ``export.csv.<key>``.
COLUMNS = (
    "name",
    "role",
    "organisation",
    "phone",
    "email",
    "helps_with",
    "group",
    "sector",
    "band",
    "care_sector",
    "team_roles",
    "primary_contact",
    "attends_meetings",
    "invited",
    "map_date",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A cell Excel shows as the text it is, never as a formula.

    >>> safe_cell("=HYPERLINK(\\"x\\")"), safe_cell("+45 20 30 40 50"), safe_cell("Mor")
    ('\\'=HYPERLINK("x")', "'+45 20 30 40 50", 'Mor')
    """
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def excel_date(day: date | None) -> str:
    """A date as Danish Excel reads it.

    >>> excel_date(date(2026, 3, 1))
    '01-03-2026'
    """
    return "" if day is None else day.strftime("%d-%m-%Y")


def _yes_no(value: bool, lang: Lang) -> str:
    return t("attendance.yes" if value else "attendance.no", lang)


def _cells(row: OverviewRow, map_date: date | None, lang: Lang) -> list[str]:
    values = {
        "name": row.name,
        "role": row.role or "",
        "organisation": row.organisation or "",
        "phone": row.phone or "",
        "email": row.email or "",
        "helps_with": row.helps_with or "",
        "group": t(f"panels.group.{row.group.value}", lang),
        "sector": t(f"sector.{row.sector.value}", lang),
        "band": t(f"band.{row.band.value}", lang),
        "care_sector": t(f"care_sector.{row.care_sector.value}", lang) if row.care_sector else "",
        "team_roles": ", ".join(t(f"team_role.{r.value}", lang) for r in row.team_roles),
        "primary_contact": _yes_no(row.primary_contact, lang) if row.primary_contact else "",
        "attends_meetings": t(f"attendance.{row.attends_meetings.value}", lang),
        "invited": _yes_no(row.invited, lang),
        "map_date": excel_date(map_date),
    }
    # Dates are written by excel_date; every other cell is user text or a label.
    return [values[key] if key == "map_date" else safe_cell(values[key]) for key in COLUMNS]


def _rows(network_map: NetworkMap, lang: Lang) -> Iterable[list[str]]:
    yield [t(f"export.csv.{key}", lang) for key in COLUMNS]
    for row in contact_overview(network_map):
        yield _cells(row, network_map.map_date, lang)


def overview_csv(network_map: NetworkMap, lang: Lang = DEFAULT_LANG) -> bytes:
    """The overview as CSV bytes: UTF-8 with BOM, ``;``-separated, CRLF lines.

    >>> from netmap.model import NetworkMap, Patient, Person
    >>> m = NetworkMap(patient=Patient(name="P"), persons=[Person(id="a", name="Åse Øst",
    ...     sector="kin", distance=0.5, phone="+45 20 30 40 50")])
    >>> data = overview_csv(m)
    >>> data[:3] == b"\\xef\\xbb\\xbf", data.decode("utf-8-sig").splitlines()[1][:26]
    (True, "Åse Øst;;;'+45 20 30 40 50")
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(_rows(network_map, lang))
    return buffer.getvalue().encode("utf-8-sig")
