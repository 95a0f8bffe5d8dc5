"""JSON that json.loads would read silently wrong is refused by name (issue 8 item 9).

- A key given twice in one object (two ``cpr`` keys) is an error naming the key
  and the object's JSON path; json.loads alone keeps the last one.
- JSON saved as UTF-16 (with or without a byte-order mark) is called UTF-16,
  not "not valid XML"; GraphML in UTF-16 is still XML's own business.
"""

from __future__ import annotations

import pytest

from netmap.interchange.errors import ImportFailed
from netmap.interchange.files import load_map

MAP = '{"patient": {"name": "Testa Testesen"}, "persons": []}'


@pytest.mark.parametrize(
    ("text", "key", "where"),
    [
        (
            '{"patient": {"name": "T", "cpr": "010203-1234", "cpr": "020304-1234"}}',
            "cpr",
            "patient",
        ),
        ('{"patient": {"name": "T"}, "patient": {"name": "U"}}', "patient", "/"),
        (
            '{"patient": {"name": "T"}, "persons": [{"id": "a", "name": "x", "name": "y", '
            '"sector": "family", "distance": 0.5}]}',
            "name",
            "persons[0]",
        ),
    ],
)
def test_json001_a_repeated_key_is_named_with_its_place(text: str, key: str, where: str) -> None:
    with pytest.raises(ImportFailed) as caught:
        load_map(text.encode())
    assert caught.value.key == "interchange.json_duplicate_key"
    assert f"«{key}»" in caught.value.message("da") and f"«{where}»" in caught.value.message("da")
    assert f"«{key}»" in caught.value.message("en")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_json002_utf16_json_is_called_utf16(encoding: str) -> None:
    with pytest.raises(ImportFailed) as caught:
        load_map(MAP.encode(encoding))
    assert caught.value.key == "interchange.json_utf16"
    assert "UTF-16" in caught.value.message("da") and "XML" not in caught.value.message("da")


def test_json003_plain_and_bom_utf8_json_still_load() -> None:
    assert load_map(MAP.encode()).patient.name == "Testa Testesen"
    assert load_map(b"\xef\xbb\xbf" + MAP.encode()).patient.name == "Testa Testesen"


def test_json004_utf16_graphml_is_still_read_as_xml() -> None:
    with pytest.raises(ImportFailed) as caught:
        load_map("<?xml version='1.0' encoding='utf-16'?><graphml/>".encode("utf-16"))
    assert caught.value.key != "interchange.json_utf16"
