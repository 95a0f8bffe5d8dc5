"""The measures panel: each measure's name, value and one-sentence explanation.

Drawn as a :class:`~netmap.app.panels.live.LiveSection`: the names, the
explanations and the chart's ``dcc.Graph`` are the frame (redrawn only with
another language); a drop sets only the values (one text each) and the
chart's figure, so plotly updates the chart in place instead of drawing a
new one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from netmap.analysis.measures import (
    MEASURE_KEYS,
    Measures,
    SectorTies,
    explain_measure,
    measure_name,
)
from netmap.app.panels.live import LiveSection
from netmap.i18n import Lang, t
from netmap.i18n import format_number as locale_number
from netmap.model import Band, Sector

__all__ = ["CHART", "build_measures", "format_number", "format_value", "value_id"]

#: The id of the composition chart's ``dcc.Graph``.
CHART = "panel-chart"


def value_id(key: str) -> str:
    """The id of the element showing one measure's value.

    >>> value_id("density")
    'panel-measure-value-density'
    """
    return f"panel-measure-value-{key}"


def format_number(value: float | int | None, lang: Lang) -> str:
    """A number as a person reads it: whole numbers as they are, others with two
    decimals (a decimal comma in Danish); an undefined measure says so.

    >>> format_number(0.4285714, "da"), format_number(0.4285714, "en"), format_number(3, "da")
    ('0,43', '0.43', '3')
    >>> format_number(None, "en")
    'not defined'
    """
    if value is None:
        return t("panels.measure.undefined", lang)
    return locale_number(value, lang)


def _label(key: Sector | Band, lang: Lang) -> str:
    prefix = "sector" if isinstance(key, Sector) else "band"
    return t(f"{prefix}.{key.value}", lang)


def _sector_ties_text(rows: Sequence[SectorTies], lang: Lang) -> str:
    # One line per pair of sectors, as one text (shown with its line breaks).
    lines = []
    for row in rows:
        pair = t(f"sector.{row.a.value}", lang)
        if row.b is not row.a:
            pair += " – " + t(f"sector.{row.b.value}", lang)
        lines.append(
            t("panels.measure.sector_ties", lang, pair=pair, ties=row.ties, possible=row.possible)
        )
    return "\n".join(lines)


def format_value(key: str, measures: Measures, lang: Lang) -> str:
    """The value of one measure as plain text (sector ties: one line per pair)."""
    value = getattr(measures, key)
    if key == "sector_ties":
        return _sector_ties_text(value, lang) or t("panels.measure.undefined", lang)
    if isinstance(value, Mapping):
        return ", ".join(f"{_label(k, lang)} {format_number(v, lang)}" for k, v in value.items())
    return format_number(value, lang)


def build_measures(measures: Measures, lang: Lang, chart: Any = None) -> LiveSection:
    """Every measure the analysis reports, in its order, with its explanation.

    With a ``chart`` (a plotly figure) the section starts with it. Live: the
    figure and each value.
    """
    rows = []
    live: dict[str, dict[str, Any]] = {}
    frame: list[Any] = []
    if chart is not None:
        frame.append(
            dcc.Graph(
                id=CHART,
                config={"displayModeBar": False, "responsive": True},
                className="panel-chart",
            )
        )
        live[CHART] = {"figure": chart}
    for key in MEASURE_KEYS:
        rows.append(
            html.Div(
                [
                    html.Dt(measure_name(key, lang), className="panel-measure-name"),
                    html.Dd(
                        id=value_id(key),
                        className="panel-measure-value"
                        + (" is-lines" if key == "sector_ties" else ""),
                    ),
                    html.Dd(explain_measure(key, lang), className="panel-measure-explain"),
                ],
                className="panel-measure",
                **{"data-measure": key},
            )
        )
        live[value_id(key)] = {"children": format_value(key, measures, lang)}
    frame.append(html.Dl(rows, id="panel-measure-list", className="panel-measures"))
    return LiveSection(frame, live)
