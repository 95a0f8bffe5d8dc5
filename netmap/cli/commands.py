"""Imports every command module so its commands register on ``cli``."""

from netmap.cli import maps  # noqa: F401
