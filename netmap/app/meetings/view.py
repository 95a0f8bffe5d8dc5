"""What the meetings page shows for a map: pure functions, map in, components out.

No store, no Dash context: the callbacks (:mod:`netmap.app.meetings.callbacks`)
load the maps and call these. Every form field has its error slot next to
it (``<form>-<field>-error``), filled by the save callbacks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import dcc, html

from netmap.analysis.diff import MapDiff
from netmap.analysis.diff_text import describe_diff
from netmap.analysis.groups import invite_list
from netmap.app.attrs import attrs
from netmap.app.choices import check_items, radio_items
from netmap.app.meetings.papers_view import when_text
from netmap.i18n import Lang, format_date, sort_key, t
from netmap.meeting_edits import APPOINTMENTS
from netmap.meetings import Meeting, MeetingKind, meetings_in_order
from netmap.model import NetworkMap

__all__ = [
    "agreement_form",
    "agreement_list",
    "agreements_region",
    "changes_region",
    "chosen_meeting",
    "date_input",
    "field_row",
    "meeting_options",
    "meeting_summary",
    "news_only",
    "participant_options",
    "participants_picker",
    "record_form",
]


def chosen_meeting(network_map: NetworkMap, value: Any, today: dt.date) -> Meeting | None:
    """The meeting the page shows: the one chosen, else the next not held, else the last.

    >>> from netmap.model import Patient
    >>> m = NetworkMap(patient=Patient(name="P"), meetings=[
    ...     Meeting(id="m1", date=dt.date(2026, 3, 1), held=True),
    ...     Meeting(id="m2", date=dt.date(2026, 6, 1))])
    >>> april = dt.date(2026, 4, 1)
    >>> chosen_meeting(m, None, april).id, chosen_meeting(m, "m1", april).id
    ('m2', 'm1')
    """
    meetings = meetings_in_order(list(network_map.meetings))
    for meeting in meetings:
        if meeting.id == value:
            return meeting
    upcoming = [m for m in meetings if not m.held]
    if upcoming:
        later = [m for m in upcoming if m.date >= today]
        return later[0] if later else upcoming[-1]
    return meetings[-1] if meetings else None


def meeting_options(network_map: NetworkMap, lang: Lang) -> list[dict[str, str]]:
    """One choice per meeting, in date order: date, kind and whether it is held."""
    options = []
    for m in meetings_in_order(list(network_map.meetings)):
        state = t("meetings_app.held" if m.held else "meetings_app.planned", lang)
        kind = t(f"meeting_kind.{m.meeting_kind.value}", lang)
        options.append(
            {"label": f"{when_text(m.date, m.time, lang)} – {kind} ({state})", "value": m.id}
        )
    return options


def field_row(form: str, field: str, label: str, component: Any, hint: str | None = None) -> Any:
    """A label, the field, an optional hint and the field's error slot."""
    parts: list[Any] = [html.Label(label, htmlFor=f"{form}-{field}"), component]
    if hint:
        parts.append(html.Div(hint, className="muted field-hint"))
    parts.append(html.Div(id=f"{form}-{field}-error", className="field-error", role="alert"))
    return html.Div(parts, className="form-row")


def date_input(component_id: str, value: dt.date | None = None) -> Any:
    # A type Dash's typing does not list; the browser draws a date picker.
    return dcc.Input(
        id=component_id,
        value=value.isoformat() if value else "",
        className="field",
        **attrs(type="date"),
    )


def kind_options(lang: Lang) -> list[dict[str, str]]:
    return [{"label": t(f"meeting_kind.{k.value}", lang), "value": k.value} for k in MeetingKind]


def meeting_summary(meeting: Meeting, lang: Lang) -> Any:
    """The chosen meeting's plan, in a few lines."""
    kind = t(f"meeting_kind.{meeting.meeting_kind.value}", lang)
    lines: list[Any] = [
        html.H2(f"{kind} {when_text(meeting.date, meeting.time, lang)}", id="meeting-title"),
    ]
    state = t("meetings_app.held" if meeting.held else "meetings_app.planned", lang)
    lines.append(html.P(state, className="meeting-state"))
    if meeting.place:
        lines.append(html.P(f"{t('meetings_app.paper.place', lang)}: {meeting.place}"))
    if meeting.purpose:
        lines.append(html.P(f"{t('meetings_app.paper.purpose', lang)}: {meeting.purpose}"))
    if meeting.prepared_with is not None:
        ready = t(
            "meetings_app.ready_with",
            lang,
            date=format_date(meeting.date, lang),
            version=meeting.prepared_with,
        )
        lines.append(html.P(ready, id="meeting-ready-line", className="notice-ok"))
    return html.Div(lines, className="meeting-summary")


def news_only(d: MapDiff) -> MapDiff:
    """The diff without group changes that only repeat a person's arrival or departure.

    A person new on the map joins a group by being there; one removed leaves it.

    >>> news_only(MapDiff(persons_added=["a"], private_joined=["a", "b"])).private_joined
    ['b']
    """
    added, removed = set(d.persons_added), set(d.persons_removed)
    update = {}
    for field in ("team_joined", "ad_hoc_joined", "private_joined"):
        update[field] = [i for i in getattr(d, field) if i not in added]
    for field in ("team_left", "ad_hoc_left", "private_left"):
        update[field] = [i for i in getattr(d, field) if i not in removed]
    return d.model_copy(update=update)


def changes_region(d: MapDiff | None, since: Meeting | None, lang: Lang) -> Any:
    """What changed since the map was last made ready for a meeting (diff, in words)."""
    title = html.H3(t("meetings_app.changes.title", lang))
    if d is None or since is None:
        return html.Section(
            [title, html.P(t("meetings_app.changes.no_baseline", lang), className="muted")],
            id="meeting-changes",
            className="meeting-section",
        )
    intro = t(
        "meetings_app.changes.intro",
        lang,
        date=format_date(since.date, lang),
        old=d.from_,
        new=d.to,
    )
    lines = describe_diff(news_only(d), lang)
    return html.Section(
        [
            title,
            html.P(intro, className="muted"),
            html.Ul([html.Li(line) for line in lines], id="meeting-changes-list"),
        ],
        id="meeting-changes",
        className="meeting-section",
    )


def participant_options(network_map: NetworkMap, lang: Lang) -> list[dict[str, str]]:
    """The patient first, then everyone on the map by name (with their role)."""
    patient = network_map.patient
    options = [{"label": f"{patient.name} ({t('papers.patient', lang)})", "value": patient.id}]
    persons = sorted(network_map.persons, key=lambda p: sort_key(p.name, lang))
    for p in persons:
        label = f"{p.name} ({p.role})" if p.role else p.name
        options.append({"label": label, "value": p.id})
    return options


def participants_picker(network_map: NetworkMap, chosen: list[str] | None, lang: Lang) -> Any:
    """Who is invited to this meeting (starts as the invite list; the map is not changed)."""
    value = chosen if chosen is not None else invite_list(network_map)
    return html.Details(
        [
            html.Summary(t("meetings_app.invite.edit", lang)),
            html.P(t("meetings_app.invite.hint", lang), className="muted"),
            check_items(
                "invite-participants",
                options=participant_options(network_map, lang),
                value=value,
                class_name="choice-column",
            ),
            html.Button(t("meetings_app.invite.reset", lang), id="invite-reset", className="btn"),
        ],
        className="paper-controls",
    )


def _professionals(network_map: NetworkMap, field: str, lang: Lang) -> list[dict[str, str]]:
    _role, care_sector = APPOINTMENTS[field]
    options = [{"label": t("meetings_app.record.nobody", lang), "value": ""}]
    for p in network_map.persons:
        if p.is_professional and p.care_sector is care_sector:
            label = f"{p.name} ({p.role})" if p.role else p.name
            options.append({"label": label, "value": p.id})
    return options


def record_form(network_map: NetworkMap, meeting: Meeting, lang: Lang) -> Any:
    """After the meeting: who came, apologies, appointments, the next meeting."""
    options = participant_options(network_map, lang)

    def checklist(field: str, value: tuple[str, ...]) -> Any:
        return check_items(
            f"record-{field}", options=options, value=list(value), class_name="choice-column"
        )

    rows = [
        field_row(
            "record",
            "attended",
            t("meetings_app.record.attended", lang),
            checklist("attended", meeting.attended),
        ),
        field_row(
            "record",
            "apologies",
            t("meetings_app.record.apologies", lang),
            checklist("apologies", meeting.apologies),
        ),
    ]
    for field in APPOINTMENTS:
        current = getattr(meeting.appointed, field) or ""
        rows.append(
            field_row(
                "record",
                field,
                t(f"meetings_app.record.{field}", lang),
                radio_items(
                    f"record-{field}",
                    options=_professionals(network_map, field, lang),
                    value=current,
                    class_name="choice-column",
                ),
            )
        )
    rows.append(
        field_row(
            "record",
            "next_meeting",
            t("meetings_app.record.next_meeting", lang),
            date_input("record-next_meeting", meeting.next_meeting),
        )
    )
    return html.Section(
        [
            html.H3(t("meetings_app.record.title", lang)),
            html.P(t("meetings_app.record.hint", lang), className="muted"),
            *rows,
            html.Div(
                [
                    html.Button(
                        t("meetings_app.record.save", lang),
                        id="record-save",
                        className="btn btn-primary",
                    ),
                    html.Span(id="record-status", role="status", className="save-status"),
                ],
                className="button-row",
            ),
        ],
        id="section-record",
        className="meeting-section",
    )


def agreement_list(network_map: NetworkMap, meeting: Meeting, lang: Lang) -> list[Any]:
    """The heading and the meeting's agreements so far (redrawn when one is added)."""
    names = {p.id: p.name for p in network_map.persons} | {
        network_map.patient.id: network_map.patient.name
    }
    items = [
        html.Li(
            f"{names.get(a.who, a.who)} – {a.what}"
            + (
                f" ({t('meetings_app.paper.by', lang).lower()} {format_date(a.by, lang)})"
                if a.by
                else ""
            )
        )
        for a in meeting.agreements
    ]
    listing = (
        html.Ul(items, id="agreement-list")
        if items
        else html.P(t("meetings_app.paper.none", lang), id="agreement-list", className="muted")
    )
    return [html.H3(t("meetings_app.agreement.title", lang)), listing]


def agreement_form(network_map: NetworkMap, lang: Lang) -> list[Any]:
    """A form for one more agreement: redrawn only when who can be chosen changes."""
    return [
        field_row(
            "agreement",
            "who",
            t("meetings_app.paper.who", lang),
            radio_items(
                "agreement-who",
                options=participant_options(network_map, lang),
                value=None,
                class_name="choice-column choice-scroll",
            ),
        ),
        field_row(
            "agreement",
            "what",
            t("meetings_app.paper.what", lang),
            dcc.Input(id="agreement-what", type="text", value="", maxLength=500, className="field"),
        ),
        field_row("agreement", "by", t("meetings_app.paper.by", lang), date_input("agreement-by")),
        html.Div(
            html.Button(
                t("meetings_app.agreement.add", lang),
                id="agreement-add",
                className="btn btn-primary",
            ),
            className="button-row",
        ),
    ]


def agreements_region(network_map: NetworkMap, meeting: Meeting, lang: Lang) -> Any:
    """The meeting's agreements so far, and a form for one more."""
    return html.Section(
        [*agreement_list(network_map, meeting, lang), *agreement_form(network_map, lang)],
        id="section-agreements",
        className="meeting-section",
    )
