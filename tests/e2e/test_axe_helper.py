"""The axe-core helper itself: it finds what it must find, and passes a clean page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.axe import AXE_VERSION, assert_accessible, violations

BROKEN = """<!doctype html><html lang="da"><head><title>t</title></head><body><main>
<h1>Prøve</h1>
<button style="color:#fff;background:#2680c2">Gem</button>
<input type="text">
<div role="listbox"><label><input type="radio" name="r">A</label></div>
</main></body></html>"""

CLEAN = """<!doctype html><html lang="da"><head><title>t</title></head><body><main>
<h1>Prøve</h1>
<button style="color:#fff;background:#1f6fa8">Gem</button>
<label for="n">Navn</label><input id="n" type="text">
<fieldset><legend>Sektor</legend>
<label><input type="radio" name="r" value="a">A</label></fieldset>
</main></body></html>"""


def test_axe_reports_every_serious_violation(page: Page) -> None:
    page.set_content(BROKEN)
    with pytest.raises(AssertionError) as failed:
        assert_accessible(page)
    text = str(failed.value)
    assert AXE_VERSION in text
    for rule in ("color-contrast", "label", "aria-required-children"):
        assert rule in text, text
    assert "button" in text  # the target is named


def test_axe_passes_a_clean_page_and_can_be_run_twice(page: Page) -> None:
    page.set_content(CLEAN)
    assert_accessible(page)
    assert_accessible(page, context="main")
    assert [v["id"] for v in violations(page) if v["impact"] in ("serious", "critical")] == []
