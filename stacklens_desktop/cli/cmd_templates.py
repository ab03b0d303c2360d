"""``stacklens templates FILE [--raw]``: mine every line; print line, pattern id, template.

Output is one line per input line, ``line_no<TAB>pattern_id<TAB>template``, giving each
line's FINAL pattern (after the whole file was mined). Without ``--raw`` the message part
of each line is mined (the header — timestamp, level, logger — is parsed off first).
"""

from __future__ import annotations

import argparse
import io
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import chain, islice
from typing import TextIO

from stacklens_desktop.core.mining.lines import LineTemplate, mine_lines, strip_newline


def register(subparsers: argparse._SubParsersAction) -> None:
    from stacklens_desktop.cli.main import add_data_dir_argument

    parser = subparsers.add_parser("templates", help="print the mined template of every line")
    parser.add_argument("file", help="log file to mine")
    parser.add_argument("--raw", action="store_true", help="take each line as the message itself")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


#: Lines read ahead to detect the log format (the header layout) of a file.
DETECT_SAMPLE = 200


def header_message(sample: list[str]) -> Callable[[str], str]:
    """The message part of a line, by the format detected on ``sample``."""
    from stacklens_desktop.core.formats import detect_format, parse_any

    fmt = detect_format([strip_newline(line) for line in sample])

    def message_of(line: str) -> str:
        return parse_any(line, fmt).message

    return message_of


@contextmanager
def open_text(path: str) -> Iterator[TextIO]:
    """Open ``path`` for streaming text through the reader ``analyze`` uses (gzip, UTF-16,
    binary files refused), or raise ``UsageError`` with the reason."""
    from stacklens_desktop.cli.main import UsageError
    from stacklens_desktop.core.reading import UnreadableFileError, open_log

    try:
        stream = open_log(path)
    except UnreadableFileError as exc:
        raise UsageError(str(exc)) from None
    with io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="") as handle:
        yield handle


def template_lines(path: str, raw: bool) -> Iterator[LineTemplate]:
    """The final pattern of every line of ``path`` (what the command prints)."""
    with open_text(path) as handle:
        if raw:
            yield from mine_lines(handle)
            return
        sample = list(islice(handle, DETECT_SAMPLE))
        yield from mine_lines(chain(sample, handle), header_message(sample))


def run(args: argparse.Namespace) -> int:
    from stacklens_desktop.cli.main import UsageError

    out = sys.stdout
    try:
        for item in template_lines(args.file, args.raw):
            out.write(f"{item.line_no}\t{item.pattern_id}\t{item.template}\n")
    except BrokenPipeError:
        return 0
    except (OSError, EOFError, zlib.error) as exc:  # a damaged gzip, a disk error
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise UsageError(f"{args.file}: unreadable ({detail})") from None
    return 0
