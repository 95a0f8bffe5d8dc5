"""How much an import may hold: checked before any real work is done.

A map file a person drew is a few kilobytes; these limits only stop hostile or
broken files from taking memory and time. The person limit itself lives in the
model (:data:`netmap.model.MAX_PERSONS`).
"""

from __future__ import annotations

from netmap.model import MAX_PERSONS, MAX_TIES

__all__ = [
    "MAX_IMPORT_BYTES",
    "MAX_NODES",
    "MAX_PERSONS",
    "MAX_TIES",
    "MAX_XML_DEPTH",
    "MAX_XML_ELEMENTS",
]

#: Largest file ``netmap import`` reads (10 MiB): checked before the file is read.
MAX_IMPORT_BYTES = 10 * 1024 * 1024
#: Nodes in a GraphML file: every person plus the patient.
MAX_NODES = MAX_PERSONS + 1
#: XML elements in a GraphML file. A full map (2,000 persons with every key,
#: 20,000 ties, drawing details from yEd or Gephi) stays well below this.
MAX_XML_ELEMENTS = 500_000
#: Nesting of XML elements; GraphML with graphics needs fewer than ten levels.
MAX_XML_DEPTH = 64
