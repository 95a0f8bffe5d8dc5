"""The guided pass "prepare the map for the next meeting": its steps and how each looks.

Issue 11, item 2: the four guiding questions again, person by person,
starting with anyone not touched since the last meeting
(:func:`netmap.analysis.preparation.preparation_order`), then each agreement
of the last meeting (done / not done / carried over,
:func:`netmap.analysis.preparation.follow_ups`), ending with "Kortet er klar
til mødet den DATE" (:class:`~netmap.editing.MarkMeetingReady`).

Pure: the steps are a list computed from the map; the step shown is a number
the tab keeps (``prepare-step``). The controls have pattern-matching ids
(``{"prepare_nav": "next"}`` …), so a callback waits for them whether or not
the step shown has them. Every step is plain buttons and radio
buttons, so the pass is done with the keyboard as well (Tab, Space, Enter).
"""

from __future__ import annotations

from typing import Any, Literal

from dash import dcc, html

from netmap.analysis.preparation import follow_ups, preparation_order
from netmap.app.attrs import attrs
from netmap.app.choices import radio_items
from netmap.editing import answer_of
from netmap.i18n import Lang, format_date, t
from netmap.meetings import AgreementStatus, Meeting
from netmap.model import NetworkMap, StrictModel

__all__ = ["Step", "prepare_panel", "prepare_steps"]


class Step(StrictModel, frozen=True):
    """One step of the pass: a person, an agreement of last time, or the end."""

    kind: Literal["person", "agreement", "ready"]
    person: str | None = None
    meeting: str | None = None
    agreement: str | None = None
    #: For a person: changed since the last meeting (else: not touched, asked first).
    touched: bool = False


def prepare_steps(current: NetworkMap, at_last_meeting: NetworkMap | None) -> list[Step]:
    """Every step in order: persons (untouched first), agreements, then "ready".

    >>> from netmap.model import Patient, Person
    >>> mor = Person(id="mor", name="Mor", sector="family", distance=0.2)
    >>> then = NetworkMap(patient=Patient(name="P"), persons=[mor])
    >>> now = NetworkMap(patient=Patient(name="P"), persons=[mor,
    ...     Person(id="ven", name="Ven", sector="leisure", distance=0.5)])
    >>> [(s.kind, s.person, s.touched) for s in prepare_steps(now, then)]
    [('person', 'mor', False), ('person', 'ven', True), ('ready', None, False)]
    """
    before = {p.id: p for p in at_last_meeting.persons} if at_last_meeting else None
    steps = [
        Step(
            kind="person",
            person=person_id,
            touched=before is not None and before.get(person_id) != current.person(person_id),
        )
        for person_id in preparation_order(current, at_last_meeting)
    ]
    steps += [
        Step(kind="agreement", meeting=f.meeting, agreement=f.agreement.id)
        for f in follow_ups(current)
    ]
    return [*steps, Step(kind="ready")]


def _answers(network_map: NetworkMap, person_id: str, lang: Lang) -> list[Any]:
    person = network_map.person(person_id)
    rows = []
    for question in (2, 3, 4):
        last = "undecided" if question == 4 else "unknown"
        options = [
            {"label": t("app.q.answer_yes", lang), "value": "yes"},
            {"label": t("app.q.answer_no", lang), "value": "no"},
            {"label": t(f"app.q.answer_{last}", lang), "value": "unknown"},
        ]
        rows.append(
            html.Fieldset(
                [
                    html.Legend(t(f"question.{question}", lang)),
                    radio_items(
                        {"prepare_q": question, "person": person_id},
                        options=options,
                        value=answer_of(person, question),
                        class_name="segmented",
                    ),
                ],
                className="prepare-question",
            )
        )
    return rows


def _person_step(network_map: NetworkMap, step: Step, map_id: str, lang: Lang) -> list[Any]:
    assert step.person is not None
    person = network_map.person(step.person)
    sector, band = t(f"sector.{person.sector.value}", lang), t(f"band.{person.band.value}", lang)
    where = f"{sector}, {band.lower()}"
    state = "meetings_app.prepare.touched" if step.touched else "meetings_app.prepare.untouched"
    return [
        html.P(
            [html.Strong(person.name), f" – {person.role}" if person.role else "", f" ({where})"]
        ),
        html.P(t(state, lang), className="muted"),
        html.Fieldset(
            [
                html.Legend(t("question.1", lang)),
                html.P(t("meetings_app.prepare.q1", lang, name=person.name)),
                dcc.Link(t("meetings_app.prepare.to_map", lang), href=f"/map/{map_id}"),
            ],
            className="prepare-question",
        ),
        *_answers(network_map, person.id, lang),
    ]


def _agreement_step(network_map: NetworkMap, step: Step, lang: Lang) -> list[Any]:
    meeting = network_map.meeting(step.meeting or "")
    agreement = next(a for a in meeting.agreements if a.id == step.agreement)
    if agreement.who == network_map.patient.id:
        who = network_map.patient.name
    else:
        who = next((p.name for p in network_map.persons if p.id == agreement.who), agreement.who)
    text = f"{who} – {agreement.what}"
    if agreement.by is not None:
        text += f" ({t('meetings_app.paper.by', lang).lower()} {format_date(agreement.by, lang)})"
    return [
        html.P(
            t("meetings_app.prepare.agreement_from", lang, date=format_date(meeting.date, lang))
        ),
        html.P(html.Strong(text)),
        radio_items(
            {"prepare_follow": step.agreement or "", "meeting": meeting.id},
            options=[
                {"label": t(f"agreement_status.{s.value}", lang), "value": s.value}
                for s in AgreementStatus
            ],
            value=agreement.follow_up.value if agreement.follow_up else None,
            class_name="segmented",
        ),
    ]


def _ready_step(meeting: Meeting, lang: Lang) -> list[Any]:
    label = t("meetings_app.prepare.ready", lang, date=format_date(meeting.date, lang))
    return [
        html.P(t("meetings_app.prepare.ready_hint", lang), className="muted"),
        html.Button(label, id={"prepare_ready": meeting.id}, className="btn btn-primary"),
    ]


def prepare_panel(
    network_map: NetworkMap,
    steps: list[Step],
    meeting: Meeting,
    index: int | None,
    map_id: str,
    lang: Lang,
) -> Any:
    """The pass at step ``index`` (None: not started), with Back and Next."""
    date = format_date(meeting.date, lang)
    if index is None or not 0 <= index < len(steps):
        return [
            html.P(t("meetings_app.prepare.intro", lang, count=len(steps)), className="muted"),
            html.Button(
                t("meetings_app.prepare.start", lang, date=date),
                id={"prepare_nav": "start"},
                className="btn btn-primary",
            ),
        ]
    step = steps[index]
    if step.kind == "person":
        body = _person_step(network_map, step, map_id, lang)
    elif step.kind == "agreement":
        body = _agreement_step(network_map, step, lang)
    else:
        body = _ready_step(meeting, lang)
    heading = t("meetings_app.prepare.step", lang, n=index + 1, total=len(steps))
    return [
        html.H4(heading, id="prepare-heading", tabIndex="-1", **attrs(data_step=str(index))),
        html.Div(body, className="prepare-body"),
        html.Div(
            [
                html.Button(
                    t("meetings_app.prepare.back", lang),
                    id={"prepare_nav": "back"},
                    className="btn",
                    disabled=index == 0,
                ),
                html.Button(
                    t("meetings_app.prepare.next", lang),
                    id={"prepare_nav": "next"},
                    className="btn",
                    disabled=index == len(steps) - 1,
                ),
                html.Button(
                    t("meetings_app.prepare.stop", lang),
                    id={"prepare_nav": "stop"},
                    className="btn",
                ),
            ],
            className="button-row",
            **attrs(aria_label=t("meetings_app.prepare.nav", lang)),
        ),
    ]
