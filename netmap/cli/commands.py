"""Imports every command module so its commands register on ``cli``."""

from netmap.cli import analyse, maps, serve  # noqa: F401
