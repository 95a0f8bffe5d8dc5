"""``netmap export`` and ``netmap export-log``: files for the team, the patient and other tools.

``netmap export MAP --format FORMAT -o FILE|-`` makes one file of a stored map:

1. the options are checked (``--redact`` and ``--for-patient`` exclude each
   other; a redacted file never holds the CPR number);
2. :func:`netmap.export.run.make_export` (the same as the app's share panel):
   the consent gate — a file for the team needs a valid consent today, else
   one line says why and how to fix it, nothing is written and nothing is
   logged — then the map prepared for its audience and made into the format;
3. the file is written
   atomically (readable by its owner only) or to standard output (``-o -``,
   text formats), and recorded in the export log.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import click
from pydantic import ValidationError

from netmap.cli import cli
from netmap.cli.common import common_options
from netmap.cli.language import help_text
from netmap.cli.map_ref import checked_author, resolve_map, stored_maps
from netmap.errors import NetmapError, invalid_input
from netmap.export.formats import BINARY_FORMATS, suffix_format
from netmap.export.gate import MAP_FORMATS, ExportFormat, ExportOptions
from netmap.export.log import describe_record
from netmap.export.output import write_atomic
from netmap.export.run import make_export
from netmap.i18n import Lang, t

__all__ = ["export_command", "export_log_command"]

_STDOUT = "-"


def _format(fmt: str | None, output: str) -> ExportFormat:
    if fmt is not None:
        return ExportFormat(fmt)
    if output == _STDOUT:
        raise NetmapError("export.format_needed_stdout")
    found = suffix_format(Path(output).name)
    if found is None:
        raise NetmapError("export.format_needed", file=Path(output).name)
    return found


@cli.command(name="export", help=help_text("export.cli.help"))
@click.argument("map_ref", metavar="MAP")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in MAP_FORMATS]),
    help=help_text("export.cli.format_help"),
)
@click.option("-o", "--output", required=True, help=help_text("export.cli.output_help"))
@click.option(
    "--version", "version", type=int, default=None, help=help_text("cli_maps.version_help")
)
@click.option("--redact", is_flag=True, help=help_text("export.cli.redact_help"))
@click.option(
    "--for-patient", "for_patient", is_flag=True, help=help_text("export.cli.for_patient_help")
)
@click.option("--include-cpr", is_flag=True, help=help_text("export.cli.include_cpr_help"))
@click.option("--to", "recipient", default=None, help=help_text("export.cli.to_help"))
@click.option("--by", "by", default=None, help=help_text("export.cli.by_help"))
@common_options
def export_command(
    map_ref: str,
    fmt: str | None,
    output: str,
    version: int | None,
    redact: bool,
    for_patient: bool,
    include_cpr: bool,
    recipient: str | None,
    by: str | None,
    db: Path | None,
    lang: Lang,
) -> None:
    chosen = _format(fmt, output)
    to_stdout = output == _STDOUT
    if to_stdout and chosen in BINARY_FORMATS:
        raise NetmapError("export.binary_to_stdout", format=t(f"export.format.{chosen}", lang))
    try:
        options = ExportOptions(
            format=chosen,
            redact=redact,
            for_patient=for_patient,
            include_cpr=include_cpr,
            recipient=recipient,
        )
    except ValidationError as exc:
        raise invalid_input(exc, where="--to") from None
    who = checked_author(by)
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        stored = store.load(summary.map_id, version)
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
        target = None if to_stdout else Path(output)
        if target is None:
            sys.stdout.buffer.write(made.payload)
            sys.stdout.flush()
        else:
            write_atomic(target, made.payload)
        try:
            store.record_export(made.record)
        except BaseException:
            # An export that is not in the log did not happen: take the file back.
            if target is not None:
                target.unlink(missing_ok=True)
            raise
    shown = t(f"export.format.{chosen}", lang)
    if target is None:
        message = t("export.cli.done_stdout", lang, version=stored.version, format=shown)
    else:
        message = t("export.cli.done", lang, version=stored.version, file=str(target), format=shown)
    # With -o - the file is on standard output: the message goes to standard error.
    click.echo(message, err=target is None)
    if made.with_cpr:
        click.echo(t("cli_maps.exported_with_cpr", lang), err=target is None)


@cli.command(name="export-log", help=help_text("export.cli.log_help"))
@click.argument("map_ref", metavar="MAP")
@click.option("--json", "as_json", is_flag=True, help=help_text("export.cli.log_json_help"))
@common_options
def export_log_command(map_ref: str, as_json: bool, db: Path | None, lang: Lang) -> None:
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        records = store.export_log(summary.map_id)
    if as_json:
        rows = [record.model_dump(mode="json") for record in records]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not records:
        click.echo(t("export.cli.log_empty", lang, name=summary.patient_name))
        return
    click.echo(t("export.cli.log_header", lang, name=summary.patient_name, count=len(records)))
    for record in records:
        click.echo(f"  {describe_record(record, lang)}")
