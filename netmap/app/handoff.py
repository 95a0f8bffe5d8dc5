"""A map a save just wrote, handed to the one callback that draws from it next.

After a drop, ``on_drop`` has the saved map in hand, and the panels (drawn
in the drop's answer, then checked once more by the panels callback that the
new ``map-state`` fires) would load the same version from the store again.
The drop leaves the map here for each of them to take out once: one store
load per drop. Taken once
and only for a moment, so a map deleted afterwards is read from the store
(and refused) by every later request, as before.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import dash

from netmap.app.wiring import one_per_app
from netmap.model import NetworkMap

__all__ = ["JustSaved", "just_saved_of"]

_EXTENSION = "netmap.just_saved"
#: Maps waiting to be taken (a few tabs); the oldest are dropped first.
_SIZE = 16


class JustSaved:
    """Saved maps by (map id, version), each taken at most once."""

    def __init__(self, size: int = _SIZE) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._maps: OrderedDict[tuple[str, int], NetworkMap] = OrderedDict()

    def put(self, map_id: str, version: int, network_map: NetworkMap) -> None:
        """Leave the map of ``version`` for the next reader."""
        with self._lock:
            self._maps[(map_id, version)] = network_map
            while len(self._maps) > self._size:
                self._maps.popitem(last=False)

    def take(self, map_id: str, version: int) -> NetworkMap | None:
        """The map left for ``version`` (and forget it), or ``None``.

        >>> handoff = JustSaved()
        >>> from netmap.model import Patient
        >>> handoff.put("m", 2, NetworkMap(patient=Patient(name="Testa")))
        >>> handoff.take("m", 2) is not None, handoff.take("m", 2)
        (True, None)
        """
        with self._lock:
            return self._maps.pop((map_id, version), None)


def just_saved_of(app: dash.Dash) -> JustSaved:
    """The app's one :class:`JustSaved` (made by ``create_app``)."""
    return one_per_app(app, _EXTENSION, JustSaved)
