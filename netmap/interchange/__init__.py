"""Interchange: netmap's lossless JSON and GraphML (DOMAIN.md, "Interchange: GraphML").

Every reader raises only :class:`ImportFailed`, whose one-line message (Danish
or English) names the node and key at fault. Nothing here touches the store:
a file is validated completely before anyone saves it.
"""

from netmap.interchange.errors import ExportFailed, ImportFailed
from netmap.interchange.files import Format, detect_format, load_map, read_map, write_map
from netmap.interchange.graphml_read import from_graphml
from netmap.interchange.graphml_write import to_graphml
from netmap.interchange.json_format import dump_json, load_json
from netmap.interchange.limits import MAX_IMPORT_BYTES, MAX_NODES

__all__ = [
    "MAX_IMPORT_BYTES",
    "MAX_NODES",
    "ExportFailed",
    "Format",
    "ImportFailed",
    "detect_format",
    "dump_json",
    "from_graphml",
    "load_json",
    "load_map",
    "read_map",
    "to_graphml",
    "write_map",
]
