"""The classifier learns from records the header parsers build, so its cached model must be
rebuilt when they parse the training rows differently. ``PARSERS_VERSION`` (part of the cache
key) carries that; this test notices a parsing change that came without a bump."""

from __future__ import annotations

import hashlib
import json

from stacklens_desktop.core.classify import record_from_text
from stacklens_desktop.core.classify.corpus import default_corpus_path
from stacklens_desktop.core.classify.rawrecord import PARSER_ID
from stacklens_desktop.core.classify.trainingset import load_training_rows
from stacklens_desktop.core.formats import PARSERS_VERSION

#: PARSERS_VERSION -> digest of how the training rows parse. When this test fails: if the
#: parsers changed, bump PARSERS_VERSION and record the new digest under it; if only the
#: training rows changed, record the new digest under the current version.
PARSED_DIGEST = {5: "e0631744c720308b811e3521c1cb1cb9f43b3d36f12a21d851ddf48b3bfc741f",
                 6: "07721243d5c03c30299920ca7baa2040eea0e81eeb53c64a3aca78dd3c6ec9ac"}


def _parsed_digest() -> str:
    digest = hashlib.sha256()
    for row in load_training_rows(default_corpus_path()):
        r = record_from_text(row.text)
        parsed = [r.level, r.message, r.source, r.timestamp, r.exception, r.frames, r.fields]
        digest.update(json.dumps(parsed, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def test_parser_version_is_in_the_cache_key() -> None:
    assert PARSER_ID == f"formats.parse_any/{PARSERS_VERSION}"


def test_training_rows_parse_as_recorded_for_this_parsers_version() -> None:
    assert PARSED_DIGEST.get(PARSERS_VERSION) == _parsed_digest(), (
        "the training rows parse differently: bump PARSERS_VERSION if the parsers changed, "
        "and record the digest")
