"""What the map derives: groups, invite list, contact overview, checks, measures.

Pure functions over :class:`netmap.model.NetworkMap`; one module per question
(DOMAIN.md "What the map derives"; seed 001, appendix "Netværket i Patientens
team (netværkskort)").
"""

from netmap.analysis.checks import CheckCode, Finding, run_checks
from netmap.analysis.groups import Group, Groups, derive_groups, group_of, in_team, invite_list
from netmap.analysis.measures import (
    MEASURE_KEYS,
    Measures,
    SectorTies,
    ego_measures,
    explain_measure,
    measure_name,
)
from netmap.analysis.overview import OverviewRow, contact_overview
from netmap.analysis.plain import TOPICS, PlainLine, measure_value, plain_lines
from netmap.analysis.report import CoreAnalysis, MapAnalysis, analyse, analyse_core, render_text
from netmap.analysis.roles import ROLE_SLOTS, RoleSlot, role_slots

__all__ = [
    "MEASURE_KEYS",
    "ROLE_SLOTS",
    "TOPICS",
    "CheckCode",
    "CoreAnalysis",
    "Finding",
    "Group",
    "Groups",
    "MapAnalysis",
    "Measures",
    "OverviewRow",
    "PlainLine",
    "RoleSlot",
    "SectorTies",
    "analyse",
    "analyse_core",
    "contact_overview",
    "derive_groups",
    "ego_measures",
    "explain_measure",
    "group_of",
    "in_team",
    "invite_list",
    "measure_name",
    "measure_value",
    "plain_lines",
    "render_text",
    "role_slots",
    "run_checks",
]
