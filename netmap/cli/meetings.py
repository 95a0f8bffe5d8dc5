"""Meeting commands: ``netmap meetings MAP`` and ``netmap meeting add|record|agreement|…``.

A thin layer over the meeting edits (:mod:`netmap.meeting_edits`): each
command loads the latest version, applies one edit and saves the result as a
new version, so every change to a meeting is in the history. A meeting is
named by its id (``m1``), its number (``1``) or its date (``2026-03-01``,
when only one meeting is on that day); a person by their id, the patient also
as ``patient``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from netmap.analysis.preparation import follow_ups, preparation_order
from netmap.cli import cli
from netmap.cli.common import common_options
from netmap.cli.language import help_text
from netmap.cli.map_ref import checked_author, resolve_map, stored_maps
from netmap.editing import EditOp, parse_edit
from netmap.errors import NetmapError
from netmap.i18n import (
    DEFAULT_LANG,
    LANGUAGES,
    Lang,
    format_date,
    format_datetime,
    sort_key,
    t,
)
from netmap.meeting_edits import APPOINTMENTS
from netmap.meetings import AgreementStatus, Meeting, MeetingKind, latest_held, meetings_in_order
from netmap.model import NetworkMap
from netmap.store import StoredMap

__all__ = ["meeting_group", "meetings_command", "parse_kind"]

#: What a social worker may type for the patient instead of the patient's id.
PATIENT_WORDS = frozenset({"patient", "patienten", "borger", "borgeren"})


class BadChoice(NetmapError):
    """A code that is none of the allowed ones; lists them with their labels."""

    def __init__(self, field: str, prefix: str, value: str, codes: list[str]) -> None:
        self.field, self.prefix, self.codes = field, prefix, codes
        super().__init__("meetings.cli.bad_choice", field=field, value=value, allowed="")

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        allowed = ", ".join(f"{c} ({t(f'{self.prefix}.{c}', lang)})" for c in self.codes)
        field = t(f"field.{self.field}", lang)
        return t(self.key, lang, **{**self.params, "field": field, "allowed": allowed})


def _choice(
    value: str, enum: type[MeetingKind] | type[AgreementStatus], prefix: str, field: str
) -> str:
    """A code typed as its code or its Danish or English label, in any case."""
    wanted = value.strip().casefold().replace(" ", "_")
    for member in enum:
        names = {member.value, *(t(f"{prefix}.{member.value}", lang) for lang in LANGUAGES)}
        if wanted in {n.casefold().replace(" ", "_") for n in names}:
            return member.value
    raise BadChoice(field, prefix, value, [m.value for m in enum])


def parse_kind(value: str) -> str:
    """``--kind`` as a meeting kind code.

    >>> parse_kind("Netværksmøde"), parse_kind("first_meeting")
    ('network_meeting', 'first_meeting')
    """
    return _choice(value, MeetingKind, "meeting_kind", "meeting_kind")


def _day_forms(day: dt.date) -> set[str]:
    return {day.isoformat(), *(format_date(day, lang) for lang in LANGUAGES)}


def _meeting_id(network_map: NetworkMap, ref: str) -> str:
    ref = ref.strip()
    ids = {m.id for m in network_map.meetings}
    if ref in ids:
        return ref
    if ref.isdigit() and f"m{ref}" in ids:
        return f"m{ref}"
    # A day as typed (2026-12-10) or as the messages show it (10.12.2026, Dec 10, 2026).
    on_day = [m.id for m in network_map.meetings if ref in _day_forms(m.date)]
    if len(on_day) == 1:
        return on_day[0]
    if len(on_day) > 1:
        raise NetmapError("meetings.cli.ambiguous_date", date=ref, ids=", ".join(on_day))
    return ref  # the edit says it is not found, listing the meetings there are


def _person_ids(network_map: NetworkMap, values: tuple[str, ...]) -> tuple[str, ...]:
    ids = {p.id for p in network_map.persons}
    found: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if part.casefold() in PATIENT_WORDS and part not in ids:
                part = network_map.patient.id
            found.append(part)
    return tuple(found)


def _op(kind: str, **fields: Any) -> EditOp:
    """An edit from the options given (those left out are not sent)."""
    return parse_edit({"kind": kind, **{k: v for k, v in fields.items() if v is not None}})


def _edit(
    db: Path | None,
    map_ref: str,
    author: str | None,
    make: Callable[[StoredMap], EditOp],
) -> tuple[StoredMap, StoredMap]:
    """Apply one edit to the latest version and save it; (before, saved)."""
    who = checked_author(author)
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        before = store.load(summary.map_id)
        changed = make(before).apply(before.map)
        saved = store.save(summary.map_id, changed, base_version=before.version, author=who)
    return before, saved


def _saved_line(before: StoredMap, saved: StoredMap, lang: Lang) -> str:
    if saved.version == before.version:
        return t("meetings.cli.unchanged", lang, version=saved.version)
    return t("meetings.cli.saved", lang, version=saved.version)


def _date(value: dt.date, lang: Lang) -> str:
    return format_date(value, lang)


def _name(network_map: NetworkMap, person_id: str, lang: Lang) -> str:
    if person_id == network_map.patient.id:
        return t("meetings.cli.patient", lang, name=network_map.patient.name)
    try:
        return network_map.person(person_id).name
    except KeyError:
        return person_id  # removed from the map since; the id is all there is


def _label(field: str, lang: Lang) -> str:
    text = t(f"field.{field}", lang)
    return text[:1].upper() + text[1:]


def _meeting_lines(network_map: NetworkMap, meeting: Meeting, lang: Lang) -> Iterator[str]:
    when = _date(meeting.date, lang)
    if meeting.time is not None:
        when = format_datetime(dt.datetime.combine(meeting.date, meeting.time), lang)
    kind = t(f"meeting_kind.{meeting.meeting_kind.value}", lang)
    state = t("meetings.cli.held" if meeting.held else "meetings.cli.planned", lang)
    yield f"{meeting.id}  {when}  {kind}  ({state})"
    if meeting.place:
        yield f"    {_label('place', lang)}: {meeting.place}"
    if meeting.purpose:
        yield f"    {_label('purpose', lang)}: {meeting.purpose}"
    if meeting.prepared_with is not None:
        yield "    " + t("meetings.cli.prepared_with", lang, version=meeting.prepared_with)
    for field in ("attended", "apologies"):
        ids = getattr(meeting, field)
        if ids:
            # The patient first, the others in the dictionary order of ``lang``.
            others = [_name(network_map, i, lang) for i in ids if i != network_map.patient.id]
            others.sort(key=lambda n: sort_key(n, lang))
            patient = [_name(network_map, i, lang) for i in ids if i == network_map.patient.id]
            shown = patient + others
            names = ", ".join(shown)
            yield f"    {_label(field, lang)}: {names}"
    for field in APPOINTMENTS:
        person_id = getattr(meeting.appointed, field)
        if person_id is not None:
            yield f"    {_label(field, lang)}: {_name(network_map, person_id, lang)}"
    for agreement in meeting.agreements:
        line = f"{agreement.id}: {_name(network_map, agreement.who, lang)} – {agreement.what}"
        if agreement.by is not None:
            line += f" ({t('field.by', lang)} {_date(agreement.by, lang)})"
        if agreement.follow_up is not None:
            line += f" [{t(f'agreement_status.{agreement.follow_up.value}', lang)}]"
        yield f"    {t('meetings.cli.agreement', lang)} {line}"
    if meeting.next_meeting is not None:
        yield f"    {_label('next_meeting', lang)}: {_date(meeting.next_meeting, lang)}"


# --- netmap meetings -----------------------------------------------------------


@cli.command(name="meetings", help=help_text("meetings.cli.meetings_help"))
@click.argument("map_ref", metavar="MAP")
@click.option("--json", "as_json", is_flag=True, help=help_text("meetings.cli.json_help"))
@common_options
def meetings_command(map_ref: str, as_json: bool, db: Path | None, lang: Lang) -> None:
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        stored = store.load(summary.map_id)
    meetings = meetings_in_order(stored.map.meetings)
    if as_json:
        report = {
            "map_id": stored.map_id,
            "version": stored.version,
            "meetings": [m.model_dump(mode="json") for m in meetings],
        }
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    click.echo(t("meetings.cli.header", lang, name=stored.map.patient.name, count=len(meetings)))
    for meeting in meetings:
        for line in _meeting_lines(stored.map, meeting, lang):
            click.echo(line)


# --- netmap meeting … ----------------------------------------------------------


@cli.group(name="meeting", help=help_text("meetings.cli.meeting_help"))
def meeting_group() -> None:
    pass


_author = click.option("--author", default=None, help=help_text("cli_maps.author_help"))


@meeting_group.command(name="add", help=help_text("meetings.cli.add_help"))
@click.argument("map_ref", metavar="MAP")
@click.option("--date", "on", required=True, metavar="YYYY-MM-DD", help=help_text("field.date"))
@click.option("--time", "at", default=None, metavar="HH:MM", help=help_text("field.time"))
@click.option("--kind", "kind", required=True, help=help_text("meetings.cli.kind_help"))
@click.option("--place", default=None, help=help_text("meetings.cli.place_help"))
@click.option("--purpose", default=None, help=help_text("field.purpose"))
@_author
@common_options
def add_command(
    map_ref: str,
    on: str,
    at: str | None,
    kind: str,
    place: str | None,
    purpose: str | None,
    author: str | None,
    db: Path | None,
    lang: Lang,
) -> None:
    op = _op(
        "add_meeting",
        date=on,
        time=at,
        meeting_kind=parse_kind(kind),
        place=place,
        purpose=purpose,
    )
    before, saved = _edit(db, map_ref, author, lambda _: op)
    added = [m for m in saved.map.meetings if m.id not in {b.id for b in before.map.meetings}]
    click.echo(_saved_line(before, saved, lang))
    for meeting in added:
        for line in _meeting_lines(saved.map, meeting, lang):
            click.echo(line)


@meeting_group.command(name="record", help=help_text("meetings.cli.record_help"))
@click.argument("map_ref", metavar="MAP")
@click.argument("meeting_ref", metavar="MEETING")
@click.option(
    "--attended", multiple=True, metavar="ID", help=help_text("meetings.cli.attended_help")
)
@click.option(
    "--apologies", multiple=True, metavar="ID", help=help_text("meetings.cli.apologies_help")
)
@click.option("--stafetholder-region", metavar="ID", help=help_text("field.stafetholder_region"))
@click.option(
    "--stafetholder-municipality", metavar="ID", help=help_text("field.stafetholder_municipality")
)
@click.option("--coordinator-region", metavar="ID", help=help_text("field.coordinator_region"))
@click.option(
    "--coordinator-municipality", metavar="ID", help=help_text("field.coordinator_municipality")
)
@click.option("--next", "next_meeting", metavar="YYYY-MM-DD", help=help_text("field.next_meeting"))
@_author
@common_options
def record_command(
    map_ref: str,
    meeting_ref: str,
    attended: tuple[str, ...],
    apologies: tuple[str, ...],
    stafetholder_region: str | None,
    stafetholder_municipality: str | None,
    coordinator_region: str | None,
    coordinator_municipality: str | None,
    next_meeting: str | None,
    author: str | None,
    db: Path | None,
    lang: Lang,
) -> None:
    appointed = {
        "stafetholder_region": stafetholder_region,
        "stafetholder_municipality": stafetholder_municipality,
        "coordinator_region": coordinator_region,
        "coordinator_municipality": coordinator_municipality,
    }

    def make(stored: StoredMap) -> EditOp:
        network_map = stored.map
        return _op(
            "record_meeting",
            meeting=_meeting_id(network_map, meeting_ref),
            attended=_person_ids(network_map, attended) if attended else None,
            apologies=_person_ids(network_map, apologies) if apologies else None,
            next_meeting=next_meeting,
            **{k: (v.strip() if v else None) for k, v in appointed.items()},
        )

    before, saved = _edit(db, map_ref, author, make)
    click.echo(_saved_line(before, saved, lang))
    _echo_meeting(saved, _meeting_id(saved.map, meeting_ref), lang)


@meeting_group.command(name="agreement", help=help_text("meetings.cli.agreement_help"))
@click.argument("map_ref", metavar="MAP")
@click.argument("meeting_ref", metavar="MEETING")
@click.option("--who", required=True, metavar="ID", help=help_text("meetings.cli.who_help"))
@click.option("--what", required=True, help=help_text("field.what"))
@click.option("--by", "by", metavar="YYYY-MM-DD", help=help_text("field.by"))
@_author
@common_options
def agreement_command(
    map_ref: str,
    meeting_ref: str,
    who: str,
    what: str,
    by: str | None,
    author: str | None,
    db: Path | None,
    lang: Lang,
) -> None:
    def make(stored: StoredMap) -> EditOp:
        network_map = stored.map
        return _op(
            "add_agreement",
            meeting=_meeting_id(network_map, meeting_ref),
            who=_person_ids(network_map, (who,))[0] if who.strip() else who,
            what=what,
            by=by,
        )

    before, saved = _edit(db, map_ref, author, make)
    click.echo(_saved_line(before, saved, lang))
    _echo_meeting(saved, _meeting_id(saved.map, meeting_ref), lang)


@meeting_group.command(name="follow-up", help=help_text("meetings.cli.follow_up_help"))
@click.argument("map_ref", metavar="MAP")
@click.argument("meeting_ref", metavar="MEETING")
@click.argument("agreement", metavar="AGREEMENT")
@click.argument("status", metavar="STATUS")
@_author
@common_options
def follow_up_command(
    map_ref: str,
    meeting_ref: str,
    agreement: str,
    status: str,
    author: str | None,
    db: Path | None,
    lang: Lang,
) -> None:
    code = _choice(status, AgreementStatus, "agreement_status", "status")

    def make(stored: StoredMap) -> EditOp:
        meeting = _meeting_id(stored.map, meeting_ref)
        return _op("follow_up_agreement", meeting=meeting, agreement=agreement, status=code)

    before, saved = _edit(db, map_ref, author, make)
    click.echo(_saved_line(before, saved, lang))
    _echo_meeting(saved, _meeting_id(saved.map, meeting_ref), lang)


@meeting_group.command(name="ready", help=help_text("meetings.cli.ready_help"))
@click.argument("map_ref", metavar="MAP")
@click.argument("meeting_ref", metavar="MEETING")
@_author
@common_options
def ready_command(
    map_ref: str, meeting_ref: str, author: str | None, db: Path | None, lang: Lang
) -> None:
    def make(stored: StoredMap) -> EditOp:
        meeting = _meeting_id(stored.map, meeting_ref)
        return _op("mark_meeting_ready", meeting=meeting, version=stored.version)

    before, saved = _edit(db, map_ref, author, make)
    meeting = saved.map.meeting(_meeting_id(saved.map, meeting_ref))
    click.echo(
        t(
            "meetings.cli.ready",
            lang,
            date=_date(meeting.date, lang),
            version=before.version,
            saved=saved.version,
        )
    )


@meeting_group.command(name="remove", help=help_text("meetings.cli.remove_help"))
@click.argument("map_ref", metavar="MAP")
@click.argument("meeting_ref", metavar="MEETING")
@_author
@common_options
def remove_command(
    map_ref: str, meeting_ref: str, author: str | None, db: Path | None, lang: Lang
) -> None:
    def make(stored: StoredMap) -> EditOp:
        return _op("remove_meeting", meeting=_meeting_id(stored.map, meeting_ref))

    before, saved = _edit(db, map_ref, author, make)
    click.echo(_saved_line(before, saved, lang))


def _echo_meeting(saved: StoredMap, meeting_id: str, lang: Lang) -> None:
    for line in _meeting_lines(saved.map, saved.map.meeting(meeting_id), lang):
        click.echo(line)


@meeting_group.command(name="prepare", help=help_text("meetings.cli.prepare_help"))
@click.argument("map_ref", metavar="MAP")
@common_options
def prepare_command(map_ref: str, db: Path | None, lang: Lang) -> None:
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        current = store.load(summary.map_id).map
        held = latest_held(current.meetings)
        baseline = None
        if held is not None and held.prepared_with is not None:
            baseline = store.load(summary.map_id, held.prepared_with).map
    order = preparation_order(current, baseline)
    touched: set[str] = set()
    if baseline is not None:
        before = {p.id: p for p in baseline.persons}
        touched = {p.id for p in current.persons if before.get(p.id) != p}
    upcoming = [
        m
        for m in meetings_in_order(current.meetings)
        if not m.held and (held is None or m.starts > held.starts)
    ]
    click.echo(t("meetings.cli.prepare_header", lang, name=current.patient.name))
    click.echo(t("meetings.cli.prepare_persons", lang))
    for person_id in order:
        person = current.person(person_id)
        sector = t(f"sector.{person.sector.value}", lang)
        mark = f"  ({t('meetings.cli.prepare_changed', lang)})" if person_id in touched else ""
        click.echo(f"    {person.name} – {sector}{mark}")
    items = follow_ups(current)
    if items:
        assert held is not None  # agreements to follow up come from a held meeting
        click.echo(t("meetings.cli.prepare_agreements", lang, date=_date(held.date, lang)))
        for item in items:
            a = item.agreement
            status = (
                t(f"agreement_status.{a.follow_up.value}", lang)
                if a.follow_up is not None
                else t("meetings.cli.prepare_not_asked", lang)
            )
            click.echo(
                f"    {item.meeting} {a.id}: {_name(current, a.who, lang)} – {a.what} [{status}]"
            )
    if upcoming:
        click.echo(
            t(
                "meetings.cli.prepare_ready",
                lang,
                date=_date(upcoming[0].date, lang),
                command=f"netmap meeting ready {summary.map_id[:8]} {upcoming[0].id}",
            )
        )
