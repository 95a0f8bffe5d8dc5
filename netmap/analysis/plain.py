"""The measures in plain words: what the patient understands first, the
technical figures after, in one details line for the professional.

Each *topic* is one question a patient can follow ("Kender dine personer
hinanden?") answered in one or two sentences from the measures, naming persons
where that helps ("Du er bindeled mellem …"), followed by the measures it rests
on with their technical names (Blau, IQV, Burt's effective size, constraint,
density) and values. Every measure of :data:`MEASURE_KEYS` belongs to exactly
one topic, so the details lines together show them all. ``netmap analyse`` and
the app's measures panel show the same lines.

The words "mange / nogle / få" for the density are a reading of the number
for plain speech (half or more of all pairs / a fifth or more / fewer), not a
published cut-off; the number itself is in the details line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from babel.lists import format_list

from netmap.analysis.measures import MEASURE_KEYS, Measures, measure_name
from netmap.i18n import DEFAULT_LANG, Lang, format_number, t, tn
from netmap.model import Band, Sector, StrictModel

__all__ = [
    "TOPICS",
    "TOPIC_MEASURES",
    "PlainLine",
    "measure_value",
    "plain_lines",
]

#: The measures each topic rests on, in the order they are shown.
TOPIC_MEASURES: dict[str, tuple[str, ...]] = {
    "size": ("size", "by_sector", "professional_share"),
    "spread": ("sectors_used", "sector_blau", "sector_iqv"),
    "close": ("by_band", "close_private", "close_professional"),
    "know_each_other": ("ties", "density", "effective_size", "efficiency", "constraint"),
    "bridge": ("components", "isolates", "ego_betweenness"),
    "professionals": ("cross_sector_density", "sector_ties"),
}
TOPICS: tuple[str, ...] = tuple(TOPIC_MEASURES)

#: How many names a sentence lists before it says "and N others".
NAMES_SHOWN = 3

_PRIVATE = (Sector.FAMILY, Sector.KIN, Sector.LEISURE)
_MANY, _SOME = 0.5, 0.2

assert sorted(k for keys in TOPIC_MEASURES.values() for k in keys) == sorted(MEASURE_KEYS)


class PlainLine(StrictModel):
    """One topic: the plain sentence(s) and the technical details line."""

    topic: str
    text: str
    details: str


def _number(value: float | None, lang: Lang, digits: int = 2) -> str:
    if value is None:
        return t("analysis.report.not_defined", lang)
    return format_number(value, lang, digits)


def measure_value(key: str, measures: Measures, lang: Lang = DEFAULT_LANG) -> str:
    """One measure's value as short text, for a details line.

    >>> from netmap.analysis.measures import ego_measures
    >>> from netmap.model import NetworkMap, Patient, Person
    >>> m = ego_measures(NetworkMap(patient=Patient(name="P"), persons=[
    ...     Person(id="a", name="A", sector="kin", distance=0.2),
    ...     Person(id="b", name="B", sector="professional", distance=0.5)]))
    >>> measure_value("professional_share", m, "da"), measure_value("density", m, "en")
    ('50 %', '0.00')
    """
    value = getattr(measures, key)
    if key == "by_sector":
        return ", ".join(f"{t(f'sector.{s.value}', lang)} {n}" for s, n in value.items())
    if key == "by_band":
        return ", ".join(f"{t(f'band.{b.value}', lang)} {n}" for b, n in value.items())
    if key == "sector_ties":
        shown = [
            t(
                "analysis.report.sector_pair",
                lang,
                a=t(f"sector.{row.a.value}", lang),
                b=t(f"sector.{row.b.value}", lang),
                ties=row.ties,
                possible=row.possible,
            )
            for row in value
            # Between sectors only; pairs without lines only where professionals
            # are involved (the question "do the professionals know the family?").
            if row.a is not row.b and (row.ties or Sector.PROFESSIONAL in (row.a, row.b))
        ]
        return "; ".join(shown) if shown else t("analysis.report.not_defined", lang)
    if key == "professional_share":
        if value is None:
            return _number(None, lang)
        return _number(100 * value, lang, 0) + " %"
    if key == "ego_betweenness":
        return _number(value, lang, 1)
    if isinstance(value, float) or value is None:
        return _number(value, lang)
    return str(value)


def _details(topic: str, measures: Measures, lang: Lang) -> str:
    return " · ".join(
        f"{measure_name(key, lang)}: {measure_value(key, measures, lang)}"
        for key in TOPIC_MEASURES[topic]
    )


def _some_names(ids: Sequence[str], names: Mapping[str, str], lang: Lang) -> str:
    """Up to :data:`NAMES_SHOWN` names, then "and N others", as a list of ``lang``."""
    shown = [names.get(i, i) for i in ids[:NAMES_SHOWN]]
    hidden = len(ids) - len(shown)
    if hidden == 1:
        shown.append(names.get(ids[-1], ids[-1]))
    elif hidden:
        shown.append(tn("analysis.plain.others", hidden, lang))
    return format_list(shown, locale=lang)


def _size(m: Measures, lang: Lang) -> str:
    if m.size == 0:
        return t("analysis.plain.size_none", lang)
    professionals = m.by_sector[Sector.PROFESSIONAL]
    if m.size == 1:
        return tn("analysis.plain.size", 1, lang)
    if professionals == 0:
        tail = t("analysis.plain.size_no_professionals", lang)
    elif professionals == m.size:
        tail = t("analysis.plain.size_all_professionals", lang)
    else:
        tail = tn("analysis.plain.size_professionals", professionals, lang)
    return f"{tn('analysis.plain.size', m.size, lang)} {tail}"


def _spread(m: Measures, lang: Lang) -> str:
    if m.size < 2:
        return ""
    if m.sectors_used == len(Sector):
        return t("analysis.plain.spread_all", lang)
    if m.sectors_used == 1:
        (only,) = (s for s, n in m.by_sector.items() if n)
        return t("analysis.plain.spread_one", lang, sector=t(f"sector.{only.value}", lang))
    missing = [t(f"sector.{s.value}", lang) for s, n in m.by_sector.items() if not n]
    used = tn("analysis.plain.spread_some", m.sectors_used, lang)
    empty = tn(
        "analysis.plain.spread_missing",
        len(missing),
        lang,
        sectors=format_list(missing, locale=lang),
    )
    return f"{used} {empty}"


def _close(m: Measures, lang: Lang) -> str:
    if m.size == 0:
        return ""
    close = m.by_band[Band.CLOSE]
    if close == 0:
        return t("analysis.plain.close_none", lang)
    return tn("analysis.plain.close", close, lang)


def _know_each_other(m: Measures, lang: Lang) -> str:
    if m.density is None:
        return ""
    if m.ties == 0:
        return t("analysis.plain.know_none", lang)
    if m.density >= _MANY:
        return t("analysis.plain.know_many", lang)
    if m.density >= _SOME:
        return t("analysis.plain.know_some", lang)
    return t("analysis.plain.know_few", lang)


def _bridge(m: Measures, names: Mapping[str, str], lang: Lang) -> str:
    if m.size < 2:
        return ""
    if m.ties == 0:
        return t("analysis.plain.bridge_only_you", lang)
    groups = [ids for ids in m.component_ids if len(ids) > 1]
    if len(groups) == 1 and not m.isolates:
        first = t("analysis.plain.bridge_all", lang)
    elif len(groups) == 1:
        together = _some_names(groups[0], names, lang)
        first = t("analysis.plain.bridge_one_group", lang, names=together)
    else:
        listed = "; ".join(_some_names(ids, names, lang) for ids in groups)
        first = tn("analysis.plain.bridge_groups", len(groups), lang, groups=listed)
    if not m.isolates:
        return first
    alone_names = _some_names(m.isolate_ids, names, lang)
    alone = tn("analysis.plain.bridge_alone", m.isolates, lang, names=alone_names)
    return f"{first} {alone}"


def _professionals(m: Measures, lang: Lang) -> str:
    if not m.by_sector[Sector.PROFESSIONAL] or not any(m.by_sector[s] for s in _PRIVATE):
        return ""
    ties = sum(
        row.ties
        for row in m.sector_ties
        if Sector.PROFESSIONAL in (row.a, row.b) and (row.a in _PRIVATE or row.b in _PRIVATE)
    )
    if ties == 0:
        return t("analysis.plain.professionals_none", lang)
    return tn("analysis.plain.professionals", ties, lang)


def plain_lines(
    measures: Measures, names: Mapping[str, str] | None = None, lang: Lang = DEFAULT_LANG
) -> list[PlainLine]:
    """One line per topic of :data:`TOPICS`, in order; a topic that says
    nothing for this map (e.g. who knows whom on a one-person map) has empty
    ``text`` and ``details``. ``names`` maps person ids to names.

    >>> from netmap.analysis.measures import ego_measures
    >>> from netmap.model import NetworkMap, Patient, Person, Tie
    >>> m = ego_measures(NetworkMap(patient=Patient(name="P"), persons=[
    ...     Person(id="mor", name="Mor", sector="family", distance=0.2),
    ...     Person(id="far", name="Far", sector="family", distance=0.2),
    ...     Person(id="bo", name="Bo", sector="leisure", distance=0.8),
    ...     Person(id="ib", name="Ib", sector="leisure", distance=0.8)],
    ...     ties=[Tie(a="mor", b="far"), Tie(a="bo", b="ib")]))
    >>> lines = plain_lines(m, {"mor": "Mor", "far": "Far", "bo": "Bo", "ib": "Ib"}, "da")
    >>> lines[4].text
    'Du er bindeled mellem 2 grupper, som kun hænger sammen gennem dig: Mor og Far; Bo og Ib.'
    >>> lines[3].text, lines[3].details.split(" · ")[1]
    ('Nogle af dine personer kender hinanden.', 'Tæthed (density): 0,33')
    """
    names = names or {}
    texts = {
        "size": _size(measures, lang),
        "spread": _spread(measures, lang),
        "close": _close(measures, lang),
        "know_each_other": _know_each_other(measures, lang),
        "bridge": _bridge(measures, names, lang),
        "professionals": _professionals(measures, lang),
    }
    return [
        PlainLine(
            topic=topic,
            text=texts[topic],
            details=_details(topic, measures, lang) if texts[topic] else "",
        )
        for topic in TOPICS
    ]
