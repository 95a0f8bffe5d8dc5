"""One export, the same from the CLI and the app: the gate, the audience, the file, the log row.

``netmap export``, ``netmap meeting paper``, the app's "Del med teamet" panel
and the meetings page's papers (issue 11) all call :func:`make_export` and
then hand the file over (write it, or send it to the browser) and record
:attr:`MadeExport.record` with ``store.record_export``. So
the consent gate (:func:`netmap.export.gate.check_gate`), the preparation for
the audience (:func:`netmap.export.redact.prepare`) and the export log are
the same wherever a file is made. A refused export raises
:class:`~netmap.export.gate.ExportRefused` before anything is made, and is
not recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from netmap.consent import ConsentState
from netmap.errors import NetmapError
from netmap.export.formats import render
from netmap.export.gate import PAPER_FORMATS, ExportFormat, ExportOptions, check_gate
from netmap.export.log import ExportRecord
from netmap.export.meeting_papers import paper_pdf
from netmap.export.picture_options import RenderOptions
from netmap.export.redact import Audience, prepare
from netmap.i18n import Lang, t
from netmap.model import NetworkMap

__all__ = ["MEDIA_TYPES", "MadeExport", "file_name", "make_export"]

#: The media type of each format (what a browser is told it downloads).
MEDIA_TYPES = {
    ExportFormat.PNG: "image/png",
    ExportFormat.SVG: "image/svg+xml",
    ExportFormat.PDF: "application/pdf",
    ExportFormat.TEAM_PACK: "application/pdf",
    ExportFormat.CSV: "text/csv",
    ExportFormat.FHIR: "application/fhir+json",
    ExportFormat.JSON: "application/json",
    ExportFormat.GRAPHML: "application/xml",
    ExportFormat.INVITATION: "application/pdf",
    ExportFormat.AGREEMENTS: "application/pdf",
}

_SUFFIX = {
    ExportFormat.PNG: ".png",
    ExportFormat.SVG: ".svg",
    ExportFormat.PDF: ".pdf",
    ExportFormat.TEAM_PACK: ".pdf",
    ExportFormat.CSV: ".csv",
    ExportFormat.FHIR: ".fhir.json",
    ExportFormat.JSON: ".json",
    ExportFormat.GRAPHML: ".graphml",
    ExportFormat.INVITATION: ".pdf",
    ExportFormat.AGREEMENTS: ".pdf",
}


@dataclass(frozen=True)
class MadeExport:
    """A file made for one export, and the log row to record once it is handed over."""

    payload: bytes
    record: ExportRecord
    consent: ConsentState
    #: The patient's CPR number is in the file (asked for, and on record).
    with_cpr: bool


def file_name(options: ExportOptions, version: int, today: date, lang: Lang) -> str:
    """A file name that says what the file is, but not whose (no names in file names).

    >>> from netmap.export.gate import ExportOptions
    >>> file_name(ExportOptions(format="team-pack"), 3, date(2026, 12, 1), "da")
    'teampakke-v3-2026-12-01.pdf'
    >>> file_name(ExportOptions(format="png", redact=True), 3, date(2026, 12, 1), "en")
    'network-map-no-names-v3-2026-12-01.png'
    """
    stem = t(f"export.file.{options.format.value}", lang)
    if options.redact:
        stem = f"{stem}-{t('export.file.redacted', lang)}"
    elif options.for_patient:
        stem = f"{stem}-{t('export.file.for_patient', lang)}"
    return f"{stem}-v{version}-{today.isoformat()}{_SUFFIX[options.format]}"


def _paper(
    network_map: NetworkMap,
    options: ExportOptions,
    *,
    today: date,
    version: int,
    consent: ConsentState,
    lang: Lang,
) -> bytes:
    """A meeting paper: of one meeting (``options.meeting``), never without names."""
    if options.meeting is None:
        raise NetmapError("export.paper_meeting_needed")
    if options.redact:
        raise NetmapError("export.paper_redacted")
    picture = RenderOptions(
        lang=lang,
        export_date=today,
        version=version,
        # The footer names the consent the paper is shared on, as the team pack's does.
        consent_date=consent.given_on if options.audience is Audience.TEAM else None,
        include_cpr=options.include_cpr,
    )
    agreements = options.format is ExportFormat.AGREEMENTS
    return paper_pdf(network_map, agreements, options.meeting, options.participants, picture)


def make_export(
    network_map: NetworkMap,
    options: ExportOptions,
    *,
    map_id: str,
    version: int,
    author: str,
    today: date,
    now: datetime,
    lang: Lang,
) -> MadeExport:
    """The file ``options`` ask for, of ``network_map`` at ``version``, made on ``today``.

    Raises :class:`~netmap.export.gate.ExportRefused` when the export needs a
    valid consent and there is none on ``today``.
    """
    state = check_gate(options, network_map.consent, today, map_ref=map_id)
    if options.format in PAPER_FORMATS:
        payload = _paper(
            network_map, options, today=today, version=version, consent=state, lang=lang
        )
        with_cpr = options.include_cpr and network_map.patient.cpr is not None
    else:
        prepared = prepare(
            network_map, options.audience, include_cpr=options.include_cpr, lang=lang
        )
        payload = render(prepared, options, today=today, version=version, consent=state, lang=lang)
        with_cpr = options.include_cpr and prepared.patient.cpr is not None
    record = ExportRecord(
        map_id=map_id,
        exported_at=now,
        author=author,
        version=version,
        format=options.format.value,
        redacted=options.redact,
        for_patient=options.for_patient,
        include_cpr=options.include_cpr,
        recipient=options.recipient,
    )
    return MadeExport(payload=payload, record=record, consent=state, with_cpr=with_cpr)
