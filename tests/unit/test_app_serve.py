"""``netmap serve``: loopback by default, a warning for any other address, waitress
with bounded connections and timeouts, werkzeug's development server only with
``--debug``."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from werkzeug.serving import BaseWSGIServer

from netmap.cli import cli
from netmap.cli.serve import (
    ENV_ALLOWED_HOSTS,
    ServerLimits,
    WaitressServer,
    build_server,
    is_loopback,
    serve_app,
)
from netmap.errors import NetmapError


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


def test_serve002_build_server_serves_the_start_page_with_waitress(tmp_path: Path) -> None:
    server, url = build_server("127.0.0.1", 0, tmp_path / "netmap.db", "da")
    assert isinstance(server, WaitressServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert url == f"http://127.0.0.1:{server.server_port}/"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
            assert response.headers["Server"] == "waitress"
            assert response.headers["X-Frame-Options"] == "DENY"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
    assert not thread.is_alive()  # shutdown() really stops the loop


def _no_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(WaitressServer, "serve_forever", lambda self, *a, **k: None)
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


def test_serve005_allow_host_and_the_environment_reach_the_app(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_serving(monkeypatch)
    told: list[dict[str, Any]] = []
    import netmap.app.security as security

    real = security.serve_on

    def spy(server: Any, **kw: Any) -> None:
        told.append(kw)
        real(server, **kw)

    monkeypatch.setattr(security, "serve_on", spy)
    monkeypatch.setenv(ENV_ALLOWED_HOSTS, "proxy.example, Other.Example")
    args = ["serve", "--port", "0", "--db", str(tmp_path / "n.db")]
    result = runner.invoke(cli, [*args, "--allow-host", "Kort.Example.dk", "--allow-host", "::1"])
    assert result.exit_code == 0, result.output
    assert told[0]["host"] == "127.0.0.1" and told[0]["port"] > 0
    assert list(told[0]["allowed_hosts"]) == [
        "kort.example.dk",
        "[::1]",
        "proxy.example",
        "other.example",
    ]


def test_serve006_a_bad_allowed_host_is_refused_before_starting(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_serving(monkeypatch)
    args = ["serve", "--port", "0", "--db", str(tmp_path / "n.db")]
    result = runner.invoke(cli, [*args, "--allow-host", "http://kort.example:80"])
    assert isinstance(result.exception, NetmapError)
    assert "http://kort.example:80" in result.exception.message("da")
    monkeypatch.setenv(ENV_ALLOWED_HOSTS, "a b")
    assert isinstance(runner.invoke(cli, args).exception, NetmapError)


def test_serve007_the_server_is_bounded(tmp_path: Path) -> None:
    server, _ = build_server("127.0.0.1", 0, tmp_path / "netmap.db", "da")
    try:
        adj: Any = server.adj  # type: ignore[attr-defined]
        limits = ServerLimits()
        assert adj.connection_limit == limits.connection_limit <= 100
        assert adj.channel_timeout == limits.channel_timeout <= 60
        assert adj.cleanup_interval == limits.cleanup_interval <= limits.channel_timeout
        assert adj.threads == limits.threads
        assert adj.max_request_header_size == limits.max_request_header_size <= 64 * 1024
        assert adj.max_request_body_size == 2 * 1024 * 1024
        assert adj.expose_tracebacks is False
    finally:
        server.server_close()


@pytest.fixture
def tight(tmp_path: Path) -> Iterator[tuple[WaitressServer, int]]:
    """A real server with two client connections at most and a 3 s inactivity timeout
    (waitress counts its listening socket and its wake-up pipe as connections too).

    The timeout is well above the test's 1 s of waiting for the third connection:
    at 1 s a busy machine's cleanup closed the half-sent ones before the third's
    check, which then was answered (CI, a fresh machine at load 8)."""
    from netmap.app import create_app
    from netmap.store import SqliteStore

    store = SqliteStore(tmp_path / "netmap.db")
    limits = ServerLimits(connection_limit=4, channel_timeout=3, cleanup_interval=1)
    server, _ = serve_app(create_app(store), "127.0.0.1", 0, limits=limits)
    assert isinstance(server, WaitressServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, server.server_port
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        store.close()


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes ``sock`` (recv returns b"") within ``seconds``."""
    sock.settimeout(seconds)
    try:
        return sock.recv(1024) == b""
    except TimeoutError:
        return False


def test_serve008_half_sent_requests_are_closed_and_connections_bounded(
    tight: tuple[WaitressServer, int],
) -> None:
    _, port = tight
    # Two connections that stop halfway through their request headers.
    half = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
    for sock in half:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    time.sleep(0.5)
    # A third is not served while the two hold both places.
    third = socket.create_connection(("127.0.0.1", port))
    third.sendall(f"GET /_dash-layout HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    third.settimeout(0.5)
    with pytest.raises(TimeoutError):
        third.recv(1024)
    # The inactivity timeout closes the half-sent ones; then the third is answered.
    assert all(_closed_within(sock, 10) for sock in half)
    third.settimeout(10)
    assert third.recv(1024).startswith(b"HTTP/1.1 200")
    for sock in [*half, third]:
        sock.close()


def _start(tmp_path: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[Any, str]:
    """``netmap serve --port 0`` as its own process; its first line and the process."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "netmap",
            "serve",
            "--port",
            "0",
            "--db",
            str(tmp_path / "n.db"),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    return process, line


def _get(url: str, host: str | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def _stop(process: Any) -> int:
    process.send_signal(signal.SIGINT)  # Ctrl+C
    try:
        return int(process.wait(timeout=20))
    finally:
        process.kill()


@pytest.mark.slow
def test_serve009_netmap_serve_runs_waitress_and_prints_its_address(tmp_path: Path) -> None:
    process, line = _start(
        tmp_path, "--allow-host", "kort.example.dk", env={ENV_ALLOWED_HOSTS: "proxy.example"}
    )
    try:
        assert line.startswith("Netværkskortet kører på http://127.0.0.1:"), line
        url = line.split(" på ", 1)[1].split(" ", 1)[0]
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        assert port not in (0, 8050)
        status, headers = _get(url)
        assert status == 200
        assert headers["Server"] == "waitress" and "Werkzeug" not in headers["Server"]
        assert headers["Cache-Control"] == "no-store"
        assert _get(url, host="kort.example.dk")[0] == 200
        assert _get(url, host="proxy.example")[0] == 200
        assert _get(url, host="evil.example")[0] == 400
        assert _get(url, host=f"localhost:{port}")[0] == 200
    finally:
        code = _stop(process)
    assert code == 0  # Ctrl+C stops it cleanly


@pytest.mark.slow
def test_serve010_debug_uses_the_development_server(tmp_path: Path) -> None:
    process, line = _start(tmp_path, "--debug")
    try:
        assert line.startswith("Netværkskortet kører på http://127.0.0.1:"), line
        url = line.split(" på ", 1)[1].split(" ", 1)[0]
        status, headers = _get(url)
        assert status == 200
        assert headers["Server"].startswith("Werkzeug/")
        assert headers["X-Frame-Options"] == "DENY"  # the same guards
        assert _get(url, host="evil.example")[0] == 400
    finally:
        _stop(process)
    assert process.stderr is not None
    assert "--debug" in process.stderr.read()


def test_serve011_a_shutdown_as_the_loop_ends_is_harmless(tmp_path: Path) -> None:
    """The loop closes the trigger's pipe when it ends; a shutdown that comes then
    (CI saw one: EBADF in a test's teardown) must not write to the closed pipe."""
    server, _ = build_server("127.0.0.1", 0, tmp_path / "netmap.db", "da")
    assert isinstance(server, WaitressServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.shutdown()
    thread.join(timeout=5)
    assert not thread.is_alive()
    server.shutdown()  # the loop has closed every descriptor by now
    server.server_close()


def test_serve012_a_server_that_never_served_closes_its_socket(tmp_path: Path) -> None:
    server, _ = build_server("127.0.0.1", 0, tmp_path / "netmap.db", "da")
    port = server.server_port
    server.server_close()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
