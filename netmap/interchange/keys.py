"""The GraphML keys of DOMAIN.md ("Interchange: GraphML"), shared by reader and writer."""

from __future__ import annotations

from typing import Literal

__all__ = [
    "BOOLEAN_KEYS",
    "CONSENT_KEYS",
    "ENUM_KEYS",
    "GRAPHML_NS",
    "GRAPH_KEYS",
    "KIND_KEY",
    "NODE_KEYS",
    "KeyType",
]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

KeyType = Literal["string", "double", "boolean"]

#: Graph-level keys, in the order they are written.
GRAPH_KEYS: dict[str, KeyType] = {
    "patient_name": "string",
    "cpr": "string",
    "consent_given_on": "string",
    "map_date": "string",
    "consent_recorded_by": "string",
    "consent_withdrawn_on": "string",
}

#: The graph keys that make up the consent (netmap.model.Consent), by field.
CONSENT_KEYS: dict[str, str] = {
    "consent_given_on": "given_on",
    "consent_recorded_by": "recorded_by",
    "consent_withdrawn_on": "withdrawn_on",
}

KIND_KEY = "kind"

#: Node keys, in the order they are written; each person field has its key.
NODE_KEYS: dict[str, KeyType] = {
    "kind": "string",
    "name": "string",
    "sector": "string",
    "distance": "double",
    "angle": "double",
    "role": "string",
    "organisation": "string",
    "care_sector": "string",
    "phone": "string",
    "email": "string",
    "helps_with": "string",
    "knows_how_i_am": "boolean",
    "can_help": "boolean",
    "attends_meetings": "string",
    "team_roles": "string",
    "primary_contact": "boolean",
    "share_with_team": "boolean",
}

BOOLEAN_KEYS = frozenset(k for k, v in NODE_KEYS.items() if v == "boolean")
#: Keys whose values are codes: read case-insensitively.
ENUM_KEYS = frozenset({"kind", "sector", "care_sector", "attends_meetings", "team_roles"})
