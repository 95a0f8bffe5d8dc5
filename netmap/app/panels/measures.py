"""The measures panel: the plain lines first (:mod:`netmap.analysis.plain`),
each with its details line, then every measure's name, value and one-sentence
explanation, folded away for the professional.

Drawn as a :class:`~netmap.app.panels.lazy_sections.LiveSection`: the names, the
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
from netmap.analysis.plain import TOPICS, plain_lines
from netmap.app.attrs import attrs
from netmap.app.panels.lazy_sections import LiveSection
from netmap.i18n import Lang, t
from netmap.i18n import format_number as locale_number
from netmap.model import Band, Sector

__all__ = [
    "CHART",
    "build_measures",
    "format_number",
    "format_value",
    "plain_details_id",
    "plain_id",
    "value_id",
]

#: The id of the composition chart's ``dcc.Graph``.
CHART = "panel-chart"


def value_id(key: str) -> str:
    """The id of the element showing one measure's value.

    >>> value_id("density")
    'panel-measure-value-density'
    """
    return f"panel-measure-value-{key}"


def plain_id(topic: str) -> str:
    """The id of the element showing one topic's plain sentence.

    >>> plain_id("bridge")
    'panel-plain-bridge'
    """
    return f"panel-plain-{topic}"


def plain_details_id(topic: str) -> str:
    """The id of the element showing one topic's details line."""
    return f"panel-plain-details-{topic}"


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


def build_measures(
    measures: Measures,
    lang: Lang,
    chart: Any = None,
    names: Mapping[str, str] | None = None,
) -> LiveSection:
    """The plain lines, then every measure the analysis reports, in its order,
    with its explanation. ``names`` (person id → name) lets the lines name persons.

    With a ``chart`` (a plotly figure) the section starts with it. Live: the
    figure, each plain line and details line (empty ones are hidden by the
    stylesheet) and each value.
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
    plain = []
    for line in plain_lines(measures, names, lang):
        plain.append(
            html.Li(
                [
                    html.P(id=plain_id(line.topic), className="panel-plain-text"),
                    html.P(id=plain_details_id(line.topic), className="panel-plain-details"),
                ],
                className="panel-plain",
                **attrs(data_topic=line.topic),
            )
        )
        live[plain_id(line.topic)] = {"children": line.text}
        live[plain_details_id(line.topic)] = {"children": line.details}
    assert len(plain) == len(TOPICS)
    frame.append(html.Ul(plain, id="panel-plain-list", className="panel-plain-list"))
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
                **attrs(data_measure=key),
            )
        )
        live[value_id(key)] = {"children": format_value(key, measures, lang)}
    frame.append(
        html.Details(
            [
                html.Summary(t("panels.measure.all_heading", lang)),
                html.Dl(rows, id="panel-measure-list", className="panel-measures"),
            ],
            className="panel-measures-all",
        )
    )
    return LiveSection(frame, live)
