"""Running ``netmap`` in-process for the consent and export tests (fictional data)."""

from __future__ import annotations

import sys
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from netmap.cli import main

SOFIE_BYTES = (resources.files("netmap") / "demo" / "sofie.graphml").read_bytes()


def year_before(day: date) -> date:
    """The same date a year before (28 February for a 29th): a consent given
    then is valid to and including ``day``."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


class Cli:
    """Runs ``netmap ARGS --db DB`` in-process; returns (exit code, stdout, stderr)."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: Path
    ) -> None:
        self.monkeypatch = monkeypatch
        self.capsys = capsys
        self.db = db

    def __call__(self, *args: str | Path) -> tuple[int, str, str]:
        self.capsys.readouterr()
        argv = ["netmap", *map(str, args), "--db", str(self.db)]
        self.monkeypatch.setattr(sys, "argv", argv)
        with pytest.raises(SystemExit) as info:
            main()
        out, err = self.capsys.readouterr()
        code = info.value.code
        return (code if isinstance(code, int) else 1), out, err

    def ok(self, *args: str | Path) -> str:
        code, out, err = self(*args)
        assert code == 0, err
        return out

    def import_map(self, path: Path) -> str:
        """Import a map file; its new id."""
        return self.ok("import", path).strip().splitlines()[-1]
