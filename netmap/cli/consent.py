"""``netmap consent MAP``: show, record, renew or withdraw the patient's consent.

* ``netmap consent MAP`` prints the state (valid / expires in N days / expired
  / missing / withdrawn) and what is on record.
* ``netmap consent MAP --given-on DATE [--by NAME]`` records a consent or
  renews it (:class:`~netmap.editing.RecordConsent`).
* ``netmap consent MAP --withdraw [--on DATE]`` withdraws it
  (:class:`~netmap.editing.WithdrawConsent`).

A change is an edit like any other: a new version with a change summary.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from netmap.cli import cli
from netmap.cli.common import common_options
from netmap.cli.language import help_text
from netmap.cli.map_ref import checked_author, resolve_map, stored_maps
from netmap.consent import consent_state, format_day
from netmap.editing import RecordConsent, WithdrawConsent
from netmap.errors import NetmapError
from netmap.i18n import Lang, t
from netmap.model import NetworkMap

__all__ = ["consent_command", "parse_day", "show_consent"]

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(option: str, value: str | None) -> date | None:
    """A date option (YYYY-MM-DD); a bad value names the option and the value.

    >>> parse_day("--given-on", "2026-03-01")
    datetime.date(2026, 3, 1)
    >>> try:
    ...     parse_day("--on", "1/3-2026")
    ... except NetmapError as exc:
    ...     print(exc.message("en"))
    --on must be a date written YYYY-MM-DD, e.g. 2026-03-01. Got: 1/3-2026
    """
    if value is None:
        return None
    text = value.strip()
    if _DATE_RE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise NetmapError("consent.cli.bad_date", option=option, value=value)


def show_consent(network_map: NetworkMap, today: date, lang: Lang) -> list[str]:
    """The lines ``netmap consent MAP`` prints: the state, then what is on record."""
    consent = network_map.consent
    lines = [consent_state(consent, today).message(lang)]
    if consent is not None:
        lines.append(t("consent.cli.given_on", lang, date=format_day(consent.given_on, lang)))
        if consent.recorded_by:
            lines.append(t("consent.cli.recorded_by", lang, name=consent.recorded_by))
        if consent.withdrawn_on is not None:
            day = format_day(consent.withdrawn_on, lang)
            lines.append(t("consent.cli.withdrawn_on", lang, date=day))
    return lines


@cli.command(name="consent", help=help_text("consent.cli.help"))
@click.argument("map_ref", metavar="MAP")
@click.option("--given-on", "given_on", help=help_text("consent.cli.given_on_help"))
@click.option("--by", "by", default=None, help=help_text("consent.cli.by_help"))
@click.option("--withdraw", is_flag=True, help=help_text("consent.cli.withdraw_help"))
@click.option("--on", "on", help=help_text("consent.cli.on_help"))
@common_options
def consent_command(
    map_ref: str,
    given_on: str | None,
    by: str | None,
    withdraw: bool,
    on: str | None,
    db: Path | None,
    lang: Lang,
) -> None:
    given = parse_day("--given-on", given_on)
    withdrawn = parse_day("--on", on)
    if given is not None and withdraw:
        raise NetmapError("consent.cli.given_and_withdraw")
    if withdrawn is not None and not withdraw:
        raise NetmapError("consent.cli.on_needs_withdraw")
    if by is not None and given is None:
        raise NetmapError("consent.cli.by_needs_given_on")
    today = date.today()
    changing = given is not None or withdraw
    who = checked_author(by) if changing else ""
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        stored = store.load(summary.map_id)
        if not changing:
            for line in show_consent(stored.map, today, lang):
                click.echo(line)
            return
        op: RecordConsent | WithdrawConsent
        if given is not None:
            op = RecordConsent(given_on=given, recorded_by=who, today=today)
        else:
            op = WithdrawConsent(withdrawn_on=withdrawn, today=today)
        new_map = op.apply(stored.map)
        saved = store.save(summary.map_id, new_map, base_version=stored.version, author=who)
    if saved.version == stored.version:
        click.echo(t("consent.cli.unchanged", lang, version=saved.version))
    else:
        click.echo(t("consent.cli.saved", lang, version=saved.version))
    for line in show_consent(saved.map, today, lang):
        click.echo(line)
