"""Find the exception class and the stack frames in the text of a record.

Covers the trace shapes of the common runtimes (JVM, Python, Node.js, .NET, Go, Ruby, PHP,
Rust) with a few line patterns, so records built from raw text (``stacklens classify``) get
the same ``exception``/``frames`` as records from the format parsers.
"""

from __future__ import annotations

import re

#: one stack frame per line, whatever the runtime
_FRAME = re.compile(
    r"^\s+at\s+\S"                      # JVM, Node.js, .NET, Rust backtraces
    r"|^\s+File \"[^\"]+\", line \d+"   # Python
    r"|^\s*from \S+:\d+:in "            # Ruby
    r"|^\s*#\d+\s+\S"                   # PHP, C, gdb
    r"|^\s+\S+\.go:\d+"                 # Go
    r"|^\s+\d+:\s+0x[0-9a-f]+ - "       # Rust
    r"|^\s*\.\.\. \d+ (?:more|common frames omitted)"
)
_CLASS = r"(?:[A-Za-z_][\w$]*(?:\.|::))*[A-Z][\w$]*(?:Exception|Error|Fault|Failure|Panic|Exit)"
#: ``Caused by: x.y.ZException: msg`` (JVM root causes, innermost last)
_CAUSED_BY = re.compile(rf"^Caused by: ({_CLASS})\b", re.M)
#: an exception class at the start of a line (``TypeError: ...``, ``java.io.IOException``)
_LEADING = re.compile(
    rf"^(?:Unhandled exception\. |Exception in thread \"[^\"]*\" |Fatal error: Uncaught |"
    rf"\*\* \(|\(?)({_CLASS})\b", re.M)
#: an exception class anywhere in a line (messages such as ``... raised KeyError``)
_ANYWHERE = re.compile(rf"\b({_CLASS})\b")
_TRACEBACK = "Traceback (most recent call last):"
_GO_PANIC = re.compile(r"^panic: ", re.M)


def is_frame(line: str) -> bool:
    """True for a stack-frame line of any runtime (``at ...``, ``File "..."``, ...)."""
    return bool(_FRAME.match(line))


def find_frames(text: str) -> list[str]:
    """The stack-frame lines of ``text``, top first, as written."""
    return [line for line in text.split("\n")[1:] if _FRAME.match(line)]


def find_exception(text: str) -> str | None:
    """The root-cause exception class named in ``text``, or ``None``.

    JVM: the last ``Caused by``; Python: the line after the last frame; others: the first
    class at a line start, then the first anywhere; a Go ``panic:`` counts as ``panic``.
    """
    causes = _CAUSED_BY.findall(text)
    if causes:
        return str(causes[-1])
    if _TRACEBACK in text:
        tail = [m.group(1) for m in _LEADING.finditer(text.rsplit(_TRACEBACK, 1)[1])]
        if tail:
            return tail[-1]
    lead = _LEADING.search(text)
    if lead:
        return lead.group(1)
    if _GO_PANIC.search(text):
        return "panic"
    anywhere = _ANYWHERE.search(text)
    return anywhere.group(1) if anywhere else None


def short_class(name: str) -> str:
    """``java.lang.NullPointerException`` -> ``NullPointerException``."""
    return re.split(r"\.|::", name)[-1]
