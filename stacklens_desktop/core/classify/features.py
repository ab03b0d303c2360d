"""Turn a record into the two texts the model vectorises.

The *word document* is the normalised message and the non-frame lines of the record (the
exception lines, ``Caused by``), followed by engineered tokens: the level (one feature among
many, so that the words can overrule it), the exception class, the stack depth, HTTP status
codes, exit codes and signals, and the structured fields' keys and short values. The *char
document* is the message alone, for character n-grams that survive unseen spellings.

Normalisation splits ``camelCase``/``snake_case``/dotted names into words
(``NullReferenceException`` -> ``null reference exception``) and drops ids and numbers, so
words learnt from one ecosystem carry over to another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from stacklens_desktop.core.classify.consequence import consequence_tokens
from stacklens_desktop.core.classify.lexicon import cue_tokens
from stacklens_desktop.core.record import Record
from stacklens_desktop.core.stacktrace import find_exception, is_frame, short_class

#: bump when the documents change shape: part of the model cache key
FEATURE_VERSION = 9

MAX_EXTRA_LINES = 8
MAX_WORD_CHARS = 1500
MAX_CHAR_CHARS = 120

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_WORD_WITH_SUFFIX = re.compile(r"\b([A-Za-z_]{2,})\d{1,2}\b")
_HAS_DIGIT = re.compile(r"\b\w*\d\w*\b")
_NON_LETTERS = re.compile(r"[^A-Za-z]+")
_HTTP = re.compile(
    r"(?:\bHTTP(?:/\d(?:\.\d)?)?\"?\s+|\b(?:status(?:[ _]?code)?|code|returned|responded(?: with)?"
    r"|answered|response|with|got|error|http)[\s:=\"]*)([1-5]\d\d)\b"
    r"|\b([1-5]\d\d)\s+(?:Not Found|Internal Server Error|Bad Gateway|Service Unavailable|"
    r"Gateway Time-?out|Unauthorized|Forbidden|Too Many Requests|Bad Request|Unprocessable|"
    r"Conflict|Method Not Allowed|Payment Required|Request Timeout)", re.I)
_EXIT = re.compile(r"\bexit(?:ed)?\s*(?:with\s*)?(?:code|status)?[\s=:]*(\d{1,3})\b"
                   r"|\bstatus=(\d{1,3})/", re.I)
_SIGNAL = re.compile(r"\bSIG([A-Z]{3,6})\b|\bstatus=\d+/([A-Z]{3,6})\b")
_BORING_KEYS = frozenset({"time", "ts", "timestamp", "pid", "hostname", "host", "level",
                          "msg", "message", "v", "t", "s", "id", "ctx", "stack", "@timestamp",
                          "thread", "logger", "tid", "seq"})


def normalise(text: str) -> str:
    """Words only: identifiers split, lower case, numbers and ids dropped.

    ``ext4`` -> ``ext`` (a word with a short number suffix keeps the word); any other token
    with a digit (ids, hex, versions) is dropped; ``fooBar_baz`` -> ``foo bar baz``.
    """
    text = _WORD_WITH_SUFFIX.sub(r"\1", text)
    text = _HAS_DIGIT.sub(" ", text)
    text = _CAMEL.sub(" ", text)
    return " ".join(_NON_LETTERS.sub(" ", text).lower().split())


def _http_tokens(text: str, fields: Mapping[str, Any]) -> list[str]:
    codes = {a or b for a, b in _HTTP.findall(text)}
    for key, value in fields.items():
        if "status" in key.lower() and str(value).isdigit() and 100 <= int(value) <= 599:
            codes.add(str(value))
    tokens = []
    for code in sorted(codes):
        tokens += [f"__http_{code}", f"__http_{code[0]}xx"]
    return tokens


def _exit_tokens(text: str) -> list[str]:
    """Exit codes and signals (the substring checks skip the regexes on most records)."""
    tokens: list[str] = []
    lower = text.lower()
    if "exit" in lower or "status=" in lower:
        for a, b in _EXIT.findall(text):
            code = a or b
            tokens += [f"__exit_{code}", "__exit_zero" if code == "0" else "__exit_nonzero"]
    if "SIG" in text or "status=" in text:
        tokens += [f"__sig_{(a or b).lower()}" for a, b in _SIGNAL.findall(text)]
    return tokens


_PERCENT = re.compile(r"\b(\d{1,3})(?:\.\d+)?\s?%")


def _percent_tokens(text: str) -> list[str]:
    """A high percentage (disk 97%, CPU 100%) is a cue of its own; the number is dropped."""
    values = [int(v) for v in _PERCENT.findall(text)]
    return ["__pct_high"] if any(85 <= v <= 100 for v in values) else []


def _depth_token(frames: int) -> str:
    if frames == 0:
        return "__depth_0"
    return "__depth_s" if frames <= 3 else "__depth_m" if frames <= 10 else "__depth_l"


def _field_words(fields: Mapping[str, Any], depth: int = 0) -> list[str]:
    words: list[str] = []
    for key, value in fields.items():
        if key in _BORING_KEYS:
            continue
        words.append("__key_" + "_".join(normalise(key).split()))
        if isinstance(value, str) and len(value) <= 60:
            words.append(normalise(value))
        elif isinstance(value, Mapping) and depth == 0:
            words += _field_words(value, depth + 1)
    return words


def _extra_lines(record: Record) -> Iterable[str]:
    lines = record.text.split("\n")[1:]
    kept = [line for line in lines if line.strip() and not is_frame(line)]
    return kept[:MAX_EXTRA_LINES]


def _exception(record: Record) -> str | None:
    if record.exception:
        return record.exception
    return find_exception(record.text[:MAX_WORD_CHARS])


def word_document(record: Record) -> str:
    """Normalised words of the record plus its engineered tokens."""
    message = record.message or record.text.split("\n", 1)[0]
    body = " ".join([message, *_extra_lines(record)])[:MAX_WORD_CHARS]
    tokens = [normalise(body), f"__lvl_{(record.level or 'none').lower()}",
              _depth_token(len(record.frames)), *cue_tokens(body), *_percent_tokens(body),
              *consequence_tokens(body, record.level)]
    exception = _exception(record)
    if exception:
        short = short_class(exception)
        tokens += [f"__exc_{short.lower()}", normalise(short)]
    tokens += _http_tokens(record.text[:MAX_WORD_CHARS], record.fields)
    tokens += _exit_tokens(record.text[:MAX_WORD_CHARS])
    tokens += _field_words(record.fields)
    return " ".join(tokens)


def char_document(record: Record) -> str:
    """The message (lower case, digits folded to 0) for character n-grams."""
    message = record.message or record.text.split("\n", 1)[0]
    exception = _exception(record)
    text = f"{message} {short_class(exception)}" if exception else message
    return re.sub(r"\d", "0", text[:MAX_CHAR_CHARS].lower())
