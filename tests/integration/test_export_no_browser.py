"""Issue 10, item 10: every picture and PDF is made on a machine with no browser.

The renderers run in a fresh interpreter whose PATH holds no program at all
(so no ``chromium``, ``chrome`` or ``google-chrome``) and whose
``BROWSER_PATH`` (kaleido's override) points nowhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_CHILD = """
import json, shutil, sys
from datetime import date
from pathlib import Path
from netmap.interchange import read_map
from netmap.export.picture import map_pdf, map_png, map_svg
from netmap.export.picture_options import RenderOptions
from netmap.export.team_pack import team_pack_pdf

found = [n for n in ("chromium", "chrome", "google-chrome", "chromium-browser")
         if shutil.which(n)]
out = Path(sys.argv[1])
network_map = read_map(Path(sys.argv[2]))
options = RenderOptions(export_date=date(2026, 12, 1), consent_date=date(2026, 5, 4))
(out / "map.png").write_bytes(map_png(network_map, options))
(out / "map.pdf").write_bytes(map_pdf(network_map, options))
(out / "map.svg").write_text(map_svg(network_map, options), encoding="utf-8")
(out / "pack.pdf").write_bytes(team_pack_pdf(network_map, options))
print(json.dumps({"browsers": found, "kaleido": "kaleido" in sys.modules}))
"""


def test_nobrowser001_png_and_pdf_without_any_browser(tmp_path: Path) -> None:
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PATH", "BROWSER_PATH", "CHROME_PATH", "PLAYWRIGHT_BROWSERS_PATH"}
    }
    env |= {"PATH": str(empty_bin), "BROWSER_PATH": str(tmp_path / "no-such-browser")}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tmp_path), str(REPO / "netmap/demo/sofie.graphml")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"browsers": [], "kaleido": False}
    png = (tmp_path / "map.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") >= 2000
    for name in ("map.pdf", "pack.pdf"):
        data = (tmp_path / name).read_bytes()
        assert data[:5] == b"%PDF-" and data.rstrip().endswith(b"%%EOF")
    assert "Sofie Jensen" in (tmp_path / "map.svg").read_text(encoding="utf-8")
