"""The guided pass before a meeting: whom to go through first, and what to follow up.

Seed 001, appendix "Netværket i Patientens team": the patient and the primary
contact use the map "som en del af forberedelsen af de tværfaglige møder".
The pass walks through the guiding questions again, person by person,
starting with those nobody has touched since the last meeting (the ones most
likely out of date), and asks about each agreement from last time (seed 000,
"opfølgning på aftaler": done, not done or carried over).

Pure functions: the caller passes the map as it was at the last meeting
(the version that meeting was prepared with; ``None`` when there is none).
"""

from __future__ import annotations

from pydantic import Field

from netmap.analysis.groups import by_closeness
from netmap.meetings import Agreement, Meeting, latest_held, meetings_in_order
from netmap.model import NetworkMap, Sector, StrictModel

__all__ = ["FollowUp", "follow_ups", "preparation_order", "prepared_for"]


def preparation_order(current: NetworkMap, at_last_meeting: NetworkMap | None) -> list[str]:
    """Person ids in the order to go through them: untouched since the last
    meeting first, then those changed or added since; each part by sector
    (the map's order) and closest first.

    >>> from netmap.model import Patient, Person
    >>> mor = Person(id="mor", name="Mor", sector="family", distance=0.2)
    >>> ven = Person(id="ven", name="Ven", sector="leisure", distance=0.5)
    >>> then = NetworkMap(patient=Patient(name="P"), persons=[mor, ven])
    >>> now = NetworkMap(patient=Patient(name="P"), persons=[
    ...     mor.model_copy(update={"distance": 0.4}), ven])
    >>> preparation_order(now, then)
    ['ven', 'mor']
    """
    before = {p.id: p for p in at_last_meeting.persons} if at_last_meeting is not None else None
    sectors = list(Sector)
    ordered = sorted(by_closeness(current.persons), key=lambda p: sectors.index(p.sector))
    if before is None:
        return [p.id for p in ordered]
    untouched = [p.id for p in ordered if before.get(p.id) == p]
    touched = [p.id for p in ordered if before.get(p.id) != p]
    return untouched + touched


class FollowUp(StrictModel):
    """An agreement from the last held meeting, to be asked about."""

    meeting: str
    agreement: Agreement
    asked: bool = Field(description="A follow-up status is already recorded.")


def follow_ups(network_map: NetworkMap) -> list[FollowUp]:
    """The agreements of the last held meeting, in the order they were made.

    >>> import datetime as dt
    >>> from netmap.meetings import Meeting
    >>> from netmap.model import Patient
    >>> m = NetworkMap(patient=Patient(id="p0", name="P"), meetings=[Meeting(
    ...     id="m1", date=dt.date(2026, 3, 1), held=True,
    ...     agreements=[Agreement(id="a1", who="p0", what="Søge job")])])
    >>> [(f.meeting, f.agreement.id, f.asked) for f in follow_ups(m)]
    [('m1', 'a1', False)]
    """
    held = latest_held(network_map.meetings)
    if held is None:
        return []
    return [
        FollowUp(meeting=held.id, agreement=a, asked=a.follow_up is not None)
        for a in held.agreements
    ]


def prepared_for(network_map: NetworkMap) -> Meeting | None:
    """The last meeting (by date) that a version was marked ready for, or None.

    Its ``prepared_with`` is where "what changed since the last meeting" starts.

    >>> import datetime as dt
    >>> from netmap.model import Patient
    >>> m = NetworkMap(patient=Patient(name="P"), meetings=[
    ...     Meeting(id="m1", date=dt.date(2026, 3, 1), prepared_with=4),
    ...     Meeting(id="m2", date=dt.date(2026, 6, 1))])
    >>> prepared_for(m).id
    'm1'
    """
    ready = [m for m in meetings_in_order(network_map.meetings) if m.prepared_with is not None]
    return ready[-1] if ready else None
