"""The editor's callbacks: parse what the browser sent, make one edit, save.

Every callback here does the same three things: parse its inputs with the
models of :mod:`netmap.app.state` and :mod:`netmap.editing`, call pure
functions, and save through :func:`netmap.app.saving.commit` (the edit
service, :mod:`netmap.service`) with the version the tab last saw, so that
a stale tab gets a clear conflict message instead of overwriting someone
else's change.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Input, Output, State, ctx

from netmap.app.editor import edit_panel, person_list, question_help
from netmap.app.lang import tab_lang
from netmap.app.list_leaves import (
    DrawnList,
    changed_leaves,
    drawn_list,
    leaf_fingerprints,
    list_leaves,
    list_structure,
)
from netmap.app.mapview import build_elements, map_point
from netmap.app.panels.patch import fingerprint
from netmap.app.saving import (
    Outcome,
    commit,
    edit_order_of,
    error_outcome,
    notice,
    redo,
    undo,
)
from netmap.app.state import (
    DragOp,
    MapState,
    Notice,
    clicked,
    counts_valid,
    parse,
    user_action,
)
from netmap.editing import (
    AddPerson,
    EditOp,
    answer_value,
    new_person_id,
    parse_edit,
)
from netmap.errors import NetmapError
from netmap.i18n import Lang, t
from netmap.model import NetworkMap, PersonId
from netmap.store import MapNotFound, MapStore

__all__ = ["register_editor_callbacks"]

_UNCHANGED = dash.no_update


def _outputs(outcome: Outcome) -> tuple[Any, Any, Any]:
    return outcome.state, outcome.notice, outcome.history


def _bad_request(exc: NetmapError, lang: Lang) -> tuple[Any, Any, Any]:
    return _outputs(error_outcome(exc, lang))


def _load_map(store: MapStore, state_data: Any) -> tuple[MapState, NetworkMap] | None:
    try:
        state = parse(MapState, state_data)
        return state, store.load(state.map_id, state.version).map
    except (NetmapError, MapNotFound):
        return None


def _step(value: Any) -> int:
    return value if value in (1, 2, 3, 4) else 1


def _selected(value: Any) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= 100 else None


def _fresh_trigger() -> bool:
    """Whether the callback was fired by a user action (not a new button appearing)."""
    return user_action(ctx.triggered)


def register_editor_callbacks(app: dash.Dash, store: MapStore) -> None:
    """Wire the editor page to the store."""
    order = edit_order_of(app)
    save_outputs = (
        Output("map-state", "data", allow_duplicate=True),
        Output("notice-store", "data", allow_duplicate=True),
        Output("history", "data", allow_duplicate=True),
    )

    @app.callback(
        Output("map-cy", "elements"),
        Output("person-list", "children"),
        Output("person-list-drawn", "data"),
        Output("version-label", "children"),
        Output("tap-help", "children"),
        Input("map-state", "data"),
        Input("lang", "data"),
        Input("selected", "data"),
        Input("connect-from", "data"),
        Input("q-step", "value"),
        Input("mode", "value"),
        State("person-list-drawn", "data"),
        # The page comes with all of this drawn (editor_layout); a page put in
        # by the routing callback runs it anyway (Dash does for new components).
        prevent_initial_call=True,
    )
    def render_map(
        state_data: Any,
        lang_data: Any,
        selected: Any,
        connect_from: Any,
        step: Any,
        mode: Any,
        drawn_data: Any,
    ) -> Any:
        lang = tab_lang(app, lang_data)
        loaded = _load_map(store, state_data)
        if loaded is None:
            raise dash.exceptions.PreventUpdate
        state, network_map = loaded
        step = _step(step)
        mode = "connect" if mode == "connect" else "select"
        chosen = _selected(selected)
        elements = build_elements(
            network_map,
            lang,
            selected=chosen,
            connect_from=_selected(connect_from) if mode == "connect" else None,
            question=step,
        )
        leaves = list_leaves(network_map, step, chosen)
        structure = list_structure(network_map, lang, step)
        drawn = drawn_list(drawn_data)
        children: Any = _UNCHANGED
        if drawn is None or drawn.structure != structure:
            # Someone added, removed or renamed, or the step or language changed:
            # draw the list anew (its items come with their leaves set).
            children = person_list(network_map, lang, step, chosen)
            now = DrawnList(structure=structure, leaves=leaf_fingerprints(leaves))
        else:
            updates, now = changed_leaves(leaves, drawn)
            for component_id, props in updates:
                dash.set_props(component_id, props)
        return (
            elements,
            children,
            now.model_dump() if now != drawn else _UNCHANGED,
            t("app.editor.version", lang, version=state.version),
            question_help(step, mode, lang),
        )

    @app.callback(
        Output("edit-panel", "children"),
        Output("edit-panel-drawn", "data"),
        Input("selected", "data"),
        Input("map-state", "data"),
        Input("lang", "data"),
        State("edit-autosaved", "data"),
        State("edit-panel-drawn", "data"),
        prevent_initial_call=True,  # drawn with the page (nobody chosen yet)
    )
    def render_edit_panel(
        selected: Any, state_data: Any, lang_data: Any, autosaved: Any, drawn: Any
    ) -> Any:
        lang = tab_lang(app, lang_data)
        loaded = _load_map(store, state_data)
        if loaded is None:
            raise dash.exceptions.PreventUpdate
        state, network_map = loaded
        person_id = _selected(selected)
        try:
            person = network_map.person(person_id) if person_id else None
        except KeyError:
            person = None
        panel = edit_panel(network_map, person, lang)
        now = fingerprint(panel)
        if (
            ctx.triggered_id == "map-state"
            and isinstance(autosaved, dict)
            and autosaved.get("version") == state.version
        ):
            # The panel saved this version itself: it already shows it, and a
            # re-render would take the focus out of the field the user is in.
            return _UNCHANGED, now
        if now == drawn:
            # Someone else was moved or answered: this panel would look the
            # same, and redrawing its ~80 components costs the browser dearly.
            raise dash.exceptions.PreventUpdate
        return panel, now

    @app.callback(
        Output("notice-text", "children"),
        Output("notice-text", "className"),
        Output("reload", "style"),
        Input("notice-store", "data"),
        prevent_initial_call=True,  # the page starts without a notice
    )
    def render_notice(data: Any) -> Any:
        try:
            notice = parse(Notice, data) if data else None
        except NetmapError:
            notice = None
        if notice is None:
            return "", "", {"display": "none"}
        shown = {"display": "inline-block"} if notice.kind == "conflict" else {"display": "none"}
        return notice.text, f"notice-{notice.kind}", shown

    @app.callback(
        *save_outputs,
        Input("drag-op", "data"),
        State("map-state", "data"),
        State("history", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def on_drop(drag: Any, state_data: Any, history_data: Any, lang_data: Any) -> Any:
        if drag is None:
            raise dash.exceptions.PreventUpdate
        lang = tab_lang(app, lang_data)
        try:
            drop = parse(DragOp, drag)
            x, y = map_point(drop.x, drop.y)
            op = parse_edit({"kind": "drop_person", "id": drop.id, "x": x, "y": y})
        except NetmapError as exc:
            return _bad_request(exc, lang)
        return _outputs(commit(store, state_data, history_data, op, lang, order=order))

    @app.callback(
        *save_outputs,
        Output("selected", "data", allow_duplicate=True),
        Output("add-name", "value"),
        Output("add-role", "value"),
        Input("add-submit", "n_clicks"),
        Input("add-name", "n_submit"),
        State("add-name", "value"),
        State("add-sector", "value"),
        State("add-role", "value"),
        State("map-state", "data"),
        State("history", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def on_add(
        _clicks: Any,
        _submit: Any,
        name: Any,
        sector: Any,
        role: Any,
        state_data: Any,
        history_data: Any,
        lang_data: Any,
    ) -> Any:
        if not _fresh_trigger():
            raise dash.exceptions.PreventUpdate
        lang = tab_lang(app, lang_data)
        loaded = _load_map(store, state_data)
        try:
            if loaded is None:
                raise NetmapError("app.editor.not_found")
            payload = {"kind": "add_person", "name": name, "sector": sector, "role": role}
            op = parse_edit(payload, where=t("app.add.heading", lang))
            assert isinstance(op, AddPerson)
            op = op.model_copy(update={"id": new_person_id(loaded[1], op.name)})
        except NetmapError as exc:
            return (*_bad_request(exc, lang), _UNCHANGED, _UNCHANGED, _UNCHANGED)
        outcome = commit(store, state_data, history_data, op, lang, order=order)
        if not outcome.saved:
            return (*_outputs(outcome), _UNCHANGED, _UNCHANGED, _UNCHANGED)
        return (*_outputs(outcome), op.id, "", "")

    # Every field is saved when it is left (text fields send their value on
    # blur or Enter: debounce=True; the text area reports n_blur) or changed
    # (choices, slider), so closing the tab loses nothing typed. "Gem
    # ændringer" stays as the explicit way to do the same.
    @app.callback(
        *save_outputs,
        Output("edit-status", "children"),
        Output("edit-status", "className"),
        Output("edit-autosaved", "data"),
        Input("edit-save", "n_clicks"),
        Input("edit-name", "value"),
        Input("edit-role", "value"),
        Input("edit-organisation", "value"),
        Input("edit-care_sector", "value"),
        Input("edit-phone", "value"),
        Input("edit-email", "value"),
        Input("edit-helps_with", "n_blur"),
        Input("edit-q2", "value"),
        Input("edit-q3", "value"),
        Input("edit-q4", "value"),
        Input("edit-team_roles", "value"),
        Input("edit-primary_contact", "value"),
        Input("edit-sector", "value"),
        Input("edit-distance", "value"),
        State("edit-helps_with", "value"),
        State("selected", "data"),
        State("map-state", "data"),
        State("history", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def on_save(
        clicks: Any,
        name: Any,
        role: Any,
        organisation: Any,
        care_sector: Any,
        phone: Any,
        email: Any,
        _helps_blur: Any,
        q2: Any,
        q3: Any,
        q4: Any,
        team_roles: Any,
        primary: Any,
        sector: Any,
        distance: Any,
        helps_with: Any,
        selected: Any,
        state_data: Any,
        history_data: Any,
        lang_data: Any,
    ) -> Any:
        triggered = {str(item.get("prop_id")) for item in ctx.triggered}
        forged = not counts_valid(ctx.triggered)
        if forged or not ctx.triggered_id or ("edit-save.n_clicks" in triggered and not clicks):
            # Drawing the panel fires this with every field at once, the save
            # button's n_clicks (None) among them: no one changed anything.
            # Saving here would race with the edit that redrew the panel and
            # take its notice. (Changes made in quick succession can arrive
            # merged into one call, so more than one field is no such sign.)
            raise dash.exceptions.PreventUpdate
        outcome = _save_person(
            store,
            app,
            selected,
            {
                "name": name,
                "role": role,
                "organisation": organisation,
                "care_sector": care_sector,
                "phone": phone,
                "email": email,
                "helps_with": helps_with,
                "q2": q2,
                "q3": q3,
                "q4": q4,
                "team_roles": team_roles,
                "primary": primary,
                "sector": sector,
                "distance": distance,
            },
            state_data,
            history_data,
            lang_data,
        )
        lang = tab_lang(app, lang_data)
        if outcome.saved:
            return (
                *_outputs(outcome),
                t("app.edit.saved_status", lang),
                "save-status",
                {"version": outcome.state["version"]},
            )
        if outcome.notice is _UNCHANGED:
            raise dash.exceptions.PreventUpdate
        return (
            *_outputs(outcome),
            outcome.notice.get("text", ""),
            "save-status field-error",
            _UNCHANGED,
        )

    @app.callback(
        *save_outputs,
        Output("selected", "data", allow_duplicate=True),
        Input("edit-remove", "n_clicks"),
        State("selected", "data"),
        State("map-state", "data"),
        State("history", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def on_remove(
        clicks: Any, selected: Any, state_data: Any, history_data: Any, lang_data: Any
    ) -> Any:
        if not clicked(clicks):
            raise dash.exceptions.PreventUpdate
        lang = tab_lang(app, lang_data)
        try:
            op = parse_edit({"kind": "remove_person", "id": selected})
        except NetmapError as exc:
            return (*_bad_request(exc, lang), _UNCHANGED)
        outcome = commit(store, state_data, history_data, op, lang, order=order)
        return (*_outputs(outcome), None if outcome.saved else _UNCHANGED)

    @app.callback(
        Output("selected", "data", allow_duplicate=True),
        Input("edit-close", "n_clicks"),
        prevent_initial_call=True,
    )
    def on_close(clicks: Any) -> Any:
        if not clicked(clicks):
            raise dash.exceptions.PreventUpdate
        return None

    @app.callback(
        *save_outputs,
        Output("selected", "data", allow_duplicate=True),
        Output("connect-from", "data", allow_duplicate=True),
        Input("map-cy", "tapNodeData"),
        Input({"type": "person-item", "pid": ALL}, "n_clicks"),
        State("mode", "value"),
        State("q-step", "value"),
        State("connect-from", "data"),
        State("map-state", "data"),
        State("history", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def on_person_tap(
        tap: Any,
        _items: Any,
        mode: Any,
        step: Any,
        connect_from: Any,
        state_data: Any,
        history_data: Any,
        lang_data: Any,
    ) -> Any:
        lang = tab_lang(app, lang_data)
        if not _fresh_trigger():
            raise dash.exceptions.PreventUpdate
        trigger = ctx.triggered_id
        if isinstance(trigger, dict):
            person_id = trigger.get("pid")
        elif isinstance(tap, dict):
            person_id = tap.get("pid")
        else:
            person_id = None
        if person_id is None:
            # A tap on the patient or the background: nothing to do.
            raise dash.exceptions.PreventUpdate
        nothing = (_UNCHANGED, _UNCHANGED, _UNCHANGED)
        step = _step(step)
        try:
            if mode == "connect":
                first = _selected(connect_from)
                if first is None or first == person_id:
                    loaded = _load_map(store, state_data)
                    name = loaded[1].person(person_id).name if loaded else person_id
                    hint = notice("ok", t("app.mode.connect_first", lang, name=name))
                    return (_UNCHANGED, hint, _UNCHANGED, _UNCHANGED, person_id)
                op: EditOp = parse_edit({"kind": "toggle_tie", "a": first, "b": person_id})
                return (
                    *_outputs(commit(store, state_data, history_data, op, lang, order=order)),
                    _UNCHANGED,
                    None,
                )
            if step in (2, 3, 4):
                op = parse_edit({"kind": "cycle_answer", "id": person_id, "question": step})
                return (
                    *_outputs(commit(store, state_data, history_data, op, lang, order=order)),
                    _UNCHANGED,
                    _UNCHANGED,
                )
            person_id = parse(PersonId, person_id)
        except NetmapError as exc:
            return (*_bad_request(exc, lang), _UNCHANGED, _UNCHANGED)
        except KeyError:
            raise dash.exceptions.PreventUpdate from None
        return (*nothing, person_id, _UNCHANGED)

    @app.callback(
        *save_outputs,
        Input({"type": "answer", "pid": ALL, "a": ALL}, "n_clicks"),
        State("q-step", "value"),
        State("map-state", "data"),
        State("history", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def on_answer(
        _clicks: Any, step: Any, state_data: Any, history_data: Any, lang_data: Any
    ) -> Any:
        lang = tab_lang(app, lang_data)
        if not _fresh_trigger() or not isinstance(ctx.triggered_id, dict):
            raise dash.exceptions.PreventUpdate
        trigger = ctx.triggered_id
        try:
            op = parse_edit(
                {
                    "kind": "set_answer",
                    "id": trigger.get("pid"),
                    "question": step,
                    "answer": trigger.get("a"),
                }
            )
        except NetmapError as exc:
            return _bad_request(exc, lang)
        return _outputs(commit(store, state_data, history_data, op, lang, order=order))

    @app.callback(
        Output("work-col", "className"),
        Input("q-step", "value"),
        prevent_initial_call=True,  # step 1 is what the page starts with
    )
    def on_step(step: Any) -> str:
        # While answering questions 2–4 the list with the answers comes first.
        return "work-col answering" if _step(step) in (2, 3, 4) else "work-col"

    @app.callback(
        Output("connect-from", "data", allow_duplicate=True),
        Input("mode", "value"),
        State("connect-from", "data"),
        prevent_initial_call=True,
    )
    def on_mode(_mode: Any, connect_from: Any) -> Any:
        if connect_from is None:
            # Nothing to forget; a write would redraw the whole map once more.
            raise dash.exceptions.PreventUpdate
        return None

    @app.callback(
        *save_outputs,
        Input("undo", "n_clicks"),
        Input("redo", "n_clicks"),
        State("map-state", "data"),
        State("history", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def on_undo_redo(
        _undo: Any, _redo: Any, state_data: Any, history_data: Any, lang_data: Any
    ) -> Any:
        if not _fresh_trigger():
            raise dash.exceptions.PreventUpdate
        lang = tab_lang(app, lang_data)
        action = redo if ctx.triggered_id == "redo" else undo
        return _outputs(action(store, state_data, history_data, lang))

    @app.callback(
        Output("map-state", "data", allow_duplicate=True),
        Output("notice-store", "data", allow_duplicate=True),
        Input("reload", "n_clicks"),
        State("map-state", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def on_reload(clicks: Any, state_data: Any, lang_data: Any) -> Any:
        if not clicked(clicks):
            raise dash.exceptions.PreventUpdate
        lang = tab_lang(app, lang_data)
        try:
            state = parse(MapState, state_data)
            latest = store.load(state.map_id)
        except NetmapError as exc:
            return _UNCHANGED, error_outcome(exc, lang).notice
        return (
            state.at(latest.version).model_dump(exclude_none=True),
            notice("ok", t("app.reloaded", lang)),
        )


def _save_person(
    store: MapStore,
    app: dash.Dash,
    selected: Any,
    fields: dict[str, Any],
    state_data: Any,
    history_data: Any,
    lang_data: Any,
) -> Outcome:
    """Save the edit panel's fields as one ``update_person`` (nothing if unchanged)."""
    lang = tab_lang(app, lang_data)
    name = fields["name"]
    distance = fields["distance"]
    loaded = _load_map(store, state_data)
    if loaded is not None and isinstance(distance, int | float):
        try:
            shown = round(loaded[1].person(selected).distance, 2)
        except (KeyError, TypeError):
            shown = None
        if shown == distance:
            # The slider shows the distance to two decimals; left alone, it
            # must not round away where the person was dropped.
            distance = None
    try:
        for key in ("q2", "q3", "q4"):
            if fields[key] not in ("yes", "no", "unknown"):
                raise NetmapError("app.bad_form")
        if not isinstance(fields["primary"], list):
            raise NetmapError("app.bad_form")
        changes = {
            "name": name,
            "role": fields["role"],
            "organisation": fields["organisation"],
            "care_sector": fields["care_sector"],
            "phone": fields["phone"],
            "email": fields["email"],
            "helps_with": fields["helps_with"],
            "knows_how_i_am": answer_value(2, fields["q2"]),
            "can_help": answer_value(3, fields["q3"]),
            "attends_meetings": answer_value(4, fields["q4"]),
            "team_roles": fields["team_roles"],
            "primary_contact": fields["primary"] == ["yes"],
            "sector": fields["sector"],
        }
        if distance is not None:
            changes["distance"] = distance
        op = parse_edit(
            {"kind": "update_person", "id": selected, "changes": changes},
            where=name if isinstance(name, str) and name else None,
        )
    except NetmapError as exc:
        return error_outcome(exc, lang)
    return commit(store, state_data, history_data, op, lang, order=edit_order_of(app))
