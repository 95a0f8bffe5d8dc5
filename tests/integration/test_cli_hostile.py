"""Hostile and broken files through the real ``netmap import`` (foundation issue,
"Bad input: a clear error, nothing lost").

Every file is made here, at test time, and run in its own ``python -m netmap``
process against its own copy of a database that already holds one map. Each
must end with a non-zero exit, one line on stderr naming what is wrong (the
node and key where there is one), no traceback, no hang, and the database
files byte-for-byte as they were.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest

from netmap.model import MAX_PERSONS

#: A hang (entity expansion, a huge file read) shows up as a timeout. Generous,
#: because a loaded two-core machine starts Python slowly; the medians are seconds.
TIMEOUT_S = 30
SOFIE = resources.files("netmap") / "demo" / "sofie.graphml"

KEYS = """
  <key id="k" for="node" attr.name="kind" attr.type="string"/>
  <key id="n" for="node" attr.name="name" attr.type="string"/>
  <key id="s" for="node" attr.name="sector" attr.type="string"/>
  <key id="d" for="node" attr.name="distance" attr.type="double"/>
"""


def node(
    node_id: str,
    *,
    kind: str = "person",
    name: str | None = "Navn Testesen",
    sector: str = "family",
    distance: str = "0.5",
) -> str:
    data = f'<data key="k">{kind}</data>'
    if name is not None:
        data += f'<data key="n">{name}</data>'
    if kind == "person":
        data += f'<data key="s">{sector}</data><data key="d">{distance}</data>'
    return f'<node id="{node_id}">{data}</node>\n'


PATIENT = node("p0", kind="patient", name="Testa Testesen")


def graphml(*body: str, patient: str = PATIENT) -> bytes:
    text = (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        f'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">{KEYS}'
        f'<graph edgedefault="undirected">\n{patient}{"".join(body)}</graph></graphml>\n'
    )
    return text.encode("utf-8")


def billion_laughs() -> bytes:
    entities = ['<!ENTITY lol "lol">']
    for level in range(1, 10):
        previous = f"&lol{level - 1 if level > 1 else ''};" * 10
        entities.append(f'<!ENTITY lol{level} "{previous}">')
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE graphml [\n' + "\n".join(entities) + "\n]>\n"
        "<graphml><graph>" + PATIENT + "<node id='x'><data key='n'>&lol9;</data></node>"
        "</graph></graphml>\n"
    ).encode()


def external_entity() -> bytes:
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE graphml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        "<graphml><graph>" + PATIENT + "<node id='x'><data key='n'>&xxe;</data></node>"
        "</graph></graphml>\n"
    ).encode()


def many_nodes() -> bytes:
    return graphml(*(node(f"n{i}") for i in range(10_000)))


def fifty_megabytes(path: Path) -> None:
    # A well-formed start and 50 MB of padding: refused by size before it is read.
    with path.open("wb") as handle:
        handle.write(graphml(node("mor"))[: -len(b"</graph></graphml>\n")])
        chunk = b"<!-- " + b"x" * (1024 * 1024 - 9) + b" -->"
        for _ in range(50):
            handle.write(chunk)
        handle.write(b"</graph></graphml>\n")


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    content: bytes | Callable[[Path], None]
    expected: tuple[str, ...]
    lang: str = "da"


CASES = [
    Case("plain-text", "kort.txt", b"Dette er bare tekst.\n", ("hverken JSON eller GraphML",)),
    Case("broken-json", "kort.json", b'{"patient": {"name": "T"', ("ikke gyldig JSON", "linje 1")),
    Case("broken-xml", "kort.graphml", b"<graphml><graph>", ("ikke gyldig XML",)),
    Case("empty", "kort.graphml", b"", ("Filen er tom",)),
    Case(
        "invalid-utf8",
        "kort.graphml",
        graphml(node("mor", name="Mor \xff")).replace("Mor \xff".encode(), b"Mor \xff\xfe"),
        ("UTF-8",),
    ),
    Case("billion-laughs", "kort.graphml", billion_laughs(), ("XML-entiteten «lol»",)),
    Case(
        "external-entity",
        "kort.graphml",
        external_entity(),
        ("ekstern ressource (file:///etc/passwd)",),
    ),
    Case(
        "wrong-root",
        "kort.graphml",
        b"<?xml version='1.0'?><html><body/></html>",
        ("det yderste element hedder «html»",),
    ),
    Case(
        "no-patient",
        "kort.graphml",
        graphml(node("mor"), patient=""),
        ("nøglen «kind»", "«patient»"),
    ),
    Case(
        "two-patients",
        "kort.graphml",
        graphml(node("p1", kind="patient", name="Anden")),
        ("nøglen «kind»", "(p0, p1)"),
    ),
    Case(
        "duplicate-ids",
        "kort.graphml",
        graphml(node("mor"), node("mor")),
        ("Node «mor» står mere end én gang",),
    ),
    Case(
        "unknown-sector",
        "kort.graphml",
        graphml(node("mor", sector="venner")),
        ("Node «mor», nøglen «sector»", "venner"),
    ),
    Case(
        "distance-0",
        "kort.graphml",
        graphml(node("mor", distance="0")),
        ("Node «mor», nøglen «distance»", "større end 0"),
    ),
    Case(
        "distance-1.5",
        "kort.graphml",
        graphml(node("mor", distance="1.5")),
        ("Node «mor», nøglen «distance»: værdien 1.5 er ikke tilladt – skal være højst 1.0",),
    ),
    Case(
        "distance-nan",
        "kort.graphml",
        graphml(node("mor", distance="NaN")),
        ("Node «mor», nøglen «distance»",),
    ),
    Case(
        "distance-text",
        "kort.graphml",
        graphml(node("mor", distance="tæt på")),
        ("Node «mor», nøglen «distance»", "tæt på"),
    ),
    Case(
        "missing-name",
        "kort.graphml",
        graphml(node("mor", name=None)),
        ("Node «mor», nøglen «name»: skal udfyldes",),
    ),
    Case(
        "long-name",
        "kort.graphml",
        graphml(node("mor", name="x" * 10_000)),
        ("Node «mor», nøglen «name»", "højst 120"),
    ),
    Case(
        "edge-to-missing",
        "kort.graphml",
        graphml(node("mor"), '<edge source="mor" target="spøgelse"/>'),
        ("node «spøgelse» findes ikke",),
    ),
    Case(
        "self-loop",
        "kort.graphml",
        graphml(node("mor"), '<edge source="mor" target="mor"/>'),
        ("Node «mor»", "til sig selv"),
    ),
    Case(
        "10000-nodes",
        "kort.graphml",
        many_nodes(),
        ("10001 noder", f"højst have {MAX_PERSONS} personer"),
    ),
    Case("50-megabytes", "kort.graphml", fifty_megabytes, ("netmap importerer højst 10",)),
    Case(
        "json-distance",
        "kort.json",
        b'{"patient": {"name": "T"}, "persons": [{"id": "mor", "name": "M", '
        b'"sector": "family", "distance": 1.5}]}',
        ("Person «mor», nøglen «distance»",),
    ),
    Case(
        "english-distance",
        "kort.graphml",
        graphml(node("mor", distance="1.5")),
        (
            "Node “mor”, key “distance”: the value 1.5 is not allowed – must be at most 1.0",
            "could not be imported",
            "Nothing was saved",
        ),
        lang="en",
    ),
    Case("english-entity", "kort.graphml", billion_laughs(), ("XML entity “lol”",), lang="en"),
    Case("missing-file", "findes-ikke.graphml", b"", ("findes ikke",)),
]


def _db_files(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name.startswith("maps.db")
    }


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seed")
    db = folder / "maps.db"
    sofie = folder / "sofie.graphml"
    sofie.write_bytes(SOFIE.read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "netmap", "import", str(sofie), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return db


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    before: dict[str, bytes]
    after: dict[str, bytes]


def _run(case: Case, seed: Path, root: Path) -> Outcome:
    folder = root / case.name
    folder.mkdir()
    for file in seed.parent.iterdir():
        if file.name.startswith("maps.db"):
            shutil.copy2(file, folder / file.name)
    path = folder / case.filename
    if callable(case.content):
        case.content(path)
    elif case.name != "missing-file":
        path.write_bytes(case.content)
    before = _db_files(folder)
    env = {k: v for k, v in os.environ.items() if k not in ("NETMAP_DB", "NETMAP_DEBUG")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "netmap",
            "import",
            str(path),
            "--db",
            str(folder / "maps.db"),
            "--lang",
            case.lang,
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
        env=env,
    )
    return Outcome(done.returncode, done.stdout, done.stderr, before, _db_files(folder))


@pytest.fixture(scope="module")
def outcomes(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    root = tmp_path_factory.mktemp("hostile")
    # Separate processes, so they may run side by side; each has its own database copy.
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {case.name: pool.submit(_run, case, seeded_db, root) for case in CASES}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_host001_rejected_with_one_clear_line_and_nothing_changed(
    case: Case, outcomes: dict[str, Outcome]
) -> None:
    outcome = outcomes[case.name]
    assert outcome.returncode != 0
    assert "Traceback" not in outcome.stderr + outcome.stdout
    assert outcome.stdout == ""
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1, outcome.stderr
    prefix = "Error: " if case.lang == "en" else "Fejl: "
    assert lines[0].startswith(prefix)
    for expected in case.expected:
        assert expected in lines[0]
    assert "maps.db" in outcome.before
    assert outcome.after == outcome.before


def test_host002_a_failed_import_creates_no_database(tmp_path: Path) -> None:
    bad = tmp_path / "kort.graphml"
    bad.write_bytes(graphml(node("mor", distance="1.5")))
    db = tmp_path / "ny" / "maps.db"
    done = subprocess.run(
        [sys.executable, "-m", "netmap", "import", str(bad), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 2
    assert "Node «mor», nøglen «distance»" in done.stderr
    assert not db.parent.exists()
