"""The export log: every file that left netmap, for the patient to see.

DOMAIN.md, "Consent and privacy", and issue 10: *every export is recorded
(when, who, which version, which format, redacted or not, to whom if given)*;
the patient may ask to see it. A refused export is no export and is not
recorded. The rows live in the store (``export_log``, one per export, erased
with the map).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from netmap.i18n import DEFAULT_LANG, Lang, format_datetime, t
from netmap.model import StrictModel

__all__ = ["ExportRecord", "describe_record"]


class ExportRecord(StrictModel):
    """One export: when, who, which version and format, for whom."""

    map_id: str
    exported_at: datetime
    author: str = Field(min_length=1, max_length=200)
    version: int = Field(ge=1)
    format: str = Field(min_length=1, max_length=20)
    redacted: bool = False
    for_patient: bool = False
    include_cpr: bool = False
    recipient: str | None = Field(default=None, max_length=200, description="--to")


def describe_record(record: ExportRecord, lang: Lang = DEFAULT_LANG) -> str:
    """One line of ``netmap export-log``.

    >>> from datetime import UTC
    >>> r = ExportRecord(map_id="m", exported_at=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
    ...                  author="kp", version=3, format="csv", recipient="Jobcenter")
    >>> describe_record(r, "en").split(" · ", 1)[1]
    'kp · version 3 · CSV · for the team · to Jobcenter'
    """
    parts = [
        format_datetime(record.exported_at, lang),
        record.author,
        t("export.log.version", lang, version=record.version),
        t(f"export.format.{record.format}", lang),
    ]
    if record.redacted:
        parts.append(t("export.log.redacted", lang))
    elif record.for_patient:
        parts.append(t("export.log.for_patient", lang))
    elif record.format in ("json", "graphml"):
        parts.append(t("export.log.own", lang))
    else:
        parts.append(t("export.log.for_team", lang))
    if record.include_cpr:
        parts.append(t("export.log.with_cpr", lang))
    if record.recipient:
        parts.append(t("export.log.to", lang, recipient=record.recipient))
    return " · ".join(parts)
