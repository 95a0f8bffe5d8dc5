"""The history page's cache of briefs and sittings: the same time line as reading it all,
read from the store only for what was saved since, and nothing kept of an erased map."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from history_maps import build_history_map, clock

from netmap.analysis.sittings import sittings
from netmap.app.history.data import TimelineCache, extend_sittings, load_history
from netmap.changes import ChangeSummary, PersonRef
from netmap.store import MapNotFound, SqliteStore, VersionBrief

START = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def _brief(n: int, minute: int, author: str = "app:t1", **more: Any) -> VersionBrief:
    changes = ChangeSummary(person_count=n, added=[PersonRef(id=f"p{n}", name=f"P {n}")])
    return VersionBrief(
        version=n,
        saved_at=START + dt.timedelta(minutes=minute),
        author=author,
        changes=changes,
        **more,
    )


BRIEFS = [
    _brief(1, 0),
    _brief(2, 10),
    _brief(3, 20, note="Efter samtalen"),
    _brief(4, 70),  # a long pause: a new sitting
    _brief(5, 71, author="kp"),
    _brief(6, 72, author="kp", restored_from=2),  # a restore: its own entry
    _brief(7, 73, author="kp"),
    _brief(8, 74, author="kp"),
    _brief(9, 75),
]


@pytest.mark.parametrize("cut", range(len(BRIEFS) + 1))
def test_hcache001_extending_the_sittings_is_grouping_them_all(cut: int) -> None:
    old, new = BRIEFS[:cut], BRIEFS[cut:]
    assert extend_sittings(old, sittings(old), new) == sittings(BRIEFS)


def test_hcache002_extending_in_steps_of_one(store: SqliteStore) -> None:
    versions: list[VersionBrief] = []
    found = sittings(versions)
    for brief in BRIEFS:
        found = extend_sittings(versions, found, [brief])
        versions = [*versions, brief]
    assert found == sittings(BRIEFS)


def _entries(store: SqliteStore, map_id: str, cache: TimelineCache | None) -> Any:
    data = load_history(store, map_id, cache)
    return data.entries, [b.version for b in data.versions], data.latest.version


def test_hcache003_the_cache_reads_only_the_new_versions(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = build_history_map(store, meetings=3, persons=20)
    cache = TimelineCache()
    asked: list[int] = []
    read = store.version_briefs

    def spy(map_id: str, *, after: int = 0) -> list[VersionBrief]:
        asked.append(after)
        return read(map_id, after=after)

    monkeypatch.setattr(store, "version_briefs", spy)
    assert _entries(store, built.map_id, cache) == _entries(store, built.map_id, None)
    assert asked == [0, 0]
    asked.clear()
    assert _entries(store, built.map_id, cache) == _entries(store, built.map_id, None)
    assert asked == [0]  # the cached call read nothing
    # More saves: one that continues the last sitting, then another author's.
    latest = store.load(built.map_id)
    last = read(built.map_id)[-1]
    with clock(last.saved_at + dt.timedelta(minutes=5)):
        tab = last.author
        for i, author in zip(range(3), itertools.chain([tab, tab], ["kp"]), strict=True):
            persons = latest.map.persons[: -(i + 1)]
            latest = store.save(
                built.map_id,
                latest.map.model_copy(update={"persons": persons}),
                base_version=latest.version,
                author=author,
            )
    asked.clear()
    cached = _entries(store, built.map_id, cache)
    assert asked == [built.versions]
    assert cached == _entries(store, built.map_id, None)
    assert cached[2] == built.versions + 3


def test_hcache004_an_erased_map_is_not_shown_nor_kept(store: SqliteStore) -> None:
    built = build_history_map(store, meetings=2, persons=20)
    cache = TimelineCache()
    load_history(store, built.map_id, cache)
    assert cache._maps
    store.delete(built.map_id)
    with pytest.raises(MapNotFound):
        load_history(store, built.map_id, cache)
    assert not cache._maps


def test_hcache006_version_briefs_after_a_version(store: SqliteStore) -> None:
    built = build_history_map(store, meetings=2, persons=20)
    every = store.version_briefs(built.map_id)
    assert store.version_briefs(built.map_id, after=3) == every[3:]
    assert store.version_briefs(built.map_id, after=built.versions) == []
    with pytest.raises(MapNotFound):
        store.version_briefs("nope", after=3)
