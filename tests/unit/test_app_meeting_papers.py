"""The meetings page's print and PDF go through make_export: the gate, the audience, the log."""

from __future__ import annotations

import datetime as dt
import io

import dash
from pypdf import PdfReader

from netmap.app.meetings.callbacks import paper_export
from netmap.app.meetings.layout import paper_buttons
from netmap.app.start.demo import demo_map
from netmap.app.wiring import Page
from netmap.meetings import Meeting
from netmap.model import Consent, NetworkMap
from netmap.store import SqliteStore

TODAY = dt.date(2026, 12, 1)
CPR = "010190-1234"


def _sofie(consent: Consent | None) -> NetworkMap:
    base = demo_map()
    patient = base.patient.model_copy(update={"cpr": CPR})
    meeting = Meeting(id="m1", date=dt.date(2026, 12, 10), place="Jobcentret")
    return base.model_copy(update={"meetings": [meeting], "consent": consent, "patient": patient})


def _page(store: SqliteStore) -> Page:
    return Page(app=dash.Dash(__name__), store=store, today=lambda: TODAY)


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_apppaper001_refused_without_consent_then_the_patients_own_copy(
    store: SqliteStore,
) -> None:
    made = store.create(_sofie(None), author="test")
    page = _page(store)
    state = {"map_id": made.map_id, "version": 1, "tab": "a" * 32}
    for paper in ("invitation", "agreements"):
        result, name, line, kind = paper_export(page, paper, {}, [], [], state, "m1", "da")
        assert result is None and name == ""
        assert "samtykke" in line.lower()
        assert "Patientens eget eksemplar" in line and kind == "save-status save-error"
    assert store.export_log(made.map_id) == []
    result, name, line, _ = paper_export(page, "invitation", {}, [], ["patient"], state, "m1", "da")
    assert result is not None and result.record.for_patient
    assert name == "moedeinvitation-patientens-kopi-v1-2026-12-01.pdf" and name in line
    assert "eksportloggen" in line
    assert [r.format for r in store.export_log(made.map_id)] == ["invitation"]


def test_apppaper002_with_consent_logged_cpr_only_when_asked_and_this_meetings_invited(
    store: SqliteStore,
) -> None:
    made = store.create(_sofie(Consent(given_on=dt.date(2026, 3, 1))), author="test")
    page = _page(store)
    state = {"map_id": made.map_id, "version": 1, "tab": "a" * 32}
    invited = {"m1": ["p0", "sr"]}
    result, _, _, _ = paper_export(page, "invitation", invited, [], [], state, "m1", "da")
    assert result is not None
    text = _text(result.payload)
    assert "Birgitte Møller" in text and "Lene Jensen" not in text  # this meeting only
    assert CPR not in text and "delt med samtykke af 01.03.2026" in text
    result, _, _, _ = paper_export(page, "agreements", invited, ["cpr"], [], state, "m1", "da")
    assert result is not None and CPR in _text(result.payload)
    log = store.export_log(made.map_id)
    assert [(r.format, r.include_cpr, r.for_patient) for r in log] == [
        ("invitation", False, False),
        ("agreements", True, False),
    ]
    assert all(r.version == 1 and r.author for r in log)


def test_apppaper003_each_paper_has_a_status_line() -> None:
    ids = str(paper_buttons("agreements", "da"))
    assert "paper-agreements-status" in ids and "pdf-agreements" in ids
