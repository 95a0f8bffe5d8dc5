"""The meetings page without HTTP: its intents, views, the guided pass and the map's marks."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from netmap.analysis.papers import agreement_sheet, invitation
from netmap.analysis.since import since_meeting
from netmap.app.mapview import build_elements, stylesheet
from netmap.app.meetings.intents import (
    add_agreement_intent,
    add_meeting_intent,
    answer_intent,
    record_intent,
)
from netmap.app.meetings.layout import meetings_path_id
from netmap.app.meetings.page import load_page
from netmap.app.meetings.prepare import prepare_panel, prepare_steps
from netmap.app.meetings.view import changes_region, chosen_meeting, news_only
from netmap.app.start.demo import demo_map
from netmap.editing import AddMeeting, AddPerson, MarkMeetingReady, MovePerson, RecordMeeting
from netmap.export.meeting_papers import agreements_pdf, invitation_pdf
from netmap.export.picture_options import RenderOptions
from netmap.meetings import Agreement, Meeting
from netmap.model import NetworkMap, TeamRole
from netmap.store import SqliteStore

TODAY = dt.date(2026, 3, 1)


def _sofie(*meetings: Meeting) -> NetworkMap:
    return demo_map().model_copy(update={"meetings": list(meetings)})


def _planned() -> NetworkMap:
    return _sofie(Meeting(id="m1", date=dt.date(2026, 3, 10)))


def _texts(component: Any) -> str:
    """Every text in a Dash component tree, joined (what a reader sees)."""
    return json.dumps(
        component.to_plotly_json() if hasattr(component, "to_plotly_json") else component,
        default=lambda c: c.to_plotly_json(),
        ensure_ascii=False,
    )


# --- intents -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"date": ""}, "date", "Skriv mødets dato."),
        ({"date": "2026-02-30"}, "date", "2026-02-30"),
        ({"date": "2026-03-10", "time": "25:61"}, "time", "TT:MM"),
        ({"date": "2026-03-10", "meeting_kind": "fest"}, "meeting_kind", "fest"),
        ({"date": 20260310}, "date", "Skriv mødets dato."),
    ],
)
def test_meet_u001_add_form_errors_are_at_their_field(
    values: dict[str, Any], field: str, words: str
) -> None:
    op, errors = add_meeting_intent(_sofie(), values, "da")
    assert op is None
    assert list(errors) == [field]
    assert words in errors[field]


def test_meet_u002_add_form_makes_the_edit() -> None:
    op, errors = add_meeting_intent(
        _sofie(),
        {
            "date": "2026-03-10",
            "time": "14:00",
            "meeting_kind": "discharge_conference",
            "place": "  ",
            "purpose": " Udskrivning ",
        },
        "da",
    )
    assert errors == {}
    assert isinstance(op, AddMeeting)
    assert (op.date, op.time, op.meeting_kind.value, op.place, op.purpose) == (
        dt.date(2026, 3, 10),
        dt.time(14, 0),
        "discharge_conference",
        None,
        "Udskrivning",
    )


def test_meet_u003_record_refusals_are_at_their_field() -> None:
    m = _planned()
    both = record_intent(m, "m1", {"attended": ["bror"], "apologies": ["bror"]}, "da")[1]
    assert list(both) == ["apologies"] and "Mads Jensen" in both["apologies"]
    # Ali Hassan works for the municipality: not the region's stafetholder.
    wrong = record_intent(m, "m1", {"stafetholder_region": "ips"}, "da")[1]
    assert list(wrong) == ["stafetholder_region"] and "Ali Hassan" in wrong["stafetholder_region"]
    unknown = record_intent(m, "m1", {"attended": ["nobody"]}, "da")[1]
    assert list(unknown) == ["attended"] and "nobody" in unknown["attended"]
    date = record_intent(m, "m1", {"next_meeting": "i morgen"}, "da")[1]
    assert list(date) == ["next_meeting"] and "i morgen" in date["next_meeting"]


def test_meet_u004_record_appoints_and_an_empty_choice_changes_no_role() -> None:
    m = _planned()
    op, errors = record_intent(
        m,
        "m1",
        {
            "attended": ["p0", "laege"],
            "stafetholder_region": "laege",
            "stafetholder_municipality": "",
        },
        "da",
    )
    assert errors == {} and isinstance(op, RecordMeeting)
    after = op.apply(m)
    assert TeamRole.STAFETHOLDER in after.person("laege").team_roles
    assert TeamRole.STAFETHOLDER not in after.person("sr").team_roles
    assert TeamRole.STAFETHOLDER in after.person("ips").team_roles  # municipality untouched


def test_meet_u005_agreement_form() -> None:
    m = _planned()
    missing = add_agreement_intent(m, "m1", {"who": None, "what": ""}, "da")[1]
    assert missing == {"who": "Vælg, hvem der gør det.", "what": "Skriv, hvad der er aftalt."}
    bad = add_agreement_intent(m, "m1", {"who": "p0", "what": "Søge job", "by": "13-13"}, "da")[1]
    assert list(bad) == ["by"]
    op, errors = add_agreement_intent(m, "m1", {"who": "p0", "what": "Søge job"}, "da")
    assert errors == {} and op is not None
    assert op.apply(m).meeting("m1").agreements[0].what == "Søge job"


def test_meet_u006_an_answer_already_given_is_no_edit() -> None:
    m = _sofie()
    assert answer_intent(m, "mor", 2, "yes", "da") == (None, {})  # Lene knows already
    op, _ = answer_intent(m, "moster", 2, "yes", "da")
    assert op is not None and op.apply(m).person("moster").knows_how_i_am is True
    assert answer_intent(m, "mor", 2, "maybe", "da")[0] is None


# --- views ---------------------------------------------------------------------


def test_meet_u007_chosen_meeting_and_path() -> None:
    m = _sofie(
        Meeting(id="m1", date=dt.date(2026, 1, 5), held=True),
        Meeting(id="m2", date=dt.date(2026, 2, 1)),
        Meeting(id="m3", date=dt.date(2026, 4, 1)),
    )
    assert chosen_meeting(m, None, TODAY).id == "m3"  # the next one not held
    assert chosen_meeting(m, "m1", TODAY).id == "m1"
    assert chosen_meeting(m, "<script>", TODAY).id == "m3"
    assert chosen_meeting(_sofie(), None, TODAY) is None
    assert meetings_path_id("/map/abc/meetings/") == "abc"
    assert meetings_path_id("/map/../meetings") is None


def test_meet_u008_changes_name_exactly_what_changed() -> None:
    old = _sofie()
    new = AddPerson(id="kim", name="Kim Lund", sector="leisure", distance=0.5).apply(old)
    new = MovePerson(id="farfar", sector="kin", distance=0.7).apply(new)
    from netmap.analysis.diff import diff

    d = diff(old, new, from_version=2, to_version=5, as_of=TODAY)
    assert d.private_joined == ["kim"]
    assert news_only(d).private_joined == []
    region = _texts(changes_region(d, Meeting(id="m1", date=dt.date(2026, 3, 10)), "da"))
    assert "Nye på kortet: Kim Lund" in region
    assert "Poul Jensen" in region and "Nu i det private netværk" not in region
    assert "version 2 → 5" in region


def test_meet_u009_prepare_steps_untouched_first_then_agreements_then_ready() -> None:
    held = Meeting(
        id="m1",
        date=dt.date(2026, 1, 5),
        held=True,
        prepared_with=1,
        agreements=(Agreement(id="a1", who="p0", what="Søge job"),),
    )
    then = _sofie()
    now = MovePerson(id="mor", sector="family", distance=0.4).apply(_sofie(held))
    steps = prepare_steps(now, then)
    persons = [s.person for s in steps if s.kind == "person"]
    assert persons[-1] == "mor" and len(persons) == len(now.persons)
    assert [s.touched for s in steps if s.kind == "person"].count(True) == 1
    assert [(s.kind, s.agreement) for s in steps[-2:]] == [("agreement", "a1"), ("ready", None)]
    upcoming = Meeting(id="m2", date=dt.date(2026, 3, 10))
    panel = _texts(prepare_panel(now, steps, upcoming, len(steps) - 2, "x", "da"))
    assert "Søge job" in panel and "prepare_follow" in panel
    last = _texts(prepare_panel(now, steps, upcoming, len(steps) - 1, "x", "da"))
    assert "Kortet er klar til mødet den 10.03.2026" in last
    first = _texts(prepare_panel(now, steps, upcoming, 0, "x", "da"))
    assert "Hvem kender til, hvordan du har det?" in first and '"prepare_q": 2' in first


# --- the map's marks -------------------------------------------------------------


def test_meet_u010_map_marks_new_persons_and_ghosts_of_moved_ones() -> None:
    old = _sofie()
    new = AddPerson(id="kim", name="Kim Lund", sector="leisure", distance=0.5).apply(old)
    new = MovePerson(id="farfar", sector="kin", distance=0.4).apply(new)
    since = since_meeting(old, new, 3)
    elements = build_elements(new, "da", since=since)
    by_id = {e["data"]["id"]: e for e in elements}
    assert "new-since" in by_id["p:kim"]["classes"]
    assert "new-since" not in by_id["p:farfar"]["classes"]
    assert by_id["ghost:farfar"]["classes"] == "ghost"
    assert by_id["trace:farfar"]["data"]["target"] == "p:farfar"
    assert not [e for e in build_elements(new, "da") if "ghost" in e["data"]["id"]]
    hidden = [s for s in stylesheet(show_since=False) if s["selector"] == ".ghost, .trace"]
    assert hidden and hidden[0]["style"]["display"] == "none"
    assert not [s for s in stylesheet() if s["selector"] == ".ghost, .trace"]


# --- papers and the store ---------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_meet_u011_pdfs_carry_the_papers_and_cpr_only_when_asked() -> None:
    m = _sofie(
        Meeting(
            id="m1",
            date=dt.date(2026, 3, 10),
            place="Jobcentret",
            held=True,
            attended=("p0", "sr"),
            agreements=(Agreement(id="a1", who="sr", what="Sende planen"),),
        )
    )
    m = m.model_copy(update={"patient": m.patient.model_copy(update={"cpr": "010190-1234"})})
    options = RenderOptions(export_date=TODAY)
    text = _pdf_text(invitation_pdf(invitation(m, "m1"), options))
    assert "Sofie Jensens ønsker til mødet" in text and "Jobcentret" in text
    assert "010190-xxxx" in text and "1234" not in text
    full = _pdf_text(invitation_pdf(invitation(m, "m1", include_cpr=True), options))
    assert "010190-1234" in full
    sheet = _pdf_text(agreements_pdf(agreement_sheet(m, "m1"), options))
    assert "Sende planen" in sheet and "Birgitte Møller" in sheet and "1234" not in sheet


def test_meet_u012_load_page_diffs_from_the_version_made_ready(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "n.db")
    try:
        first = store.create(_planned(), author="t")
        ready = MarkMeetingReady(meeting="m1", version=first.version).apply(first.map)
        second = store.save(first.map_id, ready, base_version=first.version, author="t")
        moved = MovePerson(id="farfar", sector="kin", distance=0.7).apply(second.map)
        third = store.save(first.map_id, moved, base_version=second.version, author="t")
        loaded = load_page(store, first.map_id, None, today=TODAY)
        assert loaded.version == third.version and loaded.body is not None
        assert loaded.body.changes is not None
        assert (loaded.body.changes.from_, loaded.body.changes.to) == (1, 3)
        assert [mv.id for mv in loaded.body.changes.moved] == ["farfar"]
    finally:
        store.close()


def test_meet_u013_papers_say_whether_they_may_go_to_the_team() -> None:
    from netmap.app.meetings.layout import consent_note
    from netmap.consent import consent_state
    from netmap.model import Consent

    valid = consent_state(Consent(given_on=dt.date(2026, 3, 1)), TODAY)
    expired = consent_state(Consent(given_on=dt.date(2024, 3, 1)), TODAY)
    ok = _texts(consent_note("invitation", valid, "da"))
    assert "Må gives til teamet" in ok and "01.03.2027" in ok
    no = _texts(consent_note("invitation", expired, "da"))
    assert "kun gives til patienten selv" in no and "notice-conflict" in no
    missing = _texts(consent_note("agreements", consent_state(None, TODAY), "en"))
    assert "No consent is recorded" in missing and "patient only" in missing
