"""Small OS helpers for the tailer: open a regular file, classify errors, find a file by id."""

from __future__ import annotations

import errno
import os
import stat

from stacklens_desktop.core.reading import SNIFF_BYTES, looks_binary
from stacklens_desktop.core.transcode import utf16_layout
from stacklens_desktop.watch.model import EventKind, FileId

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)


class NotRegularFileError(OSError):
    """The path names a directory, a FIFO, a device...: nothing we can tail."""


def open_regular(path: str) -> tuple[int, os.stat_result]:
    """Open ``path`` read-only and return ``(fd, fstat)``; raise OSError on any failure.

    ``O_NONBLOCK`` keeps a FIFO at the path from blocking the open; it is rejected right
    after, with directories and devices, because only regular files have offsets to follow.
    """
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        kind = "a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise NotRegularFileError(errno.EINVAL, f"{path} is {kind}")
    return fd, st


def content_problem(head: bytes) -> str | None:
    """Why a file starting with ``head`` cannot be followed as a text log, or ``None``."""
    if utf16_layout(head) is None and looks_binary(head):
        return "looks like a binary file, not a text log"
    return None


def read_head(fd: int) -> bytes:
    """The first bytes of the open file (what format and encoding are judged on)."""
    return os.pread(fd, SNIFF_BYTES, 0)


def is_missing(err: OSError) -> bool:
    """The path does not exist (itself or a directory on the way): wait for it."""
    return err.errno == errno.ENOENT


def classify(err: OSError) -> tuple[EventKind, str]:
    """Map an OS error to the event kind and reason shown for a source in error."""
    if err.errno in (errno.EACCES, errno.EPERM):
        return EventKind.PERMISSION_DENIED, f"permission denied: {err.strerror}"
    text = err.strerror or str(err)
    return EventKind.ERROR, text


def find_by_id(directory: str, file_id: FileId) -> str | None:
    """Path of the regular file in ``directory`` with identity ``file_id``, if any.

    Used after a restart to find a file rotated while we were down (``app.log`` renamed to
    ``app.log.1``) so that its unread remainder is not lost. Compares the inode only: one
    directory is one file system, and device numbers may change across reboots.
    """
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.inode() == file_id.ino and entry.is_file(follow_symlinks=False):
                    return entry.path
    except OSError:
        return None
    return None
