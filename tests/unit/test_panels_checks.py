"""The checks panel: reasons in plain words, persons by name, the seed.

Sofie's map (as of 2026-11-22) by hand: consent 2026-03-01 is valid; the
region's stafetholder (Birgitte) and the municipality's (Ali) are in the team;
the municipality's coordinator is Ali, the region has none; Lene can help;
Dr. Ole Krag is in the team with neither phone nor e-mail; no role holder
said no. So two findings: no_coordinator_region and team_member_unreachable.
"""

from __future__ import annotations

from datetime import date

from dash import html
from panels_support import AS_OF, as_json, assert_component_equal, nodes, sofie, texts
from revise import revise_person

from netmap.analysis import analyse
from netmap.app.panels.checks import build_checks, checks_title
from netmap.model import Attendance, NetworkMap, Patient, Person


def _checks(network_map: NetworkMap, lang: str = "da", as_of: date = AS_OF) -> list:
    a = analyse(network_map, as_of=as_of)
    names = {row.id: row.name for row in a.overview}
    return build_checks(a.findings, names, lang)


def _codes(tree: list) -> list[str]:
    return [n["props"]["data-code"] for n in nodes(as_json(tree)) if "data-code" in n["props"]]


def test_pnl020_sofie_findings_with_persons_and_sources() -> None:
    tree = _checks(sofie())
    assert _codes(tree) == ["no_coordinator_region", "team_member_unreachable"]
    shown = texts(tree)
    assert "Dr. Ole Krag" in shown  # the person concerned, by name
    assert "Drejebog for møder i Patientens team: Forløbskoordinatorer" in shown
    assert (
        "Tværsektoriel samarbejdsmodel for Patientens team: Bilag Netværkskortet, trin 4" in shown
    )
    assert shown.count("Kilde:") == 2
    # The unreachable professional is named once in the message and once as concerned.
    assert shown.count("Gælder:") == 1


def test_pnl021_message_is_the_findings_own_text_in_each_language() -> None:
    a = analyse(sofie(), as_of=AS_OF)
    names = {row.id: row.name for row in a.overview}
    for lang in ("da", "en"):
        shown = texts(build_checks(a.findings, names, lang))
        for finding in a.findings:
            assert finding.message(lang) in shown
    assert "Source:" in texts(build_checks(a.findings, names, "en"))


def test_pnl022_declining_a_role_holder_raises_the_check() -> None:
    m = sofie()
    revise_person(m, "sr", attends_meetings=Attendance.NO)
    codes = _codes(_checks(m))
    # Birgitte held the region's stafetholder role: that role is now uncovered too.
    assert "role_holder_declined" in codes
    assert "no_stafetholder_region" in codes


def test_pnl023_no_findings_says_no_warnings() -> None:
    assert_component_equal(
        build_checks([], {}, "da"),
        {"message": html.P("Ingen advarsler", id="panel-no-findings", className="panel-all-good")},
    )
    assert texts(build_checks([], {}, "en")) == ["No warnings"]


def test_pnl024_title_counts_findings() -> None:
    a = analyse(sofie(), as_of=AS_OF)
    assert checks_title(a.findings, "da") == "Tjek (2)"
    assert checks_title([], "en") == "Checks"


def test_pnl025_empty_map_lists_missing_consent_and_roles() -> None:
    empty = NetworkMap(patient=Patient(id="p0", name="Testa Testesen"))
    assert _codes(_checks(empty)) == [
        "consent_missing",
        "no_stafetholder_region",
        "no_stafetholder_municipality",
        "no_coordinator_region",
        "no_coordinator_municipality",
        "no_help_person",
    ]


def test_pnl027_each_finding_in_the_slot_of_its_code() -> None:
    slots = _checks(sofie())
    assert list(slots) == ["no_coordinator_region", "team_member_unreachable"]
    (unreachable,) = slots["team_member_unreachable"]
    # A list item by role (its slot is a plain div inside the panel-findings list).
    assert_component_equal(
        unreachable,
        html.Div(
            [
                html.P(
                    "Teamet kan ikke kontakte Dr. Ole Krag: der står hverken telefonnummer"
                    " eller e-mail.",
                    className="panel-finding-message",
                ),
                html.P(
                    [html.Span("Gælder:", className="panel-label"), " ", "Dr. Ole Krag"],
                    className="panel-finding-persons",
                ),
                html.P(
                    [
                        html.Span("Kilde:", className="panel-label"),
                        " ",
                        "Tværsektoriel samarbejdsmodel for Patientens team:"
                        " Bilag Netværkskortet, trin 4",
                    ],
                    className="panel-finding-source",
                ),
            ],
            className="panel-finding",
            role="listitem",
            **{"data-code": "team_member_unreachable"},
        ),
    )


def test_pnl026_hostile_name_is_a_plain_string() -> None:
    m = sofie()
    m.persons.append(
        Person(
            id="x",
            name="<img src=x onerror=alert(1)>",
            sector="professional",
            distance=0.3,
            care_sector="region",
        )
    )
    tree = _checks(m)
    # Named as concerned (joined with the other unreachable member) as text.
    assert "<img src=x onerror=alert(1)>, Dr. Ole Krag" in texts(tree)
    assert all(n["namespace"] == "dash_html_components" for n in nodes(as_json(tree)))
