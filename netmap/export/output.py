"""Writing an export file: all of it or nothing, readable by its owner only."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from netmap.interchange import ExportFailed

__all__ = ["write_atomic"]


def write_atomic(target: Path, payload: bytes) -> None:
    """Write ``payload`` to ``target`` under a temporary name, then rename it into place.

    An existing file is never left half-written; the new one has mode 0600
    (``tempfile`` creates it so), as it holds personal data.
    """
    temp_name: str | None = None
    try:
        with tempfile.NamedTemporaryFile(
            "wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
        ) as handle:
            temp_name = handle.name
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
        temp_name = None
    except OSError as exc:
        raise ExportFailed(
            "interchange.write_failed", file=str(target), reason=exc.strerror or type(exc).__name__
        ) from None
    finally:
        if temp_name is not None:
            Path(temp_name).unlink(missing_ok=True)
