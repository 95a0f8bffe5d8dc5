"""Flask's test client as the app's own page would talk to it.

The server answers only its own host names and takes state-changing requests
only from its own origin (netmap/app/security.py). The test client sends
``Host: localhost``; this adds the matching ``Origin`` a browser sends with
every POST, so the callbacks can be called as the page calls them.
"""

from __future__ import annotations

from typing import Any

import dash

#: The address Flask's test client uses by default (``Host: localhost``).
TEST_ORIGIN = "http://localhost"


def app_client(app: dash.Dash) -> Any:
    """A test client of ``app`` whose requests carry the page's own ``Origin``."""
    client = app.server.test_client()
    client.environ_base["HTTP_ORIGIN"] = TEST_ORIGIN
    return client
