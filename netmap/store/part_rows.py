"""Reading and writing a map's parts (:mod:`netmap.store.parts`) in the ``parts`` table.

A version refers to its parts by id: ``head``, ``tail`` and the packed ids of
its persons and ties (:class:`Recipe`). Parts are per map, never shared
between maps, so erasing a map erases its parts and nothing else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from netmap.store.parts import StoredParts, digest, join, pack_ids, unpack_ids

__all__ = ["MissingPart", "Recipe", "add_parts", "find_ids", "recipe_of", "text_of"]

#: Ids per ``IN (…)`` query, well under SQLite's limit of bound parameters.
_CHUNK = 500


class MissingPart(Exception):
    """A version names a part that is not in the table (damaged outside netmap)."""


@dataclass(frozen=True)
class Recipe:
    """A version's parts by id: equal recipes are equal maps (parts are unique per map)."""

    head: int
    tail: int
    persons: bytes
    ties: bytes

    def ids(self) -> list[int]:
        return [self.head, self.tail, *unpack_ids(self.persons), *unpack_ids(self.ties)]


def _chunks(items: list[bytes] | list[int]) -> Iterable[list[bytes] | list[int]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def find_ids(conn: sqlite3.Connection, map_id: str, digests: list[bytes]) -> dict[bytes, int]:
    """The ids of those of ``digests`` the map already has."""
    found: dict[bytes, int] = {}
    unique = list(dict.fromkeys(digests))
    for chunk in _chunks(unique):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT hash, part_id FROM parts WHERE map_id = ? AND hash IN ({marks})",
            (map_id, *chunk),
        )
        found.update((bytes(row[0]), int(row[1])) for row in rows)
    return found


def add_parts(
    conn: sqlite3.Connection,
    map_id: str,
    parts: StoredParts,
    known: dict[bytes, int],
    digests: list[bytes] | None = None,
) -> Recipe:
    """The recipe of ``parts``, adding the parts the map does not have yet to the table.

    ``digests``: each part's :func:`digest`, in :meth:`StoredParts.all` order,
    when the caller has them (a 1,000-person map is some 2,700 parts).
    """
    texts = parts.all()
    keys = [digest(text) for text in texts] if digests is None else digests
    ids: list[int] = []
    for text, key in zip(texts, keys, strict=True):
        part_id = known.get(key)
        if part_id is None:
            cursor = conn.execute(
                "INSERT INTO parts (map_id, hash, json) VALUES (?, ?, ?)", (map_id, key, text)
            )
            part_id = known[key] = int(cursor.lastrowid or 0)
        ids.append(part_id)
    return recipe_of(ids, len(parts.persons))


def recipe_of(ids: list[int], person_count: int) -> Recipe:
    """Head, tail, persons, ties ids (in :meth:`StoredParts.all` order) as a recipe."""
    split_at = 2 + person_count
    return Recipe(ids[0], ids[1], pack_ids(ids[2:split_at]), pack_ids(ids[split_at:]))


def text_of(conn: sqlite3.Connection, map_id: str, recipe: Recipe) -> str:
    """The stored JSON a recipe stands for, byte for byte as it was saved."""
    ids = recipe.ids()
    texts: dict[int, str] = {}
    for chunk in _chunks(list(dict.fromkeys(ids))):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT part_id, json FROM parts WHERE map_id = ? AND part_id IN ({marks})",
            (map_id, *chunk),
        )
        texts.update((int(row[0]), str(row[1])) for row in rows)
    missing = [part_id for part_id in ids if part_id not in texts]
    if missing:
        raise MissingPart(f"part {missing[0]} is missing")
    persons_end = 2 + len(recipe.persons) // 4
    return join(
        StoredParts(
            head=texts[ids[0]],
            persons=tuple(texts[i] for i in ids[2:persons_end]),
            ties=tuple(texts[i] for i in ids[persons_end:]),
            tail=texts[ids[1]],
        )
    )
