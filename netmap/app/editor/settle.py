"""After a drop: the map's new layout, one request after the drop's answer.

Laying out the whole map (:mod:`netmap.layout`) took most of a drop's
answer, and the panels and the list waited for it. So the drop's answer
(``callbacks.on_drop``) brings the version, the list, the edit panel and
the panels, and sets ``map-pending`` ({map_id, version, drop}); that fires
:func:`settle_map`, which lays out the saved map (handed over by the drop,
:mod:`netmap.app.handoff`: no store load) into ``map-settled``. Meanwhile
cytoscape shows the person where they were dropped.

The browser puts the elements on the map (:data:`_APPLY_JS`) only if they
are still what the map would be drawn from: the tab's version, the same
choices (language, chosen person, line start, step, mode), no drop since
(``drop``, the page's count ``window.__netmapDrops``) and nobody being
dragged or moved by keys. Otherwise a newer answer draws it (a newer
drop's own settle, or ``render_map`` for a new choice), so a layout of an
older version or of other choices is never drawn.

The layout itself is begun as soon as the drop's answer has been sent
(:func:`prepare`, in one worker thread): while the browser draws that
answer, the server lays out the map, and ``settle_map`` mostly finds it
done. It is used only for the same map, version and choices.

The layout is sent as a patch against the elements the tab's map was drawn
from, when the server still knows them (:mod:`.drawn_map`): a drop changes
a few dozen elements of hundreds or thousands. A tab whose map is not drawn
from that list after all asks once more, for the whole layout
(``whole`` in ``map-pending``).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import dash
from dash import Input, Output, State
from flask import after_this_request, has_request_context
from pydantic import Field

from netmap.app.editor.drawn_map import settled_data
from netmap.app.editor.elements import map_elements
from netmap.app.handoff import just_saved_of
from netmap.app.lang import tab_lang
from netmap.app.meetings.since import since_cache_of, since_for
from netmap.app.state import MapId, MapState, parse
from netmap.app.wiring import Callbacks, Page, one_per_app
from netmap.errors import NetmapError
from netmap.model import NetworkMap, StrictModel
from netmap.store import MapNotFound

__all__ = ["APPLY_JS", "Begun", "Pending", "begun_of", "callbacks", "prepare", "settle_map"]

Elements = list[dict[str, Any]]
#: One thread lays out the maps of drops just answered (one at a time is enough).
_LAYOUTS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netmap-layout")
#: Layouts kept waiting for their settle_map (a few tabs); the oldest go first.
_BEGUN_SIZE = 8


class Begun:
    """Layouts begun for drops just answered, by (map id, version) and choices; taken once."""

    def __init__(self, size: int = _BEGUN_SIZE) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple[str, int], tuple[str, Future[Elements]]] = OrderedDict()

    def begin(self, map_id: str, version: int, ui: str, compute: Callable[[], Elements]) -> None:
        """Lay out in the worker thread what ``settle_map`` will ask for with ``ui``."""
        future = _LAYOUTS.submit(compute)
        with self._lock:
            self._items[(map_id, version)] = (ui, future)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def take(self, map_id: str, version: int, ui: str) -> Elements | None:
        """The elements begun for this version and these choices (waited for), or ``None``."""
        with self._lock:
            found = self._items.pop((map_id, version), None)
        if found is None or found[0] != ui:
            return None
        try:
            return found[1].result()
        except Exception:  # laid out again by the caller, where it raises again
            return None


def begun_of(app: dash.Dash) -> Begun:
    """The app's one :class:`Begun`."""
    return one_per_app(app, "netmap.layouts_begun", Begun)


def _ui_key(ui: tuple[Any, ...]) -> str:
    return json.dumps(list(ui), sort_keys=True, default=str)


def _elements_for(
    page: Page, map_id: str, network_map: NetworkMap, ui: tuple[Any, ...]
) -> Elements:
    """The elements for the raw (lang, selected, connect-from, q-step, mode) of a request."""
    lang_data, selected, connect_from, step, mode = ui
    lang = tab_lang(page.app, lang_data)
    since = since_for(page.store, since_cache_of(page.app), map_id, network_map)
    return map_elements(network_map, lang, (selected, connect_from, step, mode), since)


def prepare(page: Page, map_id: str, version: int, network_map: NetworkMap, ui: Any) -> None:
    """Begin the layout ``settle_map`` will send, once the drop's answer has gone out.

    ``ui`` holds the raw (lang, selected, connect-from, q-step, mode) of the
    drop's request. Outside a request (a test calling the callback) nothing
    is begun: ``settle_map`` lays out by itself.
    """
    if not has_request_context():
        return
    begun = begun_of(page.app)
    choices = tuple(ui)

    def compute() -> Elements:
        return _elements_for(page, map_id, network_map, choices)

    def begin() -> None:
        begun.begin(map_id, version, _ui_key(choices), compute)

    @after_this_request
    def _after(response: Any) -> Any:
        # Begun when the answer has been sent, so that it does not slow it down.
        response.call_on_close(begin)
        return response


class Pending(StrictModel):
    """A drop's version whose map is still to be laid out (``map-pending``)."""

    map_id: MapId
    version: int = Field(ge=1)
    drop: int | None = Field(default=None, ge=0, le=10**15)
    #: The tab could not apply a patch: send the whole layout.
    whole: bool = False


#: Puts the settled elements on the map when nothing newer is on the way
#: (the module's docstring): the whole list, or the tab's list with a patch
#: applied if the map was drawn from the list the patch was made against
#: (``map-drawn``), else it asks for the whole layout. Notes when
#: (``window.__netmapSettled``, read by benchmarks/bench_app.py).
APPLY_JS = """
function(settled, state, lang, selected, connectFrom, step, mode, elements, drawn) {
  var keep = window.dash_clientside.no_update;
  var none = [keep, keep];
  if (!settled || !state || settled.map_id !== state.map_id || settled.version !== state.version
      || !(Array.isArray(settled.elements) || Array.isArray(settled.put))) {
    return none;
  }
  var drops = window.__netmapDrops || 0;
  if (settled.drop !== null && settled.drop !== undefined && settled.drop !== drops) {
    return none;  // a newer drop: its own layout follows
  }
  var cy = window.cy;
  var grabbed = cy && typeof cy.nodes === "function" && cy.nodes(":grabbed").length > 0;
  if (grabbed || (window.__netmapKeyMoves || 0) > 0) { return none; }
  var now = JSON.stringify([lang, selected, connectFrom, step, mode].map(function (v) {
    return v === undefined ? null : v;
  }));
  if (now !== JSON.stringify(settled.ui)) { return none; }  // render_map draws the new choice
  var next = settled.elements;
  if (!Array.isArray(next)) {
    if (!drawn || drawn.map_id !== settled.map_id || drawn.token !== settled.base
        || !Array.isArray(elements)) {
      window.dash_clientside.set_props("map-pending", {data: {
        map_id: settled.map_id, version: settled.version, drop: settled.drop, whole: true}});
      return none;
    }
    var gone = new Set(settled.removed || []), put = new Map();
    settled.put.forEach(function (e) { put.set(String(e.data.id), e); });
    next = [];
    elements.forEach(function (e) {
      var id = String(e.data.id);
      if (gone.has(id)) { return; }
      if (put.has(id)) { next.push(put.get(id)); put.delete(id); } else { next.push(e); }
    });
    put.forEach(function (e) { next.push(e); });
  }
  window.__netmapSettled = {version: settled.version, drop: settled.drop, at: performance.now(),
    patched: !Array.isArray(settled.elements)};
  return [next, {map_id: settled.map_id, token: settled.token}];
}
"""

callbacks = Callbacks()
#: What the map's elements are drawn from besides the map.
_UI_STATES = (
    State("lang", "data"),
    State("selected", "data"),
    State("connect-from", "data"),
    State("q-step", "value"),
    State("mode", "value"),
)


@callbacks.callback(
    Output("map-settled", "data"),
    Input("map-pending", "data"),
    State("map-state", "data"),
    State("map-drawn", "data"),
    *_UI_STATES,
    prevent_initial_call=True,
)
def settle_map(page: Page, pending_data: Any, state_data: Any, drawn: Any, *ui: Any) -> Any:
    """The map's elements for the version a drop saved, with what they were drawn for.

    ``drawn`` is the tab's ``map-drawn``: with the token of a list the server
    still has for this map, the elements come as a patch against it.
    """
    try:
        pending = parse(Pending, pending_data)
        state = parse(MapState, state_data)
    except NetmapError:
        raise dash.exceptions.PreventUpdate from None
    if (pending.map_id, pending.version) != (state.map_id, state.version):
        raise dash.exceptions.PreventUpdate  # the tab is on a newer version already
    network_map = just_saved_of(page.app).take(pending.map_id, pending.version)
    if network_map is None:  # not handed over (another server process, or evicted)
        try:
            network_map = page.store.load(pending.map_id, pending.version).map
        except (NetmapError, MapNotFound):
            raise dash.exceptions.PreventUpdate from None
    elements = begun_of(page.app).take(pending.map_id, pending.version, _ui_key(ui))
    if elements is None:
        elements = _elements_for(page, pending.map_id, network_map, ui)
    return settled_data(
        page.app,
        pending.map_id,
        pending.version,
        pending.drop,
        ui,
        drawn,
        elements,
        whole=pending.whole,
    )


callbacks.clientside(
    APPLY_JS,
    Output("map-cy", "elements", allow_duplicate=True),
    Output("map-drawn", "data", allow_duplicate=True),
    Input("map-settled", "data"),
    State("map-state", "data"),
    *_UI_STATES,
    State("map-cy", "elements"),
    State("map-drawn", "data"),
    prevent_initial_call=True,
)
