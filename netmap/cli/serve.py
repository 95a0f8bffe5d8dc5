"""``netmap serve [--host 127.0.0.1] [--port 8050] [--db PATH] [--lang da|en]``.

Starts the map editor on the embedded store and prints its address. It binds
to the loopback address unless ``--host`` names another one, and then warns
that there is no login yet: anyone who can reach the address can read and
change every map.
"""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

import click
from werkzeug.serving import BaseWSGIServer, make_server

from netmap.cli import cli
from netmap.cli.common import common_options
from netmap.i18n import Lang, t
from netmap.store import open_store

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "build_server", "is_loopback", "serve_command"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


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


def build_server(host: str, port: int, db: Path | None, lang: Lang) -> tuple[BaseWSGIServer, str]:
    """The app on a threaded WSGI server (not yet serving) and its address."""
    from netmap.app import create_app

    app = create_app(open_store(db), default_lang=lang)
    server = make_server(host, port, app.server, threaded=True)
    shown = f"[{host}]" if ":" in host else host
    return server, f"http://{shown}:{server.server_port}/"


@cli.command("serve")
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    help="Address to listen on. Anything but 127.0.0.1/localhost is reachable by others.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True)
@common_options
def serve_command(host: str, port: int, db: Path | None, lang: Lang) -> None:
    """Start the map editor in the browser (Ctrl+C stops it)."""
    if not is_loopback(host):
        click.echo(t("app.serve.no_login_warning", lang, host=host), err=True)
    server, url = build_server(host, port, db, lang)
    # One line per request would fill the console; errors are still shown.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    click.echo(t("app.serve.listening", lang, url=url))
    click.echo(t("app.serve.stop_hint", lang))
    try:
        server.serve_forever()
    finally:
        server.server_close()
