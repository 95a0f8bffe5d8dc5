"""The meetings page of one map (``/map/<id>/meetings``): its frame and its body.

:func:`meetings_layout` is the whole page as the server first sends it;
:func:`meeting_body` the chosen meeting's frame, whose slots (:func:`body_slots`:
what changed, the invitation, the outcome, the agreements and the aftaleark)
the callbacks redraw one by one, only where a save changed them. Both pure:
the caller loads the maps.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from dash import dcc, html

from netmap.analysis.diff import MapDiff
from netmap.analysis.papers import agreement_sheet, invitation
from netmap.app.attrs import attrs
from netmap.app.choices import check_items, radio_items
from netmap.app.meetings.papers_view import agreement_sheet_view, invitation_view
from netmap.app.meetings.prepare import Step, prepare_panel
from netmap.app.meetings.view import (
    agreement_form,
    agreement_list,
    changes_region,
    date_input,
    field_row,
    kind_options,
    meeting_options,
    meeting_summary,
    participants_picker,
    record_form,
)
from netmap.app.notice import conflict_toast
from netmap.app.regions import fingerprints
from netmap.consent import ConsentState
from netmap.i18n import Lang, t
from netmap.meetings import Meeting, latest_held
from netmap.model import NetworkMap

__all__ = [
    "BODY_SLOTS",
    "MEETING_PART",
    "BodyInputs",
    "body_parts",
    "body_slots",
    "meeting_body",
    "meeting_head",
    "meetings_layout",
    "meetings_path_id",
    "paper_buttons",
    "prepare_children",
    "prepare_section",
]


def meetings_path_id(pathname: Any) -> str | None:
    """The map id in ``/map/<id>/meetings``, or None for any other path.

    >>> meetings_path_id("/map/abc-12/meetings"), meetings_path_id("/map/abc-12")
    ('abc-12', None)
    """
    if not isinstance(pathname, str):
        return None
    match = re.fullmatch(r"/map/([A-Za-z0-9_-]{1,64})/meetings/?", pathname)
    return match.group(1) if match else None


@dataclass(frozen=True)
class BodyInputs:
    """Everything the body is drawn from (loaded by the caller)."""

    network_map: NetworkMap
    map_id: str
    meeting: Meeting
    #: What changed since the map was last made ready, and the meeting it was ready for.
    changes: MapDiff | None
    since: Meeting | None
    steps: list[Step]
    step: int | None
    participants: list[str] | None
    include_cpr: bool
    #: The consent on the day: the papers go to the team only with a valid one.
    consent: ConsentState | None = None


def consent_note(paper: str, consent: ConsentState | None, lang: Lang) -> Any:
    """Whether the paper may be given to the team (seed 002: only with a valid consent)."""
    if consent is None:
        return html.Span()
    key = "meetings_app.consent.ok" if consent.allows_sharing else "meetings_app.consent.no"
    return html.P(
        t(key, lang, state=consent.message(lang)),
        id=f"consent-{paper}",
        className="muted" if consent.allows_sharing else "notice-conflict",
    )


def paper_buttons(paper: str, lang: Lang, consent: ConsentState | None = None) -> Any:
    """Print and PDF for one paper (``invitation`` or ``agreements``), and the consent."""
    return html.Div(
        [
            consent_note(paper, consent, lang),
            html.Button(t("meetings_app.paper.print", lang), id=f"print-{paper}", className="btn"),
            html.Button(t("meetings_app.paper.pdf", lang), id=f"pdf-{paper}", className="btn"),
            # What became of the last print or PDF: made and logged, or refused and why.
            html.Span(id=f"paper-{paper}-status", role="status", className="save-status"),
        ],
        className="button-row paper-controls",
    )


def prepare_children(inputs: BodyInputs | None, lang: Lang) -> Any:
    """What the guided pass shows for the chosen meeting (its own region, #prepare-panel)."""
    if inputs is None:
        return []
    if inputs.meeting.held:
        return html.P(t("meetings_app.prepare.held", lang), className="muted")
    return prepare_panel(
        inputs.network_map, inputs.steps, inputs.meeting, inputs.step, inputs.map_id, lang
    )


def prepare_section(inputs: BodyInputs | None, lang: Lang) -> Any:
    """The pass's section: drawn once with the page; only #prepare-panel is redrawn."""
    return html.Section(
        [
            html.H3(t("meetings_app.prepare.title", lang)),
            html.Div(
                prepare_children(inputs, lang),
                id="prepare-panel",
                role="region",
                **attrs(aria_label=t("meetings_app.prepare.title", lang)),
            ),
        ],
        id="section-prepare",
        className="meeting-section",
        hidden=inputs is None,
    )


def meeting_head(inputs: BodyInputs, lang: Lang) -> Any:
    """The chosen meeting's plan, and the way to remove it."""
    remove = html.Details(
        [
            html.Summary(t("meetings_app.remove.summary", lang)),
            html.P(t("meetings_app.remove.hint", lang), className="muted"),
            html.Button(
                t("meetings_app.remove.button", lang), id="meeting-remove", className="btn"
            ),
        ],
        className="meeting-remove screen-only",
    )
    return html.Section(
        [meeting_summary(inputs.meeting, lang), remove],
        id="section-summary",
        className="meeting-section",
    )


#: The regions of the chosen meeting's body, each redrawn on its own
#: (``slot-<name>``): a save redraws only those whose content changed, so what
#: the user typed but has not saved in another form stays (issue 11).
BODY_SLOTS = (
    "changes",
    "invite-controls",
    "invite-paper",
    "record",
    "agreement-list",
    "agreement-form",
    "sheet",
)


def body_slots(inputs: BodyInputs | None, lang: Lang) -> list[Any]:
    """What each of :data:`BODY_SLOTS` shows for the chosen meeting (empty for none)."""
    if inputs is None:
        return [[] for _ in BODY_SLOTS]
    network_map, meeting = inputs.network_map, inputs.meeting
    inv = invitation(
        network_map,
        meeting.id,
        participants=inputs.participants,
        include_cpr=inputs.include_cpr,
        lang=lang,
    )
    sheet = agreement_sheet(network_map, meeting.id, include_cpr=inputs.include_cpr, lang=lang)
    cpr_box = check_items(
        "paper-cpr",
        options=[{"label": t("meetings_app.paper.include_cpr", lang), "value": "cpr"}],
        value=["cpr"] if inputs.include_cpr else [],
        class_name="choice-row paper-controls",
    )
    # Both papers: for the team (with a valid consent) or the patient's own copy.
    own_box = check_items(
        "paper-for-patient",
        options=[{"label": t("meetings_app.paper.for_patient", lang), "value": "patient"}],
        value=[],
        class_name="choice-row paper-controls",
    )
    controls = [
        html.H3(t("meetings_app.invite.title", lang)),
        participants_picker(network_map, inputs.participants, lang),
        cpr_box,
        own_box,
        paper_buttons("invitation", lang, inputs.consent),
    ]
    sheet_section = html.Section(
        [
            html.H3(t("meetings_app.paper.sheet_section", lang)),
            paper_buttons("agreements", lang, inputs.consent),
            html.Div(agreement_sheet_view(sheet, lang), id="sheet-paper"),
        ],
        id="section-sheet",
        className="meeting-section",
    )
    return [
        changes_region(inputs.changes, inputs.since, lang),
        controls,
        html.Div(invitation_view(inv, lang), id="invitation-paper"),
        record_form(network_map, meeting, lang),
        agreement_list(network_map, meeting, lang),
        agreement_form(network_map, lang),
        sheet_section,
    ]


#: The part naming the meeting shown: the frame of the body's parts (an
#: empty form of another meeting is not the same form).
MEETING_PART = "meeting"


def body_parts(inputs: BodyInputs | None, lang: Lang) -> dict[str, Any]:
    """The chosen meeting's parts (:mod:`netmap.app.regions`): which meeting
    (:data:`MEETING_PART`, the frame), its head and each of :data:`BODY_SLOTS`.

    >>> sorted(body_parts(None, "da"))[:3]
    ['agreement-form', 'agreement-list', 'changes']
    """
    head = meeting_head(inputs, lang) if inputs else []
    return {
        MEETING_PART: inputs.meeting.id if inputs else None,
        "head": head,
        **dict(zip(BODY_SLOTS, body_slots(inputs, lang), strict=True)),
    }


def _slot(name: str, content: Any) -> Any:
    return html.Div(content, id=f"slot-{name}", className="meeting-slot")


def meeting_body(inputs: BodyInputs | None, lang: Lang) -> list[Any]:
    """The chosen meeting's part of the page after the pass: changes, papers, outcome.

    A frame that stays (the sections the print rules and the tests name) around
    the slots the callbacks fill (:func:`body_slots`).
    """
    slot = dict(zip(BODY_SLOTS, body_slots(inputs, lang), strict=True))
    return [
        _slot("changes", slot["changes"]),
        html.Section(
            [
                _slot("invite-controls", slot["invite-controls"]),
                _slot("invite-paper", slot["invite-paper"]),
            ],
            id="section-invitation",
            className="meeting-section",
        ),
        _slot("record", slot["record"]),
        html.Section(
            [
                _slot("agreement-list", slot["agreement-list"]),
                _slot("agreement-form", slot["agreement-form"]),
            ],
            id="section-agreements",
            className="meeting-section",
        ),
        _slot("sheet", slot["sheet"]),
    ]


def add_form(network_map: NetworkMap, lang: Lang) -> Any:
    """Plan a meeting: date, time, kind, place or video link, purpose."""
    held = latest_held(list(network_map.meetings))
    planned = {m.date for m in network_map.meetings}
    suggested: dt.date | None = None
    if held is not None and held.next_meeting is not None and held.next_meeting not in planned:
        suggested = held.next_meeting  # the date set at the last meeting
    return html.Section(
        [
            html.H2(t("meetings_app.add.title", lang)),
            field_row(
                "add", "date", t("meetings_app.add.date", lang), date_input("add-date", suggested)
            ),
            field_row(
                "add",
                "time",
                t("meetings_app.add.time", lang),
                dcc.Input(id="add-time", value="", className="field", **attrs(type="time")),
                t("meetings_app.add.time_hint", lang),
            ),
            field_row(
                "add",
                "meeting_kind",
                t("meetings_app.add.kind", lang),
                radio_items(
                    "add-meeting_kind",
                    options=kind_options(lang),
                    value="network_meeting" if network_map.meetings else "first_meeting",
                    class_name="choice-column",
                ),
            ),
            field_row(
                "add",
                "place",
                t("meetings_app.add.place", lang),
                dcc.Input(id="add-place", type="text", value="", maxLength=200, className="field"),
                t("meetings_app.add.place_hint", lang),
            ),
            field_row(
                "add",
                "purpose",
                t("meetings_app.add.purpose", lang),
                dcc.Textarea(id="add-purpose", value="", maxLength=2000, className="field"),
            ),
            html.Div(
                [
                    html.Button(
                        t("meetings_app.add.save", lang), id="add-save", className="btn btn-primary"
                    ),
                    html.Span(id="add-status", role="status", className="save-status"),
                ],
                className="button-row",
            ),
        ],
        id="meeting-add",
        className="card screen-only",
    )


def meetings_layout(
    network_map: NetworkMap, map_id: str, version: int, inputs: BodyInputs | None, lang: Lang
) -> Any:
    """The whole page: heading, the meetings to choose from, the add form, the chosen meeting."""
    options = meeting_options(network_map, lang)
    chosen = inputs.meeting.id if inputs is not None else None
    listing: Any = radio_items(
        "meeting-choice", options=options, value=chosen, class_name="choice-column"
    )
    return html.Main(
        [
            html.Div(
                [
                    html.H1(t("meetings_app.title", lang, name=network_map.patient.name)),
                    dcc.Link(
                        t("meetings_app.back_to_map", lang),
                        href=f"/map/{map_id}",
                        id="back-to-map",
                        className="btn",
                    ),
                    html.Span(
                        t("app.editor.version", lang, version=version), id="meetings-version"
                    ),
                ],
                className="meetings-heading screen-only",
            ),
            html.Div(
                [
                    html.Div(id="notice-text", role="status", **attrs(aria_live="polite")),
                    # A conflict: at the top of the window, with the reload button.
                    conflict_toast(lang),
                ],
                id="notice",
                className="notice screen-only",
            ),
            dcc.Store(id="prepare-step"),
            dcc.Store(id="invite-choice", data={}),
            # Whether the papers show the CPR number (the box's value, kept for redraws).
            dcc.Store(id="paper-cpr-on", data=False),
            # What the browser has drawn in the head and each body slot
            # (netmap.app.regions): a save sends only the changed slots.
            dcc.Store(id="meeting-drawn", data=fingerprints(body_parts(inputs, lang))),
            dcc.Download(id="paper-download"),
            # A print the gate let through and logged: the browser prints it.
            dcc.Store(id="paper-print"),
            # Outputs of the two browser-side callbacks (print, focus); never shown.
            html.Span(id="print-done", hidden=True),
            html.Span(id="prepare-step-focus", hidden=True),
            html.Div(
                [
                    html.Aside(
                        [
                            html.Section(
                                [
                                    html.H2(t("meetings_app.list.title", lang)),
                                    listing,
                                    html.P(
                                        t("meetings_app.list.none", lang),
                                        className="muted",
                                        hidden=bool(options),
                                        id="meeting-none",
                                    ),
                                ],
                                className="card",
                            ),
                            add_form(network_map, lang),
                        ],
                        className="meetings-side screen-only",
                    ),
                    html.Div(
                        [
                            html.Div(
                                meeting_head(inputs, lang) if inputs else [], id="meeting-head"
                            ),
                            prepare_section(inputs, lang),
                            html.Div(
                                meeting_body(inputs, lang),
                                id="meeting-body",
                                hidden=inputs is None,
                            ),
                        ],
                        className="meetings-main",
                    ),
                ],
                className="meetings-grid",
            ),
        ],
        className="meetings-page",
    )
