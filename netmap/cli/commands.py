"""Imports every command module so its commands register on ``cli``."""

from netmap.cli import analyse, consent, diff, export, maps, meeting_paper, meetings, serve  # noqa: F401
