"""Store speed, by hand: ``python3 benchmarks/bench_store.py`` prints medians.

Measures what the app does on every edit (save on top of the latest version)
and on opening (list, load), for a 60-person map and a 2,000-person map
(``MAX_PERSONS``). Fictional data only.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from netmap.model import NetworkMap, Patient, Person, Tie
from netmap.store import SqliteStore

SECTORS = ("family", "kin", "leisure", "work_school", "professional")


def make_map(persons: int, salt: int = 0) -> NetworkMap:
    people = [
        Person(
            id=f"p{k}",
            name=f"Fiktiv Person {k}",
            sector=SECTORS[k % 5],
            distance=((k * 7 + salt) % 97 + 1) / 98,
            phone="+45 20 11 22 33",
            email=f"person{k}@example.dk",
            helps_with="Indkøb og samtaler",
        )
        for k in range(persons)
    ]
    ties = [Tie(a=f"p{k}", b=f"p{k + 1}") for k in range(0, persons - 1, 2)]
    return NetworkMap(patient=Patient(name="Testa Testesen"), persons=people, ties=ties)


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_size(store: SqliteStore, size: int, repeat: int) -> None:
    maps = [make_map(size, salt) for salt in range(repeat + 1)]
    stored = store.create(maps[0], author="bench")
    state = {"version": stored.version, "i": 0}

    def save() -> None:
        state["i"] += 1
        saved = store.save(
            stored.map_id, maps[state["i"]], base_version=state["version"], author="bench"
        )
        state["version"] = saved.version

    def load_cached() -> None:
        store.load(stored.map_id)

    def load_parsed() -> None:
        store._cache.clear()
        store.load(stored.map_id, 1)

    print(f"save, {size} persons: {median_ms(save, repeat):.1f} ms")
    print(f"load latest, {size} persons (cached): {median_ms(load_cached, repeat):.1f} ms")
    print(f"load v1, {size} persons (parsed): {median_ms(load_parsed, repeat):.1f} ms")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, SqliteStore(Path(folder) / "b.db") as store:
        bench_size(store, 60, 30)
        bench_size(store, 2000, 7)
        small = make_map(10)
        for _ in range(200):
            store.create(small, author="bench")
        count = len(store.list_maps())
        print(f"list_maps, {count} maps: {median_ms(store.list_maps, 20):.1f} ms")


if __name__ == "__main__":
    main()
