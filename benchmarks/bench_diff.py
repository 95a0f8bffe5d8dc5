"""Time ``netmap.analysis.diff.diff`` between two versions of a 1,000-person map.

Run by hand: ``python3 benchmarks/bench_diff.py [--repeat N]``. Prints median
milliseconds (and the fastest run) for three pairs of versions:

* ``edit``: the second version is the first after a sitting of edits (50
  persons moved, re-answered or re-detailed, 10 added, 10 removed, 30 ties
  changed); unchanged persons are shared objects, as after edits in the app.
* ``loaded``: the same two versions, each parsed from its own JSON, as
  ``netmap diff`` loads them from the store (no objects shared).
* ``all``: every person changed.

Target (issue 11, "Speed"): a diff of two 1,000-person versions ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_analysis import AS_OF, random_map, timings_ms

from netmap.analysis.diff import diff
from netmap.model import NetworkMap, Person, Tie

PERSONS = 1000
TARGET_MS = 50.0


def edited(m: NetworkMap, seed: int = 2) -> NetworkMap:
    """``m`` after a sitting of edits (see the module docstring)."""
    rng = random.Random(seed)
    persons = list(m.persons)
    for i in rng.sample(range(len(persons)), 50):
        p = persons[i]
        change = rng.choice(("distance", "answer", "detail"))
        if change == "distance":
            persons[i] = p.model_copy(update={"distance": rng.uniform(0.05, 1.0)})
        elif change == "answer":
            persons[i] = p.model_copy(update={"can_help": not p.can_help})
        else:
            persons[i] = p.model_copy(update={"role": "Ny rolle"})
    removed = {persons[i].id for i in rng.sample(range(len(persons)), 10)}
    persons = [p for p in persons if p.id not in removed]
    persons += [
        Person(id=f"new{i}", name=f"Ny {i}", sector="leisure", distance=0.5) for i in range(10)
    ]
    ties = [t for t in m.ties if not (set(t.ends) & removed)]
    ties = ties[15:]
    ids = [p.id for p in persons]
    have = {t.ends for t in ties}
    while len(ties) < len(m.ties):
        a, b = rng.sample(ids, 2)
        tie = Tie(a=a, b=b)
        if tie.ends not in have:
            have.add(tie.ends)
            ties.append(tie)
    return NetworkMap(patient=m.patient, persons=persons, ties=ties, consent_given_on=None)


def everyone_changed(m: NetworkMap) -> NetworkMap:
    persons = [p.model_copy(update={"distance": p.distance / 2}) for p in m.persons]
    return m.model_copy(update={"persons": persons})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    old = random_map(PERSONS)
    new = edited(old)
    pairs = {
        "edit": (old, new),
        "loaded": (
            NetworkMap.model_validate_json(old.model_dump_json()),
            NetworkMap.model_validate_json(new.model_dump_json()),
        ),
        "all": (old, everyone_changed(old)),
    }
    print(f"cores: {os.cpu_count()}  repeat: {args.repeat}  persons: {PERSONS}  (milliseconds)")
    print(f"{'pair':>7} {'median':>8} {'(min)':>7}  target ≤ {TARGET_MS:.0f}")
    for name, (a, b) in pairs.items():
        runs = timings_ms(lambda a=a, b=b: diff(a, b, as_of=AS_OF), args.repeat)
        print(f"{name:>7} {statistics.median(runs):>8.2f} {min(runs):>7.2f}")


if __name__ == "__main__":
    main()
