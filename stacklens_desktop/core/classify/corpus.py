"""The labeled corpus on disk (``resources/corpus/corpus.jsonl``) and labeled examples."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from stacklens_desktop.core.classify.labels import check_labels
from stacklens_desktop.paths import resources_dir


@dataclass(frozen=True, slots=True)
class CorpusRow:
    text: str
    severity: str
    error_type: str
    ecosystem: str = ""
    origin: str = ""


def default_corpus_path() -> Path:
    return resources_dir() / "corpus" / "corpus.jsonl"


def load_corpus(path: Path) -> list[CorpusRow]:
    """Every row of a JSONL corpus; a row with an unknown label raises ``ValueError``."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            try:
                check_labels(obj["severity"], obj["error_type"])
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: {exc}") from None
            rows.append(CorpusRow(obj["text"], obj["severity"], obj["error_type"],
                                  obj.get("ecosystem", ""), obj.get("origin", "")))
    return rows


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes (the corpus part of the model cache key). Remembered per
    (path, size, modification time): a start with user corrections keys two models."""
    info = path.stat()
    return _hash_of(str(path), info.st_size, info.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _hash_of(path: str, _size: int, _mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
