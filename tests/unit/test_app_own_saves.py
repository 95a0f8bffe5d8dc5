"""A tab's saves on top of its own newer versions (netmap.service), through commit."""

from __future__ import annotations

from typing import Any

import pytest

from netmap.app.saving import commit, undo
from netmap.editing import CycleAnswer, SetAnswer
from netmap.model import NetworkMap, Patient, Person
from netmap.service import OWN_RETRIES
from netmap.store import SqliteStore
from tests.revise import revise_person

TAB = "0123456789abcdef0123456789abcdef"
OTHER_TAB = "fedcba9876543210fedcba9876543210"
EMPTY = {"undo": [], "redo": []}


@pytest.fixture
def map_id(store: SqliteStore) -> str:
    network_map = NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2),
            Person(id="ven", name="Ven Testsen", sector="leisure", distance=0.5),
            Person(id="sb", name="Sagsbehandler Test", sector="professional", distance=0.6),
        ],
    )
    return store.create(network_map, author="test").map_id


def _state(map_id: str, version: int, tab: str | None = TAB) -> dict[str, Any]:
    state: dict[str, Any] = {"map_id": map_id, "version": version}
    if tab is not None:
        state["tab"] = tab
    return state


def _knows(person_id: str) -> CycleAnswer:
    return CycleAnswer(id=person_id, question=2)


def test_own001_quick_taps_from_one_tab_all_land(store: SqliteStore, map_id: str) -> None:
    # Three taps before the first answer is back: all start from version 1.
    outcomes = [
        commit(store, _state(map_id, 1), EMPTY, _knows(p), "da") for p in ("mor", "ven", "sb")
    ]
    assert all(o.saved for o in outcomes)
    assert [o.state["version"] for o in outcomes] == [2, 3, 4]
    # Each can be undone on its own: the undo step is the version it was applied to.
    assert [o.history["undo"] for o in outcomes] == [[1], [2], [3]]
    assert "Ven Testsen" in outcomes[1].notice["text"]
    stored = store.load(map_id).map
    assert [p.knows_how_i_am for p in stored.persons] == [True, True, True]


def test_own002_another_tabs_version_in_between_is_a_conflict(
    store: SqliteStore, map_id: str
) -> None:
    mine = commit(store, _state(map_id, 1), EMPTY, _knows("mor"), "da")
    theirs = commit(store, _state(map_id, 2, OTHER_TAB), EMPTY, _knows("ven"), "da")
    assert mine.saved and theirs.saved
    late = commit(store, _state(map_id, 1), EMPTY, _knows("sb"), "da")
    assert not late.saved and late.notice["kind"] == "conflict"
    assert store.load(map_id).version == 3
    assert store.load(map_id).map.person("sb").knows_how_i_am is None


def test_own003_a_tab_without_an_id_keeps_the_plain_version_check(
    store: SqliteStore, map_id: str
) -> None:
    assert commit(store, _state(map_id, 1, None), EMPTY, _knows("mor"), "da").saved
    late = commit(store, _state(map_id, 1, None), EMPTY, _knows("ven"), "da")
    assert not late.saved and late.notice["kind"] == "conflict"


def test_own004_undo_after_a_dropped_answer_lands_on_the_newest(
    store: SqliteStore, map_id: str
) -> None:
    first = commit(store, _state(map_id, 1), EMPTY, _knows("mor"), "da")
    # The tab heard of version 2, not of version 3 (its answer was dropped).
    commit(store, first.state, first.history, _knows("ven"), "da")
    undone = undo(store, first.state, first.history, "da")
    assert undone.saved and undone.state == _state(map_id, 4)
    assert undone.history == {"undo": [], "redo": [3]}
    assert store.load(map_id).map == store.load(map_id, 1).map


class _OwnSaveInBetween:
    """A store in which, just before some saves, another save of the same tab lands."""

    def __init__(self, store: SqliteStore, map_id: str, before_saves: set[int]) -> None:
        self._store, self._map_id, self._before = store, map_id, before_saves
        self._calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def save(self, *args: Any, **kwargs: Any) -> Any:
        self._calls += 1
        if self._calls in self._before:
            latest = self._store.load(self._map_id)
            moved = latest.map.detached()
            revise_person(moved, "mor", distance=latest.map.person("mor").distance + 0.01)
            self._store.save(self._map_id, moved, base_version=latest.version, author=f"app:{TAB}")
        return self._store.save(*args, **kwargs)


def test_own005_own_saves_landing_during_the_retries_are_followed_too(
    store: SqliteStore, map_id: str
) -> None:
    # Four saves of the same tab land while this one is on its way, three of
    # them between its own retries: it still lands on top of all of them.
    racing = _OwnSaveInBetween(store, map_id, before_saves={1, 2, 3, 4})
    op = SetAnswer(id="ven", question=3, answer="yes")
    out = commit(racing, _state(map_id, 1), EMPTY, op, "da")  # type: ignore[arg-type]
    assert out.saved and out.state == _state(map_id, 6)
    stored = store.load(map_id).map
    assert stored.person("ven").can_help is True
    assert stored.person("mor").distance == pytest.approx(0.24)


def test_own006_the_retries_are_bounded(store: SqliteStore, map_id: str) -> None:
    # Another own save before every attempt: after OWN_RETRIES tries it is a conflict.
    racing = _OwnSaveInBetween(store, map_id, before_saves=set(range(1, OWN_RETRIES + 1)))
    op = SetAnswer(id="ven", question=3, answer="yes")
    out = commit(racing, _state(map_id, 1), EMPTY, op, "da")  # type: ignore[arg-type]
    assert not out.saved and out.notice["kind"] == "conflict"
    assert store.load(map_id).map.person("ven").can_help is None
