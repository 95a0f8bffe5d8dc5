"""Which function makes each export format, from a map already prepared for its audience."""

from __future__ import annotations

from datetime import date

from netmap.consent import ConsentState
from netmap.export.csv_export import overview_csv
from netmap.export.fhir import fhir_json
from netmap.export.gate import ExportFormat, ExportOptions
from netmap.export.picture import map_pdf, map_png, map_svg
from netmap.export.picture_options import RenderOptions
from netmap.export.redact import Audience
from netmap.export.team_pack import team_pack_pdf
from netmap.i18n import Lang
from netmap.interchange import dump_json, to_graphml
from netmap.model import NetworkMap

__all__ = ["BINARY_FORMATS", "render", "suffix_format"]

#: Formats that are not text: never written to a terminal.
BINARY_FORMATS = frozenset({ExportFormat.PNG, ExportFormat.PDF, ExportFormat.TEAM_PACK})

_SUFFIXES = {
    ".json": ExportFormat.JSON,
    ".graphml": ExportFormat.GRAPHML,
    ".xml": ExportFormat.GRAPHML,
    ".png": ExportFormat.PNG,
    ".svg": ExportFormat.SVG,
    ".pdf": ExportFormat.PDF,
    ".csv": ExportFormat.CSV,
}


def suffix_format(name: str) -> ExportFormat | None:
    """The format a file name says, if it says one (``.fhir.json`` is FHIR).

    >>> suffix_format("kort.CSV"), suffix_format("team.fhir.json"), suffix_format("x.txt")
    (<ExportFormat.CSV: 'csv'>, <ExportFormat.FHIR: 'fhir'>, None)
    """
    lowered = name.lower()
    if lowered.endswith(".fhir.json"):
        return ExportFormat.FHIR
    dot = lowered.rfind(".")
    return _SUFFIXES.get(lowered[dot:]) if dot >= 0 else None


def render(
    prepared: NetworkMap,
    options: ExportOptions,
    *,
    today: date,
    version: int,
    consent: ConsentState,
    lang: Lang,
) -> bytes:
    """The file's bytes. ``prepared`` comes from :func:`netmap.export.redact.prepare`."""
    fmt = options.format
    if fmt is ExportFormat.JSON:
        return dump_json(prepared, include_cpr=options.include_cpr).encode("utf-8")
    if fmt is ExportFormat.GRAPHML:
        return to_graphml(prepared, include_cpr=options.include_cpr)
    if fmt is ExportFormat.CSV:
        return overview_csv(prepared, lang)
    if fmt is ExportFormat.FHIR:
        return fhir_json(prepared, today=today, lang=lang)
    # The footer names the consent the sharing rests on: only in files for the team.
    picture = RenderOptions(
        lang=lang,
        export_date=today,
        version=version,
        consent_date=consent.given_on if options.audience is Audience.TEAM else None,
        include_cpr=options.include_cpr,
    )
    if fmt is ExportFormat.SVG:
        return map_svg(prepared, picture).encode("utf-8")
    if fmt is ExportFormat.PNG:
        return map_png(prepared, picture)
    if fmt is ExportFormat.PDF:
        return map_pdf(prepared, picture)
    return team_pack_pdf(prepared, picture)
