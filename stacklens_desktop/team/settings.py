"""The desktop's team connection, kept in the profile as ``team.json`` (the address only:
the password is in the keyring). No file: single-user mode (the SQLite profile)."""

from __future__ import annotations

import json
from pathlib import Path

FILE_NAME = "team.json"


def saved_address(profile: Path) -> str | None:
    try:
        data = json.loads((profile / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    address = data.get("address") if isinstance(data, dict) else None
    return str(address) if address else None


def save_address(profile: Path, address: str) -> Path:
    target = profile / FILE_NAME
    tmp = target.with_name(FILE_NAME + ".tmp")
    tmp.write_text(json.dumps({"address": address}, indent=2), encoding="utf-8")
    tmp.replace(target)
    return target


def forget(profile: Path) -> None:
    (profile / FILE_NAME).unlink(missing_ok=True)
