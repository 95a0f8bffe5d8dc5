"""The "Del med teamet" section without a browser: its view, its intents, a download.

Names, dates and CPR numbers are fictional. The expected words are the
catalogue's (netmap/locale/*/share_app.json, consent.json).
"""

from __future__ import annotations

import base64
import io
from datetime import date
from typing import Any

import dash
import pytest
from PIL import Image
from pypdf import PdfReader

from netmap.app.share.callbacks import download
from netmap.app.share.intents import (
    ShareChoice,
    export_options,
    parse_day_text,
    record_intent,
    share_choice_intent,
    withdraw_intent,
)
from netmap.app.share.layout import button_id, share_field, share_section
from netmap.app.share.preview import PREVIEW_WIDTH, preview_png
from netmap.app.share.view import share_view
from netmap.app.wiring import Page
from netmap.consent import ConsentStatus
from netmap.editing import RecordConsent
from netmap.export.gate import MAP_FORMATS
from netmap.export.log import ExportRecord
from netmap.model import Consent, NetworkMap, Patient, Person
from netmap.store import SqliteStore

TODAY = date(2026, 12, 2)
CPR = "010190-1234"


def _map(consent: Consent | None) -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen", cpr=CPR),
        persons=[
            Person(id="mor", name="Mette Testesen", sector="family", distance=0.2, role="Mor"),
            Person(
                id="sr",
                name="Birgit Rådgiver",
                sector="professional",
                distance=0.5,
                role="Socialrådgiver",
                phone="+45 20 30 40 50",
            ),
        ],
        consent=consent,
    )


@pytest.mark.parametrize(
    ("consent", "status", "words"),
    [
        (Consent(given_on=date(2026, 6, 1)), ConsentStatus.VALID, "gyldigt til og med 01.06.2027"),
        (Consent(given_on=date(2025, 12, 20)), ConsentStatus.EXPIRING, "udløber om 18 dage"),
        (Consent(given_on=date(2025, 12, 1)), ConsentStatus.EXPIRED, "udløb den 01.12.2026"),
        (None, ConsentStatus.MISSING, "ikke registreret noget samtykke"),
        (
            Consent(given_on=date(2026, 6, 1), withdrawn_on=date(2026, 11, 1)),
            ConsentStatus.WITHDRAWN,
            "trukket tilbage den 01.11.2026",
        ),
    ],
)
def test_share001_the_view_shows_the_state_and_blocks_team_files_without_consent(
    consent: Consent | None, status: ConsentStatus, words: str
) -> None:
    view = share_view(_map(consent), [], ShareChoice(), TODAY, "da")
    assert view.status is status and words in view.state
    disabled = {b.format for b in view.buttons if b.disabled}
    if status in (ConsentStatus.VALID, ConsentStatus.EXPIRING):
        assert not disabled and view.blocked is None
    else:
        team = {"png", "svg", "pdf", "team-pack", "csv", "fhir"}
        assert {f.value for f in disabled} == team
        assert view.blocked is not None and words in view.blocked
        assert "registrere samtykket ovenfor" in view.blocked  # how to fix it
    # Without names, or the patient's own copy: never blocked.
    for audience in ("redacted", "patient"):
        other = share_view(_map(consent), [], ShareChoice(audience=audience), TODAY, "da")
        assert not any(b.disabled for b in other.buttons) and other.blocked is None


def test_share002_record_or_renew_and_withdraw_only_when_there_is_one() -> None:
    assert share_view(_map(None), [], ShareChoice(), TODAY, "da").record_label == (
        "Registrér samtykke"
    )
    assert not share_view(_map(None), [], ShareChoice(), TODAY, "da").can_withdraw
    valid = share_view(_map(Consent(given_on=date(2026, 6, 1))), [], ShareChoice(), TODAY, "en")
    assert (valid.record_label, valid.can_withdraw) == ("Renew consent", True)
    gone = Consent(given_on=date(2026, 6, 1), withdrawn_on=date(2026, 11, 1))
    view = share_view(_map(gone), [], ShareChoice(), TODAY, "da")
    assert (view.record_label, view.can_withdraw) == ("Registrér samtykke", False)
    assert share_view(_map(None), [], ShareChoice(), TODAY, "da").cpr_possible
    redacted = share_view(_map(None), [], ShareChoice(audience="redacted"), TODAY, "da")
    assert not redacted.cpr_possible


def test_share003_the_log_newest_first_with_who_what_and_to_whom() -> None:
    from datetime import UTC, datetime

    def record(version: int, **kw: Any) -> ExportRecord:
        return ExportRecord(
            map_id="m",
            exported_at=datetime(2026, 12, 1, 9, version, tzinfo=UTC),
            author=kw.pop("author", "KP Test"),
            version=version,
            format=kw.pop("format", "team-pack"),
            **kw,
        )

    records = [
        record(1, recipient="Jobcenter"),
        record(2, format="png", redacted=True, author="app:" + "0" * 32),
        record(3, format="csv", for_patient=True, include_cpr=True),
    ]
    rows = share_view(_map(None), records, ShareChoice(), TODAY, "da").log
    assert [row.version for row in rows] == ["3", "2", "1"]
    assert rows[0].kind == "patientens egen kopi, med CPR-nummer"
    assert (rows[1].who, rows[1].format, rows[1].kind) == (
        "netmap (uden navn)",
        "PNG-billede",
        "uden navne",
    )
    assert (rows[2].who, rows[2].format, rows[2].kind, rows[2].to) == (
        "KP Test",
        "teampakke (PDF)",
        "teamet",
        "Jobcenter",
    )
    assert rows[0].to == "–"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("01.03.2026", date(2026, 3, 1)),
        ("1.3.2026", date(2026, 3, 1)),
        (" 1-3-2026 ", date(2026, 3, 1)),
        ("1/3/2026", date(2026, 3, 1)),
        ("2026-03-01", date(2026, 3, 1)),
    ],
)
def test_share004_dates_as_the_danish_write_them(typed: str, expected: date) -> None:
    assert parse_day_text(typed, "given_on", "da") == (expected, None)


@pytest.mark.parametrize("typed", ["30.02.2026", "1.3.26", "i går", "2026/03/01", 20260301])
def test_share005_a_bad_date_names_the_field_and_the_value(typed: Any) -> None:
    day, error = parse_day_text(typed, "given_on", "da")
    assert day is None and error is not None
    assert error.startswith("Samtykke givet den: ")
    assert "dd.mm.åååå" in error
    if isinstance(typed, str):
        assert typed in error


def test_share006_record_and_withdraw_intents() -> None:
    op, error = record_intent("15.11.2026", " KP Test ", TODAY, "da")
    assert error is None and isinstance(op, RecordConsent)
    assert (op.given_on, op.recorded_by, op.today) == (date(2026, 11, 15), "KP Test", TODAY)
    op, error = record_intent("", "", TODAY, "da")
    assert op is None and error is not None and "02.12.2026" in error
    op, error = record_intent("32.01.2026", None, TODAY, "en")
    assert op is None and error == (
        "Given on: 32.01.2026 is not a date. Write it as dd.mm.yyyy, e.g. 01.03.2026."
    )
    withdraw, error = withdraw_intent("", TODAY, "da")
    assert error is None and withdraw is not None and withdraw.withdrawn_on is None
    withdraw, error = withdraw_intent("1.13.2026", TODAY, "da")
    assert withdraw is None and error is not None and error.startswith("Trukket tilbage den:")


def test_share007_export_choices_from_the_browser() -> None:
    choice = ShareChoice.from_browser("redacted", ["cpr"], " Jobcenter ")
    assert (choice.audience, choice.include_cpr, choice.recipient) == (
        "redacted",
        False,  # a file without names never holds the CPR number
        "Jobcenter",
    )
    assert ShareChoice.from_browser("alle", "cpr", 3).model_dump() == {
        "audience": "team",
        "include_cpr": False,
        "recipient": None,
    }
    options, error = export_options("csv", ShareChoice(audience="patient", include_cpr=True), "da")
    assert error is None and options is not None
    assert (options.for_patient, options.redact, options.include_cpr) == (True, False, True)
    options, error = export_options("png", ShareChoice(recipient="x" * 201), "da")
    assert options is None and error is not None and "Til hvem" in error
    from netmap.errors import NetmapError

    with pytest.raises(NetmapError):
        export_options("docx", ShareChoice(), "da")


def test_share008_the_edit_panels_share_choice() -> None:
    assert share_choice_intent("mor", "yes").changes.share_with_team is True
    back = share_choice_intent("mor", "default")
    assert "share_with_team" in back.changes.model_fields_set
    assert back.changes.share_with_team is None
    from netmap.errors import NetmapError

    with pytest.raises(NetmapError):
        share_choice_intent("mor", "maybe")
    mor = _map(None).persons[0]
    field = share_field(mor, "da")
    radio = field.children[1].children
    assert radio.id == "edit-share" and radio.value == "default"
    assert radio.options[0]["label"] == "Standard (kun rollen vises)"
    chosen = share_field(mor.model_copy(update={"share_with_team": True}), "en")
    assert chosen.children[1].children.value == "yes"


def _ids(component: Any) -> list[str]:
    found = [component.id] if isinstance(getattr(component, "id", None), str) else []
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            found.extend(_ids(child))
    elif children is not None and not isinstance(children, str):
        found.extend(_ids(children))
    return found


def test_share009_the_section_has_a_button_per_format_and_only_share_ids() -> None:
    ids = _ids(share_section("da"))
    assert all(i.startswith("share-") for i in ids)
    for fmt in MAP_FORMATS:  # the papers are made on the meetings page
        assert button_id(fmt) in ids
    assert {"share-download", "share-log", "share-preview-map", "share-preview-pack"} <= set(ids)


def _page(store: SqliteStore) -> Page:
    return Page(app=dash.Dash(__name__), store=store, today=lambda: TODAY)


def test_share010_a_download_goes_through_the_gate_and_the_log(store: SqliteStore) -> None:
    made = store.create(_map(Consent(given_on=date(2025, 6, 1))), author="test")
    page = _page(store)
    state = {"map_id": made.map_id, "version": 1}
    # Expired: a file for the team is refused, nothing is logged.
    data, status, *_ = download(page, "team-pack", "team", [], "", "KP", state, "da")
    assert data is dash.no_update
    assert "Samtykket udløb den 01.06.2026" in status and "registrere samtykket ovenfor" in status
    assert store.export_log(made.map_id) == []
    # Without names it is allowed without consent, and logged.
    data, status, _, _, log = download(page, "png", "redacted", [], "Tavlen", "KP", state, "da")
    assert "Tavlen" in str(log)  # the log the section shows now
    assert data["filename"] == "netvaerkskort-uden-navne-v1-2026-12-02.png"
    picture = Image.open(io.BytesIO(base64.b64decode(data["content"])))
    assert picture.format == "PNG" and picture.width >= 2000
    assert "er hentet" in status
    (record,) = store.export_log(made.map_id)
    assert (record.format, record.redacted, record.recipient, record.author) == (
        "png",
        True,
        "Tavlen",
        "KP",
    )
    # With a renewed consent, the team pack carries the team's names.
    saved = store.save(
        made.map_id,
        RecordConsent(given_on=TODAY, today=TODAY).apply(store.load(made.map_id).map),
        base_version=1,
        author="test",
    )
    state = {"map_id": made.map_id, "version": saved.version}
    data, *_ = download(page, "team-pack", "team", ["cpr"], "", "", state, "da")
    assert data["type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(base64.b64decode(data["content"])))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Birgit Rådgiver" in text and "Mette Testesen" not in text  # Mor is not shared
    assert CPR in text  # asked for
    assert store.export_log(made.map_id)[-1].include_cpr
    assert store.export_log(made.map_id)[-1].author == "app"


def test_share011_previews_are_the_files_pictures() -> None:
    network_map = _map(Consent(given_on=date(2026, 6, 1)))
    for kind in ("map", "pack"):
        png = preview_png(network_map, kind, "team", version=3, today=TODAY, lang="da")
        picture = Image.open(io.BytesIO(png))
        assert picture.format == "PNG" and picture.width == PREVIEW_WIDTH
