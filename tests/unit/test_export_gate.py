"""The consent gate: which exports need a valid consent today, and the refusal line."""

from __future__ import annotations

from datetime import date

import pytest

from netmap.errors import NetmapError
from netmap.export.gate import (
    TEAM_FORMATS,
    ExportFormat,
    ExportOptions,
    ExportRefused,
    check_gate,
    needs_consent,
)
from netmap.model import Consent

TODAY = date(2026, 12, 1)
CONSENTS = {
    "one_year": Consent(given_on=date(2025, 12, 1)),
    "one_year_and_a_day": Consent(given_on=date(2025, 11, 30)),
    "withdrawn": Consent(given_on=date(2026, 6, 1), withdrawn_on=date(2026, 11, 15)),
    "none": None,
}
ALLOWED = {"one_year": True, "one_year_and_a_day": False, "withdrawn": False, "none": False}


@pytest.mark.parametrize("fmt", list(ExportFormat))
@pytest.mark.parametrize("case", list(CONSENTS))
def test_gate001_team_formats_need_valid_consent_others_never(fmt: ExportFormat, case: str) -> None:
    consent = CONSENTS[case]
    team = ExportOptions(format=fmt)
    if fmt in TEAM_FORMATS and not ALLOWED[case]:
        with pytest.raises(ExportRefused):
            check_gate(team, consent, TODAY, map_ref="abc")
    else:
        check_gate(team, consent, TODAY, map_ref="abc")
    for always in (
        ExportOptions(format=fmt, redact=True),
        ExportOptions(format=fmt, for_patient=True),
    ):
        assert not needs_consent(always)
        check_gate(always, consent, TODAY, map_ref="abc")


@pytest.mark.parametrize(
    ("case", "da", "en"),
    [
        ("none", "Der er ikke registreret noget samtykke", "No consent is recorded"),
        ("one_year_and_a_day", "Samtykket udløb den 30.11.2026", "expired on Nov 30, 2026"),
        ("withdrawn", "trukket tilbage den 15.11.2026", "withdrawn on Nov 15, 2026"),
    ],
)
def test_gate002_refusal_is_one_line_with_why_and_how(case: str, da: str, en: str) -> None:
    with pytest.raises(ExportRefused) as info:
        check_gate(ExportOptions(format="csv"), CONSENTS[case], TODAY, map_ref="abc123")
    for lang, why in (("da", da), ("en", en)):
        message = info.value.message(lang)
        assert "\n" not in message
        assert why in message
        assert "netmap consent abc123 --given-on" in message


def test_gate003_option_combinations() -> None:
    with pytest.raises(NetmapError) as info:
        ExportOptions(format="png", redact=True, for_patient=True)
    assert info.value.key == "export.redact_and_for_patient"
    with pytest.raises(NetmapError) as info:
        ExportOptions(format="png", redact=True, include_cpr=True)
    assert info.value.key == "export.redact_and_cpr"
    assert ExportOptions(format="json").audience.value == "own"
    assert ExportOptions(format="svg").audience.value == "team"
