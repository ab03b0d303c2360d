"""The pickled model cache is only unpickled with the HMAC of the user's own private key."""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
from pathlib import Path

import pytest

from stacklens_desktop.core.classify import cache, signing


class _Planted:
    """What someone who can write to the profile could plant: unpickling runs os.mkdir."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.marker),)


@pytest.fixture
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "private" / signing.KEY_FILE
    path.parent.mkdir(mode=0o700)
    monkeypatch.setattr(signing, "key_path", lambda: path)
    return path


def _planted_file(path: Path, marker: Path, key: bytes) -> None:
    payload = pickle.dumps(_Planted(marker))
    path.write_bytes(cache.MAGIC + hmac.new(key, payload, hashlib.sha256).digest() + payload)


def test_key_is_generated_once_and_private(key_file: Path) -> None:
    key = signing.signing_key()
    assert key is not None and len(key) == signing.KEY_BYTES
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in key_file.parent.iterdir()] == [signing.KEY_FILE]  # no temp file
    assert signing.signing_key() == key


def test_key_made_by_another_process_first_is_used(key_file: Path) -> None:
    key_file.write_bytes(b"k" * signing.KEY_BYTES)
    key_file.chmod(0o600)
    assert signing.signing_key() == b"k" * signing.KEY_BYTES
    with pytest.raises(FileExistsError):  # what signing_key then falls back from
        signing._create(key_file)
    assert key_file.read_bytes() == b"k" * signing.KEY_BYTES


def test_round_trip_with_the_users_key(key_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "models" / "classifier-x.pkl"
    cache.save(path, {"weights": [1, 2, 3]})
    assert cache.load(path) == {"weights": [1, 2, 3]}


@pytest.mark.parametrize("signer", ["foreign key", "plain sha256"])
def test_planted_pickle_is_never_unpickled(key_file: Path, tmp_path: Path,
                                           signer: str) -> None:
    assert signing.signing_key() is not None
    path, marker = tmp_path / "classifier-x.pkl", tmp_path / "code-ran"
    if signer == "foreign key":
        _planted_file(path, marker, os.urandom(signing.KEY_BYTES))
    else:  # the old format: an unkeyed checksum anyone can compute
        payload = pickle.dumps(_Planted(marker))
        path.write_bytes(cache.MAGIC + hashlib.sha256(payload).digest() + payload)
    assert cache.load(path) is None
    assert not marker.exists()
    # the same bytes signed with the user's key would run: the check is what stops them
    _planted_file(path, marker, key_file.read_bytes())
    cache.load(path)
    assert marker.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_key_others_can_read_is_refused_and_nothing_is_cached(
        key_file: Path, tmp_path: Path) -> None:
    signing.signing_key()
    key_file.chmod(0o644)
    assert signing.signing_key() is None
    path = tmp_path / "classifier-x.pkl"
    cache.save(path, {"a": 1})
    assert not path.exists()
    _planted_file(path, tmp_path / "code-ran", key_file.read_bytes())
    assert cache.load(path) is None and not (tmp_path / "code-ran").exists()


def test_damaged_key_is_refused(key_file: Path) -> None:
    key_file.write_bytes(b"short")
    key_file.chmod(0o600)
    assert signing.signing_key() is None
