"""What the "Del med teamet" panel shows: the map, its consent and its export log → texts.

A pure function of the map, the export log, the panel's choices, the day and
the language (:func:`share_view`); the layout only draws it. Which formats
need a consent is the gate's rule (:func:`netmap.export.gate.needs_consent`),
the consent's state the one rule of :mod:`netmap.consent`: nothing is
decided here that the CLI decides differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from netmap.app.share.intents import ShareChoice
from netmap.consent import ConsentStatus, consent_state, format_day
from netmap.export.gate import MAP_FORMATS, ExportFormat, ExportOptions, needs_consent
from netmap.export.log import ExportRecord
from netmap.i18n import Lang, format_datetime, t
from netmap.model import NetworkMap, StrictModel
from netmap.service import AUTHOR

__all__ = ["FormatButton", "LogRow", "ShareView", "log_rows", "share_view"]


class FormatButton(StrictModel):
    """One download button: its format, and whether it may be used now."""

    format: ExportFormat
    disabled: bool


class LogRow(StrictModel):
    """One export as the log table shows it."""

    when: str
    who: str
    version: str
    format: str
    kind: str
    to: str


class ShareView(StrictModel):
    """Everything the panel shows for one map on one day."""

    state: str
    status: ConsentStatus
    details: list[str]
    record_label: str
    can_withdraw: bool
    #: Why the buttons for the team are disabled and how to fix it; None when they are not.
    blocked: str | None
    buttons: list[FormatButton]
    #: The patient has a CPR number that a file could carry (not in a redacted one).
    cpr_possible: bool
    log: list[LogRow]


def _kind(record: ExportRecord, lang: Lang) -> str:
    if record.redacted:
        kind = t("share_app.log.redacted", lang)
    elif record.for_patient:
        kind = t("share_app.log.for_patient", lang)
    elif record.format in (ExportFormat.JSON.value, ExportFormat.GRAPHML.value):
        kind = t("share_app.log.own", lang)
    else:
        kind = t("share_app.log.team", lang)
    if record.include_cpr:
        kind = f"{kind}, {t('share_app.log.with_cpr', lang)}"
    return kind


def _who(author: str, lang: Lang) -> str:
    if author == AUTHOR or author.startswith(f"{AUTHOR}:"):
        return t("share_app.log.app", lang)
    return author


def log_rows(records: Sequence[ExportRecord], lang: Lang) -> list[LogRow]:
    """The export log, newest first (the patient asks "who got it last?")."""
    return [
        LogRow(
            when=format_datetime(record.exported_at, lang),
            who=_who(record.author, lang),
            version=str(record.version),
            format=t(f"export.format.{record.format}", lang),
            kind=_kind(record, lang),
            to=record.recipient or "–",
        )
        for record in reversed(records)
    ]


def share_view(
    network_map: NetworkMap,
    records: Sequence[ExportRecord],
    choice: ShareChoice,
    today: date,
    lang: Lang,
) -> ShareView:
    """The panel for ``network_map`` on ``today``, with the user's ``choice`` of audience.

    >>> from netmap.model import Consent, Patient
    >>> m = NetworkMap(patient=Patient(name="Testa"), consent=Consent(given_on=date(2025, 1, 1)))
    >>> v = share_view(m, [], ShareChoice(), date(2026, 3, 1), "en")
    >>> v.status.value, [b.format.value for b in v.buttons if b.disabled]
    ('expired', ['png', 'svg', 'pdf', 'team-pack', 'csv', 'fhir'])
    >>> v.blocked.split(".")[0]
    'The consent expired on Jan 1, 2026 (given on Jan 1, 2025)'
    >>> share_view(m, [], ShareChoice(audience="redacted"), date(2026, 3, 1), "en").blocked is None
    True
    """
    consent = network_map.consent
    state = consent_state(consent, today)
    details: list[str] = []
    if consent is not None:
        details.append(
            t("share_app.consent.given_on_shown", lang, date=format_day(consent.given_on, lang))
        )
        if consent.recorded_by:
            details.append(t("share_app.consent.recorded_by_shown", lang, name=consent.recorded_by))
    buttons = []
    blocked_any = False
    for fmt in MAP_FORMATS:
        options = ExportOptions(
            format=fmt,
            redact=choice.audience == "redacted",
            for_patient=choice.audience == "patient",
        )
        disabled = needs_consent(options) and not state.allows_sharing
        blocked_any = blocked_any or disabled
        buttons.append(FormatButton(format=fmt, disabled=disabled))
    blocked = None
    if blocked_any:
        blocked = t("share_app.blocked", lang, reason=state.message(lang))
    renew = consent is not None and consent.withdrawn_on is None
    return ShareView(
        state=state.message(lang),
        status=state.status,
        details=details,
        record_label=t("share_app.consent.renew" if renew else "share_app.consent.record", lang),
        can_withdraw=renew,
        blocked=blocked,
        buttons=buttons,
        cpr_possible=network_map.patient.cpr is not None and choice.audience != "redacted",
        log=log_rows(records, lang),
    )
