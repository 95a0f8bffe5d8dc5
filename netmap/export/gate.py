"""The consent gate: which exports need a valid consent on the day, and the refusal.

DOMAIN.md, "Consent and privacy": *sending the map to the team requires a valid
consent on record; the tool says clearly when it is missing or expired.* Every
export that carries other persons' names or contact details for the team —
the team pack, the CSV, FHIR, unredacted pictures and the meeting's papers
(invitation, aftaleark) — needs
:attr:`~netmap.consent.ConsentState.allows_sharing` on the day of export.
Always allowed: the redacted picture (``--redact``), the patient's own copy
(``--for-patient``) and JSON/GraphML without either (the user's own data).
A refusal is one line: why, and how to fix it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field, model_validator

from netmap.consent import ConsentState, consent_state
from netmap.errors import NetmapError
from netmap.export.redact import Audience
from netmap.i18n import DEFAULT_LANG, Lang, t
from netmap.model import Consent, ShortText, StrictModel

__all__ = [
    "MAP_FORMATS",
    "PAPER_FORMATS",
    "TEAM_FORMATS",
    "ExportFormat",
    "ExportOptions",
    "ExportRefused",
    "check_gate",
    "needs_consent",
]


class ExportFormat(StrEnum):
    """The formats of ``netmap export --format``."""

    PNG = "png"
    SVG = "svg"
    PDF = "pdf"
    TEAM_PACK = "team-pack"
    CSV = "csv"
    FHIR = "fhir"
    JSON = "json"
    GRAPHML = "graphml"
    #: The meeting's papers (issue 11): the invitation and the aftaleark, as PDF.
    INVITATION = "invitation"
    AGREEMENTS = "agreements"


#: The meeting's papers: made of one meeting of the map (``ExportOptions.meeting``).
PAPER_FORMATS = frozenset({ExportFormat.INVITATION, ExportFormat.AGREEMENTS})
#: The formats of the whole map (``netmap export``, the share panel's buttons).
MAP_FORMATS = tuple(f for f in ExportFormat if f not in PAPER_FORMATS)

#: Formats made for the team: they need consent unless redacted or the patient's copy.
TEAM_FORMATS = frozenset(
    {
        ExportFormat.PNG,
        ExportFormat.SVG,
        ExportFormat.PDF,
        ExportFormat.TEAM_PACK,
        ExportFormat.CSV,
        ExportFormat.FHIR,
        ExportFormat.INVITATION,
        ExportFormat.AGREEMENTS,
    }
)


class ExportOptions(StrictModel):
    """What an export was asked for (the CLI's options, the app's choices)."""

    format: ExportFormat
    redact: bool = False
    for_patient: bool = False
    include_cpr: bool = False
    recipient: ShortText = Field(default=None, description="To whom (--to).")
    #: A meeting paper's meeting (its id) and, for the invitation, who is invited
    #: to this meeting only (ids; by default the invite list).
    meeting: str | None = Field(default=None, max_length=64)
    participants: tuple[str, ...] | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _combinations(self) -> ExportOptions:
        if self.redact and self.for_patient:
            raise NetmapError("export.redact_and_for_patient")
        if self.redact and self.include_cpr:
            raise NetmapError("export.redact_and_cpr")
        return self

    @property
    def audience(self) -> Audience:
        """Who the file is for, from the options."""
        if self.redact:
            return Audience.REDACTED
        if self.for_patient:
            return Audience.PATIENT
        return Audience.TEAM if self.format in TEAM_FORMATS else Audience.OWN


def needs_consent(options: ExportOptions) -> bool:
    """Whether the export needs a valid consent on the day.

    >>> needs_consent(ExportOptions(format="team-pack"))
    True
    >>> [needs_consent(ExportOptions(format="png", **kw)) for kw in
    ...  ({"redact": True}, {"for_patient": True})]
    [False, False]
    >>> needs_consent(ExportOptions(format="json"))
    False
    """
    return options.audience is Audience.TEAM


class ExportRefused(NetmapError):
    """An export the consent does not allow: why, and how to fix it."""

    def __init__(self, state: ConsentState, map_ref: str) -> None:
        self.state = state
        self.map_ref = map_ref
        super().__init__("export.refused", map_ref=map_ref)

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        return t(
            "export.refused",
            lang,
            reason=self.state.message(lang),
            map_ref=self.map_ref,
        )


def check_gate(
    options: ExportOptions, consent: Consent | None, today: date, *, map_ref: str
) -> ConsentState:
    """The consent's state on ``today``; :class:`ExportRefused` if the export needs
    a valid one and it is not.

    >>> from netmap.model import Consent
    >>> old = Consent(given_on=date(2025, 1, 1))
    >>> check_gate(ExportOptions(format="csv", for_patient=True), old, date(2026, 12, 1),
    ...            map_ref="abc").status.value
    'expired'
    >>> try:
    ...     check_gate(ExportOptions(format="csv"), old, date(2026, 12, 1), map_ref="abc")
    ... except ExportRefused as exc:
    ...     print(exc.message("en"))  # doctest: +ELLIPSIS
    The consent expired on Jan 1, 2026 (given on Jan 1, 2025), so the map ...
    """
    state = consent_state(consent, today)
    if needs_consent(options) and not state.allows_sharing:
        raise ExportRefused(state, map_ref)
    return state
