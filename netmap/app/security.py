"""Who may talk to the app, and what every answer carries.

``protect(app)`` (called once by ``create_app``) puts four guards on the Flask
server behind the Dash app:

1. **Host.** Only the names this server is reached by: 127.0.0.1, localhost,
   [::1] and the ``--host`` address, each with the port it listens on, plus
   names allowed for a reverse proxy (any port). Anything else is a 400: a page
   that rebinds its own DNS name to 127.0.0.1 still sends its own name.
2. **Origin.** A request that can change something (any method but GET, HEAD
   and OPTIONS) must come from this server's own pages: its ``Origin`` (or,
   from a browser that sends none, its ``Referer``) must be the address it was
   sent to, or a reverse-proxy name. Otherwise 403 — Dash checks no origin, and
   every callback is a POST.
3. **Callback envelopes.** A POST to ``/_dash-update-component`` must be a
   well-formed callback request for a registered callback (``CallbackEnvelope``)
   before Dash sees it; anything else is a 400 naming what is wrong.
4. **Headers and errors.** flask-talisman sets the Content-Security-Policy,
   X-Frame-Options, X-Content-Type-Options and Referrer-Policy (no-referrer) on every
   response; everything but the static files is ``Cache-Control: no-store``
   (the app's own files at Dash's versioned addresses are kept for good); an
   unexpected error is one generic line (logged with its traceback here, never
   sent).

The port is known only once a socket is bound (``--port 0``), so the server
builder calls ``serve_on`` after binding. Until then (Flask's test client) the
loopback names are accepted with any port.

Every refusal is one plain-text line in the user's language, and happens
before any callback runs, so nothing is changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any
from urllib.parse import urlsplit

import dash
from flask import Flask, Response, request
from flask_talisman import Talisman
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr
from pydantic import ValidationError as PydanticValidationError
from werkzeug.exceptions import HTTPException, InternalServerError

from netmap.app.lang import LANG_CONFIG
from netmap.i18n import LANGUAGES, Lang, parse_lang, t

__all__ = [
    "LOOPBACK_NAMES",
    "MAX_JSON_DEPTH",
    "CallbackEnvelope",
    "HostRules",
    "allowed_host_name",
    "hosts_from_env",
    "protect",
    "serve_on",
]

#: The names a browser on this computer uses for a server on the loopback address.
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
#: Nesting deeper than this is no callback the page sends (a drop is 3 levels).
MAX_JSON_DEPTH = 32
#: Where ``Host`` headers and allowed names are kept on the Flask app.
_EXTENSION = "netmap.security"
#: Methods that change nothing and so need no same-origin proof.
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CALLBACK_PATH = "/_dash-update-component"
#: Static files carry no personal data and are fingerprinted: they may be cached.
_CACHEABLE_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon.ico")

# A host name or IPv4 address, or an IPv6 address in brackets, then an optional port.
_HOST_RE = re.compile(
    r"(?P<name>\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::(?P<port>[0-9]{1,5}))?"
)


class HostRules(BaseModel):
    """The ``Host`` names this server answers to.

    ``names`` are served on ``port`` only (``None``: not bound yet, any port);
    ``proxy_names`` are a reverse proxy's and accepted with any port or none.

    >>> rules = HostRules(names=LOOPBACK_NAMES, port=8050)
    >>> rules.allows_host("127.0.0.1:8050"), rules.allows_host("127.0.0.1:8051")
    (True, False)
    >>> rules.allows_host("evil.example:8050"), rules.allows_host("[::1]:8050")
    (False, True)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    names: frozenset[str] = LOOPBACK_NAMES
    proxy_names: frozenset[str] = frozenset()
    port: int | None = None

    def allows_host(self, header: str | None) -> bool:
        parsed = _split_host(header)
        if parsed is None:
            return False
        name, port = parsed
        if name in self.proxy_names:
            return True
        # A Host without a port means the scheme's default (80 for http).
        return name in self.names and (self.port is None or (port or 80) == self.port)

    def allows_origin(self, origin: str, host_header: str) -> bool:
        """Whether a page at ``origin`` (``scheme://host[:port]``) is this server's own.

        Same origin: the page's address is the one the request was sent to
        (``Host``, already checked). A reverse proxy's name is allowed too: the
        proxy may send the backend's own address as ``Host``.

        >>> rules = HostRules(names=LOOPBACK_NAMES, port=8050, proxy_names={"kort.example"})
        >>> rules.allows_origin("http://127.0.0.1:8050", "127.0.0.1:8050")
        True
        >>> rules.allows_origin("http://evil.example", "127.0.0.1:8050")
        False
        >>> rules.allows_origin("https://kort.example", "127.0.0.1:8050")
        True
        """
        try:
            parts = urlsplit(origin)
        except ValueError:
            return False
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return False
        netloc = parts.netloc.lower()
        if netloc == host_header.lower():
            return True
        parsed = _split_host(netloc)
        return parsed is not None and parsed[0] in self.proxy_names


def _split_host(value: str | None) -> tuple[str, int | None] | None:
    """``(name, port)`` of a ``Host`` value, or ``None`` if it is not one."""
    if not value:
        return None
    match = _HOST_RE.fullmatch(value.lower())
    if match is None:
        return None
    port = match.group("port")
    return match.group("name"), int(port) if port is not None else None


def allowed_host_name(value: str) -> str:
    """A host name given to ``--allow-host``, normalised; ``ValueError`` if it is none.

    >>> allowed_host_name("Kort.Example.dk"), allowed_host_name("::1")
    ('kort.example.dk', '[::1]')
    """
    name = value.strip().lower()
    if ":" in name and not name.startswith("["):
        name = f"[{name}]"  # a bare IPv6 address
    parsed = _split_host(name)
    if parsed is None or parsed[1] is not None:
        raise ValueError(value)
    return parsed[0]


def hosts_from_env(value: str | None) -> list[str]:
    """The comma-separated names of ``NETMAP_ALLOWED_HOSTS``, normalised.

    >>> hosts_from_env(" kort.example , localhost.lan,")
    ['kort.example', 'localhost.lan']
    """
    return [allowed_host_name(part) for part in (value or "").split(",") if part.strip()]


def serve_on(server: Flask, *, host: str, port: int, allowed_hosts: Iterable[str] = ()) -> None:
    """Tell the guards where the server listens: ``host`` (as given to
    ``--host``) on ``port`` (the bound one), and the reverse-proxy names."""
    names = set(LOOPBACK_NAMES)
    names.add(allowed_host_name(host))
    server.extensions[_EXTENSION] = HostRules(
        names=frozenset(names),
        proxy_names=frozenset(allowed_host_name(name) for name in allowed_hosts),
        port=port,
    )


# --- The callback envelope --------------------------------------------------------------

_Short = Annotated[StrictStr, Field(min_length=1, max_length=500)]
_IdPart = StrictStr | StrictInt | StrictFloat | StrictBool
#: A component id: a string, or a pattern-matching id ``{"type": …, "index": …}``.
_ComponentId = _Short | Annotated[dict[_Short, _IdPart], Field(min_length=1, max_length=20)]


class _Target(BaseModel):
    """One output of a callback: a component and one of its properties."""

    model_config = ConfigDict(extra="forbid", strict=True)

    id: _ComponentId
    property: _Short


class _Value(_Target):
    """One input or state with its value (checked by the callback itself)."""

    value: Any = None


class CallbackEnvelope(BaseModel):
    """The body dash-renderer POSTs to ``/_dash-update-component``.

    Only the envelope is checked here; each callback validates its own values.
    A pattern-matching ``ALL`` dependency is a list of targets.
    """

    model_config = ConfigDict(extra="forbid", strict=True)

    output: Annotated[StrictStr, Field(min_length=1, max_length=20_000)]
    #: Left out by dash-renderer for a callback without outputs (its ``set_props`` only).
    outputs: _Target | list[_Target | list[_Target]] | None = None
    inputs: list[_Value | list[_Value]]
    state: list[_Value | list[_Value]] = []
    changedPropIds: list[_Short] = []
    #: "id.prop" for a plain id, the parsed id alone for a pattern-matching one.
    parsedChangedPropsIds: list[_ComponentId] = []


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in a parsed JSON value (iteratively)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if deepest > MAX_JSON_DEPTH:
                return deepest
            stack.extend((child, level + 1) for child in children)
    return deepest


def _envelope_problem(app: dash.Dash, lang: Lang) -> str | None:
    """What is wrong with this callback request's body, or ``None``."""
    try:
        # Flask caches the parsed body: Dash reads it again for free.
        body = request.get_json(silent=True)
    except RecursionError:
        return t("server.envelope.too_deep", lang, limit=MAX_JSON_DEPTH)
    if not isinstance(body, dict):
        return t("app.bad_body", lang)
    if _depth(body) > MAX_JSON_DEPTH:
        return t("server.envelope.too_deep", lang, limit=MAX_JSON_DEPTH)
    try:
        envelope = CallbackEnvelope.model_validate(body)
    except PydanticValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        field = ".".join(str(part) for part in first["loc"]) or "body"
        kind = {"missing": "missing", "extra_forbidden": "extra"}.get(first["type"], "type")
        problem = t(f"server.envelope.{kind}", lang)
        return t("server.envelope.field", lang, field=field, problem=problem)
    if envelope.output not in app.callback_map:
        return t("server.envelope.unknown_output", lang)
    if envelope.outputs is None and not app.callback_map[envelope.output].get("no_output"):
        problem = t("server.envelope.missing", lang)
        return t("server.envelope.field", lang, field="outputs", problem=problem)
    return None


# --- The guards ---------------------------------------------------------------------------


def _lang(server: Flask) -> Lang:
    """The language of an error line: the browser's choice, else the server's."""
    best = request.accept_languages.best_match(LANGUAGES)
    return parse_lang(best or server.config.get(LANG_CONFIG))


def _line(text: str, status: int) -> Response:
    return Response(text + "\n", status=status, mimetype="text/plain")


def _shown_host(value: str | None) -> str:
    """A ``Host`` value safe to repeat in an error line."""
    return value if value and _split_host(value) is not None else "?"


def _content_security_policy(app: dash.Dash) -> dict[str, str | list[str]]:
    """Only the app's own scripts, styles, images and requests; no frames around it."""
    return {
        "default-src": "'self'",
        # Dash starts its renderer with one inline <script>; allow exactly that
        # script (and any clientside callbacks) by hash, no other inline code.
        "script-src": ["'self'", *app.csp_hashes()],
        "style-src": "'self'",
        # dash's, dcc's and cytoscape's bundles put their CSS into <style>
        # elements at run time (style-loader); allow style elements, which
        # run no script, and which cannot send anything out because images,
        # fonts and requests are 'self' only. style attributes stay 'self'.
        "style-src-elem": ["'self'", "'unsafe-inline'"],
        "img-src": "'self'",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def _versioned_asset(response: Response) -> bool:
    """Whether this answer is one of the app's own files at a versioned address."""
    return (
        response.status_code == 200
        and request.path.startswith("/assets/")
        and request.args.get("m", "").replace(".", "", 1).isdigit()
    )


def protect(app: dash.Dash) -> None:
    """Put the host, origin, envelope, header and error guards on ``app``'s server.

    Call it after every callback is registered (the CSP hashes Dash's inline
    scripts, clientside callbacks included).
    """
    server: Flask = app.server
    server.extensions.setdefault(_EXTENSION, HostRules())

    # Flask's TRUSTED_HOSTS would do part of (1) but ignores the port and cuts
    # "[::1]:8050" at its first colon, so the check is made here.
    @server.before_request
    def _check_host_and_origin() -> Response | None:
        rules: HostRules = server.extensions[_EXTENSION]
        host = request.headers.get("Host")
        if not rules.allows_host(host):
            return _line(t("server.bad_host", _lang(server), host=_shown_host(host)), 400)
        if request.method in _SAFE_METHODS:
            return None
        origin = request.headers.get("Origin") or request.headers.get("Referer")
        if origin is None or not rules.allows_origin(origin, host or ""):
            return _line(t("server.foreign_origin", _lang(server)), 403)
        if request.method == "POST" and request.path.endswith(_CALLBACK_PATH):
            problem = _envelope_problem(app, _lang(server))
            if problem is not None:
                return _line(problem, 400)
        return None

    Talisman(
        server,
        force_https=False,  # served over plain http on this computer
        session_cookie_secure=False,  # no session cookie is used
        frame_options="DENY",
        content_security_policy=_content_security_policy(app),
        # No page address to anyone. The page's own requests to this server
        # set referrerPolicy "same-origin" per request (netmap-request-order.js),
        # so they still carry Origin and say which page they come from.
        referrer_policy="no-referrer",
        x_content_type_options=True,
    )

    @server.after_request
    def _cache_rules(response: Response) -> Response:
        # Pages, layout, dependencies and callback answers carry names, CPR and
        # phone numbers: never kept in a browser or proxy cache.
        if not request.path.startswith(_CACHEABLE_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        elif _versioned_asset(response):
            # Dash names each asset with its file's time (?m=…), so a changed
            # file has a new address: kept for good, not asked again on every
            # page load (two dozen 304s cost ~140 ms before the layout request).
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response

    @server.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        # werkzeug's own error pages are HTML; one plain line is enough.
        return _line(f"{error.code} {error.name}", error.code or 500)

    @server.errorhandler(InternalServerError)
    def _server_error(error: InternalServerError) -> Response:
        # Flask has logged the traceback (app.logger); the browser gets none.
        return _line(t("server.internal_error", _lang(server)), 500)
