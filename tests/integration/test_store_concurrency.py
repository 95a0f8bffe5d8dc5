"""Two writers saving on the same base version: exactly one wins, the other gets
:class:`ConflictError` with its own map handed back — never a silent overwrite.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from netmap.model import NetworkMap, Patient, Person
from netmap.store import ConflictError, SqliteStore, StoredMap

ROUNDS = 8

#: A writer process: loads when told, then saves its own addition on that base.
WRITER_SRC = r"""
import sys
from pathlib import Path
from netmap.model import NetworkMap, Person
from netmap.store import ConflictError, SqliteStore

store = SqliteStore(Path(sys.argv[1]))
me = sys.argv[2]
print("ready", flush=True)
loaded = None
for line in sys.stdin:
    command, map_id, tag = line.split()
    if command == "load":
        loaded = store.load(map_id)
        print("loaded", loaded.version, flush=True)
    elif command == "save":
        mine = loaded.map.model_copy(deep=True)
        mine.persons.append(Person(id=tag, name=f"Fiktiv {tag}", sector="leisure", distance=0.5))
        try:
            saved = store.save(map_id, mine, base_version=loaded.version, author=me)
            print("saved", saved.version, flush=True)
        except ConflictError as exc:
            same = exc.rejected is mine and exc.rejected == mine
            rejected = exc.rejected.model_dump_json(exclude_none=True)
            print("conflict", exc.current_version, same, rejected, flush=True)
"""


def base_map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(id="p0", name="Testa Testesen"),
        persons=[Person(id="mor", name="Mor Testesen", sector="family", distance=0.2)],
    )


def with_tag(base: NetworkMap, tag: str) -> NetworkMap:
    new = base.model_copy(deep=True)
    new.persons.append(Person(id=tag, name=f"Fiktiv {tag}", sector="leisure", distance=0.5))
    return new


def _ask(writer: subprocess.Popen[str], line: str) -> None:
    assert writer.stdin is not None
    writer.stdin.write(line + "\n")
    writer.stdin.flush()


def _answer(writer: subprocess.Popen[str]) -> list[str]:
    assert writer.stdout is not None
    return writer.stdout.readline().split(" ", 3)


def test_con001_two_processes_on_the_same_base(tmp_path: Path) -> None:
    path = tmp_path / "maps.db"
    with SqliteStore(path) as store:
        map_id = store.create(base_map(), author="K").map_id
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER_SRC, str(path), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in ("A", "B")
    ]
    try:
        for writer in writers:
            assert _answer(writer) == ["ready\n"]
        winners: list[str] = []
        for round_ in range(ROUNDS):
            for writer in writers:
                _ask(writer, f"load {map_id} -")
            versions = {int(_answer(writer)[1]) for writer in writers}
            assert versions == {round_ + 1}
            base = round_ + 1
            with SqliteStore(path) as store:
                base_content = store.load(map_id).map
            tags = [f"a{round_}", f"b{round_}"]
            # Both are told at once; each is blocked in readline until then.
            for writer, tag in zip(writers, tags, strict=True):
                _ask(writer, f"save {map_id} {tag}")
            answers = [_answer(writer) for writer in writers]
            kinds = sorted(answer[0] for answer in answers)
            assert kinds == ["conflict", "saved"], answers
            for answer, tag in zip(answers, tags, strict=True):
                if answer[0] == "saved":
                    assert int(answer[1]) == base + 1
                    winners.append(tag)
                    winning = with_tag(base_content, tag)
                else:
                    assert int(answer[1]) == base + 1
                    assert answer[2] == "True"  # the very map it tried to save
                    rejected = NetworkMap.model_validate_json(answer[3])
                    assert rejected == with_tag(base_content, tag)
            with SqliteStore(path) as store:
                assert len(store.history(map_id)) == base + 1  # exactly one new version
                assert store.load(map_id).map == winning
        with SqliteStore(path) as store:
            final = {p.id for p in store.load(map_id).map.persons}
        # Each round's winner built on the previous winner: nothing overwritten.
        assert final == {"mor", *winners}
    finally:
        for writer in writers:
            if writer.stdin is not None:
                writer.stdin.close()
            writer.wait(timeout=20)
            if writer.stdout is not None:
                writer.stdout.close()


def _race(
    stores: list[SqliteStore], map_id: str, round_: int
) -> tuple[list[StoredMap | ConflictError | None], list[NetworkMap | None]]:
    """Both stores load the latest version, wait for each other, then save."""
    barrier = threading.Barrier(2)
    results: list[StoredMap | ConflictError | None] = [None, None]
    tried: list[NetworkMap | None] = [None, None]

    def write(k: int) -> None:
        loaded = stores[k].load(map_id)
        mine = with_tag(loaded.map, f"t{k}r{round_}")
        tried[k] = mine
        barrier.wait()
        try:
            results[k] = stores[k].save(map_id, mine, base_version=loaded.version, author=f"T{k}")
        except ConflictError as exc:
            results[k] = exc

    threads = [threading.Thread(target=write, args=(k,)) for k in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, tried


def test_con002_two_connections_in_threads(tmp_path: Path) -> None:
    path = tmp_path / "maps.db"
    with SqliteStore(path) as setup:
        map_id = setup.create(base_map(), author="K").map_id
    stores = [SqliteStore(path), SqliteStore(path)]
    try:
        for round_ in range(20):
            results, tried = _race(stores, map_id, round_)
            wins = [r for r in results if isinstance(r, StoredMap)]
            losses = [(k, r) for k, r in enumerate(results) if isinstance(r, ConflictError)]
            assert len(wins) == 1 and len(losses) == 1, results
            k, conflict = losses[0]
            assert conflict.rejected is tried[k]
            assert wins[0].version == round_ + 2
            assert len(stores[0].history(map_id)) == round_ + 2
    finally:
        for store in stores:
            store.close()


def test_con003_check_and_insert_are_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """B saves while A is between its check and its insert: B must wait, then conflict.

    Forces the worst interleaving instead of hoping for it: A pauses right after
    reading the latest version, and B tries to save in that pause.
    """
    path = tmp_path / "maps.db"
    with SqliteStore(path) as setup:
        map_id = setup.create(base_map(), author="K").map_id
    store_a, store_b = SqliteStore(path), SqliteStore(path)
    b_result: list[object] = []
    b_done = threading.Event()

    def b_saves() -> None:
        try:
            b_result.append(
                store_b.save(map_id, with_tag(base_map(), "b"), base_version=1, author="B")
            )
        except ConflictError as exc:
            b_result.append(exc)
        b_done.set()

    original = SqliteStore._latest
    paused = []

    def latest_then_pause(conn: object, wanted: str) -> object:
        row = original(conn, wanted)  # type: ignore[arg-type]
        if not paused:
            paused.append(True)
            threading.Thread(target=b_saves).start()
            # B cannot finish while A holds the write lock.
            assert not b_done.wait(0.3)
        return row

    try:
        monkeypatch.setattr(store_a, "_latest", latest_then_pause)
        a_saved = store_a.save(map_id, with_tag(base_map(), "a"), base_version=1, author="A")
        assert b_done.wait(10)
        assert a_saved.version == 2
        assert isinstance(b_result[0], ConflictError)
        assert b_result[0].rejected == with_tag(base_map(), "b")
        assert [v.author for v in store_b.history(map_id)] == ["K", "A"]
    finally:
        store_a.close()
        store_b.close()
