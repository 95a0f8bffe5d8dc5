"""``netmap serve [--host 127.0.0.1] [--port 8050] [--allow-host NAME] [--debug] [--db PATH]``.

Starts the map editor on the embedded store and prints its address. It binds
to the loopback address unless ``--host`` names another one, and then warns
that there is no login yet: anyone who can reach the address can read and
change every map.

The app is served by waitress, a production WSGI server: pure Python, threads
in one process (the per-tab edit order of ``netmap.service`` lives in the
process's memory), a bounded number of connections and a timeout for idle or
half-sent ones. werkzeug's development server is used only with ``--debug``.
``serve_app`` is the one builder, used by ``netmap serve`` and the browser tests.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import click
from pydantic import BaseModel, ConfigDict, Field

from netmap.cli import cli
from netmap.cli.common import common_options
from netmap.errors import NetmapError
from netmap.i18n import Lang, t
from netmap.store import open_store

if TYPE_CHECKING:
    import dash

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "ENV_ALLOWED_HOSTS",
    "AppServer",
    "ServerLimits",
    "build_server",
    "is_loopback",
    "serve_app",
    "serve_command",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050
#: Extra host names for a reverse proxy, comma-separated (as ``--allow-host``).
ENV_ALLOWED_HOSTS = "NETMAP_ALLOWED_HOSTS"


class ServerLimits(BaseModel):
    """What one netmap server takes on at a time (waitress's settings).

    One person's browser opens at most six connections to a server; a few
    tabs stay far below ``connection_limit``. A connection that sends nothing
    (idle, or a request that stops halfway) for ``channel_timeout`` seconds is
    closed, checked every ``cleanup_interval`` seconds, so half-open
    connections cannot pile up. (waitress counts its own listening socket and
    wake-up pipe in ``connection_limit``: two fewer are left for browsers.)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    threads: int = Field(default=8, ge=1, le=64)
    connection_limit: int = Field(default=64, ge=1, le=1000)
    channel_timeout: int = Field(default=30, ge=1)
    cleanup_interval: int = Field(default=5, ge=1)
    #: Request headers of a real page are a few kB.
    max_request_header_size: int = Field(default=32 * 1024, ge=1024)


class AppServer(Protocol):
    """A bound server, not yet serving: ``serve_forever`` blocks until ``shutdown``."""

    @property
    def server_port(self) -> int: ...

    def serve_forever(self) -> None: ...

    def shutdown(self) -> None: ...

    def server_close(self) -> None: ...


class WaitressServer:
    """waitress's server with the interface of ``socketserver`` (as werkzeug's has).

    waitress runs one event loop; ``shutdown`` (from another thread) asks the
    loop to stop, and the loop itself closes every socket and stops the threads.
    """

    def __init__(self, wsgi_app: Any, host: str, port: int, limits: ServerLimits) -> None:
        from waitress.server import create_server

        from netmap.app import MAX_REQUEST_BYTES

        self._server: Any = create_server(
            wsgi_app,
            host=host,
            port=port,
            ipv4=":" not in host,
            ipv6=":" in host,
            threads=limits.threads,
            connection_limit=limits.connection_limit,
            channel_timeout=limits.channel_timeout,
            cleanup_interval=limits.cleanup_interval,
            max_request_header_size=limits.max_request_header_size,
            # The same limit as Flask's MAX_CONTENT_LENGTH, checked before buffering.
            max_request_body_size=MAX_REQUEST_BYTES,
            asyncore_use_poll=True,  # select() cannot watch more than 1024 sockets
            expose_tracebacks=False,
        )
        self.adj: Any = self._server.adj
        self._stopping = False
        # The loop closes the trigger's pipe when it ends; ``shutdown`` writes to that
        # pipe from another thread. The lock keeps the two apart, so a shutdown that
        # comes as the loop ends never writes to a closed (or reused) descriptor.
        self._closing = threading.Lock()
        self._closed = False
        self._serving = False

    @property
    def server_port(self) -> int:
        return int(self._server.effective_port)

    def serve_forever(self) -> None:
        from waitress import wasyncore

        server = self._server
        self._serving = True
        try:
            while not self._stopping:
                wasyncore.loop(
                    timeout=self.adj.asyncore_loop_timeout,
                    map=server._map,
                    use_poll=True,
                    count=1,
                )
        finally:
            with self._closing:
                self._closed = True
                wasyncore.close_all(server._map)
            server.task_dispatcher.shutdown()

    def shutdown(self) -> None:
        with self._closing:
            self._stopping = True
            if not self._closed:
                self._server.pull_trigger()  # wake the loop from its poll

    def server_close(self) -> None:
        from waitress import wasyncore

        with self._closing:
            if self._serving or self._closed:  # the loop closes (or closed) everything
                return
            self._stopping = self._closed = True  # never served: close the sockets here
            wasyncore.close_all(self._server._map)
        self._server.task_dispatcher.shutdown()


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this computer.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1")
    (True, True, True)
    >>> is_loopback("0.0.0.0"), is_loopback("192.168.1.20")
    (False, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_app(
    app: dash.Dash,
    host: str,
    port: int,
    *,
    debug: bool = False,
    allowed_hosts: Iterable[str] = (),
    limits: ServerLimits | None = None,
) -> tuple[AppServer, str]:
    """``app`` on a bound server (not yet serving) and the address to open.

    The port is the bound one (``port=0`` picks a free one); the app is told
    it, with ``host`` and ``allowed_hosts``, so that it answers only to them.
    """
    from netmap.app.security import serve_on

    # "localhost" would make waitress bind every address it resolves to, each
    # on its own port with port 0; werkzeug took the IPv4 one, so do the same.
    bind = DEFAULT_HOST if host.lower() == "localhost" else host
    server: AppServer
    if debug:
        from werkzeug.serving import make_server

        server = make_server(bind, port, app.server, threaded=True)
    else:
        server = WaitressServer(app.server, bind, port, limits or ServerLimits())
    serve_on(app.server, host=host, port=server.server_port, allowed_hosts=allowed_hosts)
    shown = f"[{host}]" if ":" in host else host
    return server, f"http://{shown}:{server.server_port}/"


def build_server(
    host: str,
    port: int,
    db: Path | None,
    lang: Lang,
    *,
    debug: bool = False,
    allowed_hosts: Iterable[str] = (),
) -> tuple[AppServer, str]:
    """The app on its store, on a bound server (not yet serving), and its address."""
    from netmap.app import create_app

    app = create_app(open_store(db), default_lang=lang)
    return serve_app(app, host, port, debug=debug, allowed_hosts=allowed_hosts)


def _allowed_hosts(given: Iterable[str]) -> list[str]:
    """``--allow-host`` values and ``NETMAP_ALLOWED_HOSTS``, checked and normalised."""
    from netmap.app.security import allowed_host_name

    checked = []
    for name in [*given, *os.environ.get(ENV_ALLOWED_HOSTS, "").split(",")]:
        if not name.strip():
            continue
        try:
            checked.append(allowed_host_name(name))
        except ValueError:
            raise NetmapError("server.bad_allow_host", value=name) from None
    return checked


@cli.command("serve")
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    help="Address to listen on. Anything but 127.0.0.1/localhost is reachable by others.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True)
@click.option(
    "--allow-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help=f"Also answer to this host name (a reverse proxy's); repeatable. Also {ENV_ALLOWED_HOSTS}"
    " (comma-separated).",
)
@click.option(
    "--debug", is_flag=True, help="Use werkzeug's development server (for development only)."
)
@common_options
def serve_command(
    host: str,
    port: int,
    allowed_hosts: tuple[str, ...],
    debug: bool,
    db: Path | None,
    lang: Lang,
) -> None:
    """Start the map editor in the browser (Ctrl+C stops it)."""
    names = _allowed_hosts(allowed_hosts)
    if not is_loopback(host):
        click.echo(t("app.serve.no_login_warning", lang, host=host), err=True)
    if debug:
        click.echo(t("server.debug_warning", lang), err=True)
    server, url = build_server(host, port, db, lang, debug=debug, allowed_hosts=names)
    # One line per request would fill the console; errors are still shown.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    click.echo(t("app.serve.listening", lang, url=url))
    click.echo(t("app.serve.stop_hint", lang))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass  # Ctrl+C: stop quietly
    finally:
        server.server_close()
