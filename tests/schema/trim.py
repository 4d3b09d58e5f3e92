#!/usr/bin/env python3
"""Writes ll2-2.3.0-components.json: the components of the published LL2 2.3.0
schema that the endpoints hangar reads return, with only the keys that
tests/schema_limits.rs generates values from (types, formats, limits,
nullability, references, required fields).

    python3 tests/schema/trim.py path/to/ll2-2.3.0-subset.yml
"""
import json
import pathlib
import sys

import yaml

ROOTS = [
    "PaginatedPolymorphicSpacecraftEndpointList",
    "SpacecraftEndpointDetailed",
    "PaginatedPolymorphicSpacecraftFlightEndpointList",
    "SpacecraftFlightDetailed",
    "APIThrottle",
    "AstronautEndpointDetailed",
    "SpaceStationDetailedEndpoint",
    "PaginatedPolymorphicDockingEventEndpointList",
    "DockingEventEndpointDetailed",
    "LaunchDetailed",
]
KEEP = {"type", "format", "nullable", "maxLength", "minimum", "maximum", "$ref",
        "allOf", "oneOf", "items", "properties", "required", "default"}


def trim(schema, properties=False):
    if isinstance(schema, dict):
        if properties:
            return {k: trim(v) for k, v in schema.items()}
        return {k: v if k == "required" else trim(v, k == "properties")
                for k, v in schema.items() if k in KEEP}
    if isinstance(schema, list):
        return [trim(v) for v in schema]
    return schema


def refs(schema):
    if isinstance(schema, dict):
        found = [schema["$ref"].split("/")[-1]] if "$ref" in schema else []
        return found + [r for v in schema.values() for r in refs(v)]
    if isinstance(schema, list):
        return [r for v in schema for r in refs(v)]
    return []


components = yaml.safe_load(open(sys.argv[1]))["components"]["schemas"]
seen, todo = set(), list(ROOTS)
while todo:
    name = todo.pop()
    if name not in seen:
        seen.add(name)
        todo += refs(components[name])
out = pathlib.Path(__file__).with_name("ll2-2.3.0-components.json")
with open(out, "w") as f:
    json.dump({n: trim(components[n]) for n in sorted(seen)}, f, indent=1, sort_keys=True)
    f.write("\n")
