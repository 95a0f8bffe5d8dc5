"""Opening the store: a damaged file is refused at once, with what to do, and
files others can read are made owner-only before anything is written.

Fictional data only.
"""

from __future__ import annotations

import os
import random
import socket
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from netmap.model import NetworkMap, Patient, Person
from netmap.store import SqliteStore, StoreError, open_store
from netmap.store.location import default_db_path
from netmap.store.permissions import private_files

#: B-tree page types (SQLite file format, section 1.6): index/table, interior/leaf.
_BTREE_PAGES = {2, 5, 10, 13}


def a_map(k: int) -> NetworkMap:
    return NetworkMap(
        patient=Patient(name=f"Testa{k} Testesen", cpr="010203-1234"),
        persons=[
            Person(id=f"p{i}", name=f"Fiktiv{k} Person{i}", sector="kin", distance=0.5)
            for i in range(30)
        ],
    )


def real_database(path: Path) -> None:
    """A database of many pages, checkpointed into the one file."""
    with SqliteStore(path) as store:
        for k in range(12):
            store.create(a_map(k), author="K")
    assert not Path(f"{path}-wal").exists()


def corrupt_a_middle_page(path: Path) -> int:
    """Random bytes over the b-tree page nearest the middle of the file; its number."""
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    count = len(data) // size
    assert count >= 20
    candidates = [n for n in range(2, count + 1) if data[(n - 1) * size] in _BTREE_PAGES]
    page = min(candidates, key=lambda n: abs(n - count // 2))
    garbage = random.Random(8).randbytes(size)
    data[(page - 1) * size : page * size] = garbage
    path.write_bytes(bytes(data))
    return page


def test_open001_a_corrupted_middle_page_is_found_at_open(tmp_path: Path) -> None:
    path = tmp_path / "maps.db"
    real_database(path)
    corrupt_a_middle_page(path)
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        SqliteStore(path)
    assert info.value.key == "store.damaged"
    danish = info.value.message("da")
    assert str(path) in danish and "beskadiget" in danish
    assert "sikkerhedskopi" in danish and "netmap backup" in danish and f"{path}-wal" in danish
    assert "backup" in info.value.message("en") and "\n" not in danish
    assert path.read_bytes() == before  # nothing was changed in it


def test_open002_a_file_that_is_no_database_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "maps.db"
    path.write_bytes(b"Dette er en indkobsliste, ikke en database.\n" * 200)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert info.value.key == "store.not_a_database"
    english = info.value.message("en")
    assert str(path) in english and "--db" in english and "restore your latest backup" in english


def test_open003_a_backup_copied_into_place_is_the_fix(tmp_path: Path) -> None:
    # What the message says to do works: the backup opens and has every map.
    path = tmp_path / "maps.db"
    with SqliteStore(path) as store:
        first = store.create(a_map(1), author="K")
        store.backup(tmp_path / "kopi.db")
    corrupt_path = tmp_path / "ødelagt.db"
    real_database(corrupt_path)
    corrupt_a_middle_page(corrupt_path)
    with pytest.raises(StoreError):
        SqliteStore(corrupt_path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{corrupt_path}{suffix}").unlink(missing_ok=True)
    (tmp_path / "kopi.db").rename(corrupt_path)
    with SqliteStore(corrupt_path) as restored:
        assert restored.load(first.map_id).map == a_map(1)


def _run(*args: str | Path, env_db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NETMAP_DB"}
    return subprocess.run(
        [sys.executable, "-m", "netmap", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("command", [["serve", "--port", "PORT"], ["list"], ["history", "abc"]])
def test_open004_serve_and_commands_stop_at_start_with_one_line(
    tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "maps.db"
    real_database(path)
    corrupt_a_middle_page(path)
    args = [str(_free_port()) if arg == "PORT" else arg for arg in command]
    result = _run(*args, "--db", path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and "sikkerhedskopi" in lines[0]
    assert "http://" not in result.stdout  # the server never said it was listening


# --- permissions -------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _readable_by_others(path: Path) -> None:
    """A database, -wal and -shm as a umask of 022 would leave them."""
    real = sqlite3.connect(path)
    real.execute("PRAGMA journal_mode = WAL")
    real.close()
    for suffix in ("", "-wal", "-shm"):
        file = Path(f"{path}{suffix}")
        file.touch()
        os.chmod(file, 0o644)


def test_perm001_files_others_can_read_are_made_owner_only_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "maps.db"
    _readable_by_others(path)
    modes_when_opened: list[int] = []
    connect = sqlite3.connect

    def watching(*args: object, **kwargs: object) -> sqlite3.Connection:
        modes_when_opened.append(_mode(path))
        return connect(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", watching)
    with SqliteStore(path) as store:
        store.create(a_map(1), author="K")
    assert modes_when_opened[0] == 0o600  # before SQLite saw the file
    for suffix in ("", "-wal", "-shm"):
        file = Path(f"{path}{suffix}")
        if file.exists():
            assert _mode(file) == 0o600, suffix


def test_perm002_netmaps_own_data_folder_becomes_0700(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETMAP_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = default_db_path().parent
    assert folder == tmp_path / "data" / "netmap"
    folder.mkdir(parents=True)
    os.chmod(folder, 0o755)
    os.chmod(tmp_path / "data", 0o755)
    store = open_store()
    store.close()
    assert _mode(folder) == 0o700
    assert _mode(tmp_path / "data") == 0o755  # above netmap's own folder: not ours to change
    assert _mode(folder / "netmap.db") == 0o600


def test_perm003_a_folder_the_user_chose_is_left_alone(tmp_path: Path) -> None:
    chosen = tmp_path / "mine"
    chosen.mkdir()
    os.chmod(chosen, 0o755)
    path = chosen / "maps.db"
    _readable_by_others(path)
    store = open_store(path)
    store.close()
    assert _mode(chosen) == 0o755
    assert _mode(path) == 0o600


def test_perm004_a_file_of_another_user_is_refused_with_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "maps.db"
    _readable_by_others(path)
    before = path.read_bytes()
    monkeypatch.setattr(os, "geteuid", lambda: path.stat().st_uid + 1)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert info.value.key == "store.permissions_not_owner"
    danish = info.value.message("da")
    assert "0644" in danish and f"chmod 0600 {path}" in danish and "ejes af en anden" in danish
    assert "Nothing was written" in info.value.message("en")
    assert _mode(path) == 0o644 and path.read_bytes() == before


def test_perm005_a_file_that_cannot_be_tightened_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "maps.db"
    _readable_by_others(path)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", refuse)
    with pytest.raises(StoreError) as info:
        SqliteStore(path)
    assert info.value.key == "store.permissions_failed"
    assert "Operation not permitted" in info.value.message("en")
    assert f"chmod 0600 {path}" in info.value.message("en")


def test_perm006_only_group_and_other_bits_go(tmp_path: Path) -> None:
    path = tmp_path / "maps.db"
    path.touch()
    os.chmod(path, 0o444)  # read-only on purpose: stays read-only, for its owner only
    private_files(path)
    assert _mode(path) == 0o400
    os.chmod(path, 0o600)
    private_files(path)
    assert _mode(path) == 0o600
