"""Time loading the history page of a map with 1,000 versions.

Run by hand: ``python3 benchmarks/bench_history.py [--repeat N] [--versions N]``.
Prints median milliseconds (and the fastest run) of:

* ``store.history``: every version with its summary text (what ``netmap history``
  reads), for comparison;
* ``version_briefs``: the one read the page makes (every version's metadata and
  change summary, no text);
* ``view``: what the server does for the page the first time (nothing kept):
  that read, the sittings and the page's components
  (``netmap.app.history.layout.history_page``; the trends come in a second
  answer, ``callbacks.draw_trends``);
* ``view (kept)``: the same with the app's ``TimelineCache`` (the map's briefs
  and sittings kept from the last look, nothing new saved), and ``edit + view``:
  one small save, then the view (the cache reads the one new version);
* ``layout request``: the whole ``/_dash-layout`` request the browser makes
  (Flask test client on the app, so with its cache: the view plus Dash's JSON);
* ``browser``: in Chromium, from the start of the navigation until the time
  line's entries are on the screen (a MutationObserver in the page notes the
  moment ``#hist-entries`` has its items), and until the trend charts are drawn;
  and, for scale on the same machine, the start page (the list of maps)
  until its form is on the screen;
* ``browser: from the map``: what a user does — on the map page, a click on
  its "Historik" link (client-side navigation: Dash is already running, the
  page's ``route`` callback draws the history) until the entries are painted
  (the MutationObserver's moment, then the next frame begun); ``browser:
  after an edit``: the same after one more version was saved (the map page
  shows it; the history reads it).

The marks were checked once against a slow-motion trace (Chromium's trace
with screenshots, CPU slowed 4×, ``console.timeStamp`` at the click and at
the observer's moment): the last frame before the moment is the map page, the
first one after it shows the entries.

The map: 60 persons, 12 meetings (each prepared with a version), and between
them sittings of 20 small edits each (moves, answers, details), saved one
minute apart, sittings a day apart, until there are ``--versions`` versions.

Target (issue 11, "Speed"): loading the history view of a map with 1,000
versions ≤ 300 ms — as a user reaches it, from the map.

Side by side on 2026-12-02, 2 shared cores (load 4.3-7.8 from ``uptime``),
``--repeat 10``, alternately before (main without the cache and the shorter
time line) and after, two rounds each, medians in ms:

======================  ==========  ==========
                        before      after
======================  ==========  ==========
view (first time)       29 / 38     23 / 24
view (kept)             —           3.2 / 3.2
edit + view             —           4.0 / 4.1
layout request          63 / 52     4.5 / 4.6
browser: from the map   334 / 263   154 / 177
browser: after an edit  340 / 225   143 / 163
browser: fresh load     557 / 345   464 / 400
browser: start page     266 / 265   207 / 296
======================  ==========  ==========

Where the 330 ms went before (Chromium's profiler, resource timing): ~70 ms
from the click until Dash sends the ``route`` request (the map page's
renderer), the request itself (the page read and drawn afresh, 63 entries,
72 kB), and ~100-150 ms of Dash's renderer and React drawing 1,400 elements
after it. The app now keeps each map's briefs and sittings (the server's part
is a few ms) and draws the newest 20 entries ("Vis flere" for the rest). A
fresh load is still mostly Dash's own start-up (the start page alone takes
200-300 ms here): not met.

2026-12-03: the app's own files are kept by the browser (their 304s held the
layout request back ~100-140 ms), and each fresh load starts from an idle
page (leaving the history while plotly still drew its charts held up the next
document, and that wait was timed as the load). Idle machine (load 1.2-2.2),
``--repeat 15``: fresh load until the entries 217 ms (fastest 163), from the
map 190 ms, start page 174 ms: both targets met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

from netmap.app import create_app
from netmap.app.history.layout import history_page
from netmap.cli.serve import serve_app
from netmap.meetings import Meeting
from netmap.model import Attendance, NetworkMap, Patient, Person, Sector, Tie
from netmap.store import SqliteStore

CHROMIUM = "/usr/bin/chromium"
TARGET_MS = 300.0
MEETINGS = 12
PERSONS = 60
SITTING = 20
TODAY = dt.date(2027, 1, 1)


def _first_map() -> NetworkMap:
    sectors = list(Sector)
    persons = [
        Person(
            id=f"p{i}",
            name=f"Person {i} Testesen",
            sector=sectors[i % len(sectors)],
            distance=(0.2, 0.5, 0.9)[i % 3],
        )
        for i in range(PERSONS)
    ]
    ties = [Tie(a=f"p{i}", b=f"p{i + 1}") for i in range(0, PERSONS - 1, 2)]
    return NetworkMap(patient=Patient(name="Bench Testesen"), persons=persons, ties=ties)


def build(store: SqliteStore, versions: int) -> str:
    """The map described in the module docstring; its id."""
    rng = random.Random(11)
    now = [dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)]

    def tick() -> str:
        moment = now[0]
        now[0] = moment + dt.timedelta(minutes=1)
        return moment.isoformat()

    with mock.patch("netmap.store.sqlite._now", tick):
        current = _first_map()
        stored = store.create(current, author="bench")
        map_id, version = stored.map_id, stored.version
        sittings = max(1, (versions - 1) // SITTING)
        meet_every = max(1, sittings // MEETINGS)
        while version < versions:
            sitting = (version - 1) // SITTING
            now[0] = dt.datetime(2026, 1, 5, 17, tzinfo=dt.UTC) + dt.timedelta(days=sitting)
            tab = f"{sitting:032x}"
            for _ in range(min(SITTING, versions - version)):
                persons = list(current.persons)
                i = rng.randrange(len(persons))
                kind = rng.randrange(3)
                if kind == 0:
                    persons[i] = persons[i].model_copy(update={"distance": rng.uniform(0.1, 1.0)})
                elif kind == 1:
                    answer = rng.choice(list(Attendance))
                    persons[i] = persons[i].model_copy(update={"attends_meetings": answer})
                else:
                    persons[i] = persons[i].model_copy(update={"role": f"Rolle {version}"})
                changed = current.model_copy(update={"persons": persons})
                if sitting % meet_every == 0 and len(current.meetings) < MEETINGS and _ == 0:
                    meeting = Meeting(
                        id=f"m{len(current.meetings) + 1}",
                        date=(now[0] + dt.timedelta(days=1)).date(),
                        time=dt.time(10),
                        prepared_with=version,
                    )
                    changed = changed.model_copy(update={"meetings": [*current.meetings, meeting]})
                version = store.save(
                    map_id, changed, base_version=version, author=f"app:{tab}"
                ).version
                current = changed
    return map_id


def timings_ms(run: Callable[[], object], repeat: int) -> list[float]:
    run()  # warm: imports, caches
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        found.append((time.perf_counter() - start) * 1000)
    return found


def report(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(f"{name:>22}: median {median:7.1f} ms  (fastest {min(times):.1f} ms, n={len(times)})")
    return median


_WATCH = """
(() => {
  window.__hist = {};
  function note() {
    const now = performance.now();
    if (!('start' in window.__hist) && document.querySelector('#new-create')) {
      window.__hist.start = now;
    }
    if (!('entries' in window.__hist) && document.querySelector('#hist-entries > li')) {
      window.__hist.entries = now;
      // Painted: the frame after the one the entries are in has begun.
      requestAnimationFrame(() => setTimeout(() => { window.__hist.painted = performance.now(); }));
    }
    if (!('charts' in window.__hist)
        && document.querySelectorAll('.hist-chart .main-svg').length >= 4) {
      window.__hist.charts = now;
    }
  }
  new MutationObserver(note).observe(document, {subtree: true, childList: true});
})();
"""


def edit(store: SqliteStore, map_id: str, n: int) -> None:
    """One small edit in a tab of its own: the history read since the last look is one version."""
    latest = store.load(map_id)
    persons = list(latest.map.persons)
    persons[n % len(persons)] = persons[n % len(persons)].model_copy(update={"role": f"Bench {n}"})
    changed = latest.map.model_copy(update={"persons": persons})
    store.save(map_id, changed, base_version=latest.version, author=f"app:{'e' * 31}{n % 10}")


_CLICK_HISTORY = """
() => {
  delete window.__hist.entries;
  delete window.__hist.painted;
  window.__hist.clicked = performance.now();
  document.querySelector('#history-link').click();
}
"""


def bench_browser(
    url: str, start_url: str, map_url: str, repeat: int, edited: Callable[[int], None]
) -> tuple[list[float], list[float], list[float], list[float], list[float]] | None:
    if not Path(CHROMIUM).exists():
        print("browser: skipped (no /usr/bin/chromium)")
        return None
    from playwright.sync_api import sync_playwright

    entries: list[float] = []
    charts: list[float] = []
    starts: list[float] = []
    from_map: list[float] = []
    after_edit: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        context.add_init_script(_WATCH)
        page = context.new_page()
        for i in range(repeat + 1):
            page.goto(url)
            page.wait_for_function("() => 'entries' in window.__hist && 'charts' in window.__hist")
            seen = page.evaluate("window.__hist")
            if i:  # the first load fills the browser's cache of scripts
                entries.append(float(seen["entries"]))
                charts.append(float(seen["charts"]))
            page.goto(start_url)
            page.wait_for_function("() => 'start' in window.__hist")
            if i:
                starts.append(float(page.evaluate("window.__hist.start")))
            for found, before in ((from_map, None), (after_edit, edited)):
                if before is not None:
                    before(i)  # saved elsewhere: the map page and the history show it
                page.goto(map_url)
                page.wait_for_selector("#history-link")
                page.wait_for_selector("#map-cy canvas")
                page.wait_for_timeout(300)  # the map page settled: only the click is timed
                page.evaluate(_CLICK_HISTORY)
                page.wait_for_function("() => 'painted' in window.__hist")
                if i:
                    seen = page.evaluate("window.__hist")
                    found.append(float(seen["painted"]) - float(seen["clicked"]))
                # Leave only once the charts are drawn: a page left while plotly
                # still draws holds up the next document in the same renderer,
                # and that wait was timed as the next fresh load (medians of
                # 300-470 ms against 150-180 ms from an idle page).
                page.wait_for_function("() => 'charts' in window.__hist")
        browser.close()
    return entries, charts, starts, from_map, after_edit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--versions", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(Path(folder) / "netmap.db")
        started = time.perf_counter()
        map_id = build(store, args.versions)
        print(
            f"map: {args.versions} versions, {PERSONS} persons,"
            f" {len(store.load(map_id).map.meetings)} meetings"
            f" (built in {time.perf_counter() - started:.1f} s)"
        )
        report("store.history", timings_ms(lambda: store.history(map_id), args.repeat))
        report("version_briefs", timings_ms(lambda: store.version_briefs(map_id), args.repeat))
        view = report(
            "view",
            timings_ms(lambda: history_page(store, map_id, "da"), args.repeat),
        )
        try:
            from netmap.app.history.data import TimelineCache
        except ImportError:  # the code before the cache (a side-by-side run)
            print("view (kept): no cache in this code")
        else:
            kept = TimelineCache()
            report(
                "view (kept)",
                timings_ms(lambda: history_page(store, map_id, "da", kept), args.repeat),
            )
            edits = iter(range(10**6))

            def after_an_edit() -> None:
                edit(store, map_id, next(edits))
                history_page(store, map_id, "da", kept)

            report("edit + view", timings_ms(after_an_edit, args.repeat))
        app = create_app(store, today=lambda: TODAY)
        client = app.server.test_client()
        path = f"/map/{map_id}/history"

        def layout() -> None:
            answer = client.get("/_dash-layout", headers={"X-Netmap-Page": path})
            assert answer.status_code == 200 and b"hist-entries" in answer.data

        report("layout request", timings_ms(layout, args.repeat))
        server, url = serve_app(app, "127.0.0.1", 0)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            base = url.rstrip("/")
            seen = bench_browser(
                base + path,
                url,
                f"{base}/map/{map_id}",
                args.repeat,
                lambda n: edit(store, map_id, 10**6 + n),
            )
        finally:
            server.shutdown()
            thread.join(timeout=5)
            server.server_close()
            store.close()
    worst = view
    if seen is not None:
        entries, charts, starts, from_map, after_edit = seen
        worst = report("browser: entries", entries)
        report("browser: charts", charts)
        report("browser: start", starts)
        clicked = report("browser: from the map", from_map)
        clicked = max(clicked, report("browser: after an edit", after_edit))
        verdict = "met" if clicked <= TARGET_MS else "NOT met"
        print(f"target ≤ {TARGET_MS:.0f} ms (the map's Historik link until the entries): {verdict}")
    verdict = "met" if worst <= TARGET_MS else "NOT met"
    print(f"target ≤ {TARGET_MS:.0f} ms (a fresh page load until the entries are shown): {verdict}")


if __name__ == "__main__":
    main()
