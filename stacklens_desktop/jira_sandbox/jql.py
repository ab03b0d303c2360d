"""A small JQL subset for the sandbox: ``AND``-joined clauses plus ``ORDER BY``.

Supported: ``project``, ``labels``, ``key``/``issuekey``, ``id``, ``status``,
``statusCategory``, ``issuetype`` with ``=``, ``!=``, ``in (...)``, ``not in (...)``. Like Cloud,
a query without any restriction is refused as unbounded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stacklens_desktop.jira_sandbox import catalog

_TOKEN = re.compile(
    r'\s*(?:(?P<str>"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\')|(?P<op>!=|=|\(|\)|,)'
    r"|(?P<word>[A-Za-z0-9_.\-]+))"
)
_FIELDS = {"project", "labels", "key", "issuekey", "id", "status", "statuscategory", "issuetype"}


class JqlError(ValueError):
    """Parse or validation error (message text mirrors Jira's)."""


@dataclass(frozen=True)
class Clause:
    field: str
    negate: bool
    values: tuple[str, ...]


@dataclass(frozen=True)
class Query:
    clauses: tuple[Clause, ...]
    order: tuple[tuple[str, bool], ...]  # (field, descending)

    def matches(self, issue: dict[str, Any]) -> bool:
        return all(_clause_matches(c, issue) for c in self.clauses)

    def sort(self, issues: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ordered = sorted(issues, key=lambda i: int(i["id"]))
        for name, descending in reversed(self.order or (("key", True),)):
            ordered.sort(key=_sort_key(name), reverse=descending)
        return ordered


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise JqlError(f"Error in the JQL Query: unexpected character at {pos + 1}.")
        pos = match.end()
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "str":
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        out.append((kind, value))
    return out


def parse(text: str) -> Query:
    tokens = _tokens(text)
    clauses: list[Clause] = []
    order: list[tuple[str, bool]] = []
    pos = 0
    while pos < len(tokens):
        kind, value = tokens[pos]
        if kind == "word" and value.lower() == "order":
            order = _order_by(tokens, pos + 1)
            break
        if clauses:
            if not (kind == "word" and value.lower() == "and"):
                raise JqlError(f"Error in the JQL Query: expecting 'AND' but got '{value}'.")
            pos += 1
        clause, pos = _clause(tokens, pos)
        clauses.append(clause)
    if not clauses:
        raise JqlError(
            "Unbounded JQL queries are not allowed here. Please add a search restriction "
            "to your query."
        )
    return Query(tuple(clauses), tuple(order))


def _clause(tokens: list[tuple[str, str]], pos: int) -> tuple[Clause, int]:
    try:
        kind, name = tokens[pos]
        field = name.lower()
        if kind != "word" or field not in _FIELDS:
            raise JqlError(
                f"Field '{name}' does not exist or you do not have permission to view it."
            )
        op_kind, op = tokens[pos + 1]
        if op in ("=", "!="):
            _, value = tokens[pos + 2]
            return Clause(field, op == "!=", (value,)), pos + 3
        negate = op.lower() == "not"
        if negate:
            pos += 1
            op = tokens[pos + 1][1]
        if op.lower() != "in" or tokens[pos + 2][1] != "(":
            raise JqlError(f"Error in the JQL Query: unsupported operator '{op}'.")
        values, pos = _value_list(tokens, pos + 3)
        return Clause(field, negate, values), pos
    except IndexError as exc:
        raise JqlError("Error in the JQL Query: the query ended unexpectedly.") from exc


def _value_list(tokens: list[tuple[str, str]], pos: int) -> tuple[tuple[str, ...], int]:
    values: list[str] = []
    while True:
        kind, value = tokens[pos]
        if kind == "op" and value == ")":
            return tuple(values), pos + 1
        if kind == "op" and value == ",":
            pos += 1
            continue
        if kind == "op":
            raise JqlError(f"Error in the JQL Query: unexpected '{value}'.")
        values.append(value)
        pos += 1


def _order_by(tokens: list[tuple[str, str]], pos: int) -> list[tuple[str, bool]]:
    if pos >= len(tokens) or tokens[pos][1].lower() != "by":
        raise JqlError("Error in the JQL Query: expecting 'BY' after 'ORDER'.")
    order: list[tuple[str, bool]] = []
    pos += 1
    while pos < len(tokens):
        name = tokens[pos][1].lower()
        descending = False
        pos += 1
        if pos < len(tokens) and tokens[pos][1].lower() in ("asc", "desc"):
            descending = tokens[pos][1].lower() == "desc"
            pos += 1
        order.append((name, descending))
        if pos < len(tokens) and tokens[pos][1] == ",":
            pos += 1
    return order


def _clause_matches(clause: Clause, issue: dict[str, Any]) -> bool:
    actual = _values_of(clause.field, issue)
    wanted = {v.casefold() for v in clause.values}
    if clause.field == "labels":  # labels are case-sensitive
        hit = any(v in actual for v in clause.values)
    else:
        hit = any(a.casefold() in wanted for a in actual)
    return hit != clause.negate


def _values_of(field: str, issue: dict[str, Any]) -> set[str]:
    status_name, category = catalog.STATUSES[issue["status"]]
    if field == "project":
        return {issue["project"], catalog.PROJECTS.get(issue["project"], {}).get("id", "")}
    if field == "labels":
        return set(issue["fields"].get("labels") or ())
    if field in ("key", "issuekey"):
        return {issue["key"], issue["id"]}
    if field == "id":
        return {issue["id"]}
    if field == "status":
        return {status_name, issue["status"]}
    if field == "statuscategory":
        cat = catalog.CATEGORIES[category]
        return {category, cat["name"], str(cat["id"])}
    if field == "issuetype":
        names = {t["id"]: t["name"] for t in catalog.ISSUE_TYPES}
        return {issue["issuetype"], names.get(issue["issuetype"], "")}
    return set()


def _sort_key(name: str) -> Callable[[dict[str, Any]], Any]:
    if name in ("key", "issuekey", "id"):
        return lambda i: int(i["id"])
    if name in ("created", "updated"):
        return lambda i: float(i[name])
    return lambda i: str(i["fields"].get(name, ""))
