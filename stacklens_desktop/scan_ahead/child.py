"""The forked child's whole life: prepare the file, send it, exit."""

from __future__ import annotations

import gc
import os
import signal
import threading
from datetime import date
from multiprocessing.connection import Connection
from typing import BinaryIO

from stacklens_desktop.core.analyzer import Analyzer
from stacklens_desktop.core.formats import LogFormat
from stacklens_desktop.core.reading import UnreadableFileError
from stacklens_desktop.core.scanner import RecordScanner
from stacklens_desktop.core.scrub import scrubber_for
from stacklens_desktop.core.scrub.rules import DEFAULT_RULES, ScrubRules
from stacklens_desktop.gcheap import batch_thresholds
from stacklens_desktop.scan_ahead import outbox as outbox_module
from stacklens_desktop.scan_ahead.outbox import Outbox
from stacklens_desktop.scan_ahead.prepared import prepare_chunks
from stacklens_desktop.scan_ahead.wire import DONE, FAILED, ITEM, UNREADABLE, encode, pack


def child_main(conn: Connection, stream: BinaryIO, start: int, first_line_no: int,
               fmt: LogFormat, reference: date | None = None,
               rules: ScrubRules = DEFAULT_RULES) -> None:
    """Prepare on this thread; a sender thread writes to the pipe, so that a parent still
    starting up (not reading yet) does not stall the work after the first chunk. Never
    returns."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    gc.freeze()  # the heap inherited from the parent is not this process's concern
    batch_thresholds()
    outbox = Outbox(outbox_module.OUTBOX_BYTES)
    sender = threading.Thread(target=_send_all, args=(conn, outbox), daemon=True)
    sender.start()
    try:
        analyzer = Analyzer(fmt=fmt, judge=None, reference=reference,
                            scrubber=scrubber_for(rules))
        scanner = RecordScanner(fmt, first_line_no=first_line_no)
        with stream:
            for item in prepare_chunks(stream, start, scanner, analyzer):
                outbox.put(pack(ITEM, encode(item)))
        outbox.put(pack(DONE, None))
    except UnreadableFileError as exc:  # bad input: the parent says it as it would itself
        outbox.put(pack(UNREADABLE, str(exc)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        outbox.put(pack(FAILED, f"{type(exc).__name__}: {exc}"))
    outbox.put(None)
    sender.join()
    os._exit(0)


def _send_all(conn: Connection, outbox: Outbox) -> None:
    while (blob := outbox.get()) is not None:
        try:
            conn.send_bytes(blob)
        except OSError:  # the parent stopped reading: nobody to work for
            os._exit(1)
