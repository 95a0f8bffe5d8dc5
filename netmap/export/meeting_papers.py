"""The meeting's papers as PDF: the invitation and the aftaleark (A4 portrait, fpdf2).

Laid out from the data of :mod:`netmap.analysis.papers` (which decides what
is on them, CPR included only when asked for) with the blocks of the team
pack (:mod:`netmap.export.pdf_blocks`) and its embedded DejaVu font, so
Danish letters print as text. :func:`paper_pdf` is what
:func:`netmap.export.run.make_export` makes for the formats ``invitation`` and
``agreements``: the meetings page (download) and ``netmap meeting paper`` go
through it, so a paper passes the consent gate and is logged like any export.
"""

from __future__ import annotations

import datetime as dt

from netmap.analysis.papers import (
    AgreementLine,
    AgreementSheet,
    Invitation,
    Participant,
    agreement_sheet,
    invitation,
)
from netmap.export.pdf_blocks import fill_in_line, note, section_title, sub_title, table
from netmap.export.pdf_draw import new_document
from netmap.export.picture_options import RenderOptions
from netmap.i18n import Lang, format_date, format_datetime, t
from netmap.model import NetworkMap

__all__ = ["agreements_pdf", "invitation_pdf", "paper_pdf"]


def _when(inv: Invitation, lang: Lang) -> str:
    if inv.time is None:
        return format_date(inv.date, lang)
    return format_datetime(dt.datetime.combine(inv.date, inv.time), lang)


def _people_rows(people: list[Participant]) -> list[list[str]]:
    return [[p.name, p.title] for p in people]


def _who(name: str, cpr: str | None) -> str:
    return name if cpr is None else f"{name}, {cpr}"


def invitation_pdf(inv: Invitation, options: RenderOptions) -> bytes:
    """The invitation (seed 004, Bilag 2) as PDF bytes.

    >>> from netmap.meetings import MeetingKind
    >>> inv = Invitation(patient_name="Testa", cpr=None, date=dt.date(2026, 12, 10),
    ...     meeting_kind=MeetingKind.NETWORK, participants=[], agenda=["Velkomst"])
    >>> invitation_pdf(inv, RenderOptions(export_date=dt.date(2026, 12, 1)))[:5]
    b'%PDF-'
    """
    lang = options.lang
    title = t("meetings_app.paper.invitation_title", lang)
    pdf = new_document(options, title=f"{title} – {inv.patient_name}", running=True, portrait=True)
    pdf.add_page()
    section_title(pdf, title)
    note(pdf, t(f"meeting_kind.{inv.meeting_kind.value}", lang))
    fill_in_line(pdf, t("meetings_app.paper.patient", lang) + ":", _who(inv.patient_name, inv.cpr))
    fill_in_line(pdf, t("meetings_app.paper.when", lang) + ":", _when(inv, lang))
    fill_in_line(pdf, t("meetings_app.paper.place", lang) + ":", inv.place or "")
    sub_title(pdf, t("meetings_app.paper.participants", lang))
    heads = [t("meetings_app.paper.column_name", lang), t("meetings_app.paper.column_title", lang)]
    if inv.participants:
        table(pdf, heads, _people_rows(inv.participants), (45, 90), bold_first=True)
    else:
        note(pdf, "–")
    sub_title(pdf, t("meetings_app.paper.apologies", lang))
    if inv.apologies:
        table(pdf, heads, _people_rows(inv.apologies), (45, 90), bold_first=True)
    else:
        note(pdf, "–")
    sub_title(pdf, t("meetings_app.paper.purpose", lang))
    note(pdf, inv.purpose or "–", muted=False)
    sub_title(pdf, t("meetings_app.paper.agenda", lang))
    for n, item in enumerate(inv.agenda, start=1):
        note(pdf, f"{n}. {item}", muted=False, size=10.5)
    return bytes(pdf.output())


def _agreement_rows(lines: list[AgreementLine], lang: Lang, follow_up: bool) -> list[list[str]]:
    rows = []
    for line in lines:
        row = [line.who, line.what, format_date(line.by, lang) if line.by else "–"]
        if follow_up:
            status = (
                t(f"agreement_status.{line.follow_up.value}", lang)
                if line.follow_up is not None
                else t("meetings_app.paper.not_followed_up", lang)
            )
            row.append(status)
        rows.append(row)
    return rows


def agreements_pdf(sheet: AgreementSheet, options: RenderOptions) -> bytes:
    """The aftaleark (seed 001) as PDF bytes.

    >>> sheet = AgreementSheet(patient_name="Testa", cpr=None, meeting_date=dt.date(2026, 12, 10),
    ...     participants=[], follow_up=[], agreements=[])
    >>> agreements_pdf(sheet, RenderOptions(export_date=dt.date(2026, 12, 1)))[:5]
    b'%PDF-'
    """
    lang = options.lang
    title = t("meetings_app.paper.sheet_title", lang)
    pdf = new_document(
        options, title=f"{title} – {sheet.patient_name}", running=True, portrait=True
    )
    pdf.add_page()
    section_title(pdf, title)
    fill_in_line(pdf, t("meetings_app.paper.name", lang) + ":", _who(sheet.patient_name, sheet.cpr))
    fill_in_line(
        pdf, t("meetings_app.paper.date", lang) + ":", format_date(sheet.meeting_date, lang)
    )
    sub_title(pdf, t("meetings_app.paper.attendees", lang))
    heads = [
        t("meetings_app.paper.column_name", lang),
        t("meetings_app.paper.column_function", lang),
    ]
    if sheet.participants:
        table(pdf, heads, _people_rows(sheet.participants), (45, 90), bold_first=True)
    else:
        note(pdf, "–")
    base = [
        t("meetings_app.paper.who", lang),
        t("meetings_app.paper.what", lang),
        t("meetings_app.paper.by", lang),
    ]
    sub_title(pdf, t("meetings_app.paper.follow_up", lang))
    if sheet.follow_up:
        table(
            pdf,
            [*base, t("meetings_app.paper.status", lang)],
            _agreement_rows(sheet.follow_up, lang, True),
            (30, 70, 20, 25),
        )
    else:
        note(pdf, t("meetings_app.paper.none", lang))
    sub_title(pdf, t("meetings_app.paper.agreements", lang))
    if sheet.agreements:
        table(pdf, base, _agreement_rows(sheet.agreements, lang, False), (30, 80, 20))
    else:
        note(pdf, t("meetings_app.paper.none", lang))
    nxt = format_date(sheet.next_meeting, lang) if sheet.next_meeting else None
    fill_in_line(pdf, t("meetings_app.paper.next", lang) + ":", nxt)
    return bytes(pdf.output())


def paper_pdf(
    network_map: NetworkMap,
    agreements: bool,
    meeting_id: str,
    participants: tuple[str, ...] | None,
    options: RenderOptions,
) -> bytes:
    """The aftaleark (``agreements``) or the invitation of one meeting, as PDF bytes.

    The whole map, not one prepared for an audience: a paper is for the people
    at the meeting and names them. The CPR number only with
    ``options.include_cpr``.

    >>> from netmap.meetings import Meeting
    >>> from netmap.model import Patient
    >>> m = NetworkMap(patient=Patient(name="Testa"),
    ...                meetings=[Meeting(id="m1", date=dt.date(2026, 12, 10))])
    >>> paper_pdf(m, False, "m1", None, RenderOptions(export_date=dt.date(2026, 12, 1)))[:5]
    b'%PDF-'
    """
    cpr, lang = options.include_cpr, options.lang
    if agreements:
        sheet = agreement_sheet(network_map, meeting_id, include_cpr=cpr, lang=lang)
        return agreements_pdf(sheet, options)
    inv = invitation(network_map, meeting_id, participants=participants, include_cpr=cpr, lang=lang)
    return invitation_pdf(inv, options)
