"""What crosses the pipe: ``(kind, payload)`` messages of plain tuples, pickled."""

from __future__ import annotations

import dataclasses
import gc
import operator
import pickle
from multiprocessing.connection import Connection

from stacklens_desktop.core.analyzer import Mined
from stacklens_desktop.core.record import Record
from stacklens_desktop.scan_ahead.prepared import Prepared

#: message kinds: a chunk, the end, bad input (UnreadableFileError), any other failure
ITEM, DONE, UNREADABLE, FAILED = "item", "done", "unreadable", "failed"

_RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(Record))
_record_values = operator.attrgetter(*_RECORD_FIELDS)


def encode(item: Prepared) -> tuple:
    """Plain tuples, which pickle at C speed (dataclasses with slots go through Python)."""
    mined = [(_record_values(m.record), m.template, m.params, m.fingerprint, m.merged_from)
             for m in item.mined]
    return mined, item.lines, item.offset, item.read_to


def decode(data: tuple) -> Prepared:
    mined, lines, offset, read_to = data
    return Prepared([Mined(Record(*values), template, params, fingerprint, merged)
                     for values, template, params, fingerprint, merged in mined],
                    lines, offset, read_to)


def pack(kind: str, payload: object) -> bytes:
    return pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)


def receive(conn: Connection) -> tuple:
    """One message. The cyclic GC is paused while it is unpickled: a chunk is tens of
    thousands of new containers (no cycles among them), and collections triggered on the
    way kept re-scanning them, which cost more than the unpickling itself (measured 4x)."""
    blob = conn.recv_bytes()
    gc.disable()
    try:
        return pickle.loads(blob)
    finally:
        gc.enable()
