"""The shared repositories' SQL on PostgreSQL: ``?`` placeholders become psycopg's ``%s``.

The repositories in :mod:`stacklens_desktop.store` (outbox, tickets, the automation log, the
window's reads...) are written once, with SQLite's ``?`` placeholders. psycopg only knows
``%s``; rather than keep a second copy of every statement, a team engine rewrites them as
they are sent (:func:`install`). Only statements that carry ``?`` outside quotes are
touched, so the team store's own SQL (written with ``%s``) and SQLAlchemy's compiled
statements (``%(name)s``) pass unchanged. In a rewritten statement a literal ``%`` is
doubled, as psycopg wants it when parameters are given.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event

_QUOTES = ("'", '"')


def to_format(sql: str) -> str | None:
    """``sql`` with its ``?`` placeholders as ``%s`` (and ``%`` as ``%%``); None when it has
    no placeholder outside quotes (then it is left as it is)."""
    out: list[str] = []
    quote: str | None = None
    found = False
    for char in sql:
        if quote is not None:
            if char == quote:
                quote = None
            out.append("%%" if char == "%" else char)
        elif char in _QUOTES:
            quote = char
            out.append(char)
        elif char == "?":
            found = True
            out.append("%s")
        else:
            out.append("%%" if char == "%" else char)
    return "".join(out) if found else None


def _rewrite(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
             executemany: bool) -> tuple[str, Any]:
    rewritten = to_format(statement) if "?" in statement else None
    return (statement if rewritten is None else rewritten), parameters


def install(engine: Engine) -> None:
    """Rewrite ``?`` statements on every connection of ``engine`` (a psycopg engine)."""
    event.listen(engine, "before_cursor_execute", _rewrite, retval=True)
