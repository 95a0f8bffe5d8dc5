"""What the commands that work on one stored map share: opening the store for it,
finding the map by its id or the start of it, the author of a change, and
whether a person is at the terminal to answer a question."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from netmap.cli.common import open_cli_store
from netmap.errors import NetmapError
from netmap.store import MapNotFound, MapStore, MapSummary, resolve_db_path

__all__ = ["checked_author", "interactive", "resolve_map", "stored_maps"]

_MAX_AUTHOR = 200


def _default_author() -> str:
    try:
        return getpass.getuser() or "netmap"
    except (KeyError, OSError):
        return "netmap"


def checked_author(author: str | None) -> str:
    """``--author`` (or the login name), refused if empty, too long or with control characters."""
    # Checked before the store is opened, so a bad --author cannot create a database.
    value = (author if author is not None else _default_author()).strip()
    if not value or len(value) > _MAX_AUTHOR or any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise NetmapError("store.author_invalid", max=_MAX_AUTHOR)
    return value


@contextmanager
def stored_maps(db: Path | None, *, must_exist: bool) -> Iterator[MapStore | None]:
    """The store, or None when only reading and there is no database yet."""
    if must_exist and not resolve_db_path(db).exists():
        yield None
        return
    store = open_cli_store(db)
    try:
        yield store
    finally:
        store.close()


def resolve_map(store: MapStore | None, ref: str) -> MapSummary:
    """The map whose id is ``ref`` or, failing that, the one map whose id starts so."""
    if store is None:
        raise MapNotFound(ref)
    summaries = store.list_maps()
    for summary in summaries:
        if summary.map_id == ref:
            return summary
    matches = [s for s in summaries if ref and s.map_id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NetmapError("cli_maps.ambiguous_map", ref=ref, count=len(matches))
    raise MapNotFound(ref)


def interactive() -> bool:
    """Whether a person can answer a question (stdin is a terminal)."""
    return sys.stdin is not None and sys.stdin.isatty()
