"""The schema version, apart from the SQLModel tables so that opening a database that is
already current does not import SQLModel and pydantic (a quarter of a second at start)."""

SCHEMA_VERSION = 4
