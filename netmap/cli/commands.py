"""Imports every command module so its commands register on ``cli``."""

from netmap.cli import (  # noqa: F401
    analyse,
    consent,
    diff,
    export,
    maps,
    meeting_paper,
    meetings,
    serve,
    share,
)
