"""The measures panel: each measure's name, value and one-sentence explanation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dash import html
from dash.development.base_component import Component

from netmap.analysis.measures import (
    MEASURE_KEYS,
    Measures,
    SectorTies,
    explain_measure,
    measure_name,
)
from netmap.i18n import Lang, t
from netmap.model import Band, Sector

__all__ = ["build_measures", "format_number", "format_value"]


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
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "da" else text


def _label(key: Sector | Band, lang: Lang) -> str:
    prefix = "sector" if isinstance(key, Sector) else "band"
    return t(f"{prefix}.{key.value}", lang)


def _sector_ties_text(rows: Sequence[SectorTies], lang: Lang) -> list[Component]:
    items = []
    for row in rows:
        pair = t(f"sector.{row.a.value}", lang)
        if row.b is not row.a:
            pair += " – " + t(f"sector.{row.b.value}", lang)
        text = t(
            "panels.measure.sector_ties",
            lang,
            pair=pair,
            ties=row.ties,
            possible=row.possible,
        )
        items.append(html.Li(text))
    return [html.Ul(items, className="panel-measure-list")] if items else []


def format_value(key: str, measures: Measures, lang: Lang) -> str | list[Component]:
    """The value of one measure as plain text (or a short list for sector ties)."""
    value = getattr(measures, key)
    if key == "sector_ties":
        return _sector_ties_text(value, lang) or t("panels.measure.undefined", lang)
    if isinstance(value, Mapping):
        return ", ".join(f"{_label(k, lang)} {format_number(v, lang)}" for k, v in value.items())
    return format_number(value, lang)


def build_measures(measures: Measures, lang: Lang) -> list[Component]:
    """Every measure the analysis reports, in its order, with its explanation."""
    rows: list[Component] = []
    for key in MEASURE_KEYS:
        rows.append(
            html.Div(
                [
                    html.Dt(measure_name(key, lang), className="panel-measure-name"),
                    html.Dd(format_value(key, measures, lang), className="panel-measure-value"),
                    html.Dd(explain_measure(key, lang), className="panel-measure-explain"),
                ],
                className="panel-measure",
                **{"data-measure": key},
            )
        )
    return [html.Dl(rows, id="panel-measure-list", className="panel-measures")]
