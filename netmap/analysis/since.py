"""What the map marks since the last meeting: who is new, and where a moved person was.

Issue 11, "On the map": since the last meeting new persons are highlighted
and a faint trace leads from where a moved person was. The facts come from
:func:`netmap.analysis.diff.diff` between the version the last meeting was
prepared with and the version shown; the old point comes from
:func:`netmap.layout.positions` of the old version, so the trace starts
exactly where the person was drawn then.

Readings: a person moved when their distance or their sector changed (a
change of angle alone is no move, as in the diff). A person removed and not
added again is not on the map to mark.
"""

from __future__ import annotations

from pydantic import Field

from netmap.analysis.diff import MapDiff, diff
from netmap.layout import positions
from netmap.model import NetworkMap, StrictModel

__all__ = ["MovedFrom", "SinceMeeting", "since_meeting"]


class MovedFrom(StrictModel, frozen=True):
    """A person who moved, and the point (map units, y up) they were drawn at."""

    id: str
    x: float
    y: float


class SinceMeeting(StrictModel, frozen=True):
    """What to mark on the map: the new persons and the moved ones' old points."""

    from_version: int
    added: tuple[str, ...] = ()
    moved: tuple[MovedFrom, ...] = Field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.added and not self.moved


def marks_from_diff(d: MapDiff, old: NetworkMap, from_version: int) -> SinceMeeting:
    """The marks of a diff already made (``old`` is its ``from`` map)."""
    moved_ids = list(dict.fromkeys([m.id for m in d.moved] + [c.id for c in d.sector_changed]))
    then = positions(old.persons) if moved_ids else {}
    return SinceMeeting(
        from_version=from_version,
        added=tuple(d.persons_added),
        moved=tuple(MovedFrom(id=i, x=then[i][0], y=then[i][1]) for i in moved_ids if i in then),
    )


def since_meeting(old: NetworkMap, new: NetworkMap, from_version: int) -> SinceMeeting:
    """The marks from ``old`` (the version the last meeting was prepared with) to ``new``.

    >>> from netmap.model import Patient, Person
    >>> mor = Person(id="mor", name="Mor", sector="family", distance=0.5)
    >>> old = NetworkMap(patient=Patient(name="P"), persons=[mor])
    >>> new = NetworkMap(patient=Patient(name="P"), persons=[
    ...     mor.model_copy(update={"distance": 0.2}),
    ...     Person(id="ven", name="Ven", sector="leisure", distance=0.5)])
    >>> s = since_meeting(old, new, 3)
    >>> s.added, [m.id for m in s.moved]
    (('ven',), ['mor'])
    >>> (s.moved[0].x, s.moved[0].y) == positions(old.persons)["mor"]
    True
    """
    return marks_from_diff(diff(old, new), old, from_version)
