"""The stored form of a map: its JSON without ``null`` fields, built from parts.

The store writes a map's JSON on every save (about 0.1 ms for 60 persons and
100 ties), yet an edit changes one person or one tie and shares every other
one with the version before: patients, persons and ties are frozen values.
So each one's JSON is remembered by identity and the map's JSON is joined
from the parts. The result is byte for byte what
``NetworkMap.model_dump_json(exclude_none=True)`` gives (a property test keeps
it so): the store compares these texts to notice a save that changes nothing.

Lossless because every field that may be ``None`` defaults to ``None`` (a
unit test keeps it so); leaving them out keeps rows small.
"""

from __future__ import annotations

from pydantic import BaseModel

from netmap.memo import ByIdentity
from netmap.model import NetworkMap
from netmap.store.parts import StoredParts, digest, join

__all__ = ["StoredJson"]

#: The map's fields before ``persons`` and after ``ties`` (every field the
#: model adds after ``ties``: the dates, the meetings …).
_BEFORE_PERSONS = {"schema_version", "patient"}
_AFTER_TIES = set(NetworkMap.model_fields) - _BEFORE_PERSONS - {"persons", "ties"}
#: Remembered parts; about four maps at the largest size. Cleared when full.
_MAX_PARTS = 8_000


def _json_of(model: BaseModel) -> str:
    return model.model_dump_json(exclude_none=True)


class StoredJson:
    """Writes maps' stored JSON, remembering the JSON of each person and tie."""

    def __init__(self) -> None:
        # Each person's and tie's JSON; and each text's digest: the texts are
        # the same objects save after save, so their digests are made once too.
        self._parts: ByIdentity[str] = ByIdentity(_MAX_PARTS)
        self._digests: ByIdentity[bytes] = ByIdentity(_MAX_PARTS)

    def dump(self, network_map: NetworkMap) -> str:
        """``network_map.model_dump_json(exclude_none=True)``, faster after the first time."""
        return join(self.parts(network_map))

    def parts(self, network_map: NetworkMap) -> StoredParts:
        """The stored JSON cut into head, persons, ties and tail (:mod:`netmap.store.parts`)."""
        # The model's field order: schema_version, patient, persons, ties, then
        # the dates (test_prop005 fails if it changes). Each piece is dumped as JSON
        # objects and their braces are opened to join them.
        head = network_map.model_dump_json(exclude_none=True, include=_BEFORE_PERSONS)
        tail = network_map.model_dump_json(exclude_none=True, include=_AFTER_TIES)
        return StoredParts(
            head=head[:-1],
            persons=tuple(self._part(person) for person in network_map.persons),
            ties=tuple(self._part(tie) for tie in network_map.ties),
            tail=f",{tail[1:-1]}}}" if tail != "{}" else "}",
        )

    def digests(self, parts: StoredParts) -> list[bytes]:
        """Each part's :func:`~netmap.store.parts.digest`, in :meth:`StoredParts.all` order."""
        return [self._digests.get(text, None, digest) for text in parts.all()]

    def _part(self, model: BaseModel) -> str:
        return self._parts.get(model, None, _json_of)
