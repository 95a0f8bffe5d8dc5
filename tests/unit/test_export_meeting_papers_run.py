"""The meeting's papers leave netmap like any export: make_export's gate, audience and log row."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from netmap.app.start.demo import demo_map
from netmap.errors import NetmapError
from netmap.export.gate import (
    MAP_FORMATS,
    PAPER_FORMATS,
    ExportFormat,
    ExportOptions,
    ExportRefused,
)
from netmap.export.log import describe_record
from netmap.export.run import MEDIA_TYPES, file_name, make_export
from netmap.meetings import Agreement, Meeting
from netmap.model import Consent, NetworkMap

TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
CPR = "010190-1234"


def _sofie(consent: Consent | None) -> NetworkMap:
    base = demo_map()
    held = Meeting(
        id="m1",
        date=dt.date(2026, 11, 3),
        held=True,
        attended=(base.patient.id, "sr"),
        agreements=(Agreement(id="a1", who="sr", what="Sende planen til jobcentret"),),
    )
    patient = base.patient.model_copy(update={"cpr": CPR})
    return base.model_copy(update={"meetings": [held], "consent": consent, "patient": patient})


def _make(network_map: NetworkMap, **options: object) -> bytes:
    made = make_export(
        network_map,
        ExportOptions.model_validate(options),
        map_id="abc",
        version=4,
        author="KP",
        today=TODAY,
        now=NOW,
        lang="da",
    )
    return made.payload


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("fmt", sorted(PAPER_FORMATS))
@pytest.mark.parametrize(
    "consent",
    [
        None,
        Consent(given_on=dt.date(2025, 11, 1)),
        Consent(given_on=dt.date(2026, 3, 1), withdrawn_on=dt.date(2026, 11, 1)),
    ],
    ids=["none", "expired", "withdrawn"],
)
def test_paperrun001_a_paper_for_the_team_needs_a_valid_consent(
    fmt: ExportFormat, consent: Consent | None
) -> None:
    with pytest.raises(ExportRefused):
        _make(_sofie(consent), format=fmt, meeting="m1")
    # The patient's own copy needs none, and says no consent in its footer.
    own = _text(_make(_sofie(consent), format=fmt, meeting="m1", for_patient=True))
    assert "Sofie Jensen" in own and "samtykke af" not in own


def test_paperrun002_the_log_row_and_the_file_with_a_valid_consent() -> None:
    sofie = _sofie(Consent(given_on=dt.date(2026, 3, 1)))
    made = make_export(
        sofie,
        ExportOptions(format="agreements", meeting="m1", recipient="Jobcenter Aalborg"),
        map_id="abc",
        version=4,
        author="KP",
        today=TODAY,
        now=NOW,
        lang="da",
    )
    record = made.record
    assert (record.format, record.version, record.author, record.recipient) == (
        "agreements",
        4,
        "KP",
        "Jobcenter Aalborg",
    )
    assert not record.include_cpr and not made.with_cpr
    text = _text(made.payload)
    assert "Sende planen til jobcentret" in text and "delt med samtykke af 01.03.2026" in text
    assert CPR not in text and "010190-xxxx" in text
    assert describe_record(record, "da").endswith(
        "aftaleark (PDF) · til teamet · til Jobcenter Aalborg"
    )
    assert file_name(ExportOptions(format="invitation"), 4, TODAY, "da") == (
        "moedeinvitation-v4-2026-12-01.pdf"
    )
    assert MEDIA_TYPES[ExportFormat.INVITATION] == "application/pdf"


def test_paperrun003_cpr_only_when_asked_and_the_invited_for_this_meeting_only() -> None:
    sofie = _sofie(Consent(given_on=dt.date(2026, 3, 1)))
    made = make_export(
        sofie,
        ExportOptions(format="invitation", meeting="m1", include_cpr=True, participants=("p0",)),
        map_id="abc",
        version=4,
        author="KP",
        today=TODAY,
        now=NOW,
        lang="da",
    )
    text = _text(made.payload)
    assert made.with_cpr and made.record.include_cpr and f"Sofie Jensen, {CPR}" in text
    assert "Birgitte Møller" not in text  # only Sofie is invited to this one


def test_paperrun004_a_paper_needs_its_meeting_and_its_names() -> None:
    sofie = _sofie(Consent(given_on=dt.date(2026, 3, 1)))
    with pytest.raises(NetmapError) as no_meeting:
        _make(sofie, format="invitation")
    assert no_meeting.value.key == "export.paper_meeting_needed"
    with pytest.raises(NetmapError) as redacted:
        _make(sofie, format="invitation", meeting="m1", redact=True)
    assert redacted.value.key == "export.paper_redacted"
    with pytest.raises(NetmapError):
        _make(sofie, format="agreements", meeting="m9")
    # The map's own formats are the others: netmap export and the share panel offer only those.
    assert set(MAP_FORMATS).isdisjoint(PAPER_FORMATS)
    assert set(MAP_FORMATS) | PAPER_FORMATS == set(ExportFormat)
