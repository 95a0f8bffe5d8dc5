"""Time import and export of map files, and how fast hostile files are refused.

Run by hand: ``python3 benchmarks/bench_interchange.py [--repeat N]``. Prints
the median and fastest time of each step, in-process (no interpreter start):

* reading and writing JSON and GraphML for maps of 15, 200 and 2,000 persons;
* refusing hostile files of up to the 10 MiB limit (a flood of nodes, of
  elements, absurd nesting, billion laughs, 10,000 nodes).

Target (foundation issue): every hostile file refused "within a few seconds";
a 2,000-person map read well under a second.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable

from netmap.interchange import (
    MAX_IMPORT_BYTES,
    ImportFailed,
    dump_json,
    load_map,
    to_graphml,
)
from netmap.model import NetworkMap, Patient, Person, Tie

SIZES = (15, 200, 2000)
SECTORS = ("family", "kin", "leisure", "work_school", "professional")


def random_map(size: int, seed: int = 1) -> NetworkMap:
    rng = random.Random(seed)
    persons = [
        Person(
            id=f"n{i}",
            name=f"Person {i}",
            sector=rng.choice(SECTORS),
            distance=rng.uniform(0.01, 1.0),
            angle=rng.uniform(0, 360),
            role="Rolle",
            knows_how_i_am=rng.random() < 0.5,
        )
        for i in range(size)
    ]
    pairs = {tuple(sorted(rng.sample(range(size), 2))) for _ in range(int(size * 1.7))}
    ties = [Tie(a=f"n{a}", b=f"n{b}") for a, b in sorted(pairs)]
    return NetworkMap(patient=Patient(name="Testa Testesen"), persons=persons, ties=ties)


def hostile_files() -> dict[str, bytes]:
    node = b'<node id="x"/>'
    body = (MAX_IMPORT_BYTES - 100) // len(node)
    depth = (MAX_IMPORT_BYTES - 100) // 7
    laughs = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    ]
    many = "".join(
        f'<node id="n{i}"><data key="n">N</data><data key="s">kin</data>'
        f'<data key="d">0.5</data></node>'
        for i in range(10_000)
    )
    return {
        "node flood (10 MiB)": b"<graphml><graph>" + node * body + b"</graph></graphml>",
        "element flood (10 MiB)": b"<graphml><graph>"
        + b"<x/>" * (body * 3)
        + b"</graph></graphml>",
        "nesting (10 MiB)": b"<graphml>" + b"<a>" * depth + b"</a>" * depth + b"</graphml>",
        "billion laughs": (
            "<?xml version='1.0'?><!DOCTYPE g [" + "".join(laughs) + "]><graphml>&l9;</graphml>"
        ).encode(),
        "10,000 nodes": f"<graphml><graph>{many}</graph></graphml>".encode(),
        "deep JSON (10 MiB)": b"[" * (MAX_IMPORT_BYTES // 2 - 1)
        + b"]" * (MAX_IMPORT_BYTES // 2 - 1),
    }


def timed(func: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def refuse(data: bytes) -> Callable[[], object]:
    def run() -> object:
        try:
            load_map(data)
        except ImportFailed as exc:
            return exc
        raise AssertionError("a hostile file was accepted")

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, repeat: {args.repeat}")
    print(f"{'step':<34}{'median ms':>12}{'fastest ms':>12}")
    for size in SIZES:
        m = random_map(size)
        as_json = dump_json(m).encode()
        as_graphml = to_graphml(m)
        steps: dict[str, Callable[[], object]] = {
            f"dump JSON, {size} persons": lambda m=m: dump_json(m),
            f"load JSON, {size} persons": lambda d=as_json: load_map(d),
            f"write GraphML, {size} persons": lambda m=m: to_graphml(m),
            f"read GraphML, {size} persons": lambda d=as_graphml: load_map(d),
        }
        for name, step in steps.items():
            median, fastest = timed(step, args.repeat)
            print(f"{name:<34}{median * 1000:>12.1f}{fastest * 1000:>12.1f}")
    for name, data in hostile_files().items():
        median, fastest = timed(refuse(data), max(1, args.repeat // 2))
        print(f"{'refuse ' + name:<34}{median * 1000:>12.1f}{fastest * 1000:>12.1f}")


if __name__ == "__main__":
    main()
