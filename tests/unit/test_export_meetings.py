"""The map's meetings in the files for the team: the next meeting in the invitation, no minutes."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from netmap.analysis.next_meeting import next_meeting
from netmap.app.start.demo import demo_map
from netmap.export.picture_options import RenderOptions
from netmap.export.redact import Audience, prepare
from netmap.export.team_pack import team_pack_pdf
from netmap.meetings import Agreement, Meeting
from netmap.model import NetworkMap

TODAY = dt.date(2026, 12, 1)


def _with_meetings() -> NetworkMap:
    base = demo_map()
    mor = base.persons[0].id
    held = Meeting(
        id="m1",
        date=dt.date(2026, 11, 3),
        held=True,
        attended=(base.patient.id, mor),
        agreements=(Agreement(id="a1", who=mor, what="Ringer til lægen om medicinen"),),
        next_meeting=dt.date(2026, 12, 15),
    )
    planned = Meeting(
        id="m2",
        date=dt.date(2026, 12, 15),
        time=dt.time(14, 0),
        place="Jobcenter Test, lokale 2",
        purpose="At lægge en plan for praktikken",
    )
    return base.model_copy(update={"meetings": [held, planned]})


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_expmeet001_the_team_pack_invites_to_the_next_meeting() -> None:
    prepared = prepare(_with_meetings(), Audience.TEAM)
    text = _text(team_pack_pdf(prepared, RenderOptions(export_date=TODAY, version=4)))
    assert "15.12.2026 14.00" in text
    assert "Jobcenter Test, lokale 2" in text
    assert "At lægge en plan for praktikken" in text
    assert "Ringer til lægen" not in text  # the minutes stay out
    # Without a planned meeting, the date the last meeting set; no place yet.
    only_held = prepare(
        _with_meetings().model_copy(update={"meetings": _with_meetings().meetings[:1]}),
        Audience.TEAM,
    )
    text = _text(team_pack_pdf(only_held, RenderOptions(export_date=TODAY)))
    assert "Mødetid/dato: 15.12.2026" in text.replace("\n", " ")
    # After it, nothing is filled in.
    text = _text(team_pack_pdf(prepared, RenderOptions(export_date=dt.date(2026, 12, 16))))
    assert "15.12.2026" not in text


def test_expmeet002_team_files_keep_when_where_why_and_no_one_else_gets_meetings() -> None:
    full = _with_meetings()
    team = prepare(full, Audience.TEAM)
    assert [(m.id, m.attended, m.agreements) for m in team.meetings] == [
        ("m1", (), ()),
        ("m2", (), ()),
    ]
    assert next_meeting(team.meetings, TODAY) == next_meeting(full.meetings, TODAY)
    assert prepare(full, Audience.REDACTED).meetings == []
    assert prepare(full, Audience.PATIENT).meetings == full.meetings
