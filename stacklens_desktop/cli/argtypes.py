"""Argument types for argparse: a bad value is a usage error (exit 2), never a traceback."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def int_in_range(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse ``type`` accepting whole numbers from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a {what}: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be {low}-{high}, not {value}")
        return value

    return parse
