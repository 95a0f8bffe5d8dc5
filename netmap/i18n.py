"""The message catalogues and the locale rules: plurals, numbers, dates, sorting.

Each language is one catalogue, kept as a folder of JSON files split by area
(``errors.json``, ``cli.json``, ``analysis.json``, ``app.json`` …) so that the
areas can grow independently. Keys are unique across the files of a language
and both languages hold the same keys (a unit test checks it).

A message that depends on a number is a JSON object of CLDR plural categories,
``"count.persons": {"one": "{count} person", "other": "{count} personer"}``;
:func:`t` (given ``count``) or :func:`tn` picks the form with Babel's plural
rule for the language. Numbers, dates and sort order also come from the
locale (Babel, ICU), never from hand-written rules, so that every screen, the
command line and the reports say ``22.11.2026`` and ``0,43`` the same way.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any, Literal, cast

import icu
from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

__all__ = [
    "DEFAULT_LANG",
    "LANGUAGES",
    "Lang",
    "catalogue",
    "format_date",
    "format_datetime",
    "format_number",
    "format_percent",
    "parse_lang",
    "plural_category",
    "plurals",
    "sort_key",
    "t",
    "tn",
]

Lang = Literal["da", "en"]
LANGUAGES: tuple[Lang, ...] = ("da", "en")
DEFAULT_LANG: Lang = "da"

#: One date format per language: Danish 22.11.2026, English Nov 22, 2026
#: (Babel's ``medium``: an all-number English date is read differently in the
#: US and the UK).
_DATE_FORMAT: dict[Lang, Literal["short", "medium"]] = {"da": "short", "en": "medium"}


def parse_lang(value: object) -> Lang:
    """A supported language code, or the default for anything else."""
    if isinstance(value, str) and value.lower() in LANGUAGES:
        return cast(Lang, value.lower())
    return DEFAULT_LANG


@cache
def _files(lang: Lang) -> dict[str, str | dict[str, str]]:
    merged: dict[str, str | dict[str, str]] = {}
    folder = resources.files("netmap") / "locale" / lang
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        part = json.loads(entry.read_text(encoding="utf-8"))
        clash = merged.keys() & part.keys()
        if clash:
            raise RuntimeError(f"{lang}/{entry.name} repeats keys: {sorted(clash)}")
        merged.update(part)
    return merged


@cache
def plurals(lang: Lang) -> dict[str, dict[str, str]]:
    """The messages with plural forms: key → {CLDR category → template}."""
    found: dict[str, dict[str, str]] = {}
    for key, value in _files(lang).items():
        if isinstance(value, dict):
            if "other" not in value:
                raise RuntimeError(f"{lang}: plural message {key} has no 'other' form")
            found[key] = value
    return found


@cache
def catalogue(lang: Lang) -> dict[str, str]:
    """All messages of one language, merged from its files.

    A plural message appears once per form, as ``key.one``, ``key.other`` …,
    so that checks over every template (same keys, same placeholders) see them.
    """
    merged: dict[str, str] = {}
    for key, value in _files(lang).items():
        if isinstance(value, dict):
            merged.update({f"{key}.{form}": text for form, text in value.items()})
        else:
            merged[key] = value
    return merged


@cache
def _locale(lang: Lang) -> Locale:
    return Locale.parse(lang)


def plural_category(count: float, lang: Lang) -> str:
    """The CLDR plural category of ``count`` in ``lang`` (Babel's rule).

    >>> plural_category(1, "da"), plural_category(2, "da"), plural_category(0, "en")
    ('one', 'other', 'other')
    """
    return str(_locale(lang).plural_form(count))


def tn(key: str, count: float, lang: Lang = DEFAULT_LANG, /, **params: Any) -> str:
    """The plural message ``key`` in the form ``count`` asks for, with
    ``{count}`` written as a number of ``lang`` and the other placeholders filled.

    >>> tn("count.persons", 1, "da"), tn("count.persons", 2, "da")
    ('1 person', '2 personer')
    >>> tn("count.versions", 1, "en"), tn("count.versions", 1200, "en")
    ('1 version', '1,200 versions')
    """
    forms = plurals(lang)[key]
    template = forms.get(plural_category(count, lang), forms["other"])
    return template.format(**{**params, "count": format_number(count, lang)})


def t(key: str, lang: Lang = DEFAULT_LANG, /, **params: Any) -> str:
    """The message ``key`` in ``lang``, with ``{placeholders}`` filled in.

    A plural message (see :func:`tn`) needs ``count``. An unknown key raises
    ``KeyError``: a missing message is a bug, not a fallback to English.

    >>> t("lang.name", "da")
    'Dansk'
    >>> t("count.ties", "da", count=1)
    '1 streg'
    """
    if key in plurals(lang):
        if "count" not in params:
            raise TypeError(f"the plural message {key} needs count=")
        count = params.pop("count")
        return tn(key, count, lang, **params)
    template = catalogue(lang)[key]
    return template.format(**params) if params else template


def format_number(value: float, lang: Lang = DEFAULT_LANG, /, digits: int | None = None) -> str:
    """A number as a reader of ``lang`` writes it (Babel's ``format_decimal``).

    Whole numbers are written without decimals; others with ``digits``
    decimals (default 2). With ``digits`` given, every number gets them.

    >>> format_number(0.4285714, "da"), format_number(0.4285714, "en")
    ('0,43', '0.43')
    >>> format_number(1234.5, "da", 1), format_number(3, "da"), format_number(3.0, "en", 1)
    ('1.234,5', '3', '3.0')
    """
    if digits is None:
        digits = 0 if float(value).is_integer() else 2
    if digits == 0 and type(value) is int and -1000 < value < 1000:
        # The counts of every plural (tn): the history page writes a thousand of them.
        return _small_int(value, lang)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return str(babel_numbers.format_decimal(value, format=pattern, locale=_locale(lang)))


@cache
def _small_int(value: int, lang: Lang) -> str:
    return str(babel_numbers.format_decimal(value, format="#,##0", locale=_locale(lang)))


def format_percent(share: float, lang: Lang = DEFAULT_LANG, /) -> str:
    """A share (0–1) as a whole percentage, as a reader of ``lang`` writes it (Babel).

    >>> format_percent(0.4285714, "da"), format_percent(0.5, "en")
    ('43\xa0%', '50%')
    """
    return str(babel_numbers.format_percent(share, locale=_locale(lang)))


def format_date(value: date, lang: Lang = DEFAULT_LANG, /) -> str:
    """A date in the one format of ``lang``.

    >>> format_date(date(2026, 11, 22), "da"), format_date(date(2026, 11, 22), "en")
    ('22.11.2026', 'Nov 22, 2026')
    """
    return str(babel_dates.format_date(value, _DATE_FORMAT[lang], locale=_locale(lang)))


def format_datetime(value: datetime, lang: Lang = DEFAULT_LANG, /) -> str:
    """A moment as the date of :func:`format_date` and the time in hours and
    minutes, in the local time zone when ``value`` is aware.

    >>> format_datetime(datetime(2026, 11, 22, 14, 5), "da")
    '22.11.2026 14.05'
    >>> format_datetime(datetime(2026, 11, 22, 14, 5), "en")
    'Nov 22, 2026, 2:05\\u202fPM'
    """
    local = value.astimezone() if value.tzinfo is not None else value
    locale = _locale(lang)
    day = format_date(local.date(), lang)
    time = babel_dates.format_time(local.time(), "short", locale=locale)
    glue = str(babel_dates.get_datetime_format(_DATE_FORMAT[lang], locale=locale))
    return glue.replace("{1}", day).replace("{0}", str(time))


@cache
def _collator(lang: Lang) -> Any:
    # ICU's collator holds CLDR's order for the language: in Danish Æ, Ø, Å
    # come after Z and "Aa" sorts as Å (Babel has no collation; casefold()
    # would put Å before Æ). pyicu-wheels is ICU in a wheel, no system library.
    return icu.Collator.createInstance(icu.Locale(lang))


def sort_key(text: str, lang: Lang = DEFAULT_LANG, /) -> bytes:
    """A key that sorts texts as a dictionary of ``lang`` does.

    >>> names = ["Åse", "Ærø", "Aalborg", "Zenia", "Øjvind", "anna"]
    >>> sorted(names, key=lambda s: sort_key(s, "da"))
    ['anna', 'Zenia', 'Ærø', 'Øjvind', 'Aalborg', 'Åse']
    >>> sorted(names, key=lambda s: sort_key(s, "en"))
    ['Aalborg', 'Ærø', 'anna', 'Åse', 'Øjvind', 'Zenia']
    """
    return bytes(_collator(lang).getSortKey(text))
