"""One owning process per profile: the one that watches, files tickets and recovers work.

``watch`` and the window claim the profile; a second one is refused with the name and pid of
the process that has it. Commands that would take over the owner's work (``jira sync``
resetting in-flight outbox rows) refuse while another process owns the profile. The lock is an
OS file lock (released when the process dies, also by kill -9); a small JSON file beside it
names the holder for the message.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from stacklens_desktop.store.filelock import FileLock, LockHeld

LOCK_NAME = "stacklens.owner.lock"
INFO_NAME = "stacklens.owner.json"


class ProfileInUse(Exception):
    """Another process owns the profile; the message names it."""


@dataclass(frozen=True)
class OwnerInfo:
    pid: int
    command: str
    started: str
    host: str

    def describe(self) -> str:
        return f"'{self.command}' (pid {self.pid}, since {self.started})"


class _Claim:
    """This process's hold on one profile (shared by every claimant in the process)."""

    def __init__(self, lock: FileLock) -> None:
        self.lock = lock
        self.users = 0


_claims: dict[Path, _Claim] = {}
_guard = threading.Lock()


def _read_info(base: Path) -> OwnerInfo | None:
    try:
        doc = json.loads((base / INFO_NAME).read_text(encoding="utf-8"))
        return OwnerInfo(int(doc["pid"]), str(doc["command"]), str(doc["started"]),
                         str(doc.get("host", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_info(base: Path, command: str) -> None:
    doc = {"pid": os.getpid(), "command": command, "host": socket.gethostname(),
           "started": datetime.now().strftime("%Y-%m-%d %H:%M:%S")}
    fd = os.open(base / INFO_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(doc, out)


def _in_use(base: Path) -> ProfileInUse:
    info = _read_info(base)
    who = info.describe() if info else "another StackLens process"
    return ProfileInUse(f"the profile {base} is in use by {who}; stop it first, or use "
                        f"--data-dir for another profile")


def claim(base: Path, command: str | None = None) -> None:
    """Own the profile for this process (refcounted within it), else :class:`ProfileInUse`."""
    key = base.resolve()
    with _guard:
        held = _claims.get(key)
        if held is None:
            lock = FileLock(key / LOCK_NAME)
            try:
                lock.acquire(timeout=0)
            except LockHeld:
                raise _in_use(key) from None
            held = _claims[key] = _Claim(lock)
            _write_info(key, command or " ".join(Path(a).name for a in sys.argv[:2]))
        held.users += 1


def release(base: Path) -> None:
    key = base.resolve()
    with _guard:
        held = _claims.get(key)
        if held is None:
            return
        held.users -= 1
        if held.users <= 0:
            (key / INFO_NAME).unlink(missing_ok=True)
            held.lock.release()
            del _claims[key]


def owned_elsewhere(base: Path) -> OwnerInfo | None:
    """The other process that owns the profile, or ``None`` (free, or owned by this one)."""
    key = base.resolve()
    with _guard:
        if key in _claims:
            return None
        probe = FileLock(key / LOCK_NAME)
        try:
            probe.acquire(timeout=0)
        except LockHeld:
            return _read_info(key) or OwnerInfo(0, "another StackLens process", "?", "")
        probe.release()
        return None


def refuse_if_owned_elsewhere(base: Path, what: str) -> None:
    """For commands that would take over the owner's work: a clear refusal."""
    owner = owned_elsewhere(base)
    if owner is not None:
        raise ProfileInUse(f"{what} is done by {owner.describe()}, which owns the profile "
                           f"{base.resolve()}; use its window, or stop it first")
