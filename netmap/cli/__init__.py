"""The ``netmap`` command line: a thin layer over the model, store and analysis.

Each sub-command lives in its own module and is registered here. Every
command takes ``--db PATH`` and ``--lang da|en``; errors are printed as one
line in the user's language, never as a traceback.
"""

from __future__ import annotations

import click

from netmap.cli.common import run_cli

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="netmap")
def cli() -> None:
    """netmap – netværkskort for Patientens team."""


def _register() -> None:
    # Imported here so each module can add its commands to ``cli``.
    from netmap.cli import commands  # noqa: F401


def main() -> None:
    _register()
    run_cli(cli)
