"""Validate what the client sent against Atlassian's OpenAPI spec and ADF schema.

How (NOTES.md section 13.3): per-component validation with ``openapi-schema-validator`` over a
``referencing`` registry holding the whole spec; ADF documents with ``Draft4Validator``.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jsonschema
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "jira"
SPEC_FILE = SHARED / "jira-cloud-platform-openapi-v3.json"
ADF_FILE = SHARED / "atlassian-adf-schema-v1-full.json"

#: (method, path regex) -> spec component of the request body
BODY_SCHEMAS: list[tuple[str, re.Pattern[str], str]] = [
    ("POST", re.compile(r"^/rest/api/3/issue/?$"), "IssueUpdateDetails"),
    ("PUT", re.compile(r"^/rest/api/3/issue/[^/]+/?$"), "IssueUpdateDetails"),
    ("POST", re.compile(r"^/rest/api/3/issue/[^/]+/transitions/?$"), "IssueUpdateDetails"),
    ("POST", re.compile(r"^/rest/api/3/issue/[^/]+/comment/?$"), "Comment"),
    ("POST", re.compile(r"^/rest/api/3/search/jql/?$"), "SearchAndReconcileRequestBean"),
]
RICH_TEXT_FIELDS = ("description", "environment", "customfield_10052")


def available() -> bool:
    return SPEC_FILE.exists() and ADF_FILE.exists()


@lru_cache(maxsize=1)
def _registry() -> Registry:
    spec = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
    resource = Resource.from_contents(spec, default_specification=DRAFT4)
    return Registry().with_resource("spec.json", resource)


@cache
def spec_validator(schema_name: str) -> OAS30Validator:
    ref = {"$ref": f"spec.json#/components/schemas/{schema_name}"}
    return OAS30Validator(ref, registry=_registry())


@lru_cache(maxsize=1)
def adf_validator() -> jsonschema.Draft4Validator:
    return jsonschema.Draft4Validator(json.loads(ADF_FILE.read_text(encoding="utf-8")))


def schema_for(method: str, path: str) -> str | None:
    for wanted_method, pattern, name in BODY_SCHEMAS:
        if method == wanted_method and pattern.match(path):
            return name
    return None


def adf_documents(schema: str, body: dict[str, Any]) -> list[Any]:
    """The ADF documents inside a request body (description, textarea fields, comment)."""
    if schema == "Comment":
        return [body.get("body")]
    fields = body.get("fields") or {}
    docs = [fields[name] for name in RICH_TEXT_FIELDS if name in fields]
    for op in (body.get("update") or {}).get("comment", []):
        if "add" in op:
            docs.append(op["add"].get("body"))
    return docs


def validate_request(method: str, path: str, body: Any) -> str | None:
    """Validate one sent body; returns the schema name used (None: not a v3 body route)."""
    schema = schema_for(method, path)
    if schema is None:
        return None
    spec_validator(schema).validate(body)
    for doc in adf_documents(schema, body):
        adf_validator().validate(doc)
    return schema
