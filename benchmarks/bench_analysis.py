"""Time the whole analysis (``netmap.analysis.analyse``) on random maps.

Run by hand: ``python3 benchmarks/bench_analysis.py [--repeat N]``. Prints the
median time per map size (15, 60, 200 and 1,000 persons), split into the parts,
the fastest whole run (a busy machine inflates medians) and the core count.
Ties are random at a realistic density: about 1.7 lines per person (the app's
reference map has 60 persons and 100 lines).

Target (analysis issue): the 60-person analysis under 10 ms, and growth no
worse than the number of ties suggests (the "µs/(p+t)" column: median time
per person plus tie should stay roughly flat).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from netmap.analysis import (
    analyse,
    contact_overview,
    derive_groups,
    ego_measures,
    invite_list,
    run_checks,
)
from netmap.model import NetworkMap, Patient, Person, Tie

SIZES = (15, 60, 200, 1000)
TIES_PER_PERSON = 1.7
AS_OF = date(2026, 11, 22)
SECTORS = ("family", "kin", "leisure", "work_school", "professional")
CARE = ("region", "municipality", "other", None)
ATTENDS = ("yes", "no", "undecided", "undecided")


def random_map(persons: int, seed: int = 1) -> NetworkMap:
    """A fictional map with ``persons`` persons and about 1.7 ties per person."""
    rng = random.Random(seed)
    people = []
    for i in range(persons):
        sector = rng.choice(SECTORS)
        fields: dict[str, Any] = {}
        if sector == "professional":
            fields["care_sector"] = rng.choice(CARE)
            if rng.random() < 0.2:
                fields["team_roles"] = rng.choice(("stafetholder", "coordinator", "meeting_lead"))
            if rng.random() < 0.5:
                fields["email"] = f"p{i}@example.dk"
        people.append(
            Person(
                id=f"n{i}",
                name=f"Person {i}",
                sector=sector,
                distance=rng.uniform(0.05, 1.0),
                attends_meetings=rng.choice(ATTENDS),
                can_help=rng.choice((True, False, None)),
                **fields,
            )
        )
    wanted = min(int(TIES_PER_PERSON * persons), persons * (persons - 1) // 2)
    ends: set[tuple[str, str]] = set()
    while len(ends) < wanted:
        a, b = rng.sample(range(persons), 2)
        ends.add((f"n{min(a, b)}", f"n{max(a, b)}"))
    return NetworkMap(
        patient=Patient(id="p0", name="Testa Testesen"),
        persons=people,
        ties=[Tie(a=a, b=b) for a, b in sorted(ends)],
        consent_given_on=date(2026, 3, 1),
    )


def timings_ms(func: Callable[[], object], repeat: int) -> list[float]:
    func()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return times


def median_ms(func: Callable[[], object], repeat: int) -> float:
    return statistics.median(timings_ms(func, repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}  repeat: {args.repeat}  (median milliseconds)")
    header = (
        f"{'persons':>7} {'ties':>5} {'analyse':>9} {'(min)':>7} {'groups':>7} {'invite':>7} "
        f"{'overview':>8} {'checks':>7} {'measures':>8} {'report':>7} {'µs/(p+t)':>9}"
    )
    print(header)
    for size in SIZES:
        m = random_map(size)
        repeat = max(5, args.repeat if size <= 200 else args.repeat // 5)
        runs = timings_ms(lambda m=m: analyse(m, as_of=AS_OF), repeat)
        total, fastest = statistics.median(runs), min(runs)
        parts = [
            median_ms(lambda m=m: derive_groups(m), repeat),
            median_ms(lambda m=m: invite_list(m), repeat),
            median_ms(lambda m=m: contact_overview(m), repeat),
            median_ms(lambda m=m: run_checks(m, as_of=AS_OF), repeat),
            median_ms(lambda m=m: ego_measures(m), repeat),
        ]
        analysis = analyse(m, as_of=AS_OF)
        report = median_ms(lambda a=analysis: a.to_report("da"), repeat)
        per_unit = total * 1000 / (size + len(m.ties))
        print(
            f"{size:>7} {len(m.ties):>5} {total:>9.2f} {fastest:>7.2f} "
            f"{parts[0]:>7.2f} {parts[1]:>7.2f} {parts[2]:>8.2f} {parts[3]:>7.2f} "
            f"{parts[4]:>8.2f} {report:>7.2f} {per_unit:>9.1f}"
        )


if __name__ == "__main__":
    main()
