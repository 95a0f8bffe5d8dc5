"""The whole analysis of one map, as one model, as JSON and as a readable report.

:func:`analyse` puts together the groups, the invite list, the contact
overview, the checks and the measures (seed 001, appendix; DOMAIN.md "What the
map derives"). :meth:`MapAnalysis.to_report` is exactly the object
``netmap analyse --json`` prints; :func:`render_text` is the readable report.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from netmap.analysis.checks import Finding, run_checks
from netmap.analysis.groups import (
    GROUP_ORDER,
    Group,
    Groups,
    closest_first,
    derive_groups,
    invite_list,
)
from netmap.analysis.measures import Measures, ego_measures
from netmap.analysis.overview import OverviewRow, contact_overview
from netmap.analysis.plain import plain_lines
from netmap.i18n import DEFAULT_LANG, Lang, format_date, t
from netmap.model import NetworkMap, StrictModel

__all__ = ["CoreAnalysis", "MapAnalysis", "analyse", "analyse_core", "render_text"]


class CoreAnalysis(StrictModel):
    """Everything the map derives but its measures, as of one date.

    The editor's panels show the measures only while their section is open,
    and on a large map they cost as much as all the rest together.
    """

    patient_id: str
    patient_name: str
    as_of: date
    groups: Groups
    invite: list[str]
    overview: list[OverviewRow]
    findings: list[Finding]


class MapAnalysis(CoreAnalysis):
    """Everything the map derives, as of one date."""

    measures: Measures

    def to_report(self, lang: Lang = DEFAULT_LANG) -> dict[str, Any]:
        """The JSON object of ``netmap analyse --json`` (messages in ``lang``).

        >>> from netmap.model import NetworkMap, Patient
        >>> r = analyse(NetworkMap(patient=Patient(id="p0", name="P")),
        ...             as_of=date(2026, 1, 1)).to_report("en")
        >>> r["patient"], r["groups"], r["invite"], r["measures"]["size"]
        ({'id': 'p0', 'name': 'P'}, {'team': [], 'ad_hoc': [], 'private': []}, ['p0'], 0)
        """
        return {
            "patient": {"id": self.patient_id, "name": self.patient_name},
            "groups": {
                "team": list(self.groups.team),
                "ad_hoc": list(self.groups.ad_hoc),
                "private": list(self.groups.private),
            },
            "invite": list(self.invite),
            "warnings": [
                {
                    "code": f.code.value,
                    "message": f.message(lang),
                    "persons": list(f.persons),
                    "source": f.source,
                }
                for f in self.findings
            ],
            "overview": [row.model_dump(mode="json") for row in self.overview],
            "measures": self.measures.model_dump(mode="json"),
        }


def analyse(
    network_map: NetworkMap, *, as_of: date | None = None, map_changed_at: datetime | None = None
) -> MapAnalysis:
    """Analyse a map as of ``as_of`` (default: today; only the checks use it).

    ``map_changed_at``: when the map was last changed, for the check
    ``map_outdated`` (see :func:`netmap.analysis.checks.run_checks`).

    >>> from netmap.model import NetworkMap, Patient, Person
    >>> m = NetworkMap(patient=Patient(id="p0", name="P"), persons=[
    ...     Person(id="sr", name="SR", sector="professional", distance=0.3)])
    >>> a = analyse(m, as_of=date(2026, 1, 1))
    >>> a.groups.team, a.invite, [f.code.value for f in a.findings][:1]
    (['sr'], ['p0', 'sr'], ['consent_missing'])
    """
    core = analyse_core(network_map, as_of=as_of, map_changed_at=map_changed_at)
    return MapAnalysis(
        **{name: getattr(core, name) for name in CoreAnalysis.model_fields},
        measures=ego_measures(network_map),
    )


def analyse_core(
    network_map: NetworkMap, *, as_of: date | None = None, map_changed_at: datetime | None = None
) -> CoreAnalysis:
    """:func:`analyse` without the measures (:func:`ego_measures` gives them).

    >>> from netmap.model import NetworkMap, Patient
    >>> m = NetworkMap(patient=Patient(id="p0", name="P"))
    >>> dict(analyse_core(m, as_of=date(2026, 1, 1))) == {
    ...     k: v for k, v in analyse(m, as_of=date(2026, 1, 1)) if k != "measures"}
    True
    """
    as_of = date.today() if as_of is None else as_of
    ordered = closest_first(network_map)  # sorted once for all of them
    invite = invite_list(network_map, ordered)
    return CoreAnalysis(
        patient_id=network_map.patient.id,
        patient_name=network_map.patient.name,
        as_of=as_of,
        groups=derive_groups(network_map, ordered),
        invite=invite,
        overview=contact_overview(network_map, ordered, invite),
        findings=run_checks(
            network_map, as_of=as_of, map_changed_at=map_changed_at, ordered=ordered
        ),
    )


def render_text(analysis: MapAnalysis, lang: Lang = DEFAULT_LANG) -> str:
    """The readable report (Danish by default) that ``netmap analyse`` prints.

    >>> from netmap.model import NetworkMap, Patient
    >>> text = render_text(analyse(NetworkMap(patient=Patient(name="Testa")),
    ...                            as_of=date(2026, 1, 1)), "en")
    >>> text.splitlines()[0]
    'Network map of Testa – analysis as of Jan 1, 2026'
    """
    names = {row.id: row.name for row in analysis.overview}
    names[analysis.patient_id] = analysis.patient_name
    lines = [
        t(
            "analysis.report.title",
            lang,
            name=analysis.patient_name,
            date=format_date(analysis.as_of, lang),
        ),
        "",
    ]

    for group in GROUP_ORDER:
        ids = analysis.groups.of(group)
        if group is Group.OUTSIDE and not ids:
            continue
        lines.append(t(f"analysis.group.{group.value}", lang))
        rows = [row for row in analysis.overview if row.group is group]
        if not rows:
            lines.append("  " + t("analysis.report.nobody", lang))
        for row in rows:
            lines.append("  " + _overview_line(row, lang))
        lines.append("")

    lines.append(t("analysis.report.invite", lang))
    lines.extend("  " + names[i] for i in analysis.invite)
    lines.append("")

    lines.append(t("analysis.report.checks", lang))
    if not analysis.findings:
        lines.append("  " + t("analysis.report.no_findings", lang))
    for finding in analysis.findings:
        lines.append(f"  ! {finding.message(lang)}")
        lines.append("    " + t("analysis.report.source", lang, source=finding.source))
    lines.append("")

    lines.append(t("analysis.report.measures", lang))
    # What the patient understands first; the figures behind it for the professional.
    for line in plain_lines(analysis.measures, names, lang):
        if line.text:
            lines.append(f"  {line.text}")
            lines.append(f"    {line.details}")
    return "\n".join(lines) + "\n"


def _overview_line(row: OverviewRow, lang: Lang) -> str:
    parts = [row.name]
    if row.role:
        parts.append(row.role)
    if row.organisation:
        parts.append(row.organisation)
    parts.append(t(f"band.{row.band.value}", lang))
    phone = row.phone
    if phone and row.phone_unallocated:
        phone = f"{phone} ({t('analysis.report.phone_unallocated', lang)})"
    contact = " / ".join(x for x in (phone, row.email) if x)
    parts.append(contact or t("analysis.report.no_contact", lang))
    if row.team_roles:
        parts.append(", ".join(t(f"team_role.{r.value}", lang) for r in row.team_roles))
    if row.helps_with:
        parts.append(t("analysis.report.helps_with", lang, what=row.helps_with))
    if row.invited:
        parts.append(t("analysis.report.invited", lang))
    return " · ".join(parts)
