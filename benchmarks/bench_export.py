"""Time the map picture (PNG, SVG, PDF) and the team pack on 60-person maps.

Run by hand: ``python3 benchmarks/bench_export.py [--repeat N]``. Prints the
median and fastest time per export, beyond the command's start-up: imports and
the first rendering (font files read, caches filled) are timed apart as
"first call". Each timed run draws a different map (the layout caches per set
of persons, and a real export draws a map once).

Targets (issue 10, "Speed"): for a 60-person map, the PNG ≤ 0.5 s and the
team pack ≤ 2 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import date

from netmap.export.picture import map_pdf, map_png, map_svg
from netmap.export.picture_options import RenderOptions
from netmap.export.team_pack import team_pack_pdf
from netmap.model import NetworkMap, Patient, Person, Sector, Tie

OPTIONS = RenderOptions(export_date=date(2026, 12, 1), version=3, consent_date=date(2026, 5, 4))
SECTORS = list(Sector)
TARGETS = {"png": 0.5, "team-pack": 2.0}


def bench_map(persons: int = 60, ties: int = 100, seed: int = 7) -> NetworkMap:
    """A fictional map: ``persons`` over the sectors, roles, contact details, ``ties`` lines."""
    rng = random.Random(seed)
    people = []
    for i in range(persons):
        sector = SECTORS[i % len(SECTORS)]
        professional = sector is Sector.PROFESSIONAL
        people.append(
            Person(
                id=f"p{i}",
                name=f"Person {i} Testesen",
                sector=sector,
                distance=round(rng.uniform(0.1, 1.0), 3),
                role="Sagsbehandler" if professional else "Ven",
                organisation="Jobcenter" if professional else None,
                care_sector=rng.choice(["region", "municipality"]) if professional else None,
                phone=f"+45 20 11 {i % 100:02d} 30" if i % 2 else None,
                email=f"p{i}@example.dk" if i % 3 else None,
                helps_with="Samtaler og praktisk hjælp" if i % 4 == 0 else None,
                knows_how_i_am=rng.random() < 0.5,
                can_help=rng.random() < 0.5,
                attends_meetings=rng.choice(["yes", "no", "undecided"]),
            )
        )
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < ties:
        a, b = sorted(rng.sample(range(persons), 2))
        pairs.add((f"p{a}", f"p{b}"))
    return NetworkMap(
        patient=Patient(name="Bench Testesen"),
        persons=people,
        ties=[Tie(a=a, b=b) for a, b in sorted(pairs)],
        map_date=date(2026, 11, 20),
    )


def timings(
    render: Callable[[NetworkMap], object], maps: list[NetworkMap]
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds per map (on a shared machine the CPU time waits for nobody)."""
    wall, cpu = [], []
    for network_map in maps:
        start, start_cpu = time.perf_counter(), time.process_time()
        render(network_map)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--persons", type=int, default=60)
    args = parser.parse_args()
    exports: dict[str, Callable[[NetworkMap], object]] = {
        "png": lambda m: map_png(m, OPTIONS),
        "svg": lambda m: map_svg(m, OPTIONS),
        "pdf": lambda m: map_pdf(m, OPTIONS),
        "team-pack": lambda m: team_pack_pdf(m, OPTIONS),
    }
    print(f"cores: {os.cpu_count()}  persons: {args.persons}  repeat: {args.repeat}  (seconds)")
    print(
        f"{'export':<10} {'first call':>10} {'median':>8} {'fastest':>8} {'cpu med.':>8} "
        f"{'target':>7}"
    )
    for name, render in exports.items():
        first = timings(render, [bench_map(args.persons, seed=1000)])[0][0]
        maps = [bench_map(args.persons, seed=seed) for seed in range(args.repeat)]
        wall, cpu = timings(render, maps)
        target = f"{TARGETS[name]:.1f}" if name in TARGETS else "-"
        print(
            f"{name:<10} {first:>10.3f} {statistics.median(wall):>8.3f} {min(wall):>8.3f} "
            f"{statistics.median(cpu):>8.3f} {target:>7}"
        )


if __name__ == "__main__":
    main()
