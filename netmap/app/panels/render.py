"""From a map (or nothing) to the content of every panel section."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dash import html

from netmap.analysis import CoreAnalysis, Measures, analyse_core, ego_measures
from netmap.app.panels.chart import composition_figure
from netmap.app.panels.checks import build_checks, checks_title
from netmap.app.panels.lazy_sections import LiveSection
from netmap.app.panels.measures import build_measures
from netmap.app.panels.overview import build_overview
from netmap.app.panels.slots import MESSAGE
from netmap.app.panels.team import build_team
from netmap.app.state import OverviewSort
from netmap.i18n import Lang, t
from netmap.model import NetworkMap

__all__ = [
    "ALL_SECTIONS",
    "LAZY_SECTIONS",
    "PanelAnalysis",
    "PanelContent",
    "render_analysis",
    "render_error",
    "render_panels",
]

#: The sections whose content is only built while they are open: a 60-person
#: overview table is hundreds of components, and the chart pulls in plotly.js.
LAZY_SECTIONS: frozenset[str] = frozenset({"overview", "measures"})
ALL_SECTIONS: frozenset[str] = LAZY_SECTIONS


@dataclass(frozen=True)
class PanelAnalysis:
    """What the panels show of one map: the analysis, its measures made when first asked.

    The measures are shown only while their section is open; on a
    1,000-person map they cost as much as the rest of the analysis.
    """

    core: CoreAnalysis
    network_map: NetworkMap
    _measures: list[Measures] = field(default_factory=list, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def of(cls, network_map: NetworkMap, as_of: date | None) -> PanelAnalysis:
        """The analysis of ``network_map`` as of ``as_of``, but for the measures."""
        return cls(analyse_core(network_map, as_of=as_of), network_map)

    def measures(self) -> Measures:
        """The map's measures (made once, then kept)."""
        with self._lock:
            if not self._measures:
                self._measures.append(ego_measures(self.network_map))
            return self._measures[0]


@dataclass(frozen=True)
class PanelContent:
    """What the panel callback writes, one field per ``panel-*`` output.

    ``team`` and ``checks`` hold their parts by slot
    (:mod:`netmap.app.panels.slots`); a slot not in them is empty. The lazy
    sections are a :class:`~netmap.app.panels.lazy_sections.LiveSection` each, or
    ``None`` while closed (not built: whatever the browser has stays).
    """

    error: Any
    team_title: str
    team: dict[str, Any]
    checks_title: str
    checks: dict[str, Any]
    overview_title: str
    overview: LiveSection | None
    measures_title: str
    measures: LiveSection | None

    def as_outputs(self) -> tuple[Any, ...]:
        """Everything drawn, the lazy sections whole (for benchmarks and checks)."""
        return (
            self.error,
            self.team_title,
            self.team,
            self.checks_title,
            self.checks,
            self.overview_title,
            None if self.overview is None else self.overview.filled(),
            self.measures_title,
            None if self.measures is None else self.measures.filled(),
        )


def _empty(lang: Lang, error: Any) -> PanelContent:
    nothing = html.P(t("panels.no_map", lang), className="panel-empty")
    return PanelContent(
        error=error,
        team_title=t("panels.title.team", lang),
        team={MESSAGE: nothing},
        checks_title=t("panels.title.checks", lang),
        checks={MESSAGE: nothing},
        overview_title=t("panels.title.overview", lang),
        overview=LiveSection([nothing]),
        measures_title=t("panels.title.measures", lang),
        measures=LiveSection([nothing]),
    )


def render_error(message: str, lang: Lang) -> PanelContent:
    """Empty panels under one error message (shown as plain text)."""
    return _empty(lang, html.P(message, className="panel-error-text"))


def render_panels(
    network_map: NetworkMap | None,
    lang: Lang,
    sort: OverviewSort,
    *,
    as_of: date | None = None,
    opened: frozenset[str] = ALL_SECTIONS,
) -> PanelContent:
    """Every panel for ``network_map`` as analysed on ``as_of``; empty without a map."""
    if network_map is None:
        return _empty(lang, None)
    return render_analysis(PanelAnalysis.of(network_map, as_of), lang, sort, opened)


def render_analysis(
    panel_analysis: PanelAnalysis,
    lang: Lang,
    sort: OverviewSort,
    opened: frozenset[str] = ALL_SECTIONS,
) -> PanelContent:
    """Every panel for one analysis result (pure: no store, no clock).

    The :data:`LAZY_SECTIONS` not in ``opened`` are ``None``: they are
    built when the user opens them (and the measures made only then).
    """
    analysis = panel_analysis.core
    rows = analysis.overview
    names = {row.id: row.name for row in rows}
    names[analysis.patient_id] = analysis.patient_name
    return PanelContent(
        error=None,
        team_title=t("panels.title.team", lang),
        team=build_team(analysis.groups, analysis.invite, rows, analysis.patient_name, lang),
        checks_title=checks_title(analysis.findings, lang),
        checks=build_checks(analysis.findings, names, lang),
        overview_title=t("panels.title.overview", lang),
        overview=build_overview(rows, sort, lang) if "overview" in opened else None,
        measures_title=t("panels.title.measures", lang),
        measures=(
            build_measures(
                panel_analysis.measures(),
                lang,
                composition_figure([(row.sector, row.band) for row in rows], lang),
                names,
            )
            if "measures" in opened
            else None
        ),
    )
