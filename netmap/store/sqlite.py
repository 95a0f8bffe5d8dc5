"""The default store: one embedded SQLite database file in WAL mode.

Design choices, and why:

* **Append-only.** Each save inserts one row into ``versions`` and the persons
  and ties that are new into ``parts`` (:mod:`netmap.store.schema`: unchanged
  ones are shared between versions, so a small edit costs about a kilobyte, not
  a copy of the map); triggers refuse any ``UPDATE`` of either, so history
  cannot be rewritten by mistake. Only :meth:`SqliteStore.delete` removes rows
  (the patient's right to erasure).
* **Conflicts.** The check "is ``base_version`` still the latest?" and the insert
  of the next version run in one ``BEGIN IMMEDIATE`` transaction, which takes
  the database's write lock *before* reading. Two processes saving on the same
  base are therefore serialised: the second sees the first's version and gets
  :class:`~netmap.store.base.ConflictError` with its map handed back.
* **Durability.** WAL with ``synchronous=FULL``: each commit is fsynced to the
  WAL before ``save`` returns, so a save the user was told about survives a
  power cut, not just a crashed process (``NORMAL`` would keep the file intact
  but could lose the last saves). The one fsync per save is the largest
  part of a save (about 0.5 ms of 1 ms here, see ``benchmarks/bench_app.py``),
  and worth it.
* **Erasure.** ``secure_delete=ON`` makes SQLite overwrite deleted content with
  zeros, and after a delete the WAL is checkpointed and truncated so old page
  images do not linger there either. ``VACUUM`` would also work but rewrites the
  whole file on every erasure. While another program reads the database the
  WAL cannot be emptied: the delete says so and the store finishes it at its
  next open, write or close (:mod:`netmap.store.erasure`).
* **Checked at open.** ``PRAGMA quick_check`` runs when a store opens, so a
  damaged file is refused at start with what to do, not in the middle of work;
  files others can read are tightened first (:mod:`netmap.store.permissions`).
* **Threads.** One connection per store object, shared by all threads under a
  lock (the Dash dev server is threaded); ``check_same_thread=False`` is safe
  because no two threads use the connection at the same time.
* **Waiting.** ``busy_timeout`` makes a second writer (another process) wait for
  the lock instead of failing at once.
* **Validation.** The map-wide checks run again before a map is written (a
  list edited in place bypasses pydantic's assignment checks); loading
  validates the stored JSON in full, and a row damaged outside netmap is
  reported as :class:`~netmap.store.base.StoreCorrupt`. Versions never change,
  so parsed maps are cached (detached copies go out, see
  :meth:`~netmap.model.NetworkMap.detached`) and a save after a load does not
  parse the previous version again; the stored JSON is joined from the
  remembered JSON of unchanged persons and ties (:mod:`netmap.store.stored_json`).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import ValidationError

from netmap.changes import ChangeSummary, describe_changes
from netmap.errors import invalid_input
from netmap.export.log import ExportRecord
from netmap.model import NetworkMap
from netmap.store.base import (
    ConflictError,
    Erasure,
    MapNotFound,
    MapSummary,
    StoreCorrupt,
    StoredMap,
    StoreError,
    VersionBrief,
    VersionInfo,
    VersionNotFound,
)
from netmap.store.erasure import checkpoint_truncate, delete_rows
from netmap.store.export_log import insert_export, select_exports
from netmap.store.part_rows import MissingPart, Recipe, add_parts, find_ids, text_of
from netmap.store.parts import StoredParts, join
from netmap.store.permissions import companion_files, private_files
from netmap.store.schema import MIGRATIONS, SCHEMA_VERSION, create_schema
from netmap.store.stored_json import StoredJson

__all__ = ["SCHEMA_VERSION", "SqliteStore"]

#: ``PRAGMA application_id``: "NMAP", so another program's database is not mistaken for ours.
APPLICATION_ID = 0x4E4D4150
DEFAULT_TIMEOUT_S = 10.0
#: How long a delete waits for other programs' reads to end before it reports
#: the erasure as pending; opening and closing wait this long too, saves not at all.
ERASURE_WAIT_S = 2.0
MAX_AUTHOR_LENGTH = 200
MAX_NOTE_LENGTH = 1000
_CACHE_SIZE = 16
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_VERSION_COLUMNS = "version, saved_at, head, tail, persons, ties, map_json"


@dataclass(frozen=True)
class _Row:
    """A stored version: its parts' recipe, or (kept whole) its JSON text."""

    map_id: str
    version: int
    saved_at: str
    recipe: Recipe | None
    whole: str | None


def _row(map_id: str, row: tuple[Any, ...]) -> _Row:
    version, saved_at, head, tail, persons, ties, whole = row
    if whole is not None:
        return _Row(map_id, int(version), str(saved_at), None, str(whole))
    recipe = Recipe(int(head), int(tail), bytes(persons), bytes(ties))
    return _Row(map_id, int(version), str(saved_at), recipe, None)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _clean(value: str, *, field: str, max_length: int, required: bool) -> str:
    if not isinstance(value, str):
        raise StoreError(f"store.{field}_invalid", max=max_length)
    value = value.strip()
    if (required and not value) or len(value) > max_length or _CONTROL_RE.search(value):
        raise StoreError(f"store.{field}_invalid", max=max_length)
    return value


class SqliteStore:
    """A :class:`~netmap.store.base.MapStore` in one SQLite file.

    Examples
    --------
    >>> import tempfile
    >>> from netmap.model import NetworkMap, Patient
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with SqliteStore(Path(folder) / "maps.db") as store:
    ...         first = store.create(NetworkMap(patient=Patient(name="Testa")), author="kp")
    ...         [v.summary for v in store.history(first.map_id)]
    ['Kort oprettet med 0 personer og 0 streger']
    """

    def __init__(
        self,
        path: Path,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        erasure_wait: float | None = None,
    ) -> None:
        self.path = Path(path)
        self._timeout = timeout
        self._erasure_wait = ERASURE_WAIT_S if erasure_wait is None else erasure_wait
        self._lock = threading.RLock()
        self._cache: OrderedDict[tuple[str, int], NetworkMap] = OrderedDict()
        self._json = StoredJson()
        # map id -> (version, its part ids, digest -> part id of those parts):
        # the latest version this store saved, so the next save looks up only
        # the parts that are new to it (see _known_ids).
        self._latest_parts: OrderedDict[str, tuple[int, list[int], dict[bytes, int]]] = (
            OrderedDict()
        )
        self._pending = False
        self._conn: sqlite3.Connection | None = self._connect()
        with self._lock:
            self._finish_erasure(self._erasure_wait)

    # --- connection and schema -------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self.path.is_dir():
            raise StoreError("store.cannot_open", path=str(self.path), detail="is a directory")
        # Before anything is written: a file others can read is made owner-only.
        private_files(self.path)
        if not self.path.exists():
            # The file holds CPR numbers: readable by its owner only. SQLite gives
            # the -wal and -shm files the same permissions.
            with contextlib.suppress(OSError):
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            conn = sqlite3.connect(
                self.path, timeout=self._timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError("store.cannot_open", path=str(self.path), detail=str(exc)) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError("store.cannot_open", path=str(self.path), detail=f"journal {mode}")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            self._check_intact(conn)
            migrated = self._prepare_schema(conn)
        except sqlite3.OperationalError as exc:
            # Locked for longer than the timeout, read-only, disk full …: not the file's fault.
            conn.close()
            raise StoreError("store.cannot_open", path=str(self.path), detail=str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError("store.not_a_database", path=str(self.path), detail=str(exc)) from exc
        except BaseException:
            conn.close()
            raise
        if migrated:
            # The old whole-map rows are free pages now (zeroed): give the space back.
            with contextlib.suppress(sqlite3.Error):
                conn.execute("VACUUM")
        return conn

    def _check_intact(self, conn: sqlite3.Connection) -> None:
        """Refuse a damaged file at open (every page's structure; about 1 ms a megabyte)."""
        try:
            problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check(1)").fetchall()]
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        if problems != ["ok"]:
            # "*** in database main ***\nPage 19: btreeInitPage() …": one line, the page named.
            words = " ".join(problems).replace("*** in database main ***", "").split()
            raise StoreError("store.damaged", path=str(self.path), detail=" ".join(words)[:200])

    def _prepare_schema(self, conn: sqlite3.Connection) -> bool:
        """Create or migrate the tables; whether an older schema was migrated."""
        version, app_id = self._schema_of(conn)
        if version == SCHEMA_VERSION and app_id == APPLICATION_ID:
            return False
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have just done it.
            version, app_id = self._schema_of(conn)
            migrated = 0 < version < SCHEMA_VERSION
            if version == 0:
                tables = conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                ).fetchone()[0]
                if tables or app_id not in (0, APPLICATION_ID):
                    raise StoreError("store.not_netmap", path=str(self.path))
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                create_schema(conn)
                version = SCHEMA_VERSION
            elif app_id != APPLICATION_ID:
                raise StoreError("store.not_netmap", path=str(self.path))
            if version > SCHEMA_VERSION:
                raise StoreError(
                    "store.schema_too_new", path=str(self.path), found=version, known=SCHEMA_VERSION
                )
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](conn)
                version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return migrated

    @staticmethod
    def _schema_of(conn: sqlite3.Connection) -> tuple[int, int]:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        return version, app_id

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("store.closed", path=str(self.path))
        return self._conn

    @contextlib.contextmanager
    def _transaction(
        self, *, write: bool, before_commit: list[Callable[[], None]] | None = None
    ) -> Iterator[sqlite3.Connection]:
        """One transaction under the store's lock; sqlite errors become StoreError.

        After it, an unfinished erasure (of this store or another program) is
        tried again without waiting: every write is a chance to finish it.
        What the body leaves in ``before_commit`` is called just before the
        ``COMMIT`` (whose fsync is then all that is left).
        """
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            except sqlite3.OperationalError as exc:
                raise StoreError("store.busy", path=str(self.path), detail=str(exc)) from exc
            try:
                yield conn
                if write and not self._pending:
                    self._pending = bool(
                        conn.execute("SELECT EXISTS (SELECT 1 FROM erasure_pending)").fetchone()[0]
                    )
                for call in before_commit or ():
                    call()
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(
                        "store.write_failed" if write else "store.read_failed",
                        path=str(self.path),
                        detail=str(exc),
                    ) from exc
                raise
            if self._pending:
                self._finish_erasure(0.0)

    def _finish_erasure(self, wait_s: float) -> None:
        """Empty the WAL if an erasure is pending; remember whether one still is.

        Call under the lock, outside a transaction. Never raises: an erasure that
        cannot finish now stays pending for the next chance.
        """
        conn = self._conn
        if conn is None:
            return
        try:
            if not conn.execute("SELECT EXISTS (SELECT 1 FROM erasure_pending)").fetchone()[0]:
                self._pending = False
                return
            if not checkpoint_truncate(conn, self.path, wait_s, self._timeout):
                self._pending = True
                return
            self._pending = False
            # The marker names a random id, nothing personal; if it cannot go
            # now, a later store only empties an already clean WAL once more.
            conn.execute(f"PRAGMA busy_timeout = {int(wait_s * 1000)}")
            try:
                conn.execute("DELETE FROM erasure_pending")
            finally:
                conn.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
            checkpoint_truncate(conn, self.path, wait_s, self._timeout)
        except sqlite3.Error:
            return

    def erasure_pending(self) -> bool:
        """Whether an erasure is not finished on disk (as last seen; also after close)."""
        return self._pending

    def close(self) -> None:
        """Close the connection (finishing a pending erasure if it can); later calls raise."""
        with self._lock:
            if self._conn is not None:
                self._finish_erasure(self._erasure_wait)
                self._conn.close()
                self._conn = None
            self._cache.clear()
            self._latest_parts.clear()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- maps in and out ---------------------------------------------------------

    def _text(self, conn: sqlite3.Connection, row: _Row) -> str:
        """A version's stored JSON, as it was written."""
        if row.whole is not None:
            return row.whole
        assert row.recipe is not None
        try:
            return text_of(conn, row.map_id, row.recipe)
        except MissingPart as exc:
            raise StoreCorrupt(row.map_id, row.version, str(exc)) from exc

    def _parse(self, conn: sqlite3.Connection, row: _Row) -> NetworkMap:
        """A caller's own copy of a stored map."""
        return self._parse_shared(conn, row).detached()

    def _parse_shared(self, conn: sqlite3.Connection, row: _Row) -> NetworkMap:
        """The cached map itself: for reading inside the store only, never handed out."""
        key = (row.map_id, row.version)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        try:
            parsed = NetworkMap.model_validate_json(self._text(conn, row))
        except ValidationError as exc:
            raise StoreCorrupt(row.map_id, row.version, invalid_input(exc)) from exc
        self._remember(key, parsed)
        return parsed

    def _remember(self, key: tuple[str, int], network_map: NetworkMap) -> None:
        # Versions never change, so a cached one is never stale. Copies go out,
        # so a caller editing its map cannot change the cache.
        self._cache[key] = network_map
        self._cache.move_to_end(key)
        while len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)

    def _checked(self, network_map: NetworkMap) -> tuple[NetworkMap, StoredParts]:
        """The map with its map-wide checks run again, and its stored JSON's parts.

        Editing ``persons`` or ``ties`` in place (append, remove) bypasses
        pydantic's assignment checks, so unique ids, ties between persons on the
        map and the size limits are checked again here. Persons and ties are
        already validated objects (every assignment to them is checked) and are
        not parsed again: that costs about 0.35 ms per person (phone and e-mail
        checks), 0.7 s for a map at ``MAX_PERSONS``, on every save.
        """
        if not isinstance(network_map, NetworkMap):
            raise TypeError(f"expected a NetworkMap, got {type(network_map).__name__}")
        fields = {name: getattr(network_map, name) for name in NetworkMap.model_fields}
        try:
            checked = NetworkMap.model_validate(fields)
        except ValidationError as exc:
            raise invalid_input(exc) from exc
        return checked, self._json.parts(checked)

    @staticmethod
    def _latest(conn: sqlite3.Connection, map_id: str) -> _Row:
        row = conn.execute(
            f"SELECT {_VERSION_COLUMNS} FROM versions WHERE map_id = ?"
            " ORDER BY version DESC LIMIT 1",
            (map_id,),
        ).fetchone()
        if row is None:
            raise MapNotFound(map_id)
        return _row(map_id, row)

    @staticmethod
    def _version(conn: sqlite3.Connection, map_id: str, version: int) -> _Row:
        row = conn.execute(
            f"SELECT {_VERSION_COLUMNS} FROM versions WHERE map_id = ? AND version = ?",
            (map_id, version),
        ).fetchone()
        if row is None:
            exists = conn.execute("SELECT 1 FROM maps WHERE map_id = ?", (map_id,)).fetchone()
            if exists is None:
                raise MapNotFound(map_id)
            raise VersionNotFound(map_id, version)
        return _row(map_id, row)

    def _stored(self, conn: sqlite3.Connection, row: _Row) -> StoredMap:
        return _stored_map(
            map_id=row.map_id,
            version=row.version,
            saved_at=datetime.fromisoformat(row.saved_at),
            map=self._parse(conn, row),
        )

    @staticmethod
    def _unchanged(latest: _Row, parts: StoredParts, ids: list[int | None]) -> bool:
        """Whether ``parts`` are exactly the latest version's map (``ids``: the map's
        id of each part, None where it has not got it)."""
        if latest.recipe is None:
            return latest.whole == join(parts)
        return None not in ids and ids == latest.recipe.ids()

    def _insert(
        self,
        conn: sqlite3.Connection,
        *,
        map_id: str,
        version: int,
        checked: NetworkMap,
        kept: Recipe | str,
        changes: ChangeSummary,
        author: str,
        note: str | None,
        based_on: int | None = None,
        restored_from: int | None = None,
    ) -> StoredMap:
        """Append a version whose map is ``kept``: a recipe of parts or a whole text."""
        saved_at = _now()
        recipe = kept if isinstance(kept, Recipe) else None
        conn.execute(
            "INSERT INTO versions (map_id, version, saved_at, author, based_on, restored_from,"
            " note, changes_json, patient_name, masked_cpr, head, tail, persons, ties, map_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                map_id,
                version,
                saved_at,
                author,
                based_on,
                restored_from,
                note,
                changes.model_dump_json(),
                checked.patient.name,
                checked.patient.masked_cpr,
                None if recipe is None else recipe.head,
                None if recipe is None else recipe.tail,
                None if recipe is None else recipe.persons,
                None if recipe is None else recipe.ties,
                kept if isinstance(kept, str) else None,
            ),
        )
        # The cache gets its own copy: ``checked`` shares persons with the caller's map.
        self._remember((map_id, version), checked.detached())
        return _stored_map(
            map_id=map_id, version=version, saved_at=datetime.fromisoformat(saved_at), map=checked
        )

    # --- MapStore ----------------------------------------------------------------

    def create(
        self, network_map: NetworkMap, *, author: str, summary: str | None = None
    ) -> StoredMap:
        """Store a new map as version 1 under a new, unguessable ``map_id``."""
        checked, parts = self._checked(network_map)
        author = _clean(author, field="author", max_length=MAX_AUTHOR_LENGTH, required=True)
        note = _note(summary)
        map_id = uuid.uuid4().hex
        with self._transaction(write=True) as conn:
            conn.execute("INSERT INTO maps (map_id, created_at) VALUES (?, ?)", (map_id, _now()))
            return self._insert(
                conn,
                map_id=map_id,
                version=1,
                checked=checked,
                kept=add_parts(conn, map_id, parts, {}),
                changes=describe_changes(None, checked),
                author=author,
                note=note,
            )

    def list_maps(self) -> list[MapSummary]:
        """All maps, most recently saved first (by save order, not by clock)."""
        with self._transaction(write=False) as conn:
            rows = conn.execute(
                "SELECT m.map_id, m.created_at, v.saved_at, v.version, v.patient_name,"
                " v.masked_cpr,"
                " (SELECT count(*) FROM versions c WHERE c.map_id = m.map_id)"
                " FROM maps m JOIN versions v ON v.map_id = m.map_id"
                " WHERE v.version = (SELECT max(version) FROM versions l WHERE l.map_id = m.map_id)"
                " ORDER BY v.seq DESC"
            ).fetchall()
        return [
            MapSummary(
                map_id=row[0],
                created_at=datetime.fromisoformat(row[1]),
                updated_at=datetime.fromisoformat(row[2]),
                latest_version=row[3],
                patient_name=row[4],
                masked_cpr=row[5],
                version_count=row[6],
            )
            for row in rows
        ]

    def load(self, map_id: str, version: int | None = None) -> StoredMap:
        """The latest version, or ``version``; ``MapNotFound`` / ``VersionNotFound``."""
        with self._transaction(write=False) as conn:
            row = (
                self._latest(conn, map_id)
                if version is None
                else self._version(conn, map_id, version)
            )
            return self._stored(conn, row)

    def stored_json(self, map_id: str, version: int) -> str:
        """A version's stored JSON exactly as it was written (for checks, not for editing)."""
        with self._transaction(write=False) as conn:
            return self._text(conn, self._version(conn, map_id, version))

    def save(
        self,
        map_id: str,
        network_map: NetworkMap,
        *,
        base_version: int,
        author: str,
        summary: str | None = None,
        before_commit: Callable[[], None] | None = None,
    ) -> StoredMap:
        """Append a new version on top of ``base_version`` (see the MapStore contract).

        A stale ``base_version`` is refused after reading one row: the latest
        version's number, found through the ``(map_id, version)`` index.
        ``before_commit`` is called once the version is written, before the
        commit's fsync (the one part of a save that waits for the disk).
        """
        checked, parts = self._checked(network_map)
        author = _clean(author, field="author", max_length=MAX_AUTHOR_LENGTH, required=True)
        note = _note(summary)
        at_commit: list[Callable[[], None]] = []
        with self._transaction(write=True, before_commit=at_commit) as conn:
            latest = self._latest(conn, map_id)
            if latest.version != base_version:
                raise ConflictError(map_id, base_version, latest.version, network_map)
            # Each part's digest once (a 1,000-person map is some 2,700 parts).
            digests = self._json.digests(parts)
            known = self._known_ids(conn, latest, digests)
            if self._unchanged(latest, parts, [known.get(key) for key in digests]):
                return self._stored(conn, latest)
            before = self._base_for_changes(conn, latest)
            kept = add_parts(conn, map_id, parts, known, digests)
            stored = self._insert(
                conn,
                map_id=map_id,
                version=latest.version + 1,
                checked=checked,
                kept=kept,
                changes=describe_changes(before, checked),
                author=author,
                note=note,
                based_on=base_version,
            )
            self._remember_parts(map_id, stored.version, kept.ids(), digests)
            if before_commit is not None:
                at_commit.append(before_commit)
            return stored

    def _known_ids(
        self, conn: sqlite3.Connection, latest: _Row, digests: list[bytes]
    ) -> dict[bytes, int]:
        """The part ids the map has for ``digests`` (a dict the caller may add to).

        When this store saved the latest version itself, the ids of its parts
        are known: only the other digests are looked up (a drop: one or two of
        some 2,700 at 1,000 persons). Trusted only if the latest row read in
        this transaction has exactly those part ids, so a version written by
        another process, or a map erased and written again, is looked up whole.
        """
        with self._lock:
            remembered = self._latest_parts.get(latest.map_id)
        if (
            remembered is None
            or latest.recipe is None
            or remembered[0] != latest.version
            or remembered[1] != latest.recipe.ids()
        ):
            return find_ids(conn, latest.map_id, digests)
        known = dict(remembered[2])
        missing = [key for key in digests if key not in known]
        if missing:
            known.update(find_ids(conn, latest.map_id, missing))
        return known

    def _remember_parts(
        self, map_id: str, version: int, ids: list[int], digests: list[bytes]
    ) -> None:
        with self._lock:
            self._latest_parts[map_id] = (version, ids, dict(zip(digests, ids, strict=True)))
            self._latest_parts.move_to_end(map_id)
            while len(self._latest_parts) > _CACHE_SIZE:
                self._latest_parts.popitem(last=False)

    def _base_for_changes(self, conn: sqlite3.Connection, latest: _Row) -> NetworkMap | None:
        """The latest map, to describe what a new version changes; None if damaged."""
        try:
            return self._parse_shared(conn, latest)
        except StoreCorrupt:
            # Saving a good version on top of a damaged one is how it gets repaired.
            return None

    def history(self, map_id: str, *, after: int = 0) -> list[VersionInfo]:
        """The versions newer than ``after`` (all by default), oldest first.

        Reads only those rows (the ``(map_id, version)`` index), so asking what
        came after a stale version costs the same at any history length.
        """
        with self._transaction(write=False) as conn:
            rows = conn.execute(
                "SELECT version, saved_at, author, based_on, restored_from, note, changes_json"
                " FROM versions WHERE map_id = ? AND version > ? ORDER BY version",
                (map_id, after),
            ).fetchall()
            if not rows and (
                after <= 0
                or conn.execute("SELECT 1 FROM maps WHERE map_id = ?", (map_id,)).fetchone() is None
            ):
                raise MapNotFound(map_id)
        return [_version_info(map_id, *row) for row in rows]

    def version_briefs(self, map_id: str, *, after: int = 0) -> list[VersionBrief]:
        """The versions newer than ``after`` (all by default), oldest first: one read,
        the change summaries parsed, no text made.

        About 15 µs a version (the summary text of :meth:`history` costs more
        than the rest together): the history page of 1,000 versions reads them
        all once, and then (``after``) only the new ones.
        """
        with self._transaction(write=False) as conn:
            rows = conn.execute(
                "SELECT version, saved_at, author, restored_from, note, changes_json"
                " FROM versions WHERE map_id = ? AND version > ? ORDER BY version",
                (map_id, after),
            ).fetchall()
            if not rows and (
                after <= 0
                or conn.execute("SELECT 1 FROM maps WHERE map_id = ?", (map_id,)).fetchone() is None
            ):
                raise MapNotFound(map_id)
        return [_brief(*row) for row in rows]

    def restore(
        self, map_id: str, version: int, *, author: str, base_version: int | None = None
    ) -> StoredMap:
        """Append ``version``'s map as the newest version (nothing added if equal).

        ``base_version``: refuse with ``ConflictError`` if it is no longer the latest.
        """
        author = _clean(author, field="author", max_length=MAX_AUTHOR_LENGTH, required=True)
        with self._transaction(write=True) as conn:
            latest = self._latest(conn, map_id)
            target = self._version(conn, map_id, version)
            restored = self._parse(conn, target)
            if base_version is not None and latest.version != base_version:
                raise ConflictError(map_id, base_version, latest.version, restored)
            if self._same_map(conn, target, latest):
                return self._stored(conn, latest)
            before = self._base_for_changes(conn, latest)
            kept: Recipe | str = target.recipe if target.recipe is not None else str(target.whole)
            return self._insert(
                conn,
                map_id=map_id,
                version=latest.version + 1,
                checked=restored,
                kept=kept,
                changes=describe_changes(before, restored),
                author=author,
                note=None,
                based_on=latest.version,
                restored_from=version,
            )

    def _same_map(self, conn: sqlite3.Connection, good: _Row, other: _Row) -> bool:
        """Whether two versions hold the same map (``good`` reads; ``other`` may be damaged)."""
        if good.recipe is not None and other.recipe is not None:
            return good.recipe == other.recipe  # parts are unique per map
        try:
            return self._text(conn, good) == self._text(conn, other)
        except StoreCorrupt:
            return False

    def delete(self, map_id: str) -> Erasure:
        """Erase the map and every version of it, leaving no copy in the file or WAL.

        If another program reads the database meanwhile, the WAL cannot be
        emptied yet: the result says so (``complete=False``), and the store
        finishes the erasure at its next open, write or close.
        """
        with self._transaction(write=True) as conn:
            if not delete_rows(conn, map_id):
                raise MapNotFound(map_id)
            conn.execute(
                "INSERT OR REPLACE INTO erasure_pending (erased_id, since) VALUES (?, ?)",
                (map_id, _now()),
            )
        with self._lock:
            for key in [k for k in self._cache if k[0] == map_id]:
                del self._cache[key]
            self._latest_parts.pop(map_id, None)
            if self._pending:  # not done without waiting: give other readers a moment
                self._finish_erasure(self._erasure_wait)
            if not self._pending:
                return Erasure(map_id=map_id, complete=True)
        return Erasure(
            map_id=map_id,
            complete=False,
            reason="in_use",
            files=[str(file) for file in companion_files(self.path) if file.exists()],
        )

    def record_export(self, record: ExportRecord) -> None:
        """Add one export to the map's export log (``MapNotFound`` if there is no map)."""
        with self._transaction(write=True) as conn:
            insert_export(conn, record)

    def export_log(self, map_id: str) -> list[ExportRecord]:
        """Every export of the map, oldest first (``MapNotFound`` if there is no map)."""
        with self._transaction(write=False) as conn:
            return select_exports(conn, map_id)

    def backup(self, target: Path, *, overwrite: bool = False) -> None:
        """A consistent copy of the whole store in one self-contained file (no WAL).

        Written to a temporary file next to ``target`` and renamed into place, so
        a failed backup never leaves a half-written ``target``.
        """
        target = Path(target)
        if target.exists() and self.path.exists() and target.samefile(self.path):
            raise StoreError("store.backup_same_file", path=str(target))
        if target.exists() and not overwrite:
            raise StoreError("store.backup_exists", path=str(target))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError("store.backup_failed", path=str(target), detail=str(exc)) from exc
        temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            copy = sqlite3.connect(temp, isolation_level=None)
            try:
                with self._lock:
                    self._connection().backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
            os.replace(temp, target)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError("store.backup_failed", path=str(target), detail=str(exc)) from exc
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


def _stored_map(*, map_id: str, version: int, saved_at: datetime, map: NetworkMap) -> StoredMap:
    # Every part was just validated (or read from a validated cache): building
    # the model again would run the map-wide checks once more on each load.
    return StoredMap.model_construct(map_id=map_id, version=version, saved_at=saved_at, map=map)


def _note(summary: str | None) -> str | None:
    if summary is None:
        return None
    return _clean(summary, field="note", max_length=MAX_NOTE_LENGTH, required=False) or None


def _brief(
    version: int,
    saved_at: str,
    author: str,
    restored_from: int | None,
    note: str | None,
    changes_json: str,
) -> VersionBrief:
    try:
        changes: ChangeSummary | None = ChangeSummary.model_validate_json(changes_json)
    except ValidationError:
        changes = None  # as in history(): the list stays readable
    # Plain __init__: pydantic's model_construct is slower for a small model.
    return VersionBrief(
        version=version,
        saved_at=datetime.fromisoformat(saved_at),
        author=author,
        restored_from=restored_from,
        note=note,
        changes=changes,
    )


def _version_info(
    map_id: str,
    version: int,
    saved_at: str,
    author: str,
    based_on: int | None,
    restored_from: int | None,
    note: str | None,
    changes_json: str,
) -> VersionInfo:
    try:
        changes: ChangeSummary | None = ChangeSummary.model_validate_json(changes_json)
    except ValidationError:
        changes = None  # history stays readable; the map itself is checked on load
    info = VersionInfo(
        map_id=map_id,
        version=version,
        saved_at=datetime.fromisoformat(saved_at),
        author=author,
        based_on=based_on,
        restored_from=restored_from,
        summary="",
        note=note,
        changes=changes,
    )
    info.summary = info.describe("da")
    return info
