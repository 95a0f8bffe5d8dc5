"""A :class:`~netmap.analysis.diff.MapDiff` in plain words, one line per kind of change.

What ``netmap diff`` prints: the pair reads it together before the meeting,
so it says "rykket tættere på" and "nu med i Patientens team", not field
names. Every text comes from the catalogue (``diff.*``).
"""

from __future__ import annotations

from netmap.analysis.diff import AnswerChange, MapDiff, Move
from netmap.i18n import DEFAULT_LANG, Lang, catalogue, t

__all__ = ["describe_diff"]


def _name(d: MapDiff, person_id: str) -> str:
    return d.names.get(person_id, person_id)


def _band(value: str, lang: Lang) -> str:
    return t(f"band.{value}", lang).lower()


def _move(d: MapDiff, move: Move, lang: Lang) -> str:
    if move.from_band is move.to_band:
        where = t("diff.same_band", lang, band=_band(move.to_band.value, lang))
    else:
        where = f"{_band(move.from_band.value, lang)} → {_band(move.to_band.value, lang)}"
    return f"{_name(d, move.id)} ({where})"


def _answer(value: str, lang: Lang) -> str:
    return t("diff.answer.unknown" if value == "unknown" else f"attendance.{value}", lang).lower()


def _answer_text(d: MapDiff, change: AnswerChange, lang: Lang) -> str:
    question = t(f"field.{change.question}", lang)
    return (
        f"{_name(d, change.id)} – {question}: "
        f"{_answer(change.from_, lang)} → {_answer(change.to, lang)}"
    )


def _field(field: str, lang: Lang) -> str:
    return catalogue(lang).get(f"field.{field}", field)


def describe_diff(d: MapDiff, lang: Lang = DEFAULT_LANG) -> list[str]:
    """One line per kind of change, in the order a meeting goes through them.

    >>> from netmap.analysis.diff import MapDiff
    >>> describe_diff(MapDiff(persons_added=["a"], names={"a": "Anna"}), "en")
    ['New on the map: Anna']
    >>> describe_diff(MapDiff(), "da")
    ['Ingen ændringer.']
    """

    def names(ids: list[str]) -> str:
        return ", ".join(_name(d, i) for i in ids)

    closer = [m for m in d.moved if m.to_distance < m.from_distance]
    further = [m for m in d.moved if m.to_distance > m.from_distance]
    lines: list[tuple[str, str]] = [
        ("diff.added", names(d.persons_added)),
        ("diff.removed", names(d.persons_removed)),
        ("diff.closer", ", ".join(_move(d, m, lang) for m in closer)),
        ("diff.further", ", ".join(_move(d, m, lang) for m in further)),
        (
            "diff.sector",
            ", ".join(
                f"{_name(d, c.id)} ({t(f'sector.{c.from_.value}', lang)} → "
                f"{t(f'sector.{c.to.value}', lang)})"
                for c in d.sector_changed
            ),
        ),
        (
            "diff.details",
            ", ".join(
                f"{_name(d, c.id)} ({', '.join(_field(f, lang) for f in c.fields)})"
                for c in d.details_changed
            ),
        ),
        ("diff.answers", "; ".join(_answer_text(d, c, lang) for c in d.answers_changed)),
        ("diff.ties_added", ", ".join(f"{_name(d, a)} – {_name(d, b)}" for a, b in d.ties_added)),
        (
            "diff.ties_removed",
            ", ".join(f"{_name(d, a)} – {_name(d, b)}" for a, b in d.ties_removed),
        ),
        ("diff.team_joined", names(d.team_joined)),
        ("diff.team_left", names(d.team_left)),
        ("diff.ad_hoc_joined", names(d.ad_hoc_joined)),
        ("diff.ad_hoc_left", names(d.ad_hoc_left)),
        ("diff.private_joined", names(d.private_joined)),
        ("diff.private_left", names(d.private_left)),
    ]
    text = [t(key, lang, items=items) for key, items in lines if items]
    text += [t("diff.check_appeared", lang, message=f.message(lang)) for f in d.findings_appeared]
    text += [t("diff.check_resolved", lang, message=f.message(lang)) for f in d.findings_resolved]
    return text or [t("diff.none", lang)]
