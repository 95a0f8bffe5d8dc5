"""``netmap serve``: loopback by default, a warning for any other address."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from werkzeug.serving import BaseWSGIServer

from netmap.cli import cli
from netmap.cli.serve import build_server, is_loopback


@pytest.fixture
def runner() -> CliRunner:
    from netmap.cli import _register

    _register()
    return CliRunner()


def test_serve001_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
    assert not is_loopback("10.0.0.5")
    assert not is_loopback("example.dk")


def test_serve002_build_server_serves_the_start_page(tmp_path: Path) -> None:
    server, url = build_server("127.0.0.1", 0, tmp_path / "netmap.db", "da")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert url == f"http://127.0.0.1:{server.server_port}/"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _no_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BaseWSGIServer, "serve_forever", lambda self, *a, **k: None)


def test_serve003_prints_the_address_and_no_warning_on_loopback(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_serving(monkeypatch)
    result = runner.invoke(cli, ["serve", "--port", "0", "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:" in result.output
    assert "ADVARSEL" not in result.output


def test_serve004_other_address_needs_the_option_and_warns_no_login(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_serving(monkeypatch)
    result = runner.invoke(
        cli,
        [
            "serve",
            "--host",
            "0.0.0.0",
            "--port",
            "0",
            "--db",
            str(tmp_path / "n.db"),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "WARNING" in result.output and "no login" in result.output
    assert "http://0.0.0.0:" in result.output
