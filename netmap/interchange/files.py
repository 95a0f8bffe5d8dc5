"""Map files: tell JSON from GraphML, read with a size limit, write atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Literal

from netmap.interchange.errors import ExportFailed, ImportFailed
from netmap.interchange.graphml_read import from_graphml
from netmap.interchange.graphml_write import to_graphml
from netmap.interchange.json_format import dump_json, load_json
from netmap.interchange.limits import MAX_IMPORT_BYTES
from netmap.model import NetworkMap

__all__ = ["Format", "detect_format", "load_map", "read_map", "write_map"]

Format = Literal["json", "graphml"]

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_SUFFIXES: dict[str, Format] = {".json": "json", ".graphml": "graphml", ".xml": "graphml"}


def _utf16_text(head: bytes) -> str:
    return head.decode("utf-16", errors="replace")


def _mib(size: int) -> str:
    return f"{size / 1_048_576:.1f}"


def detect_format(data: bytes, filename: str | None = None) -> Format:
    """JSON or GraphML, from the first character of the content.

    The file name is only a tie-breaker: content that starts with neither
    ``{`` nor ``<`` is not a map in either format.

    >>> detect_format(b'  {"patient": {}}'), detect_format(b"<?xml version='1.0'?><graphml/>")
    ('json', 'graphml')
    """
    head = data[:1024]
    for bom in _BOMS:
        if head.startswith(bom):
            if bom != _BOMS[0]:
                # UTF-16: only XML declares its own encoding; JSON must be UTF-8.
                if _utf16_text(head).lstrip().startswith("<"):
                    return "graphml"
                raise ImportFailed("interchange.json_utf16")
            head = head[len(bom) :]
            break
    if head.lstrip(b" \t\r\n\x00")[:2] in (b"{\x00", b"[\x00") or head[:4] in (
        b'\x00{\x00"',
        b"\x00[\x00{",
    ):
        raise ImportFailed("interchange.json_utf16")  # UTF-16 without a BOM
    head = head.lstrip()
    if not head:
        raise ImportFailed("interchange.empty")
    if head.startswith(b"<"):
        return "graphml"
    if head.startswith((b"{", b"[")):
        return "json"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFailed("interchange.not_utf8", position=exc.start) from None
    suffix = Path(filename).suffix.lower() if filename else ""
    if suffix in _SUFFIXES:
        raise ImportFailed(f"interchange.not_{_SUFFIXES[suffix]}_start")
    raise ImportFailed("interchange.unknown_format")


def load_map(data: bytes, *, filename: str | None = None) -> NetworkMap:
    """A map from the bytes of a JSON or GraphML file (detected from the content).

    >>> load_map(b'{"patient": {"name": "Testa"}}').patient.name
    'Testa'
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFailed("interchange.too_big", size=_mib(len(data)), max=_mib(MAX_IMPORT_BYTES))
    if detect_format(data, filename) == "json":
        return load_json(data)
    return from_graphml(data)


def read_map(path: Path) -> NetworkMap:
    """Read a map file; its size is checked before a byte is read.

    Files above :data:`~netmap.interchange.limits.MAX_IMPORT_BYTES` are refused.
    """
    shown = str(path)
    try:
        if not path.exists():
            raise ImportFailed("interchange.file_not_found", file=shown)
        if not path.is_file():
            raise ImportFailed("interchange.not_a_file", file=shown)
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportFailed("interchange.too_big", size=_mib(size), max=_mib(MAX_IMPORT_BYTES))
        with path.open("rb") as handle:
            # Read one byte more than allowed: a file may grow between stat and read.
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except PermissionError:
        raise ImportFailed("interchange.no_access", file=shown) from None
    except OSError as exc:
        raise ImportFailed(
            "interchange.unreadable", file=shown, reason=exc.strerror or type(exc).__name__
        ) from None
    return load_map(data, filename=path.name)


def write_map(
    network_map: NetworkMap,
    path: Path,
    fmt: Format,
    *,
    include_cpr: bool = False,
) -> None:
    """Write the map as JSON or GraphML, atomically: all of it or nothing.

    The file is written next to ``path`` under a temporary name and renamed
    into place, so an existing file is never left half-written. The new file
    is readable by its owner only, as it holds personal data.
    """
    if fmt == "json":
        payload = dump_json(network_map, include_cpr=include_cpr).encode("utf-8")
    elif fmt == "graphml":
        payload = to_graphml(network_map, include_cpr=include_cpr)
    else:
        raise ValueError(f"unknown format: {fmt!r}")
    write_atomic(Path(path), payload)


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
