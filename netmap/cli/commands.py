"""Imports every command module so its commands register on ``cli``."""

from netmap.cli import analyse, consent, diff, export, maps, meetings, serve  # noqa: F401
