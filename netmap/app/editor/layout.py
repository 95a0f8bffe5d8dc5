"""The editor page: the map, the guiding questions, the forms and the panels.

Pure layout builders: each takes the map (and the language) and returns Dash
components; the callbacks that fill and use them live in
:mod:`netmap.app.editor.callbacks`.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import dash_cytoscape as cyto
from dash import dcc, html

from netmap.analysis.since import SinceMeeting
from netmap.app.attrs import attrs
from netmap.app.choices import check_box, check_group, radio_group
from netmap.app.editor.map_keys import map_keys_help, map_keys_layer
from netmap.app.editor.person_list import ListView, answer_label, list_view
from netmap.app.editor.rows import PersonRows
from netmap.app.editor.side_tabs import side_tabs
from netmap.app.light import is_light, light_note, search_box
from netmap.app.mapview import MARKS, build_elements, stylesheet
from netmap.app.meetings.since import meetings_link, since_toggle
from netmap.app.notice import conflict_toast
from netmap.app.regions import fingerprints
from netmap.app.share.layout import share_field, share_section
from netmap.editing import answer_of
from netmap.geometry import RINGS
from netmap.i18n import Lang, format_number, sort_key, t
from netmap.model import Band, CareSector, NetworkMap, Person, Sector, TeamRole

__all__ = [
    "PATIENT_FIELDS",
    "distance_steps",
    "edit_panel",
    "edit_panel_parts",
    "editor_layout",
    "legend",
    "patient_form",
    "patient_parts",
    "person_list",
    "question_help",
]

#: The ``dcc.Input`` types the edit panel uses.
InputType = Literal["text", "email", "tel"]


def _sector_options(lang: Lang) -> list[dict[str, str]]:
    return [{"label": t(f"sector.{s.value}", lang), "value": s.value} for s in Sector]


def _question_steps(lang: Lang) -> Any:
    options = [
        {
            "label": html.Span(
                [
                    html.B(str(n), className="step-no"),
                    html.Span(t(f"question.{n}", lang), className="step-text"),
                ],
                className="step-label",
            ),
            "value": n,
        }
        for n in (1, 2, 3, 4)
    ]
    return html.Section(
        [
            html.H2(t("app.q.heading", lang), className="sr-only"),
            radio_group(
                "q-step",
                legend=t("app.q.heading", lang),
                legend_hidden=True,
                options=options,
                value=1,
                class_name="steps",
            ),
        ],
        className="questions",
        **attrs(aria_label=t("app.q.heading", lang)),
    )


def question_help(step: int, mode: str, lang: Lang) -> str:
    """What a tap does now, in one sentence."""
    if mode == "connect":
        return t("app.mode.connect_help", lang)
    if step == 4:
        return t("app.q.help_tap_meetings", lang)
    if step in (2, 3):
        return t("app.q.help_tap", lang)
    return t("app.mode.select_help", lang)


def legend(lang: Lang) -> Any:
    """What the marks on the map mean."""
    items = [
        html.Li([html.Span(symbol, className="mark"), " ", t(f"app.mark.{key}", lang)])
        for key, symbol in MARKS.items()
    ]
    items.append(html.Li(t("app.mark.tied", lang)))
    return html.Details(
        [html.Summary(t("app.editor.legend", lang)), html.Ul(items)],
        className="legend",
        open=True,
    )


def person_list(
    network_map: NetworkMap,
    lang: Lang,
    step: int,
    selected: str | None,
    query: str = "",
    view: ListView | None = None,
) -> Any:
    """Every person as a button (keyboard users select here); answers in steps 2–4.

    One component (:class:`netmap.app.editor.rows.PersonRows`), its rows
    from ``view`` (:func:`netmap.app.editor.person_list.list_view`, made
    here if not given). In light mode (:mod:`netmap.app.light`) only the
    first 50 that match ``query``.
    """
    if not network_map.persons:
        return html.P(t("app.list.empty", lang), className="muted")
    view = view or list_view(network_map, step, selected, query, lang)
    if not view.order:
        return html.P(t("light.no_match", lang), className="muted", role="status")
    # In the dictionary order of the language (list_structure follows it).
    more = t("light.list_more", lang, count=view.more) if view.more else None
    return PersonRows(view.rows, view.order, more)


def _field(label: str, component: Any, field_id: str) -> Any:
    return html.Div([html.Label(label, htmlFor=field_id), component], className="form-row")


def _input_kind(input_type: InputType) -> dict[str, Any]:
    """The ``dcc.Input`` type (and keyboard) for a field.

    An e-mail field is a text input with the e-mail keyboard: ``dcc.Input``
    puts the cursor back with ``setSelectionRange`` when the server sets the
    value, which an ``<input type=email>`` refuses with a console error (and
    the server checks the address anyway, in the user's language).
    """
    if input_type == "email":
        return {"type": "text", "inputMode": "email", "autoComplete": "email", "spellCheck": False}
    return {"type": input_type}


def _error_line(field_id: str) -> Any:
    """The line under a field for what is wrong with it (netmap-fields.js links the two)."""
    return html.Div(
        id=f"{field_id}-error", className="field-error", role="alert", **attrs(data_for=field_id)
    )


def _checked_field(label: str, component: Any, field_id: str) -> Any:
    """A field with its error line right under it."""
    return html.Div(
        [html.Label(label, htmlFor=field_id), component, _error_line(field_id)],
        className="form-row",
    )


def _text_field(
    field: str,
    value: str | None,
    lang: Lang,
    input_type: InputType = "text",
    max_length: int = 200,
) -> Any:
    return _checked_field(
        t(f"app.edit.{field}", lang),
        # debounce: the value is sent (and saved) when the field is left or on Enter.
        dcc.Input(
            id=f"edit-{field}",
            **_input_kind(input_type),
            value=value or "",
            maxLength=max_length,
            className="field",
            debounce=True,
        ),
        f"edit-{field}",
    )


def _answer_radio(person: Person, question: int, lang: Lang) -> Any:
    return radio_group(
        f"edit-q{question}",
        legend=t(f"question.{question}", lang),
        options=[
            {"label": answer_label(question, a, lang), "value": a} for a in ("yes", "no", "unknown")
        ],
        value=answer_of(person, question),
        class_name="choice-row",
        inline=True,
    )


def _settled_store(store_id: str, person: Person) -> Any:
    """A store the browser sets when a stepping control of ``person``'s panel comes to rest."""
    return dcc.Store(id=store_id, data={"pid": person.id, "n": 0})


#: The distance slider's range and step; its marks name the bands at their middles.
DISTANCE_MIN, DISTANCE_MAX, DISTANCE_STEP = 0.05, 1.0, 0.05


def distance_steps() -> list[float]:
    """Every value the distance slider can take.

    >>> steps = distance_steps()
    >>> steps[0], steps[5], steps[-1], len(steps)
    (0.05, 0.3, 1.0, 20)
    """
    count = round((DISTANCE_MAX - DISTANCE_MIN) / DISTANCE_STEP)
    return [round(DISTANCE_MIN + i * DISTANCE_STEP, 2) for i in range(count + 1)]


def _distance_marks(lang: Lang) -> dict[float, str]:
    """The bands' names under the slider, each at the middle of its band (inside the track).

    At the rings (1/3, 2/3, 1) the last name stuck out of the panel and the
    two last ran into each other in a narrow panel.
    """
    lows = (0.0, *RINGS[:-1])
    bands = ("close", "middle", "distant")
    return {
        round(max(DISTANCE_MIN, (low + high) / 2), 2): t(f"band.{band}", lang)
        for low, high, band in zip(lows, RINGS, bands, strict=True)
    }


def _distance_field(person: Person, lang: Lang) -> Any:
    """The distance slider, its value in the language's own way ("0,30" / "0.30").

    Dash's slider writes its value with a decimal point only, so it shows
    none (no number box, no tooltip); the value beside the label is written
    with Babel (``format_number``), for every step in ``data-labels``, which
    netmap-slider-names.js shows as the thumb moves (and gives the thumb as
    its ``aria-valuetext``). It is saved once, when it comes to rest: the
    browser sets ``edit-distance-settled`` (netmap-choice-settle.js).
    """
    value = round(person.distance, 2)
    labels = {f"{step:.2f}": format_number(step, lang, 2) for step in distance_steps()}
    return html.Div(
        [
            html.Div(
                [
                    html.Label(t("app.edit.distance", lang), htmlFor="edit-distance"),
                    html.Output(
                        format_number(value, lang, 2),
                        id="edit-distance-shown",
                        htmlFor="edit-distance",
                        className="slider-value",
                        **attrs(data_labels=json.dumps(labels, separators=(",", ":"))),
                    ),
                ],
                className="slider-head",
            ),
            dcc.Slider(
                id="edit-distance",
                min=DISTANCE_MIN,
                max=DISTANCE_MAX,
                step=DISTANCE_STEP,
                value=value,
                marks=_distance_marks(lang),
                included=False,
                allow_direct_input=False,
            ),
            _settled_store("edit-distance-settled", person),
        ],
        className="form-row distance-row",
    )


def _place_fields(person: Person, lang: Lang) -> Any:
    """Sector and distance: the keyboard's way to do what a drop does."""
    return html.Fieldset(
        [
            html.Legend(t("app.edit.place_heading", lang)),
            radio_group(
                "edit-sector",
                legend=t("app.edit.sector", lang),
                options=_sector_options(lang),
                value=person.sector.value,
            ),
            # Set by netmap-choice-settle.js when the sector choice comes to rest
            # (arrow keys pass through sectors): that saves the sector, once.
            # In the panel, as every input of its save (a store outside it made
            # Dash call the save where there was no panel); not None at first,
            # so that drawing it is no change (n 0: no report yet).
            _settled_store("edit-sector-settled", person),
            _distance_field(person, lang),
        ],
        className="placement",
    )


def _contact_fields(person: Person, lang: Lang) -> Any:
    return html.Details(
        [
            html.Summary(t("app.edit.contact_heading", lang)),
            _text_field("organisation", person.organisation, lang),
            radio_group(
                "edit-care_sector",
                legend=t("app.edit.care_sector", lang),
                options=[{"label": t("app.edit.care_sector_none", lang), "value": ""}]
                + [
                    {"label": t(f"care_sector.{c.value}", lang), "value": c.value}
                    for c in CareSector
                ],
                value=person.care_sector.value if person.care_sector else "",
            ),
            _text_field("phone", person.phone, lang, "tel", 40),
            _text_field("email", person.email, lang, "email", 254),
            _checked_field(
                t("app.edit.helps_with", lang),
                dcc.Textarea(
                    id="edit-helps_with",
                    value=person.helps_with or "",
                    maxLength=1000,
                    className="field",
                ),
                "edit-helps_with",
            ),
        ],
        className="more",
    )


def _answer_fields(person: Person, lang: Lang) -> Any:
    return html.Details(
        [
            html.Summary(t("app.edit.answers_heading", lang)),
            _answer_radio(person, 2, lang),
            _answer_radio(person, 3, lang),
            _answer_radio(person, 4, lang),
            check_group(
                "edit-team_roles",
                legend=t("app.edit.team_roles", lang),
                options=[
                    {"label": t(f"team_role.{r.value}", lang), "value": r.value} for r in TeamRole
                ],
                value=[r.value for r in person.team_roles],
            ),
            check_box(
                "edit-primary_contact",
                label=t("app.edit.primary_contact", lang),
                value="yes",
                checked=person.primary_contact,
            ),
            share_field(person, lang),
        ],
        className="more",
        open=True,
    )


def edit_panel(network_map: NetworkMap, person: Person | None, lang: Lang) -> Any:
    """All fields of the selected person, with save and remove."""
    if person is None:
        return html.P(t("app.edit.none", lang), className="muted")
    tied = sorted(
        (network_map.person(i).name for i in network_map.tied_to(person.id)),
        key=lambda name: sort_key(name, lang),
    )
    ties_text = (
        t("app.edit.ties", lang, names=", ".join(tied)) if tied else t("app.edit.no_ties", lang)
    )
    return html.Div(
        [
            html.H2(t("app.edit.heading", lang, name=person.name)),
            html.P(ties_text, className="ties-text"),
            html.P(
                [
                    html.Span(t("app.edit.autosave_help", lang)),
                    " ",
                    html.Span(id="edit-status", className="save-status", role="status"),
                ],
                className="muted autosave-help",
                **attrs(aria_live="polite"),
            ),
            _text_field("name", person.name, lang, max_length=120),
            _text_field("role", person.role, lang),
            _place_fields(person, lang),
            _contact_fields(person, lang),
            _answer_fields(person, lang),
            html.Div(
                [
                    html.Button(
                        t("app.edit.save", lang), id="edit-save", className="btn btn-primary"
                    ),
                    html.Button(
                        t("app.edit.remove", lang), id="edit-remove", className="btn btn-danger"
                    ),
                    html.Button(t("app.edit.close", lang), id="edit-close", className="btn"),
                    # "Gemt" beside the button that saved (feedback.person_feedback).
                    html.Span(
                        id="edit-saved",
                        className="save-status",
                        role="status",
                        **attrs(aria_live="polite"),
                    ),
                ],
                className="button-row",
            ),
        ],
        className="edit-form",
        **attrs(data_person=person.id),
    )


#: The fields of the patient form, in order; each has an input ``patient-<f>``
#: and an error line ``patient-<f>-error`` right under it.
PATIENT_FIELDS: tuple[str, ...] = ("name", "cpr", "consent", "map_date")


def edit_panel_parts(network_map: NetworkMap, person: Person | None, lang: Lang) -> dict[str, Any]:
    """The edit panel as the one part of its region (:mod:`netmap.app.regions`).

    One part: its callbacks have every input inside it, so it is drawn
    whole or not at all.
    """
    return {"panel": edit_panel(network_map, person, lang)}


def patient_parts(network_map: NetworkMap, lang: Lang) -> dict[str, Any]:
    """What the patient header and form show of the map, by part.

    After a save only the changed parts are set (``show_patient``), so a
    field being typed in is left alone by a save elsewhere. ``cpr`` is the
    masked number (the field's hint, whether "remove" shows), or None.

    >>> from netmap.model import Patient
    >>> parts = patient_parts(NetworkMap(patient=Patient(name="Testa")), "da")
    >>> parts["name"], parts["consent"], parts["cpr"]
    ('Testa', '', None)
    """
    patient = network_map.patient
    consent, map_date = network_map.consent_given_on, network_map.map_date
    return {
        "heading": [
            patient.name,
            t("app.editor.cpr", lang, cpr=patient.masked_cpr) if patient.cpr else "",
        ],
        "name": patient.name,
        "consent": consent.isoformat() if consent else "",
        "map_date": map_date.isoformat() if map_date else "",
        "cpr": patient.masked_cpr if patient.cpr else None,
    }


def patient_form(network_map: NetworkMap, lang: Lang) -> Any:
    """The patient's name, CPR number, consent date and map date, folded away.

    The CPR number is never put into the page: the field starts empty with the
    masked number as a hint, and is sent only when something is typed in it.
    """
    patient = network_map.patient

    def row(field: str, component: Any, hint: str | None = None) -> Any:
        parts: list[Any] = [
            html.Label(t(f"app.patient.{field}", lang), htmlFor=component.id),
            component,
        ]
        if hint:
            parts.append(html.Div(hint, className="muted field-hint"))
        parts.append(
            html.Div(
                id=f"patient-{field}-error",
                className="field-error",
                role="alert",
                **attrs(data_for=component.id),
            )
        )
        return html.Div(parts, className="form-row")

    def date_input(field: str, value: Any) -> Any:
        return dcc.Input(
            id=f"patient-{field}",
            value=value.isoformat() if value else "",
            # A type Dash's typing does not list; the browser draws a date picker.
            **attrs(type="date"),
            className="field",
        )

    cpr_hint = t("app.patient.cpr_hint", lang)
    cpr_parts: list[Any] = [
        row(
            "cpr",
            dcc.Input(
                id="patient-cpr",
                type="text",
                value="",
                placeholder=patient.masked_cpr if patient.cpr else "DDMMÅÅ-XXXX",
                maxLength=11,
                autoComplete="off",
                className="field",
            ),
            cpr_hint,
        ),
        check_box(
            "patient-cpr-clear",
            label=t("app.patient.cpr_clear", lang),
            value="clear",
            checked=False,
            style={} if patient.cpr else {"display": "none"},
        ),
    ]
    return html.Details(
        [
            html.Summary(t("app.patient.heading", lang)),
            html.Div(
                [
                    row(
                        "name",
                        dcc.Input(
                            id="patient-name-input",
                            type="text",
                            value=patient.name,
                            maxLength=120,
                            className="field",
                        ),
                    ),
                    *cpr_parts,
                    row(
                        "consent",
                        date_input("consent", network_map.consent_given_on),
                        t("app.patient.consent_hint", lang),
                    ),
                    row("map_date", date_input("map_date", network_map.map_date)),
                    html.Div(
                        [
                            html.Button(
                                t("app.patient.save", lang),
                                id="patient-save",
                                className="btn btn-primary",
                            ),
                            # The button's click, with the date fields' state (patient_form).
                            dcc.Store(id="patient-submit"),
                            html.Span(
                                id="patient-status",
                                className="save-status",
                                role="status",
                                **attrs(aria_live="polite"),
                            ),
                        ],
                        className="button-row",
                    ),
                ],
                className="patient-form",
            ),
        ],
        id="patient-details",
        className="patient-card",
    )


def _band_choice(lang: Lang) -> Any:
    """How close the new person is: one of three buttons, none chosen at first.

    A native ``fieldset`` with a legend and toggle buttons (``aria-pressed``),
    so the question is read with its choices and each is a plain button for
    the keyboard. The choice lives in ``add-band`` (set in the browser).
    """
    buttons = [
        html.Button(
            t(f"band.{band.value}", lang),
            id={"type": "add-band", "band": band.value},
            type="button",
            className="btn band-choice",
            **attrs(aria_pressed="false"),
        )
        for band in Band
    ]
    return html.Fieldset(
        [
            html.Legend(t("app.add.band", lang)),
            html.P(t("app.add.band_help", lang), id="add-band-help", className="muted field-hint"),
            html.Div(buttons, className="band-choices"),
            html.Div(id="add-band-error", className="field-error", role="alert"),
            dcc.Store(id="add-band"),
        ],
        id="add-band-group",
        className="band-group",
        **attrs(aria_describedby="add-band-help add-band-error"),
    )


def _add_form(lang: Lang) -> Any:
    return html.Section(
        [
            html.H2(t("app.add.heading", lang)),
            _field(
                t("app.add.name", lang),
                # Kept in the browser until sent, so a closed tab loses no typing.
                dcc.Input(
                    id="add-name",
                    type="text",
                    maxLength=120,
                    className="field",
                    persistence=True,
                    persistence_type="local",
                ),
                "add-name",
            ),
            html.Div(id="add-name-error", className="field-error", role="alert"),
            radio_group(
                "add-sector",
                legend=t("app.add.sector", lang),
                options=_sector_options(lang),
                value=Sector.FAMILY.value,
            ),
            _band_choice(lang),
            _field(
                t("app.add.role", lang),
                dcc.Input(
                    id="add-role",
                    type="text",
                    maxLength=200,
                    className="field",
                    persistence=True,
                    persistence_type="local",
                ),
                "add-role",
            ),
            html.Div(id="add-error", className="field-error", role="alert"),
            html.Div(
                [
                    html.Button(
                        t("app.add.submit", lang),
                        id="add-submit",
                        className="btn btn-primary btn-big",
                    ),
                    html.Span(
                        id="add-status",
                        className="save-status",
                        role="status",
                        **attrs(aria_live="polite"),
                    ),
                ],
                className="button-row",
            ),
            # The person just added ({id, n}): the browser highlights them briefly.
            dcc.Store(id="add-flash"),
            dcc.Store(id="add-flash-done"),
        ],
        id="add-card",
        className="card add-card",
    )


def _version_label(version: int, map_id: str | None, lang: Lang) -> Any:
    """The version shown; with the map's id, a link to its history page."""
    text = t("app.editor.version", lang, version=version)
    if map_id is None:
        return html.Span(text, id="version-label")
    history = f"/map/{map_id}/history"
    return html.Span(
        [
            dcc.Link(text, href=history, id="version-label", title=t("history.link_label", lang)),
            dcc.Link(t("history.link", lang), href=history, id="history-link", className="btn"),
        ],
        className="map-links",
    )


#: The zoom range of the map (cytoscape's minZoom / maxZoom; the default fit is about 0.9).
MIN_ZOOM = 0.25
MAX_ZOOM = 4.0


def _zoom_bar(lang: Lang) -> Any:
    """Zoom in, zoom out and fit (netmap-zoom.js listens; no request to the server)."""
    return html.Div(
        [
            html.Button(
                "+",
                id="zoom-in",
                className="btn zoom-btn",
                title=t("app.zoom.in", lang),
                **attrs(aria_label=t("app.zoom.in", lang)),
            ),
            html.Button(
                "−",
                id="zoom-out",
                className="btn zoom-btn",
                title=t("app.zoom.out", lang),
                **attrs(aria_label=t("app.zoom.out", lang)),
            ),
            html.Button(t("app.zoom.fit", lang), id="zoom-fit", className="btn zoom-btn"),
            html.Span(t("app.zoom.help", lang), id="zoom-help", className="zoom-help muted"),
        ],
        className="zoom-bar",
        role="group",
        **attrs(aria_label=t("app.zoom.heading", lang)),
    )


def _heading(network_map: NetworkMap, version: int, lang: Lang, map_id: str | None) -> list[Any]:
    """The patient's name and CPR, the version, the patient form, and the edit panel's stores."""
    patient = network_map.patient
    return [
        html.H1(patient.name, id="patient-name"),
        meetings_link(map_id, lang),
        html.Span(
            t("app.editor.cpr", lang, cpr=patient.masked_cpr) if patient.cpr else "",
            id="patient-cpr-shown",
            className="cpr",
        ),
        _version_label(version, map_id, lang),
        patient_form(network_map, lang),
        # The version the edit panel saved itself: no re-render that would
        # take the focus out of the next field.
        dcc.Store(id="edit-autosaved"),
        # What the browser has drawn (netmap.app.regions): the edit panel is
        # redrawn only when it changes, the patient header's parts likewise.
        dcc.Store(
            id="edit-panel-drawn", data=fingerprints(edit_panel_parts(network_map, None, lang))
        ),
        dcc.Store(id="patient-drawn", data=fingerprints(patient_parts(network_map, lang))),
    ]


def _toolbar(lang: Lang) -> Any:
    """Choose or connect, undo and redo."""
    return html.Div(
        [
            radio_group(
                "mode",
                legend=t("app.mode.heading", lang),
                legend_hidden=True,
                options=[
                    {"label": t("app.mode.select", lang), "value": "select"},
                    {"label": t("app.mode.connect", lang), "value": "connect"},
                ],
                value="select",
                class_name="segmented",
            ),
            html.Button(t("app.undo", lang), id="undo", className="btn"),
            html.Button(t("app.redo", lang), id="redo", className="btn"),
        ],
        className="toolbar",
        **attrs(aria_label=t("app.mode.heading", lang)),
    )


def _map_box(
    network_map: NetworkMap, lang: Lang, since: SinceMeeting | None, *, light: bool
) -> Any:
    """The cytoscape map and the keyboard's layer over it."""
    return html.Div(
        [
            cyto.Cytoscape(
                id="map-cy",
                elements=build_elements(network_map, lang, since=since),
                stylesheet=stylesheet(),
                layout={"name": "preset", "fit": True, "padding": 6},
                autoRefreshLayout=False,
                # Wheel, pinch and drag on an empty spot; the buttons and
                # keys of netmap-zoom.js. The map stays between a quarter
                # and four times its size at zoom 1.
                userZoomingEnabled=True,
                userPanningEnabled=True,
                minZoom=MIN_ZOOM,
                maxZoom=MAX_ZOOM,
                boxSelectionEnabled=False,
                autounselectify=True,
                # Light mode: no watching the page's size (a resize
                # redraws some 2,000 nodes); the zoom bar fits anew.
                responsive=not light,
                className="map-canvas",
                style={"width": "100%", "height": "100%"},
            ),
            map_keys_layer(),
            # A drop's version still to be laid out, and its layout
            # (editor/settle.py); no data: drawing them fires nothing.
            dcc.Store(id="map-pending"),
            dcc.Store(id="map-settled"),
            # The token of the element list the map was drawn from (editor/drawn_map.py).
            dcc.Store(id="map-drawn"),
        ],
        className="map-box",
        # A group, not an image: it holds one button per person
        # (netmap-map-keys.js fills #map-keys), so the map can be used
        # by keyboard.
        role="group",
        **attrs(aria_label=t("a11y.map_group", lang)),
    )


def _map_column(
    network_map: NetworkMap, lang: Lang, since: SinceMeeting | None, *, light: bool
) -> Any:
    """The toolbar, the map and what is read beside it: help, zoom, notices, legend, sharing."""
    return html.Section(
        [
            _toolbar(lang),
            *([light_note(network_map, lang)] if light else []),
            html.P(question_help(1, "select", lang), id="tap-help", className="tap-help"),
            _map_box(network_map, lang, since, light=light),
            map_keys_help(lang),
            _zoom_bar(lang),
            html.Div(
                html.Div(id="notice-text", role="status", **attrs(aria_live="polite")),
                id="notice",
                className="notice",
            ),
            legend(lang),
            since_toggle(since, lang),
            share_section(lang),
        ],
        className="map-col",
    )


def _work_column(network_map: NetworkMap, lang: Lang, *, light: bool) -> Any:
    """The edit panel, the add form and the person list."""
    shown = list_view(network_map, 1, None, "", lang)  # step 1, nobody chosen
    return html.Section(
        id="work-col",
        children=[
            html.Section(
                edit_panel(network_map, None, lang), id="edit-panel", className="card edit-card"
            ),
            _add_form(lang),
            html.Section(
                [
                    html.H2(t("app.list.heading", lang)),
                    html.P(t("app.list.help", lang), className="muted"),
                    # Light mode: at most 50 in the list, the others by search.
                    *([search_box(lang)] if light else []),
                    # Drawn here with the page, so the first map callback finds
                    # it drawn and sets nothing (see netmap.app.editor.person_list).
                    html.Div(person_list(network_map, lang, 1, None, view=shown), id="person-list"),
                    dcc.Store(id="person-list-drawn", data=shown.drawn()),
                    # The search text the list is drawn for (light mode: editor.search).
                    dcc.Store(id="person-list-query", data=""),
                    # A real click on a list item or an answer button, set in
                    # the browser (assets/netmap-person-rows.js).
                    dcc.Store(id="person-click"),
                    dcc.Store(id="answer-click"),
                ],
                className="card list-card",
            ),
        ],
        className="work-col",
    )


def editor_layout(
    network_map: NetworkMap,
    version: int,
    lang: Lang,
    panels: Any,
    *,
    map_id: str | None = None,
    since: SinceMeeting | None = None,
) -> Any:
    """The whole editor page for one map (``since``: marks since the last meeting)."""
    # A large map is shown in light mode, and says so (netmap.app.light).
    light = is_light(network_map)
    heading = _heading(network_map, version, lang, map_id)
    map_col = _map_column(network_map, lang, since, light=light)
    work_col = _work_column(network_map, lang, light=light)
    # A save refused because the map changed elsewhere: at the top of the
    # window, whatever is scrolled into view, with the way out.
    conflict = conflict_toast(lang)
    return html.Main(
        [
            conflict,
            html.Div(heading, className="editor-heading"),
            _question_steps(lang),
            html.Div(
                [
                    map_col,
                    # Beside the map (below it on a phone): one tab at a time.
                    side_tabs(work_col, html.Section(panels, className="panels-col"), lang),
                ],
                className="editor-grid",
            ),
        ],
        className="editor-page",
    )
