"""Who the app answers, over HTTP (netmap/app/security.py, issue 8 items 1, 2 and 4).

The app is told it listens on 127.0.0.1:8050 (as ``netmap serve`` tells it
after binding), and Flask's test client sends each request with the ``Host``,
``Origin`` and ``Referer`` a browser — or an attacker's page — would send.
Deleting a map (the start page's confirm button) is the state-changing
request: after every refusal the map must still be there.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import dash
import pytest
from app_client import app_client

from netmap.app import create_app
from netmap.app.security import MAX_JSON_DEPTH, allowed_host_name, hosts_from_env, serve_on
from netmap.model import NetworkMap, Patient
from netmap.store import SqliteStore

PORT = 8050
OWN = f"127.0.0.1:{PORT}"
OWN_ORIGIN = f"http://{OWN}"

#: Every response but a static file is answered with these.
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@pytest.fixture
def app(store: SqliteStore) -> dash.Dash:
    app = create_app(store)
    serve_on(app.server, host="127.0.0.1", port=PORT, allowed_hosts=["kort.example.dk"])
    return app


@pytest.fixture
def http(app: dash.Dash) -> Any:
    """A test client with no ``Origin`` of its own (each test sends its headers)."""
    return app.server.test_client()


@pytest.fixture
def map_id(store: SqliteStore) -> str:
    return store.create(NetworkMap(patient=Patient(name="Testa Testesen")), author="t").map_id


def _delete_body(client: Any, map_id: str) -> dict[str, Any]:
    """The body the start page sends when *Ja, slet* is pressed, built from the
    app's own ``/_dash-dependencies`` (as dash-renderer builds it)."""
    deps = client.get("/_dash-dependencies", headers={"Host": OWN}).get_json()
    dep = next(d for d in deps if any("confirm-delete" in str(i["id"]) for i in d["inputs"]))
    inputs: list[Any] = []
    changed = ""
    for spec in dep["inputs"]:
        pattern = json.loads(spec["id"])
        concrete = {k: (map_id if v == ["ALL"] else v) for k, v in pattern.items()}
        pressed = concrete.get("type") == "confirm-delete"
        value = 1 if pressed else None
        inputs.append([{"id": concrete, "property": spec["property"], "value": value}])
        if pressed:
            changed = json.dumps(concrete, sort_keys=True, separators=(",", ":")) + ".n_clicks"
    parts = dep["output"].strip(".").split("...")
    return {
        "output": dep["output"],
        "outputs": [{"id": p.split(".")[0], "property": p.split(".", 1)[1]} for p in parts],
        "inputs": inputs,
        "changedPropIds": [changed],
        "state": [{"id": s["id"], "property": s["property"], "value": "da"} for s in dep["state"]],
    }


def _post(client: Any, body: Any, **headers: str) -> Any:
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(
        "/_dash-update-component",
        data=data,
        content_type="application/json",
        headers={"Host": OWN, **headers},
    )


def _one_line(response: Any) -> str:
    text: str = response.get_data(as_text=True)
    assert response.mimetype == "text/plain"
    assert text.count("\n") == 1 and text.endswith("\n"), text
    assert "Traceback" not in text and "File " not in text
    return text.strip()


# --- Host ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        f"evil.example:{PORT}",
        f"127.0.0.1:{PORT + 1}",  # our name, another port
        "127.0.0.1",  # port 80
        f"localhost.evil.example:{PORT}",
        "",
        "127.0.0.1:8050/../x",
        "<script>:8050",
    ],
)
def test_sec001_a_foreign_host_is_a_400_for_pages_and_data(http: Any, host: str) -> None:
    for path in ("/", "/_dash-layout", "/_dash-dependencies", "/assets/netmap.css"):
        response = http.get(path, headers={"Host": host})
        assert response.status_code == 400, (path, host)
        line = _one_line(response)
        assert "hører ikke til denne netmap-server" in line
        assert "<script>" not in line
        assert "Testa" not in line


def test_sec002_a_foreign_host_deletes_nothing(http: Any, store: SqliteStore, map_id: str) -> None:
    body = _delete_body(http, map_id)
    # A rebinding page sends its own name as Host, and its own origin.
    response = _post(http, body, Host="evil.example:8050", Origin="http://evil.example:8050")
    assert response.status_code == 400
    _one_line(response)
    assert [m.map_id for m in store.list_maps()] == [map_id]


@pytest.mark.parametrize(
    "host",
    [
        OWN,
        f"localhost:{PORT}",
        f"[::1]:{PORT}",
        f"LOCALHOST:{PORT}",
        "kort.example.dk",
        "kort.example.dk:443",
        "Kort.Example.DK:8443",
    ],
)
def test_sec003_own_and_allowed_hosts_are_answered(http: Any, host: str) -> None:
    for path in ("/", "/_dash-layout", "/_dash-dependencies", "/assets/netmap.css"):
        assert http.get(path, headers={"Host": host}).status_code == 200, (path, host)


def test_sec004_the_host_given_to_serve_is_answered_on_its_port(store: SqliteStore) -> None:
    app = create_app(store)
    serve_on(app.server, host="192.168.1.20", port=9000)
    client = app.server.test_client()
    assert client.get("/", headers={"Host": "192.168.1.20:9000"}).status_code == 200
    assert client.get("/", headers={"Host": "127.0.0.1:9000"}).status_code == 200
    assert client.get("/", headers={"Host": "192.168.1.20:9001"}).status_code == 400
    assert client.get("/", headers={"Host": "kort.example.dk"}).status_code == 400


def test_sec005_host_errors_are_in_the_browsers_language(http: Any) -> None:
    response = http.get("/", headers={"Host": "evil.example", "Accept-Language": "en-GB,en"})
    assert "does not belong to this netmap server" in _one_line(response)


def test_sec006_allowed_host_names_are_checked_and_normalised() -> None:
    assert allowed_host_name(" Kort.Example.DK ") == "kort.example.dk"
    assert allowed_host_name("::1") == "[::1]"
    assert hosts_from_env("a.example, b.example ,,") == ["a.example", "b.example"]
    assert hosts_from_env(None) == []
    for bad in ("http://kort.example", "kort.example:8050", "a b", "", "kort/x"):
        with pytest.raises(ValueError):
            allowed_host_name(bad)


# --- Origin -------------------------------------------------------------------------------


def test_sec010_a_same_origin_delete_works(http: Any, store: SqliteStore, map_id: str) -> None:
    # The control for the refusals below: the same body from our own page deletes.
    response = _post(http, _delete_body(http, map_id), Origin=OWN_ORIGIN)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert store.list_maps() == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": f"http://evil.example:{PORT}"},
        {"Origin": f"http://127.0.0.1:{PORT + 1}"},
        {"Origin": "null"},
        {"Origin": "file://"},
        {"Referer": "http://evil.example/page"},
        {"Origin": "http://evil.example", "Referer": f"{OWN_ORIGIN}/"},
        {},
    ],
    ids=[
        "foreign",
        "foreign-same-port",
        "other-port",
        "null",
        "file",
        "foreign-referer",
        "origin-wins-over-referer",
        "neither",
    ],
)
def test_sec011_a_foreign_or_missing_origin_is_a_403_and_deletes_nothing(
    http: Any, store: SqliteStore, map_id: str, headers: dict[str, str]
) -> None:
    response = _post(http, _delete_body(http, map_id), **headers)
    assert response.status_code == 403
    assert "kom ikke fra netmaps egen side" in _one_line(response)
    assert [m.map_id for m in store.list_maps()] == [map_id]


def test_sec012_a_same_origin_referer_is_enough_without_origin(
    http: Any, store: SqliteStore, map_id: str
) -> None:
    response = _post(http, _delete_body(http, map_id), Referer=f"{OWN_ORIGIN}/")
    assert response.status_code == 200
    assert store.list_maps() == []


def test_sec013_a_reverse_proxys_origin_is_allowed(
    http: Any, store: SqliteStore, map_id: str
) -> None:
    # The proxy passes the backend's own Host; the page's origin is the proxy's name.
    response = _post(http, _delete_body(http, map_id), Origin="https://kort.example.dk")
    assert response.status_code == 200
    assert store.list_maps() == []


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_sec014_every_state_changing_method_needs_the_origin(http: Any, method: str) -> None:
    response = http.open("/", method=method, headers={"Host": OWN})
    assert response.status_code == 403


# --- Headers ------------------------------------------------------------------------------


def _csp(response: Any) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize(
    "kind", ["page", "map page", "layout", "dependencies", "callback", "asset", "refusal"]
)
def test_sec020_every_response_carries_the_security_headers(
    app: dash.Dash, http: Any, map_id: str, kind: str
) -> None:
    own = {"Host": OWN}
    response = {
        "page": lambda: http.get("/", headers=own),
        "map page": lambda: http.get(f"/map/{map_id}", headers=own),
        "layout": lambda: http.get("/_dash-layout", headers=own),
        "dependencies": lambda: http.get("/_dash-dependencies", headers=own),
        "callback": lambda: _post(http, _delete_body(http, map_id), Origin=OWN_ORIGIN),
        "asset": lambda: http.get("/assets/netmap.css", headers=own),
        "refusal": lambda: http.get("/", headers={"Host": "evil.example"}),
    }[kind]()
    assert response.status_code in (200, 400)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value, name
    csp = _csp(response)
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    # Only the app's own scripts, and Dash's inline renderer start by its hash.
    assert csp["script-src"][0] == "'self'"
    assert set(csp["script-src"][1:]) == set(app.csp_hashes())
    assert all(h.startswith("'sha256-") for h in csp["script-src"][1:])
    for directive in ("style-src", "img-src", "font-src", "connect-src"):
        assert csp[directive] == ["'self'"], directive
    assert csp["style-src-elem"] == ["'self'", "'unsafe-inline'"]
    # No third-party origin, no wildcard, no eval anywhere.
    sources = [s for values in csp.values() for s in values]
    assert not [s for s in sources if "://" in s or "*" in s or s in ("data:", "'unsafe-eval'")]


@pytest.mark.parametrize("path", ["/", "/map/abc", "/_dash-layout", "/_dash-dependencies"])
def test_sec021_pages_and_data_are_never_cached(http: Any, path: str) -> None:
    assert http.get(path, headers={"Host": OWN}).headers["Cache-Control"] == "no-store"


def test_sec024_the_apps_own_files_at_versioned_addresses_are_kept(http: Any) -> None:
    page = http.get("/", headers={"Host": OWN}).get_data(as_text=True)
    import re

    # The page names its files with Dash's version (the file's time) ...
    versioned = re.findall(r"/assets/[\w.-]+\.(?:css|js)\?m=[0-9.]+", page)
    assert versioned, page[:500]
    for address in versioned:
        cache = http.get(address, headers={"Host": OWN}).headers["Cache-Control"]
        assert cache == "public, max-age=31536000, immutable", address
    # ... and only there: without it (or for a file that is not there) the browser asks again.
    plain = http.get(versioned[0].split("?")[0], headers={"Host": OWN}).headers["Cache-Control"]
    assert "max-age=31536000" not in plain
    missing = http.get("/assets/none.css?m=1", headers={"Host": OWN})
    assert missing.status_code == 404 and "max-age=31536000" not in missing.headers.get(
        "Cache-Control", ""
    )


def test_sec022_callback_answers_are_never_cached(http: Any, map_id: str) -> None:
    response = _post(http, _delete_body(http, map_id), Origin=OWN_ORIGIN)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_sec023_the_inline_renderer_script_matches_a_csp_hash(http: Any) -> None:
    import base64
    import hashlib
    import re

    response = http.get("/", headers={"Host": OWN})
    page = response.get_data(as_text=True)
    inline = re.findall(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", page, re.S
    )
    # The one outside the IE-only comment is Dash's renderer start.
    assert any("DashRenderer" in script for script in inline)
    allowed = set(_csp(response)["script-src"])
    for script in inline:
        if "alert(" in script:  # inside <!--[if IE]> … <![endif]-->, never run
            continue
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


# --- Malformed callback envelopes --------------------------------------------------------


def _valid_envelope(http: Any, map_id: str) -> dict[str, Any]:
    return _delete_body(http, map_id)


def _deep(levels: int) -> Any:
    value: Any = 0
    for _ in range(levels):
        value = [value]
    return value


MALFORMED: list[tuple[str, Any, str]] = [
    ("empty object", {}, "'output'"),
    ("no output", {"inputs": [], "outputs": []}, "'output'"),
    ("no outputs", "drop:outputs", "'outputs'"),
    ("no inputs", "drop:inputs", "'inputs'"),
    (
        "unknown output",
        {
            "output": "nothing.children",
            "outputs": {"id": "nothing", "property": "children"},
            "inputs": [],
        },
        "ingen handling",
    ),
    ("output is a number", "set:output=5", "'output'"),
    ("inputs is a string", 'set:inputs="x"', "'inputs'"),
    ("input without id", 'set:inputs=[{"property": "n_clicks"}]', "'inputs.0"),
    ("changedPropIds of numbers", "set:changedPropIds=[1]", "'changedPropIds.0'"),
    ("state is an object", "set:state={}", "'state'"),
    ("unknown field", "set:surprise=1", "'surprise'"),
    ("outputs of strings", 'set:outputs=["a"]', "'outputs"),
    (
        "deep nesting",
        f'set:state=[{{"id": "lang", "property": "data", "value": '
        f"{json.dumps(_deep(MAX_JSON_DEPTH + 5))}}}]",
        "lag",
    ),
    ("deeper than the JSON parser", "raw:" + "[" * 100_000 + "]" * 100_000, "lag"),
    ("not JSON", "raw:{broken", "JSON"),
    ("a list", "raw:[1, 2]", "JSON"),
    ("a string", 'raw:"x"', "JSON"),
]


@pytest.mark.parametrize(("case", "body", "named"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_sec030_a_malformed_envelope_is_a_400_naming_what_is_wrong(
    http: Any, store: SqliteStore, map_id: str, case: str, body: Any, named: str
) -> None:
    if isinstance(body, str) and body.startswith("raw:"):
        sent: Any = body[4:]
    elif isinstance(body, str):
        sent = _valid_envelope(http, map_id)
        action, _, rest = body.partition(":")
        if action == "drop":
            del sent[rest]
        else:
            field, _, value = rest.partition("=")
            sent[field] = json.loads(value)
    else:
        sent = body
    response = _post(http, sent, Origin=OWN_ORIGIN)
    assert response.status_code == 400, response.get_data(as_text=True)
    line = _one_line(response)
    assert named in line, line
    assert [m.map_id for m in store.list_maps()] == [map_id]


def test_sec031_an_unexpected_error_is_one_generic_line_and_logged(
    app: dash.Dash, http: Any, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> str:
        raise RuntimeError("secret detail from deep inside")

    app.server.add_url_rule("/_test-broken", "test_broken", broken)
    with caplog.at_level(logging.ERROR):
        response = http.get("/_test-broken", headers={"Host": OWN})
    assert response.status_code == 500
    line = _one_line(response)
    assert "uventet fejl" in line and "secret detail" not in line
    assert response.headers["X-Frame-Options"] == "DENY"
    assert any("secret detail" in str(r.exc_info) for r in caplog.records)


def test_sec032_other_http_errors_are_plain_lines(http: Any) -> None:
    from netmap.app import MAX_REQUEST_BYTES

    response = _post(http, "{" + " " * MAX_REQUEST_BYTES + "}", Origin=OWN_ORIGIN)
    assert response.status_code == 413
    assert _one_line(response) == "413 Request Entity Too Large"


def test_sec033_the_shared_test_client_is_same_origin(store: SqliteStore) -> None:
    # tests/app_client.py: the Host Flask's client sends, and the page's Origin;
    # without it the same request is refused as foreign.
    app = create_app(store)
    assert app_client(app).post("/_dash-update-component", json={}).status_code == 400
    assert app.server.test_client().post("/_dash-update-component", json={}).status_code == 403
