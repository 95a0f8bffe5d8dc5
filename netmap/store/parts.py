"""A map's stored JSON as parts, so versions share what did not change.

The stored JSON of a map (:mod:`netmap.store.stored_json`) is
``{head,"persons":[P1,P2,…],"ties":[T1,T2,…]tail}``: the head holds the schema
version and the patient, the tail the fields after the ties. Each of head,
tail, person and tie is one *part*, kept once per map under the SHA-256 of its
text; a version is the list of its parts' ids. An edit that moves one person
adds one part and a row of ids, not a copy of the map.

:func:`join` gives the text back byte for byte, and :func:`split` cuts a text
written before parts existed the same way (the migration uses it; a text that
does not have this shape is kept whole).
"""

from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import dataclass

__all__ = ["StoredParts", "digest", "join", "pack_ids", "split", "unpack_ids"]

_PERSONS = ',"persons":['
_TIES = '],"ties":['
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class StoredParts:
    """The texts a map's stored JSON is joined from (see :func:`join`)."""

    head: str
    persons: tuple[str, ...]
    ties: tuple[str, ...]
    tail: str

    def all(self) -> list[str]:
        """Head, tail, persons, ties: the order the store keeps their ids in."""
        return [self.head, self.tail, *self.persons, *self.ties]


def join(parts: StoredParts) -> str:
    """The map's stored JSON.

    >>> join(StoredParts('{"a":1', ('{"id":"x"}',), (), "}"))
    '{"a":1,"persons":[{"id":"x"}],"ties":[]}'
    """
    persons, ties = ",".join(parts.persons), ",".join(parts.ties)
    return f"{parts.head}{_PERSONS}{persons}{_TIES}{ties}]{parts.tail}"


def split(text: str) -> StoredParts | None:
    """The parts of a stored map JSON, or ``None`` if it is not of that shape.

    Only exact cuts are accepted: ``join(split(text)) == text`` whenever the
    result is not ``None``.

    >>> cut = split('{"a":1,"persons":[{"id":"x"},{"id":"y"}],"ties":[{"a":"x","b":"y"}]}')
    >>> cut.head, cut.persons, cut.ties, cut.tail
    ('{"a":1', ('{"id":"x"}', '{"id":"y"}'), ('{"a":"x","b":"y"}',), '}')
    >>> split('{ikke json') is None
    True
    """
    start = _key_start(text, "persons")
    if start is None or text[start - 1 : start + len(_PERSONS) - 1] != _PERSONS:
        return None
    head = text[: start - 1]
    persons, at = _objects(text, start + len(_PERSONS) - 1)
    if persons is None or not text.startswith(_TIES, at):
        return None
    ties, at = _objects(text, at + len(_TIES))
    if ties is None or not text.startswith("]", at):
        return None
    parts = StoredParts(head, tuple(persons), tuple(ties), text[at + 1 :])
    return parts if join(parts) == text else None


def _key_start(text: str, key: str) -> int | None:
    """Where the top-level ``"key"`` of a JSON object begins (decoded, not searched)."""
    if not text.startswith("{"):
        return None
    at = 1
    try:
        while at < len(text):
            name, end = _DECODER.raw_decode(text, at)
            if not isinstance(name, str) or not text.startswith(":", end):
                return None
            if name == key:
                return at
            _value, at = _DECODER.raw_decode(text, end + 1)
            if not text.startswith(",", at):
                return None
            at += 1
    except json.JSONDecodeError:
        return None
    return None


def _objects(text: str, at: int) -> tuple[list[str] | None, int]:
    """The JSON objects of an array's items from ``at`` to its ``]`` (not included)."""
    found: list[str] = []
    if text.startswith("]", at):
        return found, at
    try:
        while True:
            value, end = _DECODER.raw_decode(text, at)
            if not isinstance(value, dict):
                return None, at
            found.append(text[at:end])
            if not text.startswith(",", end):
                return found, end
            at = end + 1
    except json.JSONDecodeError:
        return None, at


def digest(text: str) -> bytes:
    """The key a part is kept under: SHA-256 of its UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def pack_ids(ids: list[int]) -> bytes:
    """Part ids as 4-byte little-endian numbers (about 4 bytes a person in each version).

    >>> unpack_ids(pack_ids([1, 70000]))
    [1, 70000]
    """
    return struct.pack(f"<{len(ids)}I", *ids)


def unpack_ids(packed: bytes) -> list[int]:
    """The ids :func:`pack_ids` packed."""
    return list(struct.unpack(f"<{len(packed) // 4}I", packed))
