"""The demo map: the fictional patient shipped with netmap, opened from the start page."""

from __future__ import annotations

import threading
from importlib import resources

from netmap.errors import NetmapError
from netmap.model import NetworkMap
from netmap.service import AUTHOR
from netmap.store import MapStore

__all__ = ["demo_map", "existing_demo", "open_or_create_demo"]


def demo_map() -> NetworkMap:
    """The fictional demo patient shipped in ``netmap/demo/sofie.graphml``."""
    from netmap.interchange import load_map

    data = (resources.files("netmap") / "demo" / "sofie.graphml").read_bytes()
    return load_map(data)


def existing_demo(store: MapStore) -> str | None:
    """The id of a demo map already in the store (its first version is the demo), if any.

    Only maps named like the demo patient are read, one version each.
    """
    demo = demo_map()
    for summary in store.list_maps():
        if summary.patient_name != demo.patient.name or summary.masked_cpr:
            continue
        try:
            first = store.load(summary.map_id, 1).map
        except NetmapError:
            continue
        if first == demo:
            return summary.map_id
    return None


def open_or_create_demo(store: MapStore, lock: threading.Lock) -> str:
    """The demo map's id: the one in the store, or a new copy if there is none.

    Under ``lock`` so that two quick clicks (two requests on two threads)
    cannot both find none and make two copies.
    """
    with lock:
        found = existing_demo(store)
        if found is not None:
            return found
        return store.create(demo_map(), author=AUTHOR).map_id
