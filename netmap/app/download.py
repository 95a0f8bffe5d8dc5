"""A file handed to the browser through ``dcc.Download`` (the share panel, the meeting papers)."""

from __future__ import annotations

import base64

__all__ = ["download_data"]


def download_data(payload: bytes, name: str, media_type: str) -> dict[str, object]:
    """What ``dcc.send_bytes`` makes (untyped there): the browser saves ``payload`` as ``name``.

    >>> download_data(b"ok", "a.txt", "text/plain")
    {'content': 'b2s=', 'filename': 'a.txt', 'type': 'text/plain', 'base64': True}
    """
    return {
        "content": base64.b64encode(payload).decode("ascii"),
        "filename": name,
        "type": media_type,
        "base64": True,
    }
