"""``netmap share MAP [PERSON] [--yes|--no|--default]``: who is shared with the team.

The patient decides per person whether the team may see that person's name and
contact details (:func:`netmap.analysis.sharing.shared_with_team`; while the
patient has not decided, a rule fills in).

* ``netmap share MAP`` lists every person: shared or by role only, and whether
  that is the patient's choice or the rule.
* ``netmap share MAP PERSON --yes`` (or ``--no``) records the patient's
  choice; ``--default`` goes back to the rule. PERSON is a person's id or
  name. A change is an edit like any other (:class:`~netmap.editing.UpdatePerson`):
  a new version.
"""

from __future__ import annotations

from pathlib import Path

import click

from netmap.analysis.sharing import shared_with_team
from netmap.cli import cli
from netmap.cli.common import common_options
from netmap.cli.language import help_text
from netmap.cli.map_ref import checked_author, resolve_map, stored_maps
from netmap.editing import PersonChanges, UpdatePerson
from netmap.errors import NetmapError
from netmap.i18n import Lang, t
from netmap.model import NetworkMap, Person

__all__ = ["find_person", "share_command", "share_lines"]


def find_person(network_map: NetworkMap, ref: str) -> Person:
    """The person whose id is ``ref``, else the one whose name is ``ref`` (any case).

    >>> from netmap.model import Patient
    >>> m = NetworkMap(patient=Patient(name="P"), persons=[
    ...     Person(id="mor", name="Mette Dahl", sector="family", distance=0.2)])
    >>> find_person(m, "mette dahl").id, find_person(m, "mor").name
    ('mor', 'Mette Dahl')
    """
    wanted = ref.strip()
    for person in network_map.persons:
        if person.id == wanted:
            return person
    named = [p for p in network_map.persons if p.name.casefold() == wanted.casefold()]
    if len(named) == 1:
        return named[0]
    if named:
        raise NetmapError("share_app.cli.ambiguous_person", ref=ref, count=len(named))
    raise NetmapError("share_app.cli.no_person", ref=ref)


def share_lines(network_map: NetworkMap, lang: Lang) -> list[str]:
    """One line per person: shared or by role only; the patient's choice or the rule."""
    lines = []
    for person in network_map.persons:
        shown = f"{person.name} ({person.role})" if person.role else person.name
        state = t(
            "share_app.person.shared" if shared_with_team(person) else "share_app.person.role_only",
            lang,
        )
        why = t(
            "share_app.person.by_rule"
            if person.share_with_team is None
            else "share_app.person.by_patient",
            lang,
        )
        lines.append(f"  {shown} – {state} ({why})")
    return lines


@cli.command(name="share", help=help_text("share_app.cli.help"))
@click.argument("map_ref", metavar="MAP")
@click.argument("person_ref", metavar="PERSON", required=False)
@click.option("--yes", "choice", flag_value="yes", help=help_text("share_app.cli.yes_help"))
@click.option("--no", "choice", flag_value="no", help=help_text("share_app.cli.no_help"))
@click.option(
    "--default", "choice", flag_value="default", help=help_text("share_app.cli.default_help")
)
@click.option("--by", "by", default=None, help=help_text("share_app.cli.by_help"))
@common_options
def share_command(
    map_ref: str,
    person_ref: str | None,
    choice: str | None,
    by: str | None,
    db: Path | None,
    lang: Lang,
) -> None:
    if choice is not None and person_ref is None:
        raise NetmapError("share_app.cli.choice_needs_person")
    if person_ref is not None and choice is None:
        raise NetmapError("share_app.cli.person_needs_choice")
    who = checked_author(by) if choice is not None else ""
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        stored = store.load(summary.map_id)
        if person_ref is None:
            click.echo(t("share_app.cli.header", lang, name=summary.patient_name))
            for line in share_lines(stored.map, lang) or [t("share_app.cli.no_persons", lang)]:
                click.echo(line)
            return
        person = find_person(stored.map, person_ref)
        value = {"yes": True, "no": False, "default": None}[choice or "default"]
        op = UpdatePerson(id=person.id, changes=PersonChanges(share_with_team=value))
        changed = op.apply(stored.map)
        saved = store.save(summary.map_id, changed, base_version=stored.version, author=who)
    key = "share_app.cli.unchanged" if saved.version == stored.version else "share_app.cli.saved"
    click.echo(t(key, lang, version=saved.version))
    click.echo(share_lines(saved.map, lang)[[p.id for p in saved.map.persons].index(person.id)])
