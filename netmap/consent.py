"""The one rule of consent: valid for one year at a time, and its state on a day.

Seed 002, "Samtykke": *"Samtykket er gældende for ét år ad gangen."* Read as
"to and including the same date one year later": a consent given on
1 March 2025 is valid on 1 March 2026 and not on 2 March 2026. A consent given
on 29 February runs to 28 February (the same date does not exist; the shorter
reading never shares too long). The analysis check, the export gate and the
state shown to the user all use :func:`consent_valid_until` and
:func:`consent_state`.

A consent dated after the day asked about counts as valid (it is neither
missing nor older than a year); recording one in the future is refused where
consent is recorded (:mod:`netmap.editing`).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from netmap.i18n import DEFAULT_LANG, Lang, format_date, t
from netmap.model import Consent, StrictModel

__all__ = [
    "EXPIRY_WARNING_DAYS",
    "ConsentState",
    "ConsentStatus",
    "consent_state",
    "consent_valid_until",
    "format_day",
]

#: From this many days before the last valid day the state says "expires in N days".
EXPIRY_WARNING_DAYS = 30


def consent_valid_until(given_on: date) -> date:
    """The last day a consent given on ``given_on`` is valid: the same date a year later.

    >>> consent_valid_until(date(2025, 3, 1))
    datetime.date(2026, 3, 1)
    >>> consent_valid_until(date(2024, 2, 29))
    datetime.date(2025, 2, 28)
    """
    try:
        return given_on.replace(year=given_on.year + 1)
    except ValueError:  # 29 February
        return given_on.replace(year=given_on.year + 1, day=28)


class ConsentStatus(StrEnum):
    """What a consent means on a given day."""

    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    MISSING = "missing"
    WITHDRAWN = "withdrawn"


#: The states in which the map may be shared.
_VALID = frozenset({ConsentStatus.VALID, ConsentStatus.EXPIRING})


class ConsentState(StrictModel):
    """A consent's state on one day, with the dates a message needs."""

    status: ConsentStatus
    given_on: date | None = None
    valid_until: date | None = None
    withdrawn_on: date | None = None
    days_left: int | None = None

    @property
    def allows_sharing(self) -> bool:
        """Whether the map may be sent to the team on that day."""
        return self.status in _VALID

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        """The state in plain words, e.g. "Samtykket udløb den 01.03.2026".

        >>> consent_state(None, date(2026, 1, 1)).message("en")
        'No consent is recorded'
        """
        days = self.days_left or 0
        params = {
            "given_on": format_day(self.given_on, lang),
            "valid_until": format_day(self.valid_until, lang),
            "withdrawn_on": format_day(self.withdrawn_on, lang),
        }
        if self.status is ConsentStatus.EXPIRING:
            if days == 0:
                return t("consent.state.expiring_today", lang, **params)
            return t("consent.state.expiring", lang, count=days, **params)
        return t(f"consent.state.{self.status.value}", lang, **params)


def format_day(day: date | None, lang: Lang = DEFAULT_LANG) -> str:
    """A date in the one format of ``lang`` (:func:`netmap.i18n.format_date`); "" for None.

    >>> format_day(date(2026, 3, 1), "da"), format_day(None)
    ('01.03.2026', '')
    """
    return "" if day is None else format_date(day, lang)


def consent_state(consent: Consent | None, today: date) -> ConsentState:
    """The state of ``consent`` on ``today``.

    >>> from netmap.model import Consent
    >>> c = Consent(given_on=date(2025, 3, 1))
    >>> [consent_state(c, d).status.value for d in
    ...  (date(2025, 6, 1), date(2026, 2, 20), date(2026, 3, 1), date(2026, 3, 2))]
    ['valid', 'expiring', 'expiring', 'expired']
    >>> consent_state(c, date(2026, 3, 1)).days_left
    0
    """
    if consent is None:
        return ConsentState(status=ConsentStatus.MISSING)
    valid_until = consent_valid_until(consent.given_on)
    if consent.withdrawn_on is not None and consent.withdrawn_on <= today:
        status = ConsentStatus.WITHDRAWN
    elif today > valid_until:
        status = ConsentStatus.EXPIRED
    else:
        days_left = (valid_until - today).days
        status = ConsentStatus.EXPIRING if days_left <= EXPIRY_WARNING_DAYS else ConsentStatus.VALID
    return ConsentState(
        status=status,
        given_on=consent.given_on,
        valid_until=valid_until,
        withdrawn_on=consent.withdrawn_on,
        days_left=(valid_until - today).days if status in _VALID else None,
    )
