"""Pattern fingerprints: the stable key of a pattern (Jira deduplication uses it).

A fingerprint depends only on text, never on Python's randomised ``hash()``, the order in
which lines arrived, or the machine: the first 16 hex digits of SHA-256 over a normalised
form. Plain patterns hash their template; stack traces hash the exception type and the top
application frames with line numbers removed, so the same crash from a new build (shifted
lines) or with a different message text keeps its key.
"""

from __future__ import annotations

import hashlib
import re

from stacklens_desktop.core.record import Record

FINGERPRINT_LENGTH = 16
#: How many application frames identify a stack trace.
TOP_FRAMES = 3

_SPACES = re.compile(r"\s+")
#: Frames of runtimes and frameworks: the code that calls the app, not where the bug lives.
_FRAMEWORK_MARKERS: tuple[str, ...] = (
    "java.", "javax.", "jakarta.", "sun.", "com.sun.", "jdk.", "kotlin.", "kotlinx.",
    "scala.", "org.springframework.", "org.apache.catalina.", "org.apache.tomcat.",
    "org.junit.", "io.netty.", "reactor.", "node:internal", "internal/", "node_modules",
    "site-packages", "dist-packages", "/usr/lib/python", "/usr/local/lib/python",
    "<frozen ", "importlib._bootstrap",
)
_FRAME_PREFIX = re.compile(r"^\s*(?:at\s+|File\s+)")
#: Line (and column) numbers in a frame: ``Foo.java:42``, ``app.js:10:5``, ``line 42``.
_LINE_NUMBERS = re.compile(r":\d+(?::\d+)?(?=\)|$|\s)|,?\s*line\s+\d+")
#: A file path inside a frame; only its last component is kept (install folders differ).
_PATH = re.compile(r"(?:file://)?(?:[A-Za-z]:)?(?:[\\/][^\\/\s\"'()]+)*[\\/]([^\\/\s\"'()]+)")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def normalise_template(template: str) -> str:
    """The form a template is hashed in: whitespace runs collapsed, ends stripped."""
    return _SPACES.sub(" ", template).strip()


def template_fingerprint(template: str) -> str:
    """Fingerprint of a plain template: equal templates give equal fingerprints."""
    return _digest("t\x00" + normalise_template(template))


def is_framework_frame(frame: str) -> bool:
    """True for frames of the runtime or a framework (skipped when fingerprinting)."""
    text = _FRAME_PREFIX.sub("", frame)
    return any(marker in text for marker in _FRAMEWORK_MARKERS)


def normalise_frame(frame: str) -> str:
    """A frame without its ``at``/``File`` prefix and without line or column numbers."""
    text = _FRAME_PREFIX.sub("", frame.strip())
    text = _LINE_NUMBERS.sub("", text)
    text = _PATH.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def app_frames(frames: list[str], limit: int = TOP_FRAMES) -> list[str]:
    """The top ``limit`` application frames, normalised; framework frames are skipped.

    When every frame belongs to a framework, the top frames are used as they are, so a
    trace from library code still gets a specific key.
    """
    chosen = [normalise_frame(f) for f in frames if f.strip() and not is_framework_frame(f)]
    if not chosen:
        chosen = [normalise_frame(f) for f in frames if f.strip()]
    return chosen[:limit]


def record_fingerprint(record: Record, template: str) -> str:
    """Fingerprint of a record: its stack trace when it has one, else its template."""
    if not record.exception:
        return template_fingerprint(template)
    parts = [record.exception.strip(), *app_frames(record.frames)]
    return _digest("x\x00" + "\x00".join(parts))
