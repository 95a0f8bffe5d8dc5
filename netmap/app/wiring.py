"""How a page declares its callbacks at module level and registers them on one app.

``create_app`` builds a fresh app for every server and test (no global app,
no Dash pages registry), so a callback cannot be decorated with
``app.callback`` where it is written. Instead a page module keeps a
:class:`Callbacks` list and declares each callback with it, as a plain
module-level function whose first argument is the :class:`Page` (the app and
its store). ``register(app, page)`` wires them all. Each callback can so be
imported and called by name.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import dash

from netmap.service import EditOrder
from netmap.store import MapStore

__all__ = ["Callbacks", "Page", "one_per_app"]


@dataclass(frozen=True)
class Page:
    """What a page's callbacks work with: the app (its settings), the store, the edit order."""

    app: dash.Dash
    store: MapStore
    order: EditOrder | None = None
    today: Callable[[], date] = date.today
    #: Per-app helpers a page keeps between requests (a cache, a lock).
    extras: dict[str, Any] = field(default_factory=dict)


Handler = Callable[..., Any]


class Callbacks:
    """A page's callbacks, declared at module level with :meth:`callback`."""

    def __init__(self) -> None:
        self._server: list[tuple[tuple[Any, ...], dict[str, Any], Handler]] = []
        self._client: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def callback(self, *dependencies: Any, **options: Any) -> Callable[[Handler], Handler]:
        """Declare a server callback; the function gets the :class:`Page` first."""

        def declare(function: Handler) -> Handler:
            self._server.append((dependencies, options, function))
            return function

        return declare

    def clientside(self, script: str, *dependencies: Any, **options: Any) -> None:
        """Declare a callback that runs in the browser (no request to the server)."""
        self._client.append((script, dependencies, options))

    def register(self, app: dash.Dash, page: Page) -> None:
        """Wire every declared callback to ``app``, each bound to ``page``."""
        for dependencies, options, function in self._server:
            app.callback(*dependencies, **options)(_bound(function, page))
        register_clientside: Any = app.clientside_callback  # untyped in Dash
        for script, dependencies, options in self._client:
            register_clientside(script, *dependencies, **options)


def _bound(function: Handler, page: Page) -> Handler:
    @functools.wraps(function)
    def call(*args: Any) -> Any:
        return function(page, *args)

    # Dash reads the signature of what it wraps: the page is not an input.
    del call.__wrapped__
    return call


_T = TypeVar("_T")


def one_per_app(app: dash.Dash, key: str, cls: type[_T]) -> _T:
    """The app's one ``cls`` under ``key`` (made with ``cls()`` the first time).

    ``create_app`` asks once before requests come in on several threads.
    """
    extensions: dict[str, Any] = app.server.extensions
    found = extensions.get(key)
    if not isinstance(found, cls):
        found = extensions.setdefault(key, cls())
    assert isinstance(found, cls)
    return found
