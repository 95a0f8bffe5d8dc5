"""Saving edits: one edit on one version of a map, undo and redo (no web in here).

Every change the app makes goes through :func:`save_edit` (or
:func:`undo` / :func:`redo`): the edit (an :data:`~netmap.editing.EditOp`)
is applied to the version the tab last saw and saved as the next version, or
refused as a :class:`Conflict` when someone else saved in between. Two things
make a tab's quick edits work on a busy server:

- **A tab's own saves are no conflict.** A tab sends its saves faster than
  it learns their new version numbers (arrow keys on a choice, quick taps),
  and the browser drops the answer of a request fired again while it ran. A
  save that finds only versions of its own tab after the one it saw is
  applied to the newest of them (at most :data:`OWN_RETRIES` times). A
  version saved by anyone else in between is still a conflict.
- **A tab's edits of one subject keep their order.** The page numbers its
  requests (``seq``); on a threaded server two saves of the same tab can be
  taken up in the other order. An edit that sets its subject outright
  (``op.sets_outright``: a form, a drop) is skipped as :class:`Overtaken`
  when a newer one of the same tab and subject came first. Edits relative
  to what is there (a tap that cycles an answer) are never held back.

The notice after a save comes from the domain's change summary
(:meth:`netmap.changes.ChangeSummary.notice`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from netmap.changes import ChangeSummary, describe_changes
from netmap.editing import EditOp
from netmap.i18n import Lang, t
from netmap.model import NetworkMap, StrictModel
from netmap.store import ConflictError, MapStore, StoredMap

__all__ = [
    "AUTHOR",
    "MAX_STACK",
    "OWN_RETRIES",
    "Conflict",
    "EditOrder",
    "History",
    "Overtaken",
    "Restored",
    "Saved",
    "WhileSaving",
    "author_of",
    "redo",
    "restore_version",
    "save_edit",
    "undo",
]

#: The author of versions saved from the app (until there is a user identity).
AUTHOR = "app"
#: How many times one save may move on to the tab's own newer version. Each
#: time means another save of the same tab landed meanwhile, so this bounds a
#: burst of the tab's own saves, not time.
OWN_RETRIES = 20
#: Undo/redo stacks keep at most this many steps per tab.
MAX_STACK = 50
#: Remembered (map, tab, subject) keys of the edit order; the oldest are forgotten first.
_MAX_KEYS = 10_000


@dataclass(frozen=True)
class Saved:
    """A save that went through (or had nothing to save).

    ``base`` is the version the edit was applied to: the one the tab saw
    (``asked``) or its own newest. ``version`` is the map's version now: a
    new one, or ``base`` when the edit changed nothing.
    """

    map_id: str
    asked: int
    base: int
    version: int
    before: NetworkMap
    after: NetworkMap
    summary: ChangeSummary
    #: What ``while_saving`` made of ``after`` while the store wrote it, if
    #: it was made for this version (see :func:`save_edit`); else ``None``.
    prepared: object = None

    @property
    def changed(self) -> bool:
        """A new version was saved."""
        return self.version != self.base

    @property
    def caught_up(self) -> bool:
        """Nothing to save, but the tab was behind on its own newer versions."""
        return not self.changed and self.base != self.asked

    def notice(self, op: EditOp | None, lang: Lang) -> str:
        """The sentence for the notice under the map."""
        if op is None or op.from_form or not self.changed:
            return t("app.saved", lang)
        return self.summary.notice(lang)


@dataclass(frozen=True)
class Conflict:
    """Someone else saved a newer version than the one the tab saw: nothing saved."""

    map_id: str
    base_version: int
    current_version: int


@dataclass(frozen=True)
class Overtaken:
    """A newer edit of the same subject from the same tab was saved first: nothing saved."""

    map_id: str
    subject: str


def author_of(tab: str | None) -> str:
    """``app:<tab>`` for a tab that has an id, else ``app``.

    >>> author_of(None), author_of("0123abcd")
    ('app', 'app:0123abcd')
    """
    return f"{AUTHOR}:{tab}" if tab else AUTHOR


class EditOrder:
    """The newest numbered edit of each subject, per map and tab, in this server process.

    One per server (threads in one process share it); the check and the save
    inside :meth:`turn` happen under one lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._newest: OrderedDict[tuple[str, str, str], int] = OrderedDict()

    @contextmanager
    def turn(
        self, map_id: str, tab: str | None, subject: str | None, seq: int | None
    ) -> Iterator[bool]:
        """Hold the turn to save an edit of ``subject``; ``False`` if a newer one came first.

        ``subject`` is ``None`` for an edit relative to what is there (never
        held back). A save that raises frees the turn and is not remembered.
        """
        with self._lock:
            if seq is None or tab is None or subject is None:
                yield True
                return
            key = (map_id, tab, subject)
            newest = self._newest.get(key)
            if newest is not None and seq < newest:
                yield False
                return
            yield True
            self._newest[key] = seq
            self._newest.move_to_end(key)
            while len(self._newest) > _MAX_KEYS:
                self._newest.popitem(last=False)


#: What a save's fsync is overlapped with (see :func:`save_edit`): one writer
#: thread is enough, the store writes one save at a time anyway.
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netmap-save")
#: ``while_saving``: the map id, the version the save will have, the map saved.
WhileSaving = Callable[[str, int, NetworkMap], object]


def _store_save(
    store: MapStore,
    map_id: str,
    after: NetworkMap,
    base: int,
    author: str,
    while_saving: WhileSaving | None,
) -> tuple[StoredMap, object]:
    """Save ``after`` on ``base``; with ``while_saving``, call it during the commit.

    The store saves in the writer thread, and once only its commit is left
    (the fsync, during which SQLite lets other threads run) ``while_saving``
    runs in this one: before that this thread only waits, as the save's own
    work would otherwise wait for Python's lock behind it (up to 5 ms at a
    time). Its result is kept only if the save went through as ``base + 1``;
    if it raises, nothing is kept (the caller draws again and meets the same
    error). The save is waited for in every case, so nothing returns before
    the version is on disk.
    """
    if while_saving is None:
        return store.save(map_id, after, base_version=base, author=author), None
    committing = threading.Event()
    woken = threading.Event()

    def at_commit() -> None:
        committing.set()
        woken.set()

    writing = _WRITER.submit(
        store.save, map_id, after, base_version=base, author=author, before_commit=at_commit
    )
    # Refused, or nothing to add: no commit comes, the answer is known.
    writing.add_done_callback(lambda _done: woken.set())
    woken.wait()
    if not committing.is_set():
        return writing.result(), None
    # The commit may be over already (this thread woke late, on a busy machine):
    # what is drawn now is still of the version saved, so it is drawn all the same.
    try:
        prepared = while_saving(map_id, base + 1, after)
    except Exception:  # drawn again after the save, where it raises again
        prepared = None
    stored = writing.result()  # a ConflictError raises here
    return stored, prepared if stored.version == base + 1 else None


def _save_on_own_newest(
    store: MapStore,
    map_id: str,
    base_version: int,
    change: Callable[[NetworkMap], NetworkMap],
    tab: str | None,
    while_saving: WhileSaving | None = None,
) -> Saved | Conflict:
    author = author_of(tab)
    base = base_version
    for attempt in range(OWN_RETRIES):
        before = store.load(map_id, base).map
        after = change(before)
        if after == before:
            return Saved(map_id, base_version, base, base, before, after, ChangeSummary())
        try:
            stored, prepared = _store_save(store, map_id, after, base, author, while_saving)
        except ConflictError as exc:
            if tab is None or attempt == OWN_RETRIES - 1:
                return Conflict(map_id, base_version, exc.current_version)
            newer = store.history(map_id, after=base)  # reads only what came since
            if not newer or any(v.author != author for v in newer):
                return Conflict(map_id, base_version, exc.current_version)
            base = newer[-1].version
            continue
        summary = describe_changes(before, after)
        return Saved(map_id, base_version, base, stored.version, before, after, summary, prepared)
    raise AssertionError("unreachable: the last attempt returns")


def save_edit(
    store: MapStore,
    map_id: str,
    base_version: int,
    op: EditOp,
    *,
    tab: str | None,
    seq: int | None,
    order: EditOrder | None = None,
    while_saving: WhileSaving | None = None,
) -> Saved | Conflict | Overtaken:
    """Apply ``op`` to ``base_version`` (or the tab's own newest) and save the result.

    ``tab`` is the tab's id (``None``: every newer version is a conflict),
    ``seq`` the number the page gave the request and ``order`` the server's
    :class:`EditOrder` (without it nothing is held back). Raises
    ``NetmapError`` for an edit that cannot be made or a map that is not there;
    nothing is saved then.

    ``while_saving(map_id, version, map)`` (optional) is called with the map
    to be saved while the store writes it, so that what the caller makes of
    it (the app: the screen's answer) costs no time beyond the disk's
    fsync; its result is :attr:`Saved.prepared` when the save went through
    as that version. It must only read the map, and should not need the
    store: the version is not there yet, and a read waits for the write.
    """
    subject = op.about() if op.sets_outright else None
    turn = order.turn(map_id, tab, subject, seq) if order else _always()
    with turn as in_order:
        if not in_order:
            return Overtaken(map_id, op.about())
        return _save_on_own_newest(store, map_id, base_version, op.apply, tab, while_saving)


@contextmanager
def _always() -> Iterator[bool]:
    yield True


class History(StrictModel):
    """A tab's undo and redo stacks of version numbers."""

    undo: list[Annotated[int, Field(ge=1)]] = Field(default_factory=list, max_length=MAX_STACK)
    redo: list[Annotated[int, Field(ge=1)]] = Field(default_factory=list, max_length=MAX_STACK)

    def pushed(self, version: int) -> History:
        """After a fresh edit from ``version``: it can be undone; nothing to redo."""
        return History(undo=[*self.undo, version][-MAX_STACK:], redo=[])


@dataclass(frozen=True)
class Restored:
    """An undo or redo that went through, with the tab's new stacks."""

    saved: Saved
    history: History


def _restore(
    store: MapStore,
    map_id: str,
    base_version: int,
    history: History,
    *,
    tab: str | None,
    forward: bool,
) -> Restored | Conflict | None:
    stack = history.redo if forward else history.undo
    if not stack:
        return None
    content = store.load(map_id, stack[-1]).map
    saved = _save_on_own_newest(store, map_id, base_version, lambda _current: content, tab)
    if isinstance(saved, Conflict):
        return saved
    if forward:
        after = History(undo=[*history.undo, saved.base], redo=history.redo[:-1])
    else:
        after = History(undo=history.undo[:-1], redo=[*history.redo, saved.base])
    return Restored(saved, after)


def undo(
    store: MapStore, map_id: str, base_version: int, history: History, *, tab: str | None
) -> Restored | Conflict | None:
    """Save the content of the version before the tab's last edit as a new version.

    ``None`` when there is nothing to undo.
    """
    return _restore(store, map_id, base_version, history, tab=tab, forward=False)


def redo(
    store: MapStore, map_id: str, base_version: int, history: History, *, tab: str | None
) -> Restored | Conflict | None:
    """Save again the content the tab's last undo took away. ``None``: nothing to redo."""
    return _restore(store, map_id, base_version, history, tab=tab, forward=True)


def restore_version(
    store: MapStore, map_id: str, base_version: int, version: int, *, tab: str | None
) -> StoredMap | Conflict:
    """Save ``version``'s map again as the newest version, as ``netmap restore`` does.

    ``base_version`` is the latest version the tab saw: if anyone saved after
    it, nothing is restored (:class:`Conflict`). Equal to the latest: nothing
    added, the latest is returned.
    """
    try:
        return store.restore(map_id, version, author=author_of(tab), base_version=base_version)
    except ConflictError as exc:
        return Conflict(map_id, base_version, exc.current_version)
