"""The parent's handle on the scanning child: fork it, read its chunks, stop it."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from multiprocessing.connection import Pipe
from pathlib import Path

from stacklens_desktop.core.formats import LogFormat
from stacklens_desktop.core.reading import UnreadableFileError, open_log
from stacklens_desktop.core.scrub.rules import DEFAULT_RULES, ScrubRules
from stacklens_desktop.core.times import modified_date
from stacklens_desktop.scan_ahead.child import child_main
from stacklens_desktop.scan_ahead.prepared import Prepared
from stacklens_desktop.scan_ahead.wire import DONE, FAILED, UNREADABLE, decode, receive

#: set to 0 to prepare in-process (debugging, profiling, comparing the two ways)
ENV_SWITCH = "STACKLENS_SCAN_AHEAD"


class ScanAheadError(Exception):
    """The scanning process failed; the message says why."""


def can_fork() -> bool:
    if os.environ.get(ENV_SWITCH, "1") == "0":
        return False
    return hasattr(os, "fork") and threading.active_count() == 1


class ScanAhead:
    """A child process preparing ``path`` from ``start``; read its work with :meth:`results`.

    The file is opened here, before the fork, so that the child reads the very file whose
    identity :attr:`file_id` records (a rotation in between is noticed by :meth:`matches`).
    Raises :class:`~stacklens_desktop.core.reading.UnreadableFileError` like ``open_log``.
    """

    def __init__(self, path: Path, start: int, first_line_no: int, fmt: LogFormat,
                 rules: ScrubRules = DEFAULT_RULES) -> None:
        self.path, self.start, self.first_line_no, self.fmt = path, start, first_line_no, fmt
        self.rules = rules
        stream = open_log(path)
        info = os.fstat(stream.fileno())
        self.file_id = (info.st_dev, info.st_ino)
        reader, writer = Pipe(duplex=False)
        pid = os.fork()
        if pid == 0:  # the child: never returns
            reader.close()
            child_main(writer, stream, start, first_line_no, fmt, modified_date(path), rules)
        writer.close()
        stream.close()  # the child has its own descriptor
        self._pid: int | None = pid
        self._conn = reader

    def matches(self, start: int, first_line_no: int, fmt: LogFormat,
                file_id: tuple[int, int], rules: ScrubRules = DEFAULT_RULES) -> bool:
        """Is the child reading the file, from the place and with the scrubbing rules, that
        the importer (having read the store) would use?"""
        return (self.start, self.first_line_no, self.fmt.name, self.file_id, self.rules) == (
            start, first_line_no, fmt.name, file_id, rules)

    def results(self) -> Iterator[Prepared]:
        """The child's chunks in order, up to and including the last one."""
        while True:
            try:
                kind, payload = receive(self._conn)
            except EOFError:
                raise ScanAheadError(f"the scanning process for {self.path} ended "
                                     "unexpectedly") from None
            if kind == DONE:
                return
            if kind == UNREADABLE:
                raise UnreadableFileError(payload)
            if kind == FAILED:
                raise ScanAheadError(f"scanning {self.path} failed ({payload}); what was "
                                     "stored so far is kept: run again to resume")
            yield decode(payload)

    def close(self) -> None:
        """Stop the child (if it still runs) and reap it; safe to call twice."""
        self._conn.close()
        if self._pid is None:
            return
        with contextlib.suppress(ProcessLookupError):  # it has already exited
            os.kill(self._pid, signal.SIGTERM)
        os.waitpid(self._pid, 0)
        self._pid = None
