"""The ``netmap`` command line: a thin layer over the model, store and analysis.

Each sub-command lives in its own module and is registered here. Every
command takes ``--db PATH`` and ``--lang da|en`` (or ``NETMAP_LANG``); the
language is read before the commands are built, so ``--help`` and errors are
wholly in it (:mod:`netmap.cli.language`); errors are printed as one line in
the user's language, never as a traceback.
"""

from __future__ import annotations

import click

from netmap.cli.common import run_cli
from netmap.cli.language import cli_lang, help_text, localize, use_click_language
from netmap.i18n import LANGUAGES, Lang

__all__ = ["build", "cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="netmap")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    expose_value=False,
    # Read from the arguments before click runs (cli_lang); here so it is allowed.
    help=help_text("cli.common.lang_help"),
)
def cli() -> None:
    """netmap – netværkskort for Patientens team."""


def _register() -> None:
    # Imported here so each module can add its commands to ``cli``.
    from netmap.cli import commands  # noqa: F401


def build(lang: Lang) -> click.Group:
    """The command group with every command, its help and click's words in ``lang``.

    The command modules read the language from the arguments when they are
    imported, so this is for the language the process was started with.
    """
    use_click_language(lang)
    _register()
    localize(cli, lang)
    return cli


def main() -> None:
    run_cli(build(cli_lang()))
