"""The installed wheel works on its own (issue 8 item 7).

``pip install -e`` hides files that a wheel does not ship (a top-level
``assets/`` was not shipped, so an installed netmap drew a 0 px map and saved no
drop). This builds the wheel, installs it into a fresh virtual environment with
no system site packages, outside the checkout, starts that environment's
``netmap serve`` from another folder and checks that its code is what runs, that
every stylesheet and script the page names loads, and that a drop is saved.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page, expect

from netmap.interchange.json_format import dump_json
from netmap.model import NetworkMap, Patient, Person, Sector
from netmap.store import SqliteStore
from tests.e2e.conftest import drag, model_screen_point, node_screen_point, show_map, wait_for_map

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

CHECKOUT = Path(__file__).resolve().parents[2]
_NOT_SOURCE = (".git", "build", "*.egg-info", "test-results", "__pycache__", ".*_cache")
ADDRESS = re.compile(r"(http://127\.0\.0\.1:\d+)/")


class _Resources(HTMLParser):
    """The stylesheets and scripts a page names."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "stylesheet" and found.get("href"):
            self.urls.append(str(found["href"]))
        if tag == "script" and found.get("src"):
            self.urls.append(str(found["src"]))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv (no system site packages) holding only the built wheel and its deps."""
    work = tmp_path_factory.mktemp("wheel")
    # From a copy without build/ and *.egg-info: setuptools would take files
    # listed there by an earlier `pip install -e` and hide a missing package-data.
    source = work / "source"
    shutil.copytree(CHECKOUT, source, ignore=shutil.ignore_patterns(*_NOT_SOURCE))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(source), "-w", work],
        check=True,
        cwd=work,
    )
    (wheel,) = work.glob("netmap-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel],
        check=True,
        cwd=work,
    )
    return env_dir


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "NETMAP_DB"}}
    return {**env, "PYTHONUNBUFFERED": "1", "NETMAP_LANG": "da"}


@pytest.fixture
def served(installed: Path, tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    db = tmp_path / "kort.db"
    map_file = elsewhere / "kort.json"
    map_file.write_text(
        dump_json(
            NetworkMap(
                patient=Patient(name="Testa Testesen"),
                persons=[
                    Person(id="ven", name="Ven Testsen", sector="leisure", distance=0.5),
                    Person(id="mor", name="Mor Testesen", sector="family", distance=0.2),
                ],
            )
        ),
        encoding="utf-8",
    )
    netmap = installed / "bin" / "netmap"
    imported = subprocess.run(
        [netmap, "import", map_file, "--db", db],
        cwd=elsewhere,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    map_id = imported.stdout.strip().splitlines()[-1].split()[-1]
    server = subprocess.Popen(
        [netmap, "serve", "--port", "0", "--db", db],
        cwd=elsewhere,
        env=_clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        found = ADDRESS.search(line)
        assert found, (line, server.stderr.read() if server.poll() is not None else "")
        yield found.group(1), db, map_id
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_whl001_the_wheel_runs_its_own_code(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [installed / "bin" / "python", "-c", "import netmap; print(netmap.__file__)"],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(installed), where
    assert not Path(where).is_relative_to(CHECKOUT), where


def test_whl002_every_stylesheet_and_script_loads(served: tuple[str, Path, str]) -> None:
    url, _, map_id = served
    page = requests.get(f"{url}/map/{map_id}", timeout=10)
    assert page.status_code == 200
    resources = _Resources()
    resources.feed(page.text)
    assert any(u.endswith(".css") or ".css?" in u for u in resources.urls), resources.urls
    assert any("netmap-drag" in u for u in resources.urls), resources.urls
    for src in resources.urls:
        answer = requests.get(f"{url}{src}" if src.startswith("/") else src, timeout=10)
        assert answer.status_code == 200, src
        assert answer.content, src
        kind = answer.headers["Content-Type"]
        assert ("css" in kind) if ".css" in src else ("javascript" in kind), (src, kind)


def test_whl003_a_drop_is_saved(served: tuple[str, Path, str], page: Page) -> None:
    url, db, map_id = served
    page.goto(f"{url}/map/{map_id}")
    wait_for_map(page)
    show_map(page)
    # Ven (leisure, 0.5) to the work/school wedge at 0.8 (as e2e018, with the mouse).
    drag(
        page,
        node_screen_point(page, "p:ven"),
        model_screen_point(page, 0.85 * 250 * 0.866, 0.85 * 250 * 0.5),
    )
    expect(page.locator("#notice-text")).to_contain_text("Ven Testsen er flyttet")
    store = SqliteStore(db)
    try:
        ven = {p.id: p for p in store.load(map_id).map.persons}["ven"]
    finally:
        store.close()
    assert ven.sector is Sector.WORK_SCHOOL
    assert ven.distance == pytest.approx(0.8, abs=0.03)
