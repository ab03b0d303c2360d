"""``stacklens --self-test``: the installed app checks itself end to end, in a temporary
profile, and exits 0, or non-zero naming the step that failed (see :mod:`.runner`).

Run after installing (the packaging test runs the .deb's copy with a clean environment):
it proves that the bundle carries what the app reads at run time (Qt's platform plugin, the
shipped model, the knowledge base, the sample log, watchdog's inotify backend, the keyring
backends) and that the pieces work together.
"""

from stacklens_desktop.selftest.runner import run_self_test

__all__ = ["run_self_test"]
