"""The team panel: seed 001's four groups and the invite list, for Sofie's map.

Expected names are read off netmap/demo/sofie.graphml by hand with the rules of
DOMAIN.md ("What the map derives"): professionals who said yes, hold a role or
are the primary contact, or (undecided) sit in the close or middle band are in
the team; each group is listed closest first.
"""

from __future__ import annotations

from dash import html
from panels_support import (
    AS_OF,
    as_json,
    assert_component_equal,
    by_id,
    names_in,
    sofie,
    texts,
    with_attr,
)

from netmap.analysis import analyse
from netmap.app.panels.team import build_team
from netmap.model import NetworkMap, Patient


def _team(network_map: NetworkMap, lang: str = "da") -> list:
    a = analyse(network_map, as_of=AS_OF)
    return build_team(a.groups, a.invite, a.overview, a.patient_name, lang)


def test_pnl001_sofie_groups_closest_first() -> None:
    tree = _team(sofie())
    assert names_in(by_id(tree, "panel-group-patient")) == ["Sofie Jensen"]
    # Mette 0.25, Ali 0.3, Birgitte 0.35 (yes, roles), Ole 0.55 (undecided, middle band).
    assert names_in(by_id(tree, "panel-group-team")) == [
        "Mette Dahl",
        "Ali Hassan",
        "Birgitte Møller",
        "Dr. Ole Krag",
    ]
    assert names_in(by_id(tree, "panel-group-ad_hoc")) == ["Jonas Berg", "Karin Lund"]
    assert names_in(by_id(tree, "panel-group-private")) == [
        "Lene Jensen",
        "Anna Holm",
        "Mads Jensen",
        "Hanne Sørensen",
        "Poul Jensen",
        "Erik Nielsen",
    ]
    # The psychologist (undecided, distant) and the GP (said no) are not in the team.
    assert names_in(by_id(tree, "panel-group-outside")) == ["Jesper Bak", "Dr. Sara Friis"]


def test_pnl002_sofie_invite_list_patient_first_then_team_then_yes() -> None:
    tree = _team(sofie())
    # Sofie; the team; then Lene (mother, said yes). Anna is undecided, Mads said no.
    assert names_in(by_id(tree, "panel-invite")) == [
        "Sofie Jensen",
        "Mette Dahl",
        "Ali Hassan",
        "Birgitte Møller",
        "Dr. Ole Krag",
        "Lene Jensen",
    ]


def test_pnl003_group_titles_from_the_catalogue_in_both_languages() -> None:
    da = texts(_team(sofie(), "da"))
    for title in (
        "Patienten",
        "Fagpersoner i Patientens team",
        "Kan inddrages efter behov",
        "Privat netværk",
    ):
        assert title in da
    en = texts(_team(sofie(), "en"))
    assert "Professionals in the patient's team" in en
    assert "Private network" in en
    assert "Fagpersoner i Patientens team" not in en


def test_pnl004_roles_shown_with_the_person() -> None:
    (birgitte,) = with_attr(by_id(_team(sofie()), "panel-group-team"), "data-person", "sr")
    assert texts(birgitte) == [
        "Birgitte Møller",
        " · ",
        "Socialrådgiver",
        "Stafetholder, Mødeleder, Primær kontaktperson",
    ]


def test_pnl005_empty_map_says_nobody_yet_and_invites_the_patient() -> None:
    empty = NetworkMap(patient=Patient(id="p0", name="Testa Testesen"))
    tree = _team(empty)
    assert_component_equal(
        by_id(tree, "panel-group-team"),
        html.Div(
            [
                html.H3("Fagpersoner i Patientens team", className="panel-group-title"),
                html.Ul([html.Li("Ingen endnu", className="panel-none")]),
            ],
            id="panel-group-team",
            className="panel-group",
        ),
    )
    assert names_in(by_id(tree, "panel-invite")) == ["Testa Testesen"]
    # Nobody is outside the team, so that group is not shown at all.
    assert "panel-group-outside" not in str(as_json(tree))
