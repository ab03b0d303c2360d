"""Is there a screen to open a window on? Decided before Qt is loaded.

Qt aborts the process (SIGABRT, exit 134) when its platform plugin cannot reach a display,
so the question is answered here, from the environment, and the caller falls back to the
terminal instead:

- ``QT_QPA_PLATFORM`` naming a plugin that needs no window system (``offscreen``,
  ``minimal``, ``vnc``, ``eglfs``, ``linuxfb`` ...) is the user's explicit choice: a window.
- ``xcb`` (X11) needs ``DISPLAY``; ``wayland`` needs ``WAYLAND_DISPLAY``; unset, either will do.
- A display named but not there (a stale ``DISPLAY`` after ``ssh`` without ``-X``, an X
  server that stopped) counts as none: its socket must exist, or for ``host:N`` answer a TCP
  connection on port 6000+N within a moment.
- macOS and Windows always have a screen for a desktop session.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Mapping
from pathlib import Path

#: platform plugins that draw without a window system (or into memory)
NO_WINDOW_SYSTEM = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb",
                              "vkkhrdisplay"})
X11_SOCKETS = Path("/tmp/.X11-unix")
_DISPLAY = re.compile(r"^(?P<host>[^:]*):(?P<number>\d+)(\.\d+)?$")
CONNECT_TIMEOUT_S = 0.5


def has_display(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True when a Qt window can be opened here (see the module's notes)."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    chosen = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0].strip().lower()
    if chosen in NO_WINDOW_SYSTEM:
        return True
    if not platform.startswith("linux") and "bsd" not in platform:
        return True
    wayland = chosen in ("", "wayland", "wayland-egl") and wayland_reachable(env)
    x11 = chosen in ("", "xcb") and x11_reachable(env.get("DISPLAY", ""))
    return wayland or x11


def no_display_reason(env: Mapping[str, str] | None = None) -> str:
    """One line on why there is no window (for the fallback's first line)."""
    env = os.environ if env is None else env
    named = [f"{name}={env[name]}" for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
             if env.get(name)]
    if not named:
        return "no display (DISPLAY and WAYLAND_DISPLAY are not set)"
    return f"no display reachable ({', '.join(named)})"


def wayland_reachable(env: Mapping[str, str]) -> bool:
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = Path(name)
    if not path.is_absolute():
        runtime = env.get("XDG_RUNTIME_DIR", "")
        if not runtime:
            return False
        path = Path(runtime) / name
    return path.exists()


def x11_reachable(display: str) -> bool:
    found = _DISPLAY.match(display.strip())
    if found is None:
        return False
    host, number = found["host"], int(found["number"])
    if host in ("", "unix"):
        # Linux's X servers listen on an abstract socket too, but always create this file
        return (X11_SOCKETS / f"X{number}").exists()
    try:
        with socket.create_connection((host, 6000 + number), timeout=CONNECT_TIMEOUT_S):
            return True
    except OSError:
        return False
