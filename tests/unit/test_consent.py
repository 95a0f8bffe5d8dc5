"""Consent: the one-year rule, its state on a day, and recording it as edits.

Expected values from seed 002, "Samtykke" (*"Samtykket er gældende for ét år ad
gangen"*), read as in netmap.consent: valid to and including the same date a
year later; a consent given on 29 February runs to 28 February.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from netmap.changes import describe_changes
from netmap.consent import ConsentStatus, consent_state, consent_valid_until
from netmap.editing import RecordConsent, WithdrawConsent, parse_edit
from netmap.errors import InvalidInput, NetmapError
from netmap.interchange import dump_json, from_graphml, load_json, to_graphml
from netmap.model import SCHEMA_VERSION, Consent, NetworkMap, Patient

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("given_on", "valid_until"),
    [
        (date(2025, 3, 1), date(2026, 3, 1)),
        (date(2025, 12, 31), date(2026, 12, 31)),
        (date(2024, 2, 29), date(2025, 2, 28)),  # no 29 February in 2025
        (date(2023, 3, 1), date(2024, 3, 1)),  # over a 29 February: 366 days
        (date(2027, 2, 28), date(2028, 2, 28)),
    ],
)
def test_cons001_valid_until_is_the_same_date_a_year_later(
    given_on: date, valid_until: date
) -> None:
    assert consent_valid_until(given_on) == valid_until


@pytest.mark.parametrize(
    ("consent", "today", "status", "days_left"),
    [
        (None, TODAY, ConsentStatus.MISSING, None),
        (Consent(given_on=date(2026, 12, 1)), TODAY, ConsentStatus.VALID, 365),
        (Consent(given_on=date(2026, 1, 1)), TODAY, ConsentStatus.VALID, 31),
        (Consent(given_on=date(2025, 12, 31)), TODAY, ConsentStatus.EXPIRING, 30),
        (Consent(given_on=date(2026, 1, 2)), TODAY, ConsentStatus.VALID, 32),
        (Consent(given_on=date(2025, 12, 1)), TODAY, ConsentStatus.EXPIRING, 0),
        (Consent(given_on=date(2025, 11, 30)), TODAY, ConsentStatus.EXPIRED, None),
        (
            Consent(given_on=date(2026, 6, 1), withdrawn_on=date(2026, 11, 1)),
            TODAY,
            ConsentStatus.WITHDRAWN,
            None,
        ),
        # A withdrawal wins over expiry; a consent dated ahead counts as valid.
        (
            Consent(given_on=date(2020, 1, 1), withdrawn_on=date(2020, 2, 1)),
            TODAY,
            ConsentStatus.WITHDRAWN,
            None,
        ),
        (Consent(given_on=date(2027, 1, 1)), TODAY, ConsentStatus.VALID, 396),
    ],
    ids=[
        "missing",
        "given_today",
        "valid_31_days",
        "expires_in_30_days",
        "valid_32_days",
        "last_day",
        "a_year_and_a_day",
        "withdrawn",
        "withdrawn_and_old",
        "dated_ahead",
    ],
)
def test_cons002_state_table(
    consent: Consent | None, today: date, status: ConsentStatus, days_left: int | None
) -> None:
    state = consent_state(consent, today)
    assert state.status is status
    assert state.days_left == days_left
    assert state.allows_sharing is (status in (ConsentStatus.VALID, ConsentStatus.EXPIRING))


@pytest.mark.parametrize(
    ("consent", "da", "en"),
    [
        (None, "Der er ikke registreret noget samtykke", "No consent is recorded"),
        (
            Consent(given_on=date(2025, 11, 30)),
            "Samtykket udløb den 30.11.2026 (givet den 30.11.2025)",
            "The consent expired on Nov 30, 2026 (given on Nov 30, 2025)",
        ),
        (
            Consent(given_on=date(2025, 12, 31)),
            "Samtykket udløber om 30 dage (gælder til og med 31.12.2026)",
            "The consent expires in 30 days (valid up to and including Dec 31, 2026)",
        ),
        (
            Consent(given_on=date(2025, 12, 2)),
            "Samtykket udløber om 1 dag (gælder til og med 02.12.2026)",
            "The consent expires in 1 day (valid up to and including Dec 2, 2026)",
        ),
        (
            Consent(given_on=date(2026, 5, 1), withdrawn_on=date(2026, 6, 15)),
            "Samtykket blev trukket tilbage den 15.06.2026",
            "The consent was withdrawn on Jun 15, 2026",
        ),
        (
            Consent(given_on=date(2026, 5, 1)),
            "Samtykket er gyldigt til og med 01.05.2027",
            "The consent is valid up to and including May 1, 2027",
        ),
    ],
)
def test_cons003_state_in_plain_words(consent: Consent | None, da: str, en: str) -> None:
    state = consent_state(consent, TODAY)
    assert (state.message("da"), state.message("en")) == (da, en)


def _map(consent: Consent | None = None) -> NetworkMap:
    return NetworkMap(patient=Patient(id="p0", name="Testa Testesen"), consent=consent)


def test_cons004_record_renew_withdraw_are_versions_with_words() -> None:
    blank = _map()
    given = RecordConsent(given_on=date(2025, 12, 1), recorded_by="KP Test", today=TODAY)
    first = given.apply(blank)
    assert first.consent == Consent(given_on=date(2025, 12, 1), recorded_by="KP Test")
    assert describe_changes(blank, first).describe("da") == "Samtykke givet 01.12.2025"
    renewed = RecordConsent(given_on=TODAY, today=TODAY).apply(first)
    assert describe_changes(first, renewed).describe("en") == "Consent renewed Dec 1, 2026"
    withdrawn = WithdrawConsent(today=TODAY).apply(renewed)
    assert withdrawn.consent is not None and withdrawn.consent.withdrawn_on == TODAY
    assert describe_changes(renewed, withdrawn).describe("da") == (
        "Samtykke trukket tilbage 01.12.2026"
    )
    again = RecordConsent(given_on=TODAY, recorded_by="KP Test", today=TODAY).apply(withdrawn)
    assert again.consent == Consent(given_on=TODAY, recorded_by="KP Test")
    assert describe_changes(withdrawn, again).describe("da") == "Samtykke givet igen"
    later = RecordConsent(given_on=TODAY, today=date(2026, 12, 5)).apply(
        WithdrawConsent(today=TODAY).apply(again)
    )
    assert later.consent == Consent(given_on=TODAY)


@pytest.mark.parametrize(
    ("start", "op", "key", "named"),
    [
        (None, WithdrawConsent(today=TODAY), "editing.consent_none_to_withdraw", []),
        (
            None,
            RecordConsent(given_on=date(2026, 12, 2), today=TODAY),
            "editing.consent_given_in_future",
            ["Samtykke givet den", "02.12.2026"],
        ),
        (
            Consent(given_on=date(2026, 5, 1)),
            WithdrawConsent(withdrawn_on=date(2026, 4, 30), today=TODAY),
            "editing.consent_withdrawn_before_given",
            ["Samtykke trukket tilbage den", "30.04.2026", "01.05.2026"],
        ),
        (
            Consent(given_on=date(2026, 5, 1)),
            WithdrawConsent(withdrawn_on=date(2026, 12, 24), today=TODAY),
            "editing.consent_withdrawn_in_future",
            ["24.12.2026"],
        ),
        (
            Consent(given_on=date(2026, 5, 1), withdrawn_on=date(2026, 6, 1)),
            WithdrawConsent(today=TODAY),
            "editing.consent_already_withdrawn",
            ["01.06.2026"],
        ),
        (
            Consent(given_on=date(2026, 5, 1), withdrawn_on=date(2026, 6, 1)),
            RecordConsent(given_on=date(2026, 5, 20), today=TODAY),
            "editing.consent_given_before_withdrawal",
            ["20.05.2026", "01.06.2026"],
        ),
    ],
)
def test_cons005_invalid_changes_name_the_field_and_value(
    start: Consent | None, op: RecordConsent | WithdrawConsent, key: str, named: list[str]
) -> None:
    network_map = _map(start)
    with pytest.raises(NetmapError) as info:
        op.apply(network_map)
    assert info.value.key == key
    message = info.value.message("da")
    for part in named:
        assert part in message
    assert info.value.message("en") != message
    assert network_map.consent == start  # nothing changed


def test_cons006_the_model_refuses_a_withdrawal_before_it_was_given() -> None:
    with pytest.raises(InvalidInput) as info:
        parse_edit({"kind": "record_consent", "given_on": "2026-13-01"})
    assert "given_on" in repr(info.value.problems)
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as raised:
        Consent(given_on=date(2026, 5, 1), withdrawn_on=date(2026, 4, 1))
    assert raised.value.errors()[0]["type"] == "netmap.consent_withdrawn_before_given"


def test_cons007_old_json_with_consent_given_on_is_read() -> None:
    old = json.dumps(
        {
            "schema_version": 1,
            "patient": {"id": "p0", "name": "Testa Testesen"},
            "persons": [],
            "ties": [],
            "consent_given_on": "2026-03-01",
            "map_date": None,
        }
    )
    upgraded = load_json(old)
    assert upgraded.schema_version == SCHEMA_VERSION == 3
    assert upgraded.consent == Consent(given_on=date(2026, 3, 1))
    assert upgraded.consent_given_on == date(2026, 3, 1)
    assert load_json(old.replace('"2026-03-01"', "null")).consent is None
    # Written in the new shape, read back the same.
    assert load_json(dump_json(upgraded)) == upgraded
    assert '"consent": {' in dump_json(upgraded)


def test_cons008_graphml_keeps_consent_given_on_and_adds_the_rest() -> None:
    m = _map(Consent(given_on=date(2026, 3, 1), recorded_by="KP Æbelø", withdrawn_on=TODAY))
    xml = to_graphml(m)
    for text in (
        b'<data key="graph_consent_given_on">2026-03-01</data>',
        b'<data key="graph_consent_recorded_by">KP \xc3\x86bel\xc3\xb8</data>',
        b'<data key="graph_consent_withdrawn_on">2026-12-01</data>',
    ):
        assert text in xml
    assert from_graphml(xml) == m
    # A file of before: consent_given_on only.
    plain = from_graphml(to_graphml(_map(Consent(given_on=date(2026, 3, 1)))))
    assert plain.consent == Consent(given_on=date(2026, 3, 1))
