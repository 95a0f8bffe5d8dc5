"""Writing an export file: all of it or nothing, readable by its owner only.

One writer for every format: the interchange's (JSON and GraphML use it too).
"""

from __future__ import annotations

from netmap.interchange.files import write_atomic

__all__ = ["write_atomic"]
