"""The trend charts' text alternatives: one sentence and one table per chart.

A screen reader cannot read a chart; the sentence says where the trend went
from the first meeting to the latest, and the table holds every number the
chart draws. Texts from the catalogue (``trends.*``), numbers and dates in
the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from netmap.analysis.trends import TrendPoint
from netmap.i18n import DEFAULT_LANG, Lang, format_date, format_number, format_percent, t
from netmap.model import Sector

__all__ = ["METRICS", "Metric", "metric_values", "trend_sentence", "trend_table"]

Metric = Literal["sectors", "close", "professional_share", "team_size"]
#: The charts, in the order they are shown.
METRICS: tuple[Metric, ...] = ("sectors", "close", "professional_share", "team_size")


def metric_values(point: TrendPoint, metric: Metric) -> list[float | None]:
    """The numbers one chart draws for one meeting (one per sector, or one)."""
    if metric == "sectors":
        return [float(point.by_sector.get(sector, 0)) for sector in Sector]
    if metric == "close":
        return [float(point.close)]
    if metric == "team_size":
        return [float(point.team_size)]
    share = point.professional_share
    return [None if share is None else share * 100]


def _value(value: float | None, metric: Metric, lang: Lang) -> str:
    if value is None:
        return "–"
    if metric == "professional_share":
        return format_percent(value / 100, lang)
    return format_number(value, lang)


def trend_table(
    points: Sequence[TrendPoint], metric: Metric, lang: Lang = DEFAULT_LANG
) -> tuple[list[str], list[list[str]]]:
    """The chart as a table: headings, then one row per meeting.

    >>> from netmap.analysis.trends import TrendPoint
    >>> import datetime as dt
    >>> p = TrendPoint(meeting_id="m1", date=dt.date(2026, 3, 2), version=4, persons=2,
    ...     by_sector={}, close=1, professional_share=0.5, team_size=1)
    >>> trend_table([p], "professional_share", "en")
    (['Meeting', 'Share of professionals'], [['Mar 2, 2026', '50%']])
    """
    if metric == "sectors":
        headings = [t(f"sector.{sector.value}", lang) for sector in Sector]
    else:
        headings = [t(f"trends.metric.{metric}", lang)]
    rows = [
        [format_date(p.date, lang), *(_value(v, metric, lang) for v in metric_values(p, metric))]
        for p in points
    ]
    return [t("trends.meeting", lang), *headings], rows


def trend_sentence(points: Sequence[TrendPoint], metric: Metric, lang: Lang = DEFAULT_LANG) -> str:
    """One sentence: the first meeting's value and the latest's.

    >>> from netmap.analysis.trends import TrendPoint
    >>> import datetime as dt
    >>> def p(day, close):
    ...     return TrendPoint(meeting_id=f"m{day}", date=dt.date(2026, 3, day), version=day,
    ...         persons=5, by_sector={}, close=close, professional_share=None, team_size=0)
    >>> trend_sentence([p(2, 3), p(9, 5)], "team_size", "da")
    'Personer i Patientens team: 0 ved første møde (02.03.2026), 0 ved seneste (09.03.2026).'
    >>> trend_sentence([], "close", "da")
    'Der er ingen møder med en version af kortet endnu.'
    """
    if not points:
        return t("trends.no_points", lang)
    first, last = points[0], points[-1]
    if metric == "sectors":
        changes = ", ".join(
            f"{t(f'sector.{sector.value}', lang)} "
            f"{_value(first.by_sector.get(sector, 0), metric, lang)} → "
            f"{_value(last.by_sector.get(sector, 0), metric, lang)}"
            for sector in Sector
        )
        return t(
            "trends.sentence_sectors",
            lang,
            count=len(points),
            first=format_date(first.date, lang),
            last=format_date(last.date, lang),
            changes=changes,
        )
    name = t(f"trends.metric.{metric}", lang)
    start = _value(metric_values(first, metric)[0], metric, lang)
    if len(points) == 1:
        return t(
            "trends.sentence_one",
            lang,
            metric=name,
            value=start,
            date=format_date(first.date, lang),
        )
    return t(
        "trends.sentence",
        lang,
        metric=name,
        first=start,
        first_date=format_date(first.date, lang),
        last=_value(metric_values(last, metric)[0], metric, lang),
        last_date=format_date(last.date, lang),
    )
