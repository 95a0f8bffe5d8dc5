"""Time one panel update (analyse + build every panel + JSON) on random maps.

Run by hand: ``python3 benchmarks/bench_panels.py [--repeat N]``. Prints the
median per map size (15, 60, 200 and 1,000 persons), split into the analysis,
building the Dash components and encoding them as the JSON the browser gets,
plus the size of that JSON. About 1.7 lines per person (the app's reference map
has 60 persons and 100 lines).

Target: a 60-person map updates its panels well under 100 ms on the server, so
that a change on the map shows in the panels at once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from datetime import date

from plotly.utils import PlotlyJSONEncoder

from netmap.analysis import analyse
from netmap.app.panels.render import render_analysis
from netmap.app.state import OverviewSort
from netmap.model import NetworkMap, Patient, Person, Tie

SIZES = (15, 60, 200, 1000)
TIES_PER_PERSON = 1.7
AS_OF = date(2026, 11, 22)
SECTORS = ("family", "kin", "leisure", "work_school", "professional")


def random_map(size: int, rng: random.Random) -> NetworkMap:
    persons = [
        Person(
            id=f"p{i}",
            name=f"Person {i}",
            sector=rng.choice(SECTORS),
            distance=rng.uniform(0.05, 1.0),
            role="Rolle",
            helps_with="Praktisk hjælp",
        )
        for i in range(size)
    ]
    wanted = min(int(size * TIES_PER_PERSON), size * (size - 1) // 2)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < wanted:
        a, b = sorted(rng.sample(range(size), 2))
        pairs.add((a, b))
    ties = [Tie(a=f"p{a}", b=f"p{b}") for a, b in sorted(pairs)]
    return NetworkMap(patient=Patient(name="Testa Testesen"), persons=persons, ties=ties)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(20261122)
    print(f"cores: {os.cpu_count()}, repeat: {args.repeat}")
    print(
        f"{'persons':>8} {'analyse ms':>11} {'build ms':>9} {'json ms':>8}"
        f" {'total ms':>9} {'KiB':>6}"
    )
    for size in SIZES:
        network_map = random_map(size, rng)
        parts: dict[str, list[float]] = {"analyse": [], "build": [], "json": [], "total": []}
        encoded = ""
        for _ in range(args.repeat):
            start = time.perf_counter()
            analysis = analyse(network_map, as_of=AS_OF)
            analysed = time.perf_counter()
            content = render_analysis(analysis, "da", OverviewSort(column="name"))
            built = time.perf_counter()
            encoded = json.dumps(content.as_outputs(), cls=PlotlyJSONEncoder)
            done = time.perf_counter()
            parts["analyse"].append(analysed - start)
            parts["build"].append(built - analysed)
            parts["json"].append(done - built)
            parts["total"].append(done - start)
        med = {k: statistics.median(v) * 1000 for k, v in parts.items()}
        print(
            f"{size:>8} {med['analyse']:>11.1f} {med['build']:>9.1f} {med['json']:>8.1f}"
            f" {med['total']:>9.1f} {len(encoded) // 1024:>6}"
        )


if __name__ == "__main__":
    main()
