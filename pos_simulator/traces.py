"""Stack-trace text as the shop's backends print it: Java (logback) and Python tracebacks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class JavaFrame:
    cls: str
    method: str
    line: int | None

    def render(self) -> str:
        file = self.cls.rsplit(".", 1)[-1].split("$", 1)[0] + ".java"
        where = f"{file}:{self.line}" if self.line is not None else "Native Method"
        return f"\tat {self.cls}.{self.method}({where})"


@dataclass(frozen=True)
class JavaException:
    """One exception in a chain; ``frames`` top first."""

    type: str
    message: str
    frames: Sequence[JavaFrame] = field(default_factory=tuple)


def java_trace(chain: Sequence[JavaException]) -> list[str]:
    """Lines of a Java stack trace: the first exception, then each ``Caused by:`` cause.

    As the JVM does, a cause prints only the frames that differ from the enclosing trace and
    ends with ``... N more`` for the shared tail.
    """
    lines: list[str] = []
    outer: Sequence[JavaFrame] = ()
    for index, exc in enumerate(chain):
        prefix = "" if index == 0 else "Caused by: "
        lines.append(f"{prefix}{exc.type}: {exc.message}")
        shared = _shared_tail(exc.frames, outer) if index else 0
        for frame in exc.frames[: len(exc.frames) - shared]:
            lines.append(frame.render())
        if shared:
            lines.append(f"\t... {shared} more")
        outer = exc.frames
    return lines


def _shared_tail(inner: Sequence[JavaFrame], outer: Sequence[JavaFrame]) -> int:
    count = 0
    while (
        count < len(inner)
        and count < len(outer)
        and inner[len(inner) - 1 - count] == outer[len(outer) - 1 - count]
    ):
        count += 1
    return count


@dataclass(frozen=True)
class PyFrame:
    path: str
    line: int
    function: str
    source: str


def python_traceback(
    frames: Sequence[PyFrame], exc_type: str, message: str, cause: list[str] | None = None
) -> list[str]:
    """Lines of a Python traceback (most recent call last); ``cause`` is an earlier one."""
    lines: list[str] = []
    if cause:
        lines += cause
        lines += ["", "The above exception was the direct cause of the following exception:", ""]
    lines.append("Traceback (most recent call last):")
    for frame in frames:
        lines.append(f'  File "{frame.path}", line {frame.line}, in {frame.function}')
        lines.append(f"    {frame.source}")
    lines.append(f"{exc_type}: {message}" if message else exc_type)
    return lines
