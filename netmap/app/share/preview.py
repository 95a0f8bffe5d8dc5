"""The previews in "Del med teamet": the map picture and the team pack's first page, as PNG.

Both are drawn by the exporters themselves, from the map prepared for the
chosen audience, so the preview is the file: the picture is
:func:`netmap.export.picture.map_png` (smaller), the team pack's first page
is the real PDF's page 1 rasterised by PDFium (``pypdfium2``, a wheel with
its own PDFium: no browser, no poppler). A preview is the user's own screen,
not a file that leaves netmap: no gate, no export log, and never the CPR
number.

They are served at ``/share-preview/<map_id>/<version>/<map|pack>.png?for=…&lang=…``
(an ``<img>`` needs a URL; the page's CSP allows images from 'self' only),
read-only, for a version that never changes, so a small cache keeps the last few.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from io import BytesIO
from typing import Literal, cast

import dash
import pypdfium2
from flask import Response, abort, request

from netmap.app.lang import server_lang
from netmap.app.share.intents import FOR_WHOM, ForWhom
from netmap.app.state import MapId, parse
from netmap.consent import consent_state
from netmap.errors import NetmapError
from netmap.export.picture import map_png
from netmap.export.picture_options import RenderOptions
from netmap.export.redact import Audience, prepare
from netmap.export.team_pack import team_pack_pdf
from netmap.i18n import LANGUAGES, Lang, parse_lang
from netmap.model import NetworkMap
from netmap.store import MapStore

__all__ = ["PREVIEW_ROUTE", "PREVIEW_WIDTH", "preview_png", "serve_previews"]

PREVIEW_ROUTE = "/share-preview/<map_id>/<int:version>/<kind>.png"
#: Pixels across a preview: sharp in the panel, quick to make.
PREVIEW_WIDTH = 1100
_CACHE_SIZE = 16
Kind = Literal["map", "pack"]
_AUDIENCE = {"team": Audience.TEAM, "redacted": Audience.REDACTED, "patient": Audience.PATIENT}


def preview_png(
    network_map: NetworkMap, kind: Kind, for_whom: ForWhom, *, version: int, today: date, lang: Lang
) -> bytes:
    """The preview of ``kind`` as PNG bytes, as the file for ``for_whom`` would look."""
    audience = _AUDIENCE[for_whom]
    prepared = prepare(network_map, audience, lang=lang)
    state = consent_state(network_map.consent, today)
    options = RenderOptions(
        lang=lang,
        export_date=today,
        version=version,
        # The footer names the consent only when the file could be made now.
        consent_date=state.given_on if audience is Audience.TEAM and state.allows_sharing else None,
    )
    if kind == "map":
        return map_png(prepared, options, width=PREVIEW_WIDTH)
    document = pypdfium2.PdfDocument(team_pack_pdf(prepared, options))
    try:
        page = document[0]
        # An A4 landscape page is 842 points wide.
        image = page.render(scale=PREVIEW_WIDTH / page.get_width()).to_pil()
        out = BytesIO()
        image.save(out, format="PNG", optimize=False)
        return out.getvalue()
    finally:
        document.close()


class _Cache:
    """The last few previews made (a version's content never changes)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple[object, ...], bytes] = OrderedDict()

    def get(self, key: tuple[object, ...]) -> bytes | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[object, ...], value: bytes) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > _CACHE_SIZE:
                self._items.popitem(last=False)


def serve_previews(app: dash.Dash, store: MapStore, today: Callable[[], date]) -> None:
    """Serve the previews at :data:`PREVIEW_ROUTE` (GET only: it changes nothing)."""
    cache = _Cache()

    def preview(map_id: str, version: int, kind: str) -> Response:
        for_whom = request.args.get("for", "team")
        asked = request.args.get("lang")
        lang = parse_lang(asked) if asked in LANGUAGES else server_lang(app)
        if kind not in ("map", "pack") or for_whom not in FOR_WHOM:
            abort(404)
        try:
            parse(MapId, map_id)
            day = today()
            key = (map_id, version, kind, for_whom, lang, day)
            png = cache.get(key)
            if png is None:
                stored = store.load(map_id, version)
                png = preview_png(
                    stored.map,
                    cast(Kind, kind),
                    for_whom,
                    version=stored.version,
                    today=day,
                    lang=lang,
                )
                cache.put(key, png)
        except NetmapError:
            abort(404)
        return Response(png, mimetype="image/png")

    app.server.add_url_rule(PREVIEW_ROUTE, "share_preview", preview, methods=["GET"])
