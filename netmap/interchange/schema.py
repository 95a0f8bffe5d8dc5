"""The JSON Schema of netmap's JSON format, from the model itself.

Regenerate the committed copy with ``python -m netmap.interchange.schema``
(a unit test fails when ``schema/network-map.schema.json`` is out of date).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from netmap.model import NetworkMap

__all__ = ["SCHEMA_ID", "schema_text"]

SCHEMA_ID = "https://netmap.example.dk/schema/network-map.schema.json"


def schema_text() -> str:
    """The schema as written to the repository (sorted, indented, newline at end).

    >>> '"title": "NetworkMap"' in schema_text()
    True
    """
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **NetworkMap.model_json_schema(mode="validation"),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("schema/network-map.schema.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(), encoding="utf-8")
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
