"""``netmap meeting paper MAP MEETING --invitation|--agreements -o FILE``: a paper as PDF.

The same papers as the meetings page, made like every export by
:func:`netmap.export.run.make_export` (formats ``invitation`` and
``agreements``): the consent gate first — a paper for the team needs a valid
consent today, else one line says why, nothing is written and nothing is
logged; ``--for-patient`` makes the patient's own copy, which needs none —
then the paper (:mod:`netmap.export.meeting_papers`; the invite list as
participants), written owner-only and atomically, and recorded in the export
log (``netmap export-log``). The CPR number only with ``--include-cpr``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import click
from pydantic import ValidationError

from netmap.cli.common import common_options
from netmap.cli.language import help_text
from netmap.cli.map_ref import checked_author, resolve_map, stored_maps
from netmap.cli.meetings import _meeting_id, meeting_group
from netmap.errors import NetmapError, invalid_input
from netmap.export.gate import ExportFormat, ExportOptions
from netmap.export.output import write_atomic
from netmap.export.run import make_export
from netmap.i18n import Lang, t

__all__ = ["paper_command"]


@meeting_group.command(name="paper", help=help_text("meetings_app.cli.paper_help"))
@click.argument("map_ref", metavar="MAP")
@click.argument("meeting_ref", metavar="MEETING")
@click.option(
    "--invitation",
    "which",
    flag_value="invitation",
    help=help_text("meetings_app.cli.invitation_help"),
)
@click.option(
    "--agreements",
    "which",
    flag_value="agreements",
    help=help_text("meetings_app.cli.agreements_help"),
)
@click.option("--include-cpr", is_flag=True, help=help_text("meetings_app.cli.cpr_help"))
@click.option(
    "--for-patient",
    "for_patient",
    is_flag=True,
    help=help_text("meetings_app.cli.for_patient_help"),
)
@click.option("--to", "recipient", default=None, help=help_text("export.cli.to_help"))
@click.option("--by", "by", default=None, help=help_text("export.cli.by_help"))
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help=help_text("meetings_app.cli.output_help"),
)
@common_options
def paper_command(
    map_ref: str,
    meeting_ref: str,
    which: str | None,
    include_cpr: bool,
    for_patient: bool,
    recipient: str | None,
    by: str | None,
    output: Path,
    db: Path | None,
    lang: Lang,
) -> None:
    if which is None:
        raise NetmapError("meetings_app.cli.which")
    who = checked_author(by)
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        stored = store.load(summary.map_id)
        try:
            options = ExportOptions(
                format=ExportFormat(which),
                for_patient=for_patient,
                include_cpr=include_cpr,
                recipient=recipient,
                meeting=_meeting_id(stored.map, meeting_ref),
            )
        except ValidationError as exc:
            raise invalid_input(exc, where="--to") from None
        made = make_export(
            stored.map,
            options,
            map_id=summary.map_id,
            version=stored.version,
            author=who,
            today=date.today(),
            now=datetime.now(UTC),
            lang=lang,
        )
        write_atomic(output, made.payload)
        try:
            store.record_export(made.record)
        except BaseException:
            # A paper that is not in the export log did not leave: take the file back.
            output.unlink(missing_ok=True)
            raise
    click.echo(t("meetings_app.cli.written", lang, file=str(output)))
    if made.with_cpr:
        click.echo(t("cli_maps.exported_with_cpr", lang))
