"""What changed between two versions of a map, in structure and in plain words.

Persons are matched by their stable ``id``: the same id with a new name is a
rename, not a removal and an addition. The store keeps the structured
:class:`ChangeSummary` with every version, so the history can be shown in
Danish or English; :meth:`ChangeSummary.describe` gives one short sentence a
patient can follow, e.g. "2 personer tilføjet (Anna, Erik), 1 flyttet (Mor: tæt
på → midt imellem), 1 streg fjernet (Anna – Erik)".
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from netmap.i18n import DEFAULT_LANG, Lang, format_date, sort_key, t, tn
from netmap.model import Attendance, Band, NetworkMap, Person, Sector, StrictModel, band_of

__all__ = [
    "AnswerChanged",
    "AnswerValue",
    "ChangeSummary",
    "DateChange",
    "DetailsChanged",
    "MeetingChanged",
    "Moved",
    "PersonRef",
    "Question",
    "Renamed",
    "TieRef",
    "describe_changes",
]

#: At most this many names are listed after a count; the rest become "+N more".
MAX_NAMES_SHOWN = 3

Question = Literal["knows_how_i_am", "can_help", "attends_meetings"]
#: An answer as shown: yes/no, not decided (question 4) or not asked (questions 2-3).
AnswerValue = Literal["yes", "no", "undecided", "unknown"]

_QUESTIONS: tuple[Question, ...] = ("knows_how_i_am", "can_help", "attends_meetings")
#: Person fields that are neither identity, placement nor an answer to a question.
_DETAIL_FIELDS = (
    "role",
    "organisation",
    "care_sector",
    "phone",
    "email",
    "helps_with",
    "team_roles",
    "primary_contact",
    "share_with_team",
)


class PersonRef(StrictModel):
    """A person named in a change."""

    id: str
    name: str


class Renamed(StrictModel):
    """The same person (same id) under a new name."""

    id: str
    old_name: str
    new_name: str


class Moved(StrictModel):
    """A person placed elsewhere: another sector, distance or angle."""

    id: str
    name: str
    old_sector: Sector
    new_sector: Sector
    old_distance: float
    new_distance: float
    old_angle: float | None = None
    new_angle: float | None = None

    @property
    def old_band(self) -> Band:
        return band_of(self.old_distance)

    @property
    def new_band(self) -> Band:
        return band_of(self.new_distance)


class AnswerChanged(StrictModel):
    """A new answer to one of the guiding questions 2-4 about a person."""

    id: str
    name: str
    question: Question
    old: AnswerValue
    new: AnswerValue


class DetailsChanged(StrictModel):
    """Other facts about a person changed (role, contact details, team roles …)."""

    id: str
    name: str
    fields: tuple[str, ...]


class TieRef(StrictModel):
    """A tie, with the names of its two ends as they were when it was drawn or removed."""

    a: str
    b: str
    a_name: str
    b_name: str


class DateChange(StrictModel):
    """A date set, changed or cleared."""

    old: date | None = None
    new: date | None = None


#: What happened to a meeting between two versions.
MeetingChange = Literal["added", "removed", "planned", "prepared", "recorded", "agreements"]


class MeetingChanged(StrictModel):
    """A meeting added, removed, re-planned, prepared, recorded, or its agreements changed."""

    id: str
    date: date
    changes: tuple[MeetingChange, ...]


class ChangeSummary(StrictModel):
    """Everything that changed from one version of a map to the next."""

    created: bool = Field(default=False, description="The first version: nothing before it.")
    person_count: int = Field(default=0, ge=0, description="Persons on the new map.")
    tie_count: int = Field(default=0, ge=0, description="Ties on the new map.")
    added: list[PersonRef] = Field(default_factory=list)
    removed: list[PersonRef] = Field(default_factory=list)
    renamed: list[Renamed] = Field(default_factory=list)
    moved: list[Moved] = Field(default_factory=list)
    answers: list[AnswerChanged] = Field(default_factory=list)
    details: list[DetailsChanged] = Field(default_factory=list)
    ties_added: list[TieRef] = Field(default_factory=list)
    ties_removed: list[TieRef] = Field(default_factory=list)
    patient_renamed: bool = False
    cpr_changed: bool = False
    consent: DateChange | None = Field(
        default=None, description="The day consent was given: set, renewed or cleared."
    )
    map_date: DateChange | None = None
    meetings: list[MeetingChanged] = Field(default_factory=list)
    consent_withdrawn: DateChange | None = Field(
        default=None, description="The day consent was withdrawn: set or cleared."
    )
    consent_recorded_by: bool = Field(
        default=False, description="Only who recorded the consent changed."
    )

    @property
    def changes_the_map(self) -> bool:
        """More changed than the meetings: persons, ties, the patient, the dates.

        >>> ChangeSummary(meetings=[MeetingChanged(id="m1", date=date(2026, 1, 5),
        ...               changes=("added",))]).changes_the_map
        False
        """
        return self.created or not self.model_copy(update={"meetings": []}).is_empty

    @property
    def is_empty(self) -> bool:
        """Nothing changed (a first version is never empty)."""
        return not self.created and self == ChangeSummary(
            person_count=self.person_count, tie_count=self.tie_count
        )

    def notice(self, lang: Lang = DEFAULT_LANG) -> str:
        """The sentence shown right after one edit: what that one change did.

        A change of one kind about one person or tie is named ("Mor er
        flyttet: Familie, Midt imellem."); anything else is "Gemt.".

        >>> ChangeSummary(added=[PersonRef(id="x", name="Erik")]).notice("en")
        'Erik has been added.'
        >>> ChangeSummary().notice("da")
        'Gemt.'
        """
        return _notice(self, lang)

    def describe(self, lang: Lang = DEFAULT_LANG) -> str:
        """One short sentence in plain words.

        >>> ChangeSummary(removed=[PersonRef(id="x", name="Erik")]).describe("da")
        '1 person fjernet (Erik)'
        >>> ChangeSummary().describe("en")
        'No changes'
        """
        parts = _parts(self, lang)
        if not parts:
            return t("changes.none", lang)
        sentence = ", ".join(parts)
        return sentence[0].upper() + sentence[1:]


def describe_changes(old: NetworkMap | None, new: NetworkMap) -> ChangeSummary:
    """What changed from ``old`` to ``new`` (``old=None``: the map was just created).

    Examples
    --------
    >>> from netmap.model import Patient, Person
    >>> before = NetworkMap(patient=Patient(name="Testa"), persons=[
    ...     Person(id="m", name="Mor", sector="family", distance=0.2)])
    >>> after = NetworkMap(patient=Patient(name="Testa"), persons=[
    ...     Person(id="m", name="Mor", sector="family", distance=0.5),
    ...     Person(id="a", name="Anna", sector="leisure", distance=0.9)])
    >>> describe_changes(before, after).describe("da")
    '1 person tilføjet (Anna), 1 flyttet (Mor: tæt på → midt imellem)'
    """
    if old is None:
        return ChangeSummary(created=True, person_count=len(new.persons), tie_count=len(new.ties))
    old_persons = {p.id: p for p in old.persons}
    new_persons = {p.id: p for p in new.persons}
    summary = ChangeSummary(
        person_count=len(new.persons),
        tie_count=len(new.ties),
        added=[_ref(p) for p in new.persons if p.id not in old_persons],
        removed=[_ref(p) for p in old.persons if p.id not in new_persons],
        patient_renamed=old.patient.name != new.patient.name,
        cpr_changed=old.patient.cpr != new.patient.cpr,
        consent=_date_change(old.consent_given_on, new.consent_given_on),
        map_date=_date_change(old.map_date, new.map_date),
        consent_withdrawn=_date_change(_withdrawn_on(old), _withdrawn_on(new)),
        consent_recorded_by=_recorded_by_only(old, new),
    )
    if old.meetings != new.meetings:
        summary.meetings = _meeting_changes(old, new)
    for person in new.persons:
        before = old_persons.get(person.id)
        # Persons are frozen values, so an edit shares every untouched one.
        if before is not None and before is not person:
            _compare_person(before, person, summary)
    if old.ties == new.ties:
        # Ties are frozen and an edit that leaves them alone shares them all.
        return summary
    old_ties = {(tie.a, tie.b) for tie in old.ties}
    new_ties = {(tie.a, tie.b) for tie in new.ties}
    summary.ties_added = [
        _tie_ref((tie.a, tie.b), new_persons) for tie in new.ties if (tie.a, tie.b) not in old_ties
    ]
    summary.ties_removed = [
        _tie_ref((tie.a, tie.b), old_persons) for tie in old.ties if (tie.a, tie.b) not in new_ties
    ]
    return summary


_PLAN_FIELDS = ("date", "time", "meeting_kind", "place", "purpose")
_OUTCOME_FIELDS = ("held", "attended", "apologies", "appointed", "next_meeting")


def _meeting_changes(old: NetworkMap, new: NetworkMap) -> list[MeetingChanged]:
    before = {m.id: m for m in old.meetings}
    after = {m.id: m for m in new.meetings}
    found = [
        MeetingChanged(id=m.id, date=m.date, changes=("removed",))
        for m in old.meetings
        if m.id not in after
    ]
    for meeting in new.meetings:
        was = before.get(meeting.id)
        if was is None:
            found.append(MeetingChanged(id=meeting.id, date=meeting.date, changes=("added",)))
            continue
        if was == meeting:
            continue
        changes: list[MeetingChange] = []
        if any(getattr(was, f) != getattr(meeting, f) for f in _PLAN_FIELDS):
            changes.append("planned")
        if was.prepared_with != meeting.prepared_with:
            changes.append("prepared")
        if any(getattr(was, f) != getattr(meeting, f) for f in _OUTCOME_FIELDS):
            changes.append("recorded")
        if was.agreements != meeting.agreements:
            changes.append("agreements")
        found.append(MeetingChanged(id=meeting.id, date=meeting.date, changes=tuple(changes)))
    return found


def _withdrawn_on(network_map: NetworkMap) -> date | None:
    return None if network_map.consent is None else network_map.consent.withdrawn_on


def _recorded_by_only(old: NetworkMap, new: NetworkMap) -> bool:
    if old.consent is None or new.consent is None:
        return False
    return (
        old.consent.given_on == new.consent.given_on
        and old.consent.recorded_by != new.consent.recorded_by
    )


def _ref(person: Person) -> PersonRef:
    return PersonRef(id=person.id, name=person.name)


def _tie_ref(ends: tuple[str, str], persons: dict[str, Person]) -> TieRef:
    a, b = ends
    return TieRef(a=a, b=b, a_name=persons[a].name, b_name=persons[b].name)


def _date_change(old: date | None, new: date | None) -> DateChange | None:
    return None if old == new else DateChange(old=old, new=new)


def _answer(value: bool | Attendance | None) -> AnswerValue:
    if value is None:
        return "unknown"
    if isinstance(value, Attendance):
        return value.value
    return "yes" if value else "no"


def _compare_person(before: Person, after: Person, summary: ChangeSummary) -> None:
    if before.name != after.name:
        summary.renamed.append(Renamed(id=after.id, old_name=before.name, new_name=after.name))
    if (before.sector, before.distance, before.angle) != (
        after.sector,
        after.distance,
        after.angle,
    ):
        summary.moved.append(
            Moved(
                id=after.id,
                name=after.name,
                old_sector=before.sector,
                new_sector=after.sector,
                old_distance=before.distance,
                new_distance=after.distance,
                old_angle=before.angle,
                new_angle=after.angle,
            )
        )
    for question in _QUESTIONS:
        old_answer = _answer(getattr(before, question))
        new_answer = _answer(getattr(after, question))
        if old_answer != new_answer:
            summary.answers.append(
                AnswerChanged(
                    id=after.id, name=after.name, question=question, old=old_answer, new=new_answer
                )
            )
    changed = tuple(f for f in _DETAIL_FIELDS if getattr(before, f) != getattr(after, f))
    if changed:
        summary.details.append(DetailsChanged(id=after.id, name=after.name, fields=changed))


# --- plain words -------------------------------------------------------------


def _counted(key: str, count: int, lang: Lang, **params: str) -> str:
    return tn(key, count, lang, **params)


def _names(items: list[str], lang: Lang) -> str:
    # In the dictionary order of ``lang``; the first few, then how many more.
    items = sorted(items, key=lambda item: sort_key(item, lang))
    shown = ", ".join(items[:MAX_NAMES_SHOWN])
    hidden = len(items) - MAX_NAMES_SHOWN
    if hidden > 0:
        shown = f"{shown} {t('changes.and_more', lang, count=hidden)}"
    return shown


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _band(band: Band, lang: Lang) -> str:
    return t(f"band.{band.value}", lang).lower()


def _move_text(move: Moved, lang: Lang) -> str:
    sector_changed = move.old_sector != move.new_sector
    band_changed = move.old_band != move.new_band
    if sector_changed and band_changed:
        old = f"{t(f'sector.{move.old_sector.value}', lang)}, {_band(move.old_band, lang)}"
        new = f"{t(f'sector.{move.new_sector.value}', lang)}, {_band(move.new_band, lang)}"
    elif sector_changed:
        old = t(f"sector.{move.old_sector.value}", lang)
        new = t(f"sector.{move.new_sector.value}", lang)
    elif band_changed:
        old, new = _band(move.old_band, lang), _band(move.new_band, lang)
    else:
        return move.name
    return f"{move.name}: {old} → {new}"


def _date_text(change: DateChange, key: str, lang: Lang) -> str:
    if change.new is None:
        return t(f"{key}.cleared", lang)
    return t(f"{key}.set", lang, date=format_date(change.new, lang))


def _consent_texts(summary: ChangeSummary, lang: Lang) -> list[str]:
    given, withdrawn = summary.consent, summary.consent_withdrawn
    if withdrawn is not None and withdrawn.new is not None:
        return [t("changes.consent.withdrawn", lang, date=format_date(withdrawn.new, lang))]
    # A withdrawal cleared: a new consent after it, not a renewal.
    anew = withdrawn is not None
    if given is not None:
        if given.old is not None and given.new is not None and not anew:
            return [t("changes.consent.renewed", lang, date=format_date(given.new, lang))]
        return [_date_text(given, "changes.consent", lang)]
    if anew:
        return [t("changes.consent.given_again", lang)]
    if summary.consent_recorded_by:
        return [t("changes.consent.recorded_by", lang)]
    return []


def _tie_text(tie: TieRef) -> str:
    return f"{tie.a_name} – {tie.b_name}"


#: The question number (DOMAIN.md, guiding questions 2-4) of each answer field.
_QUESTION_NUMBER: dict[Question, int] = {"knows_how_i_am": 2, "can_help": 3, "attends_meetings": 4}


def _answer_notice(answer: AnswerChanged, lang: Lang) -> str:
    number = _QUESTION_NUMBER[answer.question]
    label = t(f"app.q.answer_{answer.new}", lang)
    question = t(f"question.{number}", lang)
    return t("app.answered", lang, name=answer.name, answer=f"{question} {label}")


def _notice(summary: ChangeSummary, lang: Lang) -> str:
    # Removing a person takes their ties too: the person is what was done.
    if len(summary.added) == 1:
        return t("app.added", lang, name=summary.added[0].name)
    if len(summary.removed) == 1:
        return t("app.removed", lang, name=summary.removed[0].name)
    ties = summary.ties_added + summary.ties_removed
    if len(ties) == 1:
        key = "app.tie_added" if summary.ties_added else "app.tie_removed"
        return t(key, lang, a=ties[0].a_name, b=ties[0].b_name)
    if len(summary.moved) == 1 and not (summary.answers or summary.details or summary.renamed):
        move = summary.moved[0]
        return t(
            "app.moved",
            lang,
            name=move.name,
            sector=t(f"sector.{move.new_sector.value}", lang),
            band=t(f"band.{move.new_band.value}", lang),
        )
    if len(summary.answers) == 1 and not (summary.moved or summary.details or summary.renamed):
        return _answer_notice(summary.answers[0], lang)
    return t("app.saved", lang)


def _parts(summary: ChangeSummary, lang: Lang) -> list[str]:
    parts: list[str] = []
    if summary.created:
        parts.append(
            t(
                "changes.created",
                lang,
                persons=_counted("changes.persons", summary.person_count, lang),
                ties=_counted("changes.ties", summary.tie_count, lang),
            )
        )
    if summary.patient_renamed:
        parts.append(t("changes.patient_renamed", lang))
    if summary.cpr_changed:
        parts.append(t("changes.cpr_changed", lang))
    listed: list[tuple[str, list[str]]] = [
        ("changes.added", [p.name for p in summary.added]),
        ("changes.removed", [p.name for p in summary.removed]),
        ("changes.renamed", [f"{r.old_name} → {r.new_name}" for r in summary.renamed]),
        ("changes.moved", [_move_text(m, lang) for m in summary.moved]),
        ("changes.ties_added", [_tie_text(tie) for tie in summary.ties_added]),
        ("changes.ties_removed", [_tie_text(tie) for tie in summary.ties_removed]),
    ]
    for key, names in listed:
        if names:
            parts.append(_counted(key, len(names), lang, names=_names(names, lang)))
    answered = _unique([a.name for a in summary.answers])
    if answered:
        parts.append(t("changes.answers", lang, names=_names(answered, lang)))
    detailed = _unique([d.name for d in summary.details])
    if detailed:
        parts.append(t("changes.details", lang, names=_names(detailed, lang)))
    parts += _consent_texts(summary, lang)
    if summary.map_date is not None:
        parts.append(_date_text(summary.map_date, "changes.map_date", lang))
    for meeting in summary.meetings:
        what = ", ".join(t(f"changes.meeting.{c}", lang) for c in meeting.changes)
        parts.append(t("changes.meeting", lang, date=format_date(meeting.date, lang), what=what))
    return parts
