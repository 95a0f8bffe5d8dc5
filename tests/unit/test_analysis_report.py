"""The whole analysis on the example map and the shape of the JSON report.

Expected values for ``sofie.graphml`` as of 2026-11-22 are read off the file
with DOMAIN.md's rules: the team is the psychiatry social worker (sr, yes,
roles), the IPS consultant (ips, yes, roles), the consultant psychiatrist
(laege, undecided, d = 0.55 middle) and the housing-support worker (bostotte,
undecided, d = 0.25 close) — not the psychologist (undecided, d = 0.8) nor the
GP (no); ad-hoc are the boss and the teacher; the invite list adds the mother
(yes). The only region role holder, sr, is stafetholder and meeting lead, so
the region's coordinator is missing; laege has neither phone nor e-mail; the
consent from 2026-03-01 is valid; the mother can help.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from analysis_support import SOFIE, make_map

from netmap.analysis import MEASURE_KEYS, analyse, render_text
from netmap.interchange import read_map

AS_OF = date(2026, 11, 22)


@pytest.fixture(scope="module")
def sofie_report() -> dict[str, object]:
    return analyse(read_map(SOFIE), as_of=AS_OF).to_report("da")


def test_anrep001_sofie_groups(sofie_report: dict[str, object]) -> None:
    groups = sofie_report["groups"]
    assert isinstance(groups, dict)
    assert set(groups) == {"team", "ad_hoc", "private"}
    assert sorted(groups["team"]) == sorted(["sr", "ips", "laege", "bostotte"])
    assert sorted(groups["ad_hoc"]) == ["chef", "laerer"]
    assert sorted(groups["private"]) == sorted(["mor", "bror", "moster", "farfar", "anna", "nabo"])


def test_anrep002_sofie_invite_list(sofie_report: dict[str, object]) -> None:
    invite = sofie_report["invite"]
    assert isinstance(invite, list)
    assert invite[0] == "p0"
    assert sorted(invite) == sorted(["p0", "sr", "ips", "laege", "bostotte", "mor"])


#: The documents the two Sofie checks come from (seeds 000 and 001, by title).
EXPECTED_SOURCES = {
    "no_coordinator_region": "Drejebog for møder i Patientens team: Forløbskoordinatorer",
    "team_member_unreachable": (
        "Tværsektoriel samarbejdsmodel for Patientens team: Bilag Netværkskortet, trin 4"
    ),
}


def test_anrep003_sofie_checks(sofie_report: dict[str, object]) -> None:
    warnings = sofie_report["warnings"]
    assert isinstance(warnings, list)
    by_code = {w["code"]: w for w in warnings}
    assert set(by_code) == {"no_coordinator_region", "team_member_unreachable"}
    assert by_code["team_member_unreachable"]["persons"] == ["laege"]
    assert "Dr. Ole Krag" in by_code["team_member_unreachable"]["message"]
    for w in warnings:
        assert set(w) == {"code", "message", "persons", "source"}
        assert w["source"] == EXPECTED_SOURCES[w["code"]]


def test_anrep004_json_shape(sofie_report: dict[str, object]) -> None:
    assert set(sofie_report) == {"patient", "groups", "invite", "warnings", "overview", "measures"}
    assert sofie_report["patient"] == {"id": "p0", "name": "Sofie Jensen"}
    measures = sofie_report["measures"]
    assert isinstance(measures, dict)
    assert set(MEASURE_KEYS) <= set(measures)
    assert measures["size"] == 14 and measures["ties"] == 10
    overview = sofie_report["overview"]
    assert isinstance(overview, list) and len(overview) == 14
    assert {
        "id",
        "name",
        "sector",
        "band",
        "role",
        "organisation",
        "phone",
        "email",
        "helps_with",
        "group",
        "team_roles",
    } <= set(overview[0])
    json.dumps(sofie_report)  # plain JSON all the way down


def test_anrep005_sofie_measures_from_the_file() -> None:
    m = analyse(read_map(SOFIE), as_of=AS_OF).measures
    # 14 persons, 10 lines: density 10 / 91; components {mor, bror, moster, farfar,
    # bostotte, ips, chef, sr, laege}, {anna, nabo} and three isolates.
    assert m.density == pytest.approx(10 / 91)
    assert (m.components, m.component_sizes) == (5, [9, 2, 1, 1, 1])
    assert sorted(m.isolate_ids) == ["egl", "laerer", "psykolog"]
    assert m.effective_size == pytest.approx(14 - 20 / 14)
    assert {s.value: n for s, n in m.by_sector.items()} == {
        "family": 2,
        "kin": 2,
        "leisure": 2,
        "work_school": 2,
        "professional": 6,
    }


def test_anrep006_readable_report_in_danish_and_english() -> None:
    analysis = analyse(read_map(SOFIE), as_of=AS_OF)
    da = render_text(analysis)
    assert da.startswith("Netværkskort for Sofie Jensen – analyse pr. 22.11.2026")
    for text in (
        "Patientens team",
        "Inviteres til næste møde",
        "Dr. Ole Krag",
        "forløbskoordinator",
        "Tæthed",
        "Kilde: Drejebog for møder i Patientens team: Forløbskoordinatorer",
    ):
        assert text in da, text
    en = render_text(analysis, "en")
    assert "Invited to the next meeting" in en and "Density" in en


def test_anrep007_empty_map_report() -> None:
    analysis = analyse(make_map(), as_of=AS_OF)
    report = analysis.to_report("en")
    assert report["groups"] == {"team": [], "ad_hoc": [], "private": []}
    assert report["invite"] == ["p0"]
    assert report["overview"] == []
    assert report["measures"]["density"] is None
    assert "(nobody)" in render_text(analysis, "en")
