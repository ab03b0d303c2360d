"""The files and globs the window watched last time."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class SourcesSection(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    paths: tuple[str, ...] = ()
