"""Both catalogues hold the same keys with the same placeholders."""

from __future__ import annotations

import string

from netmap.i18n import catalogue, parse_lang, t


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_i18n001_same_keys_and_placeholders_in_da_and_en() -> None:
    da, en = catalogue("da"), catalogue("en")
    assert da.keys() == en.keys()
    for key in da:
        assert _placeholders(da[key]) == _placeholders(en[key]), key


def test_i18n002_danish_is_default() -> None:
    assert parse_lang(None) == "da"
    assert parse_lang("EN") == "en"
    assert parse_lang("fr") == "da"
    assert t("sector.kin") == "Slægt"
