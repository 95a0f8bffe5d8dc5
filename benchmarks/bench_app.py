"""Benchmark the map editor on a 60-person, 100-tie map (run by hand).

    python3 benchmarks/bench_app.py [--rounds 40]

Measures, and prints as medians with the machine's core count:

1. Server side: the HTTP POST to ``/_dash-update-component`` that applies a
   drag (parse, load, apply, save, answer), as a ratio to the POST of a no-op
   callback registered in the same app (target ≤ 2×): medians of the round
   trips on loopback. The time inside Flask alone (before/after request
   hooks) is printed too; there the no-op is nearly nothing, so that ratio
   mostly shows the store's save.
2. Browser: from the drop (the ``dragfree`` event) to the updated team panel,
   dragging a professional between the close and the distant band so that the
   team changes each time (target median ≤ 150 ms). Twice: as the page
   opens (overview and measures closed, nobody chosen), and with a person
   chosen in the edit panel and every panel section open (chart included).
3. First page load of the editor on that map, from navigation start until the
   map is drawn and the team panel filled (target ≤ 1.5 s).

Needs Debian's Chromium at /usr/bin/chromium for parts 2 and 3 (skipped
without it). The map is fictional and fixed (seeded).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from dash import Input, Output
from flask import g
from werkzeug.serving import make_server

from netmap.app import create_app
from netmap.app.mapview import MAP_RADIUS
from netmap.model import NetworkMap, Patient, Person, Sector, Tie
from netmap.store import SqliteStore

CHROMIUM = "/usr/bin/chromium"
SECTORS = list(Sector)


def bench_map(persons: int = 60, ties: int = 100, seed: int = 7) -> NetworkMap:
    """A fictional map: ``persons`` spread over the sectors, ``ties`` random ties."""
    rng = random.Random(seed)
    people = [
        Person(
            id=f"p{i}",
            name=f"Person {i}",
            sector=SECTORS[i % len(SECTORS)],
            distance=round(rng.uniform(0.1, 1.0), 3),
            role="Rolle",
            care_sector="region" if SECTORS[i % 5] is Sector.PROFESSIONAL else None,
        )
        for i in range(persons)
    ]
    # The person the browser part drags: an undecided professional, close by.
    people[4] = Person(
        id="p4", name="Testbehandler", sector="professional", distance=0.2, role="Psykolog"
    )
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < ties:
        a, b = sorted(rng.sample(range(persons), 2))
        pairs.add((f"p{a}", f"p{b}"))
    return NetworkMap(
        patient=Patient(name="Bench Testesen"),
        persons=people,
        ties=[Tie(a=a, b=b) for a, b in sorted(pairs)],
    )


class Server:
    """The app on a threaded werkzeug server, with server-side request timing."""

    def __init__(self, db: Path) -> None:
        self.store = SqliteStore(db)
        self.app = create_app(self.store)
        self.timings: dict[str, list[float]] = {}

        @self.app.callback(Output("bench-noop-out", "data"), Input("bench-noop-in", "data"))
        def noop(value: Any) -> Any:
            return value

        @self.app.server.before_request
        def _start() -> None:
            g.bench_start = time.perf_counter()

        @self.app.server.after_request
        def _stop(response: Any) -> Any:
            from flask import request

            if request.path.endswith("_dash-update-component"):
                body = request.get_json(silent=True) or {}
                key = str(body.get("output", ""))
                self.timings.setdefault(key, []).append(time.perf_counter() - g.bench_start)
            return response

        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self.server = make_server("127.0.0.1", 0, self.app.server, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def dependencies(self) -> list[dict[str, Any]]:
        with urllib.request.urlopen(f"{self.url}/_dash-dependencies") as response:
            return json.loads(response.read())

    def post(self, body: dict[str, Any]) -> tuple[dict[str, Any], float]:
        data = json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}/_dash-update-component",
            data=data,
            headers={"Content-Type": "application/json"},
        )
        start = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            raw = response.read()
        elapsed = time.perf_counter() - start
        return (json.loads(raw) if raw else {}), elapsed

    def close(self) -> None:
        self.server.shutdown()
        self.store.close()


def _outputs(output: str) -> list[dict[str, str]] | dict[str, str]:
    if not output.startswith(".."):
        component, prop = output.split(".", 1)
        return {"id": component, "property": prop.split("@")[0]}
    result = []
    for part in output.strip(".").split("..."):
        component, prop = part.split(".", 1)
        result.append({"id": component, "property": prop.split("@")[0]})
    return result


def _body(dep: dict[str, Any], inputs: dict[str, Any], states: dict[str, Any]) -> dict[str, Any]:
    return {
        "output": dep["output"],
        "outputs": _outputs(dep["output"]),
        "inputs": [
            {"id": i["id"], "property": i["property"], "value": inputs[i["id"]]}
            for i in dep["inputs"]
        ],
        "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"],
        "state": [
            {"id": s["id"], "property": s["property"], "value": states[s["id"]]}
            for s in dep.get("state", [])
        ],
    }


def bench_server(server: Server, map_id: str, rounds: int) -> None:
    deps = server.dependencies()
    drag = next(d for d in deps if [i["id"] for i in d["inputs"]] == ["drag-op"])
    noop = next(d for d in deps if [i["id"] for i in d["inputs"]] == ["bench-noop-in"])
    version = server.store.load(map_id).version
    round_trips: dict[str, list[float]] = {"drag": [], "noop": []}
    for i in range(rounds + 5):
        # Alternate between two points so that every drop is a real change.
        x, y = (-0.5 * MAP_RADIUS, 0.0) if i % 2 else (0.0, -0.8 * MAP_RADIUS)
        body = _body(
            drag,
            {"drag-op": {"id": "p1", "x": x, "y": y, "seq": i}},
            {
                "map-state": {"map_id": map_id, "version": version},
                "history": {"undo": [], "redo": []},
                "lang": "da",
            },
        )
        reply, elapsed = server.post(body)
        state = reply["response"]["map-state"]["data"]
        assert state["version"] == version + 1, reply
        version = state["version"]
        _, noop_elapsed = server.post(_body(noop, {"bench-noop-in": i}, {}))
        if i >= 5:  # warm-up rounds are not counted
            round_trips["drag"].append(elapsed)
            round_trips["noop"].append(noop_elapsed)
    drag_trip = statistics.median(round_trips["drag"])
    noop_trip = statistics.median(round_trips["noop"])
    drag_server = statistics.median(server.timings[drag["output"]][5:])
    noop_server = statistics.median(server.timings[noop["output"]][5:])
    # The figure: the POST round trips on loopback, drag vs no-op.
    print(
        f"server: drag POST median {drag_trip * 1000:.1f} ms, no-op POST median "
        f"{noop_trip * 1000:.1f} ms, ratio {drag_trip / noop_trip:.1f}x (target <= 2x)"
    )
    print(
        f"server: inside Flask only: drag {drag_server * 1000:.1f} ms, no-op "
        f"{noop_server * 1000:.1f} ms ({drag_server / noop_server:.0f}x)"
    )


_LOADED = """
() => window.cy && window.cy.nodes('.person').length === 60
  && document.querySelector('#person-list')
  && document.querySelector('#person-list').children.length > 0
  && document.querySelector('#panel-group-team')
"""

_PANEL_WATCH = """
() => new Promise((resolve) => {
  // Times from the drop to the first change of the map's version label (the
  // editor's own re-render) and of the team panel (the panels' re-render).
  const watched = {map: '#version-label', panel: '#panel-team-body'};
  const before = {}, seen = {};
  for (const [key, sel] of Object.entries(watched)) {
    before[key] = document.querySelector(sel).innerHTML;
  }
  const started = performance.now();
  function check() {
    const drop = window.__netmapLastDrop;
    const now = performance.now();
    if (drop && drop.seq === window.__benchSeq) {
      for (const [key, sel] of Object.entries(watched)) {
        if (!(key in seen) && document.querySelector(sel).innerHTML !== before[key]) {
          seen[key] = now - drop.at;
        }
      }
    }
    if (Object.keys(seen).length === 2 || now - started > 8000) {
      resolve({map: seen.map ?? -1, panel: seen.panel ?? -1});
    } else {
      requestAnimationFrame(check);
    }
  }
  requestAnimationFrame(check);
})
"""


def bench_browser(
    server: Server, map_id: str, rounds: int, *, everything_open: bool = False
) -> None:
    """Drop → updated panels; ``everything_open``: a person chosen, every section open."""
    if not Path(CHROMIUM).exists():
        print("browser: skipped (no /usr/bin/chromium)")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{server.url}/map/{map_id}")
        page.wait_for_function(_LOADED)
        if everything_open:
            # The edit panel shows someone else, and the overview and the
            # measures (with the chart) are open: all of it is on the page.
            page.locator(".person-item", has_text="Person 0").first.click()
            page.wait_for_selector("#edit-panel .edit-form")
            page.locator("#panel-overview-title").click()
            page.locator("#panel-measures-title").click()
            page.wait_for_selector("#panel-chart .main-svg", timeout=15_000)
            page.wait_for_timeout(1000)
        page.evaluate("document.querySelector('#map-cy').scrollIntoView({block: 'center'})")
        page.wait_for_timeout(500)
        times: list[float] = []
        map_times: list[float] = []
        for i in range(rounds):
            # Close band (in the team) and distant band (not suggested) in turn.
            distance = 0.9 if i % 2 == 0 else 0.2
            angle = 300.0 if i % 2 == 0 else 330.0
            target = (
                -distance * MAP_RADIUS * _sin(angle),
                -distance * MAP_RADIUS * _cos(angle),
            )
            box = page.locator("#map-cy").bounding_box()
            # Other persons may lie on top of this one: bring it to the front.
            page.evaluate("() => { window.cy.getElementById('p:p4').style('z-index', 9999); }")
            start = page.evaluate(
                "() => { const p = window.cy.getElementById('p:p4').renderedPosition();"
                " return [p.x, p.y]; }"
            )
            end = page.evaluate(
                "([x, y]) => { const z = window.cy.zoom(), p = window.cy.pan();"
                " return [x * z + p.x, y * z + p.y]; }",
                list(target),
            )
            page.evaluate(
                "() => { window.__benchSeq = (window.__netmapLastDrop || {seq: 0}).seq + 1; }"
            )
            # Start watching without waiting: evaluate() would wait for the promise.
            page.evaluate(f"() => {{ window.__benchWatch = ({_PANEL_WATCH})(); }}")
            page.mouse.move(box["x"] + start[0], box["y"] + start[1])
            page.mouse.down()
            page.mouse.move(box["x"] + end[0], box["y"] + end[1], steps=5)
            page.mouse.up()
            elapsed = page.evaluate("window.__benchWatch")
            if elapsed["map"] < 0 or elapsed["panel"] < 0:
                print(f"browser: round {i}: no change seen ({elapsed})", file=sys.stderr)
                continue
            map_times.append(elapsed["map"])
            times.append(elapsed["panel"])
            page.wait_for_timeout(150)
        browser.close()
    if times:
        what = "a person chosen, all sections open" if everything_open else "sections as opened"
        print(
            f"browser ({what}): drop -> updated map (editor) median "
            f"{statistics.median(map_times):.0f} ms"
        )
        print(
            f"browser ({what}): drop -> updated team panel median "
            f"{statistics.median(times):.0f} ms over {len(times)} drops (target <= 150 ms)"
        )


def bench_page_load(server: Server, map_id: str) -> None:
    if not Path(CHROMIUM).exists():
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        loads = []
        for _ in range(6):
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(f"{server.url}/map/{map_id}")
            page.wait_for_function(_LOADED)
            loads.append(page.evaluate("performance.now()"))
            page.close()
        print(
            f"browser: first page load median {statistics.median(loads[1:]):.0f} ms "
            f"(first, cold: {loads[0]:.0f} ms; target <= 1500 ms)"
        )

        browser.close()


def _sin(degrees: float) -> float:
    import math

    return math.sin(math.radians(degrees))


def _cos(degrees: float) -> float:
    import math

    return math.cos(math.radians(degrees))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp) / "bench.db")
        try:
            map_id = server.store.create(bench_map(), author="bench").map_id
            bench_server(server, map_id, args.rounds)
            bench_browser(server, server.store.create(bench_map(), author="bench").map_id, 12)
            bench_browser(
                server,
                server.store.create(bench_map(), author="bench").map_id,
                8,
                everything_open=True,
            )
            bench_page_load(server, map_id)
        finally:
            server.close()


if __name__ == "__main__":
    main()
