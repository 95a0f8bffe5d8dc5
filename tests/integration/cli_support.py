"""Running ``netmap`` in-process for the CLI tests (same entry point as ``python -m netmap``)."""

from __future__ import annotations

import re
import sys
from importlib import resources
from pathlib import Path

import pytest

from netmap.cli import main

SOFIE_BYTES = (resources.files("netmap") / "demo" / "sofie.graphml").read_bytes()
MAP_ID = re.compile(r"^[0-9a-f]{32}$")


class Cli:
    """Runs ``netmap ARGS`` in-process; returns (exit code, stdout, stderr)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        self.monkeypatch = monkeypatch
        self.capsys = capsys

    def __call__(self, *args: str | Path) -> tuple[int, str, str]:
        self.capsys.readouterr()
        self.monkeypatch.setattr(sys, "argv", ["netmap", *map(str, args)])
        with pytest.raises(SystemExit) as info:
            main()
        out, err = self.capsys.readouterr()
        code = info.value.code
        return (code if isinstance(code, int) else 1), out, err

    def ok(self, *args: str | Path) -> str:
        code, out, err = self(*args)
        assert code == 0, err
        return out

    def fails(self, *args: str | Path) -> str:
        """Runs a command that must fail with a one-line error; returns the error."""
        code, _, err = self(*args)
        assert code == 2, err
        assert len(err.strip().splitlines()) == 1, err
        return err.strip()

    def imported(self, file: Path, db: Path) -> str:
        out = self.ok("import", file, "--db", db)
        last = out.strip().splitlines()[-1]
        assert MAP_ID.match(last), out
        return last
