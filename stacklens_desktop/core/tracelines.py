"""Generic multi-line rules: which lines continue a record, and where a bare trace begins.

They hold whatever the header format, for the trace shapes runtimes write:

* JVM: ``\\tat ...``, ``Caused by: ...``, ``\\tSuppressed: ...``, ``\\t... 12 more``;
* Python: ``Traceback (most recent call last):`` through the final ``XError: message``,
  chained with ``During handling of the above exception ...`` / ``The above exception was
  the direct cause ...``;
* Go: ``panic: ...``, ``[signal ...]``, ``goroutine 1 [running]:``, ``main.f(0x0)``,
  ``\\t/app/main.go:42 +0x1c``, ``created by ...``, ``exit status 2``;
* .NET: ``   at ... in file:line``, `` ---> Inner``, ``   --- End of inner exception ...``;
* Ruby: ``\\tfrom file:line:in ...``; Node: ``    at fn (file:line:col)``;
* PHP / Monolog (Laravel): ``[stacktrace]``, ``#0 /path(12): fn()``, ``#1 {main}``,
  ``[previous exception] ...``, the closing ``"}``.

:data:`CONTINUATION` (a str pattern, matched at a line start) never begins a record: the
generic format's record start is "a line that is not one of these", and format detection
does not count them as lines a format failed to read.

A stack trace written with no header of its own (stderr, ``printStackTrace``) begins at its
exception line. :func:`bare_trace_starts` finds, inside a record, the lines where such a
trace begins after the end of another trace: an exception line (``java.io.IOException:
...``) right after a frame, or a Python ``Traceback`` right after a finished trace. A
trace right below a header line is that header's (``logger.exception`` writes them
together), except for the starts no logger writes under its own header: ``Exception in
thread "..."``, ``panic:``, ``fatal error:``, ``Unhandled exception.``, ``PHP Fatal error:``.
"""

from __future__ import annotations

import re

#: a class name as exception lines write it: ``java.io.IOException``, ``App\\Err``, ``KeyError``
_CLASS = r"(?:[A-Za-z_][\w$]*(?:\.|::|\\))*[A-Z][\w$]*(?:Exception|Error|Exit|Interrupt|Throwable)"

CONTINUATION = (
    r"[ \t]|\r?$|Caused by:|Suppressed:|\.\.\. \d+ (?:more|common frames omitted)"
    r"|Traceback \(most recent call last\)|During handling of the above exception"
    r"|The above exception was the direct cause|[\]})]|\"\}"
    r"|[\w$]+(?:\.[\w$]+)*(?:Error|Exception|Exit|Interrupt|Warning|Throwable)\b"
    r"|Exception: "  # Python's bare ``Exception: message`` (Node's ``Error:`` starts a trace)
    # .NET: ``--- End of inner exception stack trace ---`` / ``--- End of stack trace ...``
    r"|--- End of "
    # Go: the signal line, goroutine headers, function lines of a dump, exit status
    r"|\[signal |goroutine \d+ \[|created by |exit status \d+"
    r"|[\w./*()-]+\((?:0x[0-9a-f]+|\.\.\.|)(?:, ?(?:0x[0-9a-f]+|\.\.\.))*\)\r?$"
    # PHP / Monolog, Dart: numbered frames; Monolog's sections
    r"|\[stacktrace\]|\[previous exception\]|#\d+\s+\S|Stack trace:"
)

#: Rails logs an exception one space in: `` ActionController::RoutingError (No route ...):``
_RAILS_INDENT = rb" ?"
#: lines where a bare trace may begin (at a line start; bytes, for the scanner)
_TRACE_START = re.compile(
    rb"^(?:(?P<tb>Traceback \(most recent call last\):)"
    rb"|(?P<strong>Exception in thread \"|panic: |fatal error: |Unhandled exception[.:]"
    rb"|PHP Fatal error: )|" + _RAILS_INDENT + _CLASS.encode() + rb"(?::| \(|\r?$))",
    re.MULTILINE,
)
#: a frame line of any runtime (the line above a new trace's exception line)
_FRAME = re.compile(
    rb"^(?:[ \t]+at [^\r\n]|[ \t]+File \"|[ \t]*from \S+:\d+:in |#\d+ |[ \t]+\S+\.go:\d+"
    rb"|[ \t]+\S+(?: \([\d.]+\) \S+)?:\d+:in "
    rb"|[ \t]*\.\.\. \d+ (?:more|common frames omitted)|[ \t]+--- End of )",
    re.MULTILINE,
)
#: the line between two chained Python tracebacks
_CHAINED = re.compile(
    rb"^(?:During handling of the above exception|The above exception was the direct cause)",
    re.MULTILINE)
#: Python: an exception line that ends a traceback (not indented)
_EXC_LINE = re.compile(rb"^" + _CLASS.encode() + rb"(?::|\r?$)", re.MULTILINE)


#: any line a trace may hold (frames, causes, traceback lines, exception lines, dumps)
_TRACE_LINE = re.compile(
    b"^(?:" + CONTINUATION.encode() + b")|" + _FRAME.pattern + b"|" + _TRACE_START.pattern,
    re.MULTILINE)


def _line_above(data: bytes, line_start: int, floor: int) -> tuple[int, int] | None:
    """(start, end) of the nearest non-blank line above ``line_start``, not before ``floor``."""
    end = line_start - 1
    while end > floor:
        start = data.rfind(b"\n", floor, end) + 1 or floor
        if data[start:end].strip():
            return start, end
        end = start - 1
    return None


def record_cuts(data: bytes, start: int, end: int) -> list[int]:
    """Where the record ``data[start:end]`` holds more than one record: each bare trace
    begins one (:func:`bare_trace_starts`), and a bare trace ends at its last trace line
    (a plain line after it is not part of it)."""
    starts = bare_trace_starts(data, start, end)
    bare = starts if _TRACE_START.match(data, start) is None else [start, *starts]
    cuts = set(starts)
    for begin in bare:
        stop = next((s for s in starts if s > begin), end)
        after = _after_trace(data, begin, stop)
        if after is not None:
            cuts.add(after)
    return sorted(cuts)


def _after_trace(data: bytes, begin: int, stop: int) -> int | None:
    """The first line in ``data[begin:stop]`` (after the first) that no trace writes."""
    line = data.find(b"\n", begin, stop) + 1
    while 0 < line < stop:
        if _TRACE_LINE.match(data, line) is None:
            return line
        line = data.find(b"\n", line, stop) + 1
    return None


def bare_trace_starts(data: bytes, start: int, end: int) -> list[int]:
    """Line starts in the record ``data[start:end]`` (not its first line) where a trace
    with no header begins after the end of another trace."""
    cuts: list[int] = []
    first_end = data.find(b"\n", start, end)
    if first_end == -1:
        return cuts
    in_traceback = data.startswith(b"Traceback (most recent call last):", start)
    final_line = -1  # start of the last Python traceback's final line
    for match in _TRACE_START.finditer(data, first_end + 1, end):
        line = match.start()
        above = _line_above(data, line, start)
        if above is None:
            continue
        after_trace = _FRAME.match(data, above[0]) is not None or above[0] == final_line
        if match.group("tb") is not None:
            cut = not _CHAINED.match(data, above[0]) and (
                after_trace or _EXC_LINE.match(data, above[0]) is not None)
            in_traceback = True
        elif match.group("strong") is not None:
            cut = True
        elif in_traceback:  # the final line of a Python traceback
            cut, in_traceback, final_line = False, False, line
        else:
            cut = after_trace
        if cut and (above[0] != start or match.group("strong") is not None):
            cuts.append(line)
    return cuts
