"""The on-disk model cache: one file per key, authenticated before it is unpickled.

The file is ``MAGIC + HMAC-SHA256(key, payload) + payload`` with the user's private key
(:mod:`.signing`): unpickling runs code, so a file that anyone who can write to the profile
or the shared model cache put there, or a truncated or corrupt one, fails the check, is
never unpickled and is treated as missing (the caller retrains). Without a usable key
nothing is read or written. The pickle is never shipped: the app ships the numpy export
(:mod:`.shipped`), which loads without pickle.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import pickle
from pathlib import Path

from stacklens_desktop.core.classify.signing import signing_key

log = logging.getLogger("stacklens.classify")

MAGIC = b"STACKLENS-MODEL-2\n"
PREFIX = "classifier-"


def cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"{PREFIX}{key[:24]}.pkl"


def load(path: Path) -> object | None:
    """The cached object, or ``None`` when the file is missing, corrupt or unreadable."""
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("model cache %s unreadable (%s); retraining", path, exc)
        return None
    key = signing_key()
    if key is None:
        return None
    head, digest = blob[: len(MAGIC)], blob[len(MAGIC): len(MAGIC) + 32]
    payload = blob[len(MAGIC) + 32:]
    if head != MAGIC or not hmac.compare_digest(_mac(key, payload), digest):
        log.warning("model cache %s is corrupt or not signed with this user's key; "
                    "retraining", path)
        return None
    try:
        return pickle.loads(payload)
    except Exception as exc:  # noqa: BLE001 - any unpickling failure means "rebuild"
        log.warning("model cache %s cannot be loaded (%s); retraining", path, exc)
        return None


def _mac(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).digest()


def save(path: Path, obj: object) -> None:
    """Write atomically, then prune old classifier files in that folder (nothing is
    written without the signing key)."""
    key = signing_key()
    if key is None:
        return
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(MAGIC + _mac(key, payload) + payload)
    os.replace(tmp, path)
    prune(path.parent, f"{PREFIX}*.pkl")


#: models kept per cache folder: the corpus model and the one with the users' corrections
#: are both loaded at every start, so keeping only the newest would retrain one each time
KEEP = 4


def prune(cache_dir: Path, pattern: str, keep: int = KEEP) -> None:
    """Remove all but the ``keep`` most recently written files matching ``pattern``."""
    files = []
    for path in cache_dir.glob(pattern):
        try:
            files.append((path.stat().st_mtime_ns, path))
        except FileNotFoundError:
            continue
    for _mtime, path in sorted(files, reverse=True)[keep:]:
        path.unlink(missing_ok=True)
