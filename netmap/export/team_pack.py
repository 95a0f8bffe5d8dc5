"""The team pack: one PDF for the members of Patientens team.

In this order (seed 001, appendix "Netværket i Patientens team"; seed 004,
Bilag 2 for the invitation): the map with its legend; the contact overview
(name, role/relation, organisation, phone, e-mail, what they help with); the
suggested team by group, with who holds each role for the region and for the
municipality; the invitation's participant list with the next meeting's
time, place and purpose (:func:`netmap.analysis.next_meeting.next_meeting`),
or lines to fill in where they are not set; the open checks with their reasons.
Every page carries the date, the version and the confidentiality footer.

Everything the pack says about the team comes from :mod:`netmap.analysis`;
this module only lays it out. It draws the map it is given (already prepared
for its audience) and prints the CPR number only with ``include_cpr``.
"""

from __future__ import annotations

import datetime as dt

from netmap.analysis import Group, MapAnalysis, OverviewRow, analyse, role_slots
from netmap.analysis.groups import GROUP_ORDER
from netmap.analysis.next_meeting import next_meeting
from netmap.export.pdf_blocks import (
    NBSP,
    fill_in_line,
    key_table,
    note,
    section_title,
    sub_title,
    table,
)
from netmap.export.pdf_draw import FONT, NetmapPDF, draw_scene, new_document
from netmap.export.picture_options import RenderOptions
from netmap.export.picture_scene import KeyEntry, map_scene, subtitle_text
from netmap.i18n import Lang, format_date, format_datetime, t
from netmap.model import NetworkMap

__all__ = ["team_pack_pdf"]


def _roles_text(row: OverviewRow, lang: Lang) -> str:
    roles = [t(f"team_role.{role.value}", lang) for role in row.team_roles]
    if row.primary_contact:
        roles.append(t("panels.primary_contact", lang))
    return ", ".join(roles)


def _who(row: OverviewRow) -> str:
    """A person as the role lists name them: name (role, organisation)."""
    details = [x for x in (row.role, row.organisation) if x]
    return f"{row.name} ({', '.join(details)})" if details else row.name


def _map_page(pdf: NetmapPDF, network_map: NetworkMap, options: RenderOptions) -> list[KeyEntry]:
    lang = options.lang
    pdf.add_page()
    pdf.set_font(FONT, "B", 17)
    pdf.set_text_color(16, 42, 67)
    pdf.cell(
        pdf.epw,
        8,
        t("pack.title", lang, name=network_map.patient.name),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(FONT, "", 9.5)
    pdf.set_text_color(72, 101, 129)
    pdf.cell(pdf.epw, 5, subtitle_text(network_map, options), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    scene = map_scene(network_map, options, frame=False, key_below=False)
    top = pdf.get_y() + 1
    room_h = pdf.h - top - 14
    scale = min(pdf.epw / scene.width, room_h / scene.height)
    draw_scene(pdf, scene, x=pdf.l_margin + (pdf.epw - scene.width * scale) / 2, y=top, scale=scale)
    return list(scene.key)


def _overview(pdf: NetmapPDF, analysis: MapAnalysis, lang: Lang) -> None:
    section_title(pdf, t("pack.overview.title", lang), new_page=True)
    if not analysis.overview:
        note(pdf, t("pack.overview.empty", lang))
        return
    headings = [
        t("panels.column.name", lang),
        t("pack.column.role", lang),
        t("panels.column.organisation", lang),
        t("panels.column.phone", lang),
        t("panels.column.email", lang),
        t("panels.column.helps_with", lang),
    ]
    rows = [
        [
            r.name,
            r.role or "",
            r.organisation or "",
            (r.phone or "").replace(" ", NBSP),
            r.email or "",
            r.helps_with or "",
        ]
        for r in analysis.overview
    ]
    table(pdf, headings, rows, (34, 30, 38, 27, 42, 56), bold_first=True)


def _team(pdf: NetmapPDF, network_map: NetworkMap, analysis: MapAnalysis, lang: Lang) -> None:
    section_title(pdf, t("pack.team.title", lang), new_page=True)
    note(pdf, t("pack.team.hint", lang))
    by_id = {row.id: row for row in analysis.overview}
    sub_title(pdf, t("panels.group.patient", lang))
    note(pdf, analysis.patient_name, muted=False, size=10.5)
    headings = [
        t("panels.column.name", lang),
        t("pack.column.role", lang),
        t("panels.column.organisation", lang),
        t("panels.column.team_roles", lang),
    ]
    for group in GROUP_ORDER:
        ids = analysis.groups.of(group)
        if group is Group.OUTSIDE and not ids:
            continue
        sub_title(pdf, t(f"panels.group.{group.value}", lang))
        if not ids:
            note(pdf, t("panels.group.none", lang))
            continue
        rows = [
            [
                by_id[i].name,
                by_id[i].role or "",
                by_id[i].organisation or "",
                _roles_text(by_id[i], lang),
            ]
            for i in ids
        ]
        table(pdf, headings, rows, (40, 40, 50, 50), bold_first=True)

    section_title(pdf, t("pack.roles.title", lang))
    role_rows = []
    for slot in role_slots(network_map):
        role = t(f"team_role.{slot.role.value}", lang)
        label = (
            t(
                "pack.roles.role_for",
                lang,
                role=role,
                care_sector=t(f"care_sector.{slot.care_sector.value}", lang),
            )
            if slot.care_sector is not None
            else role
        )
        holders = "; ".join(_who(by_id[i]) for i in slot.holders)
        role_rows.append([label, holders or t("pack.roles.unfilled", lang)])
    primary = [row for row in analysis.overview if row.primary_contact]
    role_rows.append(
        [
            t("panels.primary_contact", lang),
            "; ".join(_who(row) for row in primary) or t("pack.roles.unfilled", lang),
        ]
    )
    table(
        pdf,
        [t("panels.column.team_roles", lang), t("panels.column.name", lang)],
        role_rows,
        (45, 110),
        bold_first=True,
    )


def _invitation(
    pdf: NetmapPDF, network_map: NetworkMap, analysis: MapAnalysis, options: RenderOptions
) -> None:
    lang = options.lang
    section_title(pdf, t("pack.invite.title", lang), new_page=True)
    patient = network_map.patient
    if options.include_cpr and patient.cpr:
        fill_in_line(pdf, t("pack.invite.patient_cpr", lang), f"{patient.name}, {patient.cpr}")
    else:
        fill_in_line(pdf, t("pack.invite.patient", lang), patient.name)
    # The next meeting, when one is set: its time, place and purpose are filled in.
    coming = next_meeting(network_map.meetings, options.export_date)
    when = None
    if coming is not None:
        moment = dt.datetime.combine(coming.date, coming.time) if coming.time else None
        when = format_datetime(moment, lang) if moment else format_date(coming.date, lang)
    fill_in_line(pdf, t("pack.invite.time", lang), when)
    fill_in_line(pdf, t("pack.invite.place", lang), coming.place if coming else None)
    pdf.ln(2)
    sub_title(pdf, t("pack.invite.participants", lang))
    by_id = {row.id: row for row in analysis.overview}
    rows = []
    for person_id in analysis.invite:
        if person_id == analysis.patient_id:
            rows.append([analysis.patient_name, t("pack.invite.patient_role", lang)])
            continue
        row = by_id[person_id]
        title = ", ".join(x for x in (row.role, row.organisation, _roles_text(row, lang)) if x)
        rows.append([row.name, title])
    table(
        pdf,
        [t("pack.invite.column.name", lang), t("pack.invite.column.title", lang)],
        rows,
        (60, 120),
        bold_first=True,
    )
    fill_in_line(pdf, t("pack.invite.absent", lang), lines=2)
    purpose = coming.purpose if coming else None
    fill_in_line(pdf, t("pack.invite.purpose", lang), purpose, lines=3)
    if purpose is None:
        note(pdf, t("pack.invite.purpose_hint", lang))


def _checks(pdf: NetmapPDF, analysis: MapAnalysis, lang: Lang) -> None:
    section_title(pdf, t("pack.checks.title", lang))
    if not analysis.findings:
        note(pdf, t("pack.checks.none", lang))
        return
    rows = [[f.message(lang), f.source] for f in analysis.findings]
    table(
        pdf,
        [t("pack.checks.column.check", lang), t("pack.checks.column.source", lang)],
        rows,
        (110, 60),
    )


def team_pack_pdf(network_map: NetworkMap, options: RenderOptions) -> bytes:
    """The team pack as PDF bytes (A4 landscape), checks as of the export date.

    >>> from datetime import date
    >>> from netmap.model import Patient
    >>> pdf = team_pack_pdf(NetworkMap(patient=Patient(name="Testa")),
    ...                     RenderOptions(export_date=date(2026, 12, 1)))
    >>> pdf[:5]
    b'%PDF-'
    """
    lang = options.lang
    title = t("pack.title", lang, name=network_map.patient.name)
    pdf = new_document(options, title=title, running=True)
    analysis = analyse(network_map, as_of=options.export_date)
    key = _map_page(pdf, network_map, options)
    # From the second page on, each page names the patient, the map date and the version.
    pdf.running_header = f"{title} · {subtitle_text(network_map, options)}"
    if key:
        key_table(pdf, key, lang)
    _overview(pdf, analysis, lang)
    _team(pdf, network_map, analysis, lang)
    _invitation(pdf, network_map, analysis, options)
    _checks(pdf, analysis, lang)
    return bytes(pdf.output())
