"""A fictional map with a year of meetings and the versions saved between them.

``build_history_map`` saves, in a store, a map that starts with
``persons - 2 * (meetings - 1)`` persons and before each later meeting gets,
in one sitting of one tab: two new persons, one person moved from far away
to close, one professional who now comes to meetings; then the meeting is
added and marked ready (``prepared_with``), and on the meeting's day the
outcome is recorded in a second sitting. Every save gets its own clock time
(the store's clock is replaced while building), so sittings and meeting days
are known. What was done is returned, so a test can say what any diff or
trend must be without hard-coding it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from unittest import mock

from netmap.meetings import Meeting, MeetingKind
from netmap.model import Attendance, NetworkMap, Patient, Person, Sector, Tie
from netmap.store import SqliteStore

_PRIVATE = (Sector.FAMILY, Sector.KIN, Sector.LEISURE, Sector.WORK_SCHOOL)
FIRST_DAY = dt.date(2025, 1, 7)


@dataclass
class HistoryMap:
    """What was saved: the map's id and everything the versions changed."""

    map_id: str
    meeting_dates: list[dt.date] = field(default_factory=list)
    meeting_versions: list[int] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)
    sittings: int = 0
    versions: int = 0


@contextmanager
def clock(start: dt.datetime) -> Iterator[list[dt.datetime]]:
    """Replace the store's clock: each save takes the time in ``now[0]``, one minute apart."""
    now = [start]

    def tick() -> str:
        moment = now[0]
        now[0] = moment + dt.timedelta(minutes=1)
        return moment.isoformat()

    with mock.patch("netmap.store.sqlite._now", tick):
        yield now


def _first_map(count: int) -> NetworkMap:
    persons = []
    for i in range(count):
        j = i // 2
        if i % 2:
            # Professionals: the first four in the middle band, the rest far away, undecided.
            persons.append(
                Person(
                    id=f"pro{i:02d}",
                    name=f"Fagperson {i:02d} Testesen",
                    sector=Sector.PROFESSIONAL,
                    distance=0.5 if j < 4 else 0.9,
                    role="Kontaktperson",
                    care_sector="municipality" if j % 3 else "region",
                )
            )
        else:
            persons.append(
                Person(
                    id=f"p{i:02d}",
                    name=f"Person {i:02d} Testesen",
                    sector=_PRIVATE[j % 4],
                    distance=(0.2, 0.5, 0.9, 0.9, 0.9)[j % 5],
                )
            )
    ties = [Tie(a=persons[i].id, b=persons[i + 1].id) for i in range(0, count - 1, 3)]
    return NetworkMap(patient=Patient(id="pt", name="Sofie Testesen"), persons=persons, ties=ties)


def _replace(network_map: NetworkMap, person: Person) -> NetworkMap:
    persons = [person if p.id == person.id else p for p in network_map.persons]
    return network_map.model_copy(update={"persons": persons})


def build_history_map(
    store: SqliteStore,
    *,
    meetings: int = 12,
    persons: int = 60,
    start: dt.datetime = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC),
) -> HistoryMap:
    """Save the map described in the module docstring; at most ``meetings`` ≤ 12 moves."""
    current = _first_map(persons - 2 * (meetings - 1))
    far_private = [p.id for p in current.persons if not p.is_professional and p.distance > 0.8]
    far_pros = [p.id for p in current.persons if p.is_professional and p.distance > 0.8]
    if len(far_private) < meetings - 1 or len(far_pros) < meetings - 1:
        raise ValueError("too few persons far away for that many meetings")
    with clock(start) as now:
        stored = store.create(current, author="test")
        built = HistoryMap(map_id=stored.map_id, sittings=1)
        version = stored.version

        def save(changed: NetworkMap, tab: str) -> None:
            nonlocal current, version
            version = store.save(
                built.map_id, changed, base_version=version, author=f"app:{tab}"
            ).version
            current = changed

        for k in range(meetings):
            day = FIRST_DAY + dt.timedelta(days=28 * k)
            # The evening before the meeting: one sitting of one tab.
            now[0] = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(17), tzinfo=dt.UTC)
            tab = uuid.uuid4().hex
            if k > 0:
                for j in range(2):
                    new = Person(
                        id=f"new{k:02d}{j}",
                        name=f"Ny {k:02d}-{j} Testesen",
                        sector=_PRIVATE[(k + j) % 4],
                        distance=0.5,
                    )
                    save(current.model_copy(update={"persons": [*current.persons, new]}), tab)
                    built.added.append(new.id)
                mover = current.person(far_private[k - 1])
                save(_replace(current, mover.model_copy(update={"distance": 0.2})), tab)
                built.moved.append(mover.id)
                pro = current.person(far_pros[k - 1])
                save(
                    _replace(current, pro.model_copy(update={"attends_meetings": Attendance.YES})),
                    tab,
                )
                built.answered.append(pro.id)
            meeting = Meeting(
                id=f"m{k + 1}",
                date=day,
                time=dt.time(10),
                meeting_kind=MeetingKind.FIRST if k == 0 else MeetingKind.NETWORK,
                place="Distriktspsykiatrien, mødelokale 2",
            )
            save(current.model_copy(update={"meetings": [*current.meetings, meeting]}), tab)
            ready = meeting.model_copy(update={"prepared_with": version})
            built.meeting_versions.append(version)
            save(current.model_copy(update={"meetings": [*current.meetings[:-1], ready]}), tab)
            built.sittings += 1
            # After the meeting, on its day: the outcome, in another tab.
            now[0] = dt.datetime.combine(day, dt.time(13), tzinfo=dt.UTC)
            held = ready.model_copy(update={"held": True})
            save(
                current.model_copy(update={"meetings": [*current.meetings[:-1], held]}),
                uuid.uuid4().hex,
            )
            built.sittings += 1
            built.meeting_dates.append(day)
    built.versions = version
    return built
