"""The message catalogues: every user-visible string, in Danish and English.

Each language is one catalogue, kept as a folder of JSON files split by area
(``errors.json``, ``cli.json``, ``analysis.json``, ``app.json`` …) so that the
areas can grow independently. Keys are unique across the files of a language
and both languages hold the same keys (a unit test checks it).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, Literal, cast

__all__ = ["DEFAULT_LANG", "LANGUAGES", "Lang", "catalogue", "parse_lang", "t"]

Lang = Literal["da", "en"]
LANGUAGES: tuple[Lang, ...] = ("da", "en")
DEFAULT_LANG: Lang = "da"


def parse_lang(value: object) -> Lang:
    """A supported language code, or the default for anything else."""
    if isinstance(value, str) and value.lower() in LANGUAGES:
        return cast(Lang, value.lower())
    return DEFAULT_LANG


@cache
def catalogue(lang: Lang) -> dict[str, str]:
    """All messages of one language, merged from its files."""
    merged: dict[str, str] = {}
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


def t(key: str, lang: Lang = DEFAULT_LANG, /, **params: Any) -> str:
    """The message ``key`` in ``lang``, with ``{placeholders}`` filled in.

    An unknown key raises ``KeyError``: a missing message is a bug, not a
    fallback to English.

    >>> t("lang.name", "da")
    'Dansk'
    """
    template = catalogue(lang)[key]
    return template.format(**params) if params else template
