"""What the "Del med teamet" panel's fields ask for: browser values → an edit or export options.

Pure functions, no Dash and no store. Each returns the :data:`~netmap.editing.EditOp`
(or :class:`~netmap.export.gate.ExportOptions`) the user asked for, or the
error for the field that is wrong, in the user's language, to be shown next
to that field. The rules themselves stay in the domain: a consent in the
future is refused by :class:`~netmap.editing.RecordConsent` when it is
saved, the consent gate by :func:`netmap.export.gate.check_gate` when a file
is made.

Dates are typed as the Danish write them, ``01.03.2026`` (also ``1.3.2026``,
``1-3-2026``, ``1/3/2026``); ``2026-03-01`` is read too.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import ValidationError

from netmap.editing import PersonChanges, RecordConsent, UpdatePerson, WithdrawConsent
from netmap.errors import NetmapError, invalid_input
from netmap.export.gate import MAP_FORMATS, ExportFormat, ExportOptions
from netmap.i18n import Lang, t
from netmap.model import MAX_SHORT_TEXT, StrictModel

__all__ = [
    "FOR_WHOM",
    "SHARE_CHOICES",
    "ForWhom",
    "ShareChoice",
    "export_options",
    "parse_day_text",
    "record_intent",
    "share_choice_intent",
    "share_choice_value",
    "withdraw_intent",
]

ForWhom = Literal["team", "redacted", "patient"]
#: Who a file is for, in the order the panel offers them.
FOR_WHOM: tuple[ForWhom, ...] = ("team", "redacted", "patient")
#: The edit panel's choice: the default rule, or the patient's yes or no.
SHARE_CHOICES = ("default", "yes", "no")

_DANISH_RE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MAX_SHOWN = 40


def parse_day_text(value: Any, field: str, lang: Lang) -> tuple[date | None, str | None]:
    """A typed date, or the error to show next to the field (``field`` names it).

    Empty is ``(None, None)``: the caller decides whether that is allowed.

    >>> parse_day_text("1.3.2026", "given_on", "da")
    (datetime.date(2026, 3, 1), None)
    >>> parse_day_text("2026-03-01", "given_on", "da")[0]
    datetime.date(2026, 3, 1)
    >>> parse_day_text("30.02.2026", "given_on", "en")[1]
    'Given on: 30.02.2026 is not a date. Write it as dd.mm.yyyy, e.g. 01.03.2026.'
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    text = value.strip() if isinstance(value, str) else ""
    match = _DANISH_RE.fullmatch(text)
    parts: tuple[str, str, str] | None = None
    if match:
        parts = (match[3], match[2], match[1])
    elif (iso := _ISO_RE.fullmatch(text)) is not None:
        parts = (iso[1], iso[2], iso[3])
    if parts is not None:
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2])), None
        except ValueError:
            pass
    shown = text if 0 < len(text) <= _MAX_SHOWN else "…"
    label = t(f"share_app.consent.{field}", lang)
    return None, t("share_app.bad_date", lang, field=label, value=shown)


def _who(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip()[:MAX_SHORT_TEXT] or None


def record_intent(
    given_on: Any, recorded_by: Any, today: date, lang: Lang
) -> tuple[RecordConsent | None, str | None]:
    """The consent to record (or renew), or the error for the date field.

    >>> op, error = record_intent("01.12.2026", "KP", date(2026, 12, 2), "da")
    >>> op.given_on, op.recorded_by, error
    (datetime.date(2026, 12, 1), 'KP', None)
    >>> record_intent("", None, date(2026, 12, 2), "en")[1]
    'Given on: write the day the patient gave consent, e.g. 02.12.2026.'
    """
    day, problem = parse_day_text(given_on, "given_on", lang)
    if problem is not None:
        return None, problem
    if day is None:
        example = today.strftime("%d.%m.%Y")
        return None, t("share_app.consent.given_on_missing", lang, example=example)
    return RecordConsent(given_on=day, recorded_by=_who(recorded_by), today=today), None


def withdraw_intent(
    withdrawn_on: Any, today: date, lang: Lang
) -> tuple[WithdrawConsent | None, str | None]:
    """The withdrawal (an empty date is today), or the error for the date field.

    >>> withdraw_intent("", date(2026, 12, 2), "da")[0].withdrawn_on is None
    True
    >>> withdraw_intent("igår", date(2026, 12, 2), "da")[1][:30]
    'Trukket tilbage den: igår er i'
    """
    day, problem = parse_day_text(withdrawn_on, "withdrawn_on", lang)
    if problem is not None:
        return None, problem
    return WithdrawConsent(withdrawn_on=day, today=today), None


class ShareChoice(StrictModel):
    """The panel's choices that hold for every format: for whom, CPR, to whom."""

    audience: ForWhom = "team"
    include_cpr: bool = False
    recipient: str | None = None

    @classmethod
    def from_browser(cls, audience: Any, include_cpr: Any, recipient: Any) -> ShareChoice:
        """Whatever the browser sent; anything odd is the safe default (team, no CPR).

        >>> ShareChoice.from_browser("redacted", ["cpr"], "  ").model_dump()
        {'audience': 'redacted', 'include_cpr': False, 'recipient': None}
        """
        chosen: ForWhom = audience if audience in FOR_WHOM else "team"
        cpr = include_cpr == ["cpr"] and chosen != "redacted"
        to = recipient.strip() if isinstance(recipient, str) and recipient.strip() else None
        return cls(audience=chosen, include_cpr=cpr, recipient=to)


def export_options(
    fmt: Any, choice: ShareChoice, lang: Lang
) -> tuple[ExportOptions | None, str | None]:
    """The export a download button asks for, or the error for the "to whom" field.

    >>> export_options("team-pack", ShareChoice(recipient="Jobcenter"), "da")[0].recipient
    'Jobcenter'
    >>> export_options("png", ShareChoice(recipient="x" * 201), "en")[1][:7]
    'To whom'
    """
    try:
        fmt = ExportFormat(fmt)
    except ValueError:
        raise NetmapError("app.bad_form") from None
    if fmt not in MAP_FORMATS:
        raise NetmapError("app.bad_form")  # the papers are made on the meetings page
    try:
        options = ExportOptions(
            format=fmt,
            redact=choice.audience == "redacted",
            for_patient=choice.audience == "patient",
            include_cpr=choice.include_cpr,
            recipient=choice.recipient,
        )
    except ValidationError as exc:
        where = t("share_app.recipient", lang)
        return None, invalid_input(exc, where=where).message(lang)
    return options, None


def share_choice_value(value: bool | None) -> str:
    """The edit panel's radio value for ``Person.share_with_team``.

    >>> share_choice_value(None), share_choice_value(True), share_choice_value(False)
    ('default', 'yes', 'no')
    """
    return "default" if value is None else ("yes" if value else "no")


def share_choice_intent(person_id: Any, value: Any) -> UpdatePerson:
    """The edit for the edit panel's "share with the team" radio.

    >>> share_choice_intent("mor", "no").changes.share_with_team
    False
    """
    if value not in SHARE_CHOICES:
        raise NetmapError("app.bad_form")
    shared = None if value == "default" else value == "yes"
    try:
        return UpdatePerson(id=person_id, changes=PersonChanges(share_with_team=shared))
    except ValidationError as exc:
        raise invalid_input(exc) from None
