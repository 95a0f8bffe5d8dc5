"""The small chart of the map's composition: persons by sector and band."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import plotly.graph_objects as go

from netmap.i18n import Lang, t
from netmap.model import Band, Sector

__all__ = ["BAND_COLOURS", "composition_counts", "composition_figure"]

#: One blue per band, darkest for the closest; readable with colour blindness.
BAND_COLOURS: dict[Band, str] = {
    Band.CLOSE: "#08519c",
    Band.MIDDLE: "#4292c6",
    Band.DISTANT: "#9ecae1",
}


def composition_counts(cells: Iterable[tuple[Sector, Band]]) -> dict[Band, list[int]]:
    """Counts per band, one number per sector in drawing order (zeros included).

    >>> counts = composition_counts([(Sector.KIN, Band.CLOSE), (Sector.KIN, Band.CLOSE)])
    >>> counts[Band.CLOSE], counts[Band.DISTANT]
    ([0, 2, 0, 0, 0], [0, 0, 0, 0, 0])
    """
    counted = Counter(cells)
    return {band: [counted[(sector, band)] for sector in Sector] for band in Band}


def composition_figure(cells: Iterable[tuple[Sector, Band]], lang: Lang) -> go.Figure:
    """Stacked horizontal bars: one bar per sector, one colour per band.

    ``cells`` holds one ``(sector, band)`` pair per person, e.g. taken from the
    rows of the analysis' contact overview.
    """
    counts = composition_counts(cells)
    sectors = [t(f"sector.{sector.value}", lang) for sector in Sector]
    figure = go.Figure()
    for band in Band:
        figure.add_trace(
            go.Bar(
                name=t(f"band.{band.value}", lang),
                y=sectors,
                x=counts[band],
                orientation="h",
                marker={"color": BAND_COLOURS[band]},
                hovertemplate="%{y}: %{x}<extra>%{fullData.name}</extra>",
            )
        )
    figure.update_layout(
        barmode="stack",
        height=300,
        margin={"l": 8, "r": 8, "t": 72, "b": 8},
        title={
            "text": t("panels.chart.title", lang),
            "font": {"size": 14},
            "xref": "container",
            "x": 0.01,
            "yref": "container",
            "y": 0.98,
            "yanchor": "top",
        },
        # Under the title, in band order (plotly lists stacked bars reversed).
        legend={
            "orientation": "h",
            "xref": "container",
            "x": 0.01,
            "yref": "container",
            "y": 0.9,
            "yanchor": "top",
            "traceorder": "normal",
        },
        xaxis={
            "title": {"text": t("panels.chart.count", lang)},
            "rangemode": "tozero",
            "tickformat": "d",
            "automargin": True,
        },
        yaxis={"autorange": "reversed", "automargin": True},
        plot_bgcolor="white",
        paper_bgcolor="white",
        font={"size": 13},
    )
    return figure
