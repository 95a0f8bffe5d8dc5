"""Plurals, numbers, dates and sort order come from the locale, in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from netmap.i18n import (
    Lang,
    catalogue,
    format_date,
    format_datetime,
    format_number,
    plurals,
    sort_key,
    t,
    tn,
)


@pytest.mark.parametrize(
    ("key", "count", "lang", "expected"),
    [
        ("count.persons", 0, "da", "0 personer"),
        ("count.persons", 1, "da", "1 person"),
        ("count.persons", 2, "da", "2 personer"),
        ("count.persons", 1, "en", "1 person"),
        ("count.persons", 2, "en", "2 persons"),
        ("count.versions", 1, "da", "1 version"),
        ("count.versions", 2, "da", "2 versioner"),
        ("count.versions", 2, "en", "2 versions"),
        ("count.ties", 1, "da", "1 streg"),
        ("count.ties", 2, "da", "2 streger"),
        ("count.ties", 1, "en", "1 line"),
        ("count.ties", 1234, "da", "1.234 streger"),
        ("count.ties", 1234, "en", "1,234 lines"),
    ],
)
def test_i18n010_plural_forms_from_the_locale(
    key: str, count: int, lang: Lang, expected: str
) -> None:
    assert tn(key, count, lang) == expected
    assert t(key, lang, count=count) == expected


def test_i18n011_a_plural_message_takes_its_other_placeholders() -> None:
    assert t("app.start.confirm_delete", "da", name="Testa", count=1).startswith(
        "Vil du slette kortet for Testa? Kortets ene version"
    )
    assert "Alle 3 versioner" in t("app.start.confirm_delete", "da", name="Testa", count=3)
    with pytest.raises(TypeError, match="count"):
        t("count.persons", "da")


def test_i18n012_every_plural_message_has_the_forms_its_language_needs() -> None:
    # Danish and English both have "one" and "other" (CLDR); nothing else is used.
    for lang in ("da", "en"):
        for key, forms in plurals(lang).items():
            assert set(forms) == {"one", "other"}, (lang, key)
            assert f"{key}.one" in catalogue(lang) and f"{key}.other" in catalogue(lang)


@pytest.mark.parametrize(
    ("value", "digits", "lang", "expected"),
    [
        (0.4285714, None, "da", "0,43"),
        (0.4285714, None, "en", "0.43"),
        (1234.5, 1, "da", "1.234,5"),
        (1234.5, 1, "en", "1,234.5"),
        (3, None, "da", "3"),
        (3.0, None, "en", "3"),
        (3.0, 2, "da", "3,00"),
        (0.5, 0, "da", "0"),  # half to even, as Babel rounds
        (12345678, None, "da", "12.345.678"),
        (-0.25, 2, "en", "-0.25"),
    ],
)
def test_i18n013_numbers(value: float, digits: int | None, lang: Lang, expected: str) -> None:
    assert format_number(value, lang, digits) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (date(2026, 11, 22), "da", "22.11.2026"),
        (date(2025, 10, 1), "da", "01.10.2025"),
        (date(2026, 11, 22), "en", "Nov 22, 2026"),
        (date(2025, 10, 1), "en", "Oct 1, 2025"),
    ],
)
def test_i18n014_one_date_format_per_language(value: date, lang: Lang, expected: str) -> None:
    assert format_date(value, lang) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (datetime(2026, 11, 22, 14, 5), "da", "22.11.2026 14.05"),
        (datetime(2026, 11, 22, 9, 0), "da", "22.11.2026 09.00"),
        (datetime(2026, 11, 22, 14, 5), "en", "Nov 22, 2026, 2:05\u202fPM"),
    ],
)
def test_i18n015_date_and_time(value: datetime, lang: Lang, expected: str) -> None:
    assert format_datetime(value, lang) == expected


def test_i18n016_an_aware_moment_is_shown_in_local_time() -> None:
    moment = datetime(2026, 11, 22, 13, 5, tzinfo=UTC)
    local = moment.astimezone()
    assert format_datetime(moment, "da") == format_datetime(local.replace(tzinfo=None), "da")


@pytest.mark.parametrize(
    ("lang", "names", "expected"),
    [
        # Danish: ... Z, Æ, Ø, Å after Z; "Aa" is Å; case does not decide the letter.
        ("da", ["Åse", "Ærø", "Øjvind", "Zenia"], ["Zenia", "Ærø", "Øjvind", "Åse"]),
        ("da", ["Aalborg", "Anna", "Åse", "Aase"], ["Anna", "Aalborg", "Åse", "Aase"]),
        ("da", ["bo", "ærlig", "Øster", "cecilie"], ["bo", "cecilie", "ærlig", "Øster"]),
        # ä and ö sort as æ and ø; other accents are folded.
        ("da", ["Öberg", "Ødum", "Ärlig", "Æble"], ["Æble", "Ärlig", "Öberg", "Ødum"]),
        ("da", ["Émile", "Eva", "Ebbe"], ["Ebbe", "Émile", "Eva"]),
        # English: Å is an A, Æ is "ae", Ø an O.
        ("en", ["Zenia", "Åse", "Øjvind", "Ærø"], ["Ærø", "Åse", "Øjvind", "Zenia"]),
        ("en", ["Aalborg", "Anna", "Åse"], ["Aalborg", "Anna", "Åse"]),
        ("en", ["bo", "Anne", "cecilie"], ["Anne", "bo", "cecilie"]),
    ],
)
def test_i18n017_collation(lang: Lang, names: list[str], expected: list[str]) -> None:
    assert sorted(names, key=lambda name: sort_key(name, lang)) == expected
