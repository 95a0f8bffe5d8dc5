"""What a picture or PDF of the map is drawn for: language, dates, version, CPR.

The map handed to the renderers is already prepared for its audience (names
replaced and contact details dropped where the export asks for it); these
options only say how to label it. The CPR number is printed only with
``include_cpr=True``.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from netmap.i18n import DEFAULT_LANG, Lang, format_date, t
from netmap.model import StrictModel

__all__ = ["RenderOptions", "date_text", "footer_text"]


class RenderOptions(StrictModel, frozen=True):
    """How to label one rendering of a map."""

    lang: Lang = DEFAULT_LANG
    export_date: date = Field(description="The day the file is made (printed on it).")
    version: int | None = Field(
        default=None, ge=1, description="The map's version number in the store, if stored."
    )
    consent_date: date | None = Field(
        default=None,
        description="The consent the sharing rests on, for the footer; None for the "
        "patient's own copy or a redacted picture.",
    )
    include_cpr: bool = Field(
        default=False, description="Print the patient's CPR number (only when asked for)."
    )


def date_text(day: date, lang: Lang) -> str:
    """A date in the project's one format of ``lang`` (:func:`netmap.i18n.format_date`).

    >>> date_text(date(2026, 3, 1), "da"), date_text(date(2026, 3, 1), "en")
    ('01.03.2026', 'Mar 1, 2026')
    """
    return format_date(day, lang)


def footer_text(options: RenderOptions) -> str:
    """The confidentiality line on every page and picture.

    >>> footer_text(RenderOptions(export_date=date(2026, 12, 1), consent_date=date(2026, 5, 4)))
    'Fortroligt – delt med samtykke af 04.05.2026'
    """
    if options.consent_date is None:
        return t("picture.footer.confidential", options.lang)
    return t(
        "picture.footer.consent", options.lang, date=date_text(options.consent_date, options.lang)
    )
