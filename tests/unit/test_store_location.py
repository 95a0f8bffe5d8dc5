"""Where the database lives: explicit path > NETMAP_DB > the per-user data folder."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from netmap.store import default_db_path, open_store, resolve_db_path


@pytest.fixture
def fake_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    calls: list[tuple[object, ...]] = []

    def user_data_path(appname: str, appauthor: object = None, *args: object, **kw: object) -> Path:
        calls.append((appname, appauthor))
        return tmp_path / "data" / appname

    monkeypatch.setattr(platformdirs, "user_data_path", user_data_path)
    monkeypatch.delenv("NETMAP_DB", raising=False)
    return tmp_path / "data"


def test_loc001_default_is_netmap_db_in_the_user_data_folder(fake_data_dir: Path) -> None:
    assert default_db_path() == fake_data_dir / "netmap" / "netmap.db"
    assert resolve_db_path(None) == fake_data_dir / "netmap" / "netmap.db"


def test_loc002_env_beats_default(fake_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETMAP_DB", "/tmp/fra-miljoe/kort.db")
    assert resolve_db_path(None) == Path("/tmp/fra-miljoe/kort.db")


def test_loc003_explicit_beats_env(fake_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETMAP_DB", "/tmp/fra-miljoe/kort.db")
    assert resolve_db_path(Path("/tmp/valgt/kort.db")) == Path("/tmp/valgt/kort.db")
    assert resolve_db_path("/tmp/valgt/kort.db") == Path("/tmp/valgt/kort.db")


def test_loc004_empty_env_counts_as_unset(
    fake_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETMAP_DB", "  ")
    assert resolve_db_path(None) == fake_data_dir / "netmap" / "netmap.db"


def test_loc005_home_is_expanded(fake_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/tmp/hjem")
    assert resolve_db_path("~/kort.db") == Path("/tmp/hjem/kort.db")
    monkeypatch.setenv("NETMAP_DB", "~/miljoe.db")
    assert resolve_db_path(None) == Path("/tmp/hjem/miljoe.db")


def test_loc006_open_store_follows_the_same_order(
    fake_data_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened = open_store()
    opened.close()
    assert (fake_data_dir / "netmap" / "netmap.db").is_file()
    monkeypatch.setenv("NETMAP_DB", str(tmp_path / "env" / "kort.db"))
    open_store().close()
    assert (tmp_path / "env" / "kort.db").is_file()
    open_store(tmp_path / "explicit.db").close()
    assert (tmp_path / "explicit.db").is_file()


@pytest.mark.skipif(sys.platform != "linux", reason="XDG folders are a Linux convention")
def test_loc007_linux_default_follows_xdg_data_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "netmap" / "netmap.db"
