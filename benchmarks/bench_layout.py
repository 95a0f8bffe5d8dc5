"""Time the map's layout (``netmap.layout.layout``): markers and labels of every person.

Run by hand: ``python3 benchmarks/bench_layout.py [--repeat N]``. Prints the
median milliseconds (and the fastest run) of laying out, from scratch (the
layout's cache is cleared before every run):

* ``200``: 200 fictional persons over every sector, long names, roles and marks
  (``tests/sharing_maps.big_map``), the target of issue 12: ≤ 50 ms;
* ``60``: the 60-person map of the browser test ``tests/e2e/test_map_readable.py``;
* ``close15``: 15 persons in one sector's close band (same test);
* ``elements``: the whole cytoscape element list of the 200-person map
  (``netmap.app.mapview.build_elements``: layout, labels, leader lines, ties).

The machine may be shared: wall-clock and CPU medians are both printed;
the target is checked against the CPU median (the layout is single-threaded).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from netmap.app.mapview import build_elements
from netmap.geometry import SECTOR_ORDER
from netmap.i18n import t
from netmap.layout import _layout, layout
from tests.e2e.test_map_readable import close_band_map, sixty_person_map
from tests.sharing_maps import big_map

TARGET_MS = 50.0


def timings_ms(func: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of ``repeat`` runs, each from an empty cache.

    The layout is single-threaded: on an idle machine both are the same; on a
    shared one the CPU time is what the layout itself costs.
    """
    wall, cpu = [], []
    for _ in range(repeat + 1):
        _layout.cache_clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall[1:], cpu[1:]  # the first run warms up Python's own caches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    names = {sector: t(f"sector.{sector.value}", "da") for sector in SECTOR_ORDER}
    big = big_map(200)
    cases: dict[str, Callable[[], object]] = {
        "200": lambda: layout(big.persons, names),
        "60": lambda: layout(sixty_person_map().persons, names),
        "close15": lambda: layout(close_band_map().persons, names),
        "elements": lambda: build_elements(big, "da"),
    }
    print(f"cores: {os.cpu_count()}, load: {os.getloadavg()[0]:.1f}, repeat: {args.repeat}")
    for name, func in cases.items():
        wall, cpu = timings_ms(func, args.repeat)
        print(
            f"{name:>9}: median {statistics.median(wall):6.1f} ms wall,"
            f" {statistics.median(cpu):6.1f} ms CPU; fastest {min(wall):6.1f} ms wall"
        )
    wall, cpu = timings_ms(cases["200"], args.repeat)
    median = statistics.median(cpu)
    verdict = "ok" if median <= TARGET_MS else "TOO SLOW"
    print(
        f"layout of 200 persons: median {median:.1f} ms CPU, {statistics.median(wall):.1f} ms"
        f" wall (target ≤ {TARGET_MS:.0f} ms): {verdict}"
    )


if __name__ == "__main__":
    main()
