"""Durability: a process killed with SIGKILL in the middle of saving loses nothing.

A child process creates, saves, restores and deletes maps in a loop and reports
each step before ("about") and after ("done") it. The parent kills it with
SIGKILL at a random moment, at least 55 times (more on a loaded machine, until
every kind of write has been committed often enough), and after every kill checks:

* ``PRAGMA integrity_check`` is ``ok`` (and no foreign key dangles);
* every map in the store equals one of its committed versions, or the one the
  child was about to commit — nothing half-written, nothing from nowhere;
* every step the child reported done is there (a committed save is never lost),
  and a map reported deleted is gone.

To keep the run short (importing netmap takes most of a second) the child is a
small fork server: it imports once and forks a fresh worker process for each
round. The worker opens the store itself and is the process that gets SIGKILL.
Set ``NETMAP_DURABILITY_SEED`` to replay a failing run's kill moments.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from netmap.model import NetworkMap
from netmap.store import SqliteStore

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX"),
    pytest.mark.slow,
]

KILLS = 55
#: On a loaded machine a worker gets less done between two kills: the loop goes
#: on past KILLS (up to this many) until every kind of write was seen often enough.
MAX_KILLS = 400


def _exercised(kinds: dict[str, int]) -> bool:
    """Every kind of write was committed often enough for the kills to mean something."""
    return (
        kinds.get("save", 0) >= KILLS
        and kinds.get("create", 0) >= 3
        and kinds.get("restore", 0) >= 3
        and kinds.get("delete", 0) >= 1
    )


#: Shared by parent and child: the map for step i (fictional, ~15 kB of JSON so a
#: save spans several database pages).
VARIANT_SRC = r"""
from datetime import date, timedelta
from netmap.model import NetworkMap, Patient, Person, Tie

def variant(i):
    count = 20 + i % 13
    persons = [
        Person(
            id=f"p{k}",
            name=f"Fiktiv{k} Trin{i}",
            sector=("family", "kin", "leisure", "work_school", "professional")[k % 5],
            distance=((k * 7 + i) % 97 + 1) / 98,
            angle=float((k * 37 + i) % 360),
            helps_with=f"Trin {i}: " + "hjælper med indkøb og samtaler. " * 4,
            can_help=(k + i) % 3 == 0,
        )
        for k in range(count)
    ]
    ties = [Tie(a=f"p{k}", b=f"p{k + 1}") for k in range(0, count - 1, 2)]
    return NetworkMap(
        patient=Patient(id="patient", name=f"Testa Trin{i}"),
        persons=persons,
        ties=ties,
        consent_given_on=date(2026, 1, 1) + timedelta(days=i % 300),
    )
"""

CHILD_SRC = (
    VARIANT_SRC
    + r"""
import os
import sys
from pathlib import Path
from netmap.store import SqliteStore

def say(*words):
    # One write(2) of less than PIPE_BUF bytes: a line is never torn by the kill.
    os.write(1, (" ".join(str(w) for w in words) + " ;\n").encode())

def work(db, i):
    store = SqliteStore(Path(db))
    maps = {m.map_id: m.latest_version for m in store.list_maps()}
    say("pid", os.getpid())
    say("ready")
    while True:
        i += 1
        kind = i % 10
        if kind == 0 or not maps:
            say("about create", i, "-")
            stored = store.create(variant(i), author=f"barn{i}")
            maps[stored.map_id] = stored.version
            say("done create", i, stored.map_id, stored.version)
        elif kind == 5 and len(maps) > 2:
            victim = sorted(maps)[0]
            say("about delete", i, victim)
            store.delete(victim)
            del maps[victim]
            say("done delete", i, victim, 0)
        elif kind == 7:
            target = sorted(maps)[i % len(maps)]
            say("about restore", i, target)
            stored = store.restore(target, 1, author=f"barn{i}")
            maps[target] = stored.version
            say("done restore", i, target, stored.version)
        else:
            target = sorted(maps)[i % len(maps)]
            say("about save", i, target)
            stored = store.save(target, variant(i), base_version=maps[target], author=f"barn{i}")
            maps[target] = stored.version
            say("done save", i, target, stored.version)

# A fork server: imports once, then forks one fresh worker per round. The worker
# is the process that gets SIGKILL; this one reaps it and says so.
say("imported")
for command in sys.stdin:
    db, i = command.split()
    pid = os.fork()
    if pid == 0:
        try:
            work(db, int(i))
        finally:
            os._exit(1)
    os.waitpid(pid, 0)
    say("reaped")
"""
)

_namespace: dict[str, object] = {}
exec(VARIANT_SRC, _namespace)


def variant(i: int) -> NetworkMap:
    made = _namespace["variant"](i)  # type: ignore[operator]
    assert isinstance(made, NetworkMap)
    return made


@dataclass
class Step:
    op: str
    i: int
    map_id: str
    version: int | None = None


@dataclass
class Expected:
    """What the parent knows is committed: every version of every live map."""

    maps: dict[str, list[NetworkMap]] = field(default_factory=dict)
    checked: dict[str, int] = field(default_factory=dict)

    def apply(self, step: Step) -> None:
        if step.op == "create":
            self.maps[step.map_id] = [variant(step.i)]
        elif step.op == "save":
            self.maps[step.map_id].append(variant(step.i))
        elif step.op == "restore":
            assert step.version is not None
            if step.version > len(self.maps[step.map_id]):
                self.maps[step.map_id].append(self.maps[step.map_id][0])
        elif step.op == "delete":
            self.maps.pop(step.map_id, None)
            self.checked.pop(step.map_id, None)


def parse(lines: list[str]) -> tuple[list[Step], Step | None]:
    """The steps done, and the one begun but not reported done (if any)."""
    done: list[Step] = []
    pending: Step | None = None
    for line in lines:
        words = line.split()
        if words[-1:] != [";"]:
            continue  # cut short by the kill: not a report
        if words[0] == "about":
            pending = Step(words[1], int(words[2]), words[3])
        elif words[0] == "done":
            step = Step(words[1], int(words[2]), words[3], int(words[4]))
            assert pending is not None and (pending.op, pending.i) == (step.op, step.i)
            done.append(step)
            pending = None
    return done, pending


def read_until(server: subprocess.Popen[str], word: str) -> list[str]:
    """Lines from the fork server up to (not including) the line ``word ;``."""
    assert server.stdout is not None
    lines = []
    while True:
        line = server.stdout.readline()
        assert line, f"the fork server ended before saying {word!r}: {lines[-3:]}"
        if line.split() == [word, ";"]:
            return lines
        lines.append(line)


def check_store(path: Path, expected: Expected, pending: Step | None) -> None:
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        # A map is never left without a version (a half-done create or delete).
        assert (
            raw.execute(
                "SELECT map_id FROM maps WHERE map_id NOT IN (SELECT map_id FROM versions)"
            ).fetchall()
            == []
        )
    finally:
        raw.close()
    with SqliteStore(path) as store:
        found = {m.map_id: m for m in store.list_maps()}
        for map_id in list(expected.maps):
            if map_id not in found:
                assert pending is not None and (pending.op, pending.map_id) == ("delete", map_id)
                expected.apply(Step("delete", pending.i, map_id))
        for map_id, summary in found.items():
            versions = expected.maps.get(map_id)
            if versions is None:
                # Only a create the child had begun may appear unannounced.
                assert pending is not None and pending.op == "create", map_id
                expected.apply(Step("create", pending.i, map_id))
                versions = expected.maps[map_id]
            elif summary.latest_version == len(versions) + 1:
                assert pending is not None and pending.map_id == map_id
                assert pending.op in ("save", "restore")
                expected.apply(Step(pending.op, pending.i, map_id, summary.latest_version))
            assert summary.latest_version == len(versions), "a committed version was lost"
            first_unchecked = expected.checked.get(map_id, 0) + 1
            for version in range(first_unchecked, len(versions) + 1):
                assert store.load(map_id, version).map == versions[version - 1]
            expected.checked[map_id] = len(versions)


def test_dur001_sigkill_while_saving_loses_nothing(tmp_path: Path) -> None:
    seed = int(os.environ.get("NETMAP_DURABILITY_SEED", time.time_ns() % 2**32))
    rng = random.Random(seed)
    path = tmp_path / "maps.db"
    SqliteStore(path).close()
    expected = Expected()
    step = 0
    kinds: dict[str, int] = {}
    server = subprocess.Popen(
        [sys.executable, "-c", CHILD_SRC], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert server.stdin is not None and server.stdout is not None
    try:
        read_until(server, "imported")
        kill = 0
        while kill < KILLS or (not _exercised(kinds) and kill < MAX_KILLS):
            kill += 1
            server.stdin.write(f"{path} {step}\n")
            server.stdin.flush()
            ready = read_until(server, "ready")
            assert len(ready) == 1 and ready[0].split()[0] == "pid", ready
            worker = int(ready[0].split()[1])
            time.sleep(rng.uniform(0.0, 0.1))
            os.kill(worker, signal.SIGKILL)
            done, pending = parse(read_until(server, "reaped"))
            for finished in done:
                expected.apply(finished)
                kinds[finished.op] = kinds.get(finished.op, 0) + 1
            try:
                check_store(path, expected, pending)
            except AssertionError as exc:
                raise AssertionError(f"kill {kill}, seed {seed}, pending {pending}: {exc}") from exc
            step = max([step, *(s.i for s in done), *([pending.i] if pending else [])]) + 1
    finally:
        server.stdin.close()
        server.stdout.close()
        server.kill()
        server.wait()
    # The loop really exercised every kind of write, many times.
    assert kinds.get("save", 0) >= KILLS, kinds
    assert kinds.get("create", 0) >= 3 and kinds.get("restore", 0) >= 3, kinds
    assert kinds.get("delete", 0) >= 1, kinds
    # And at the end every version of every map still reads as committed.
    expected.checked.clear()
    check_store(path, expected, None)
