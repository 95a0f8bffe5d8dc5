"""netmap's own lossless JSON: a :class:`~netmap.model.NetworkMap`, field by field.

The JSON Schema of the format is committed as ``schema/network-map.schema.json``
(regenerate it with ``python -m netmap.interchange.schema``). Loading is strict:
the model forbids unknown fields. Each person is validated on its own first so
that an error names the person by id.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from pydantic import ValidationError

from netmap.interchange.errors import ImportFailed, Place
from netmap.interchange.limits import MAX_IMPORT_BYTES, MAX_PERSONS
from netmap.model import NetworkMap, Person

__all__ = ["dump_json", "load_json"]


def dump_json(network_map: NetworkMap, *, include_cpr: bool = False) -> str:
    """The map as pretty-printed JSON; lossless when ``include_cpr`` is true.

    >>> from netmap.model import NetworkMap, Patient
    >>> text = dump_json(NetworkMap(patient=Patient(name="Testa", cpr="010203-1234")))
    >>> "1234" in text, load_json(text).patient.cpr is None
    (False, True)
    """
    exclude: Any = None if include_cpr else {"patient": {"cpr"}}
    return network_map.model_dump_json(indent=2, exclude=exclude) + "\n"


def _decode(data: str | bytes) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed("interchange.not_utf8", position=exc.start) from None


class _Members(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once."""

    repeated: tuple[str, ...] = ()


def _members(pairs: list[tuple[str, Any]]) -> _Members:
    # json.loads keeps the last of two equal keys without a word; a map with
    # two «cpr» keys must not be imported as whichever came second.
    members = _Members(pairs)
    if len(members) != len(pairs):
        seen: set[str] = set()
        repeated: list[str] = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        members.repeated = tuple(repeated)
    return members


def _first_repeated(value: Any, loc: tuple[int | str, ...] = ()) -> tuple[str, str] | None:
    """The first repeated key in ``value`` and the JSON path of its object."""
    if isinstance(value, _Members):
        if value.repeated:
            return value.repeated[0], _path(loc)
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _first_repeated(item, (*loc, key))
        if found:
            return found
    return None


def _parse(text: str) -> Any:
    try:
        raw = json.loads(text, object_pairs_hook=_members)
    except json.JSONDecodeError as exc:
        raise ImportFailed("interchange.not_json", line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise ImportFailed("interchange.json_too_deep") from None
    except ValueError:
        # e.g. an integer with more digits than Python converts.
        raise ImportFailed("interchange.not_json_number") from None
    repeated = _first_repeated(raw)
    if repeated:
        key, where = repeated
        raise ImportFailed("interchange.json_duplicate_key", name=key, where=where or "/")
    return raw


def _path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(f".{part}" if parts else part)
    return "".join(parts)


def _person_label(item: Any, index: int) -> str:
    ident = item.get("id") if isinstance(item, dict) else None
    return ident.strip() if isinstance(ident, str) and ident.strip() else f"#{index + 1}"


def _person_place(label: str, key: str | None) -> Place:
    return Place("person", label, key)


def _without_nulls(item: Any) -> Any:
    # null and absent mean the same for every optional field (their default is
    # None); dropping nulls also sidesteps length checks that reject None.
    if isinstance(item, dict):
        return {key: value for key, value in item.items() if value is not None}
    return item


def _validate_persons(raw: list[Any]) -> list[Person]:
    if len(raw) > MAX_PERSONS:
        raise ImportFailed("interchange.too_many_persons", count=len(raw), max=MAX_PERSONS)
    persons: list[Person] = []
    failure: ImportFailed | None = None
    for index, item in enumerate(raw):
        label = _person_label(item, index)
        try:
            persons.append(Person.model_validate(_without_nulls(item)))
        except ValidationError as exc:
            error = ImportFailed.from_validation(exc, functools.partial(_person_place, label))
            failure = error if failure is None else failure.merged(error)
    if failure is not None:
        raise failure
    return persons


def load_json(data: str | bytes) -> NetworkMap:
    """Read a map written by :func:`dump_json` (or by hand, to the same schema).

    >>> try:
    ...     load_json('{"patient": {"name": "Testa"}, "persons": [{"id": "mor", '
    ...               '"name": "Mor", "sector": "family", "distance": 2}]}')
    ... except ImportFailed as exc:
    ...     print(exc.message("da"))
    Person «mor», nøglen «distance»: værdien 2 er ikke tilladt – skal være højst 1.0
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFailed(
            "interchange.too_big",
            size=f"{len(data) / 1_048_576:.1f}",
            max=f"{MAX_IMPORT_BYTES / 1_048_576:.0f}",
        )
    text = _decode(data)
    if not text.strip():
        raise ImportFailed("interchange.empty")
    raw = _parse(text)
    if not isinstance(raw, dict):
        raise ImportFailed("interchange.json_not_object")
    fields = dict(raw)
    fields["patient"] = _without_nulls(fields.get("patient"))
    if fields["patient"] is None:
        del fields["patient"]
    if isinstance(fields.get("persons"), list):
        fields["persons"] = _validate_persons(fields["persons"])
    try:
        network_map = NetworkMap.model_validate(fields)
    except ValidationError as exc:
        raise _map_failure(exc) from None
    return network_map


def _map_failure(exc: ValidationError) -> ImportFailed:
    problems = []
    for error, (problem, _) in zip(
        exc.errors(include_url=False),
        ImportFailed.from_validation(exc, lambda key: None).problems,
        strict=True,
    ):
        path = _path(tuple(error["loc"]))
        problems.append((problem, Place("json", key=path) if path else None))
    return ImportFailed("error.invalid_input", problems=problems)
