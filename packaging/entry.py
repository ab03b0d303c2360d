"""The bundle's one executable (``StackLens``): both programs.

``StackLens`` alone opens the window (``stacklens gui``: what the desktop menu starts);
``StackLens COMMAND ...`` is the ``stacklens`` command line (``--self-test`` included);
``StackLens --pos-simulator ...`` is the POS simulator (``pos-simulator`` in a pip install).
"""

from __future__ import annotations

import multiprocessing
import sys

POS_SIMULATOR = "--pos-simulator"


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == [POS_SIMULATOR]:
        from pos_simulator.__main__ import main as pos_simulator

        return pos_simulator(args[1:])
    from stacklens_desktop.cli.main import main as stacklens

    return stacklens(args or ["gui"])


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
