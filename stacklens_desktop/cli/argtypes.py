"""Argument types for argparse: a bad value is a usage error (exit 2), never a traceback."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

N = TypeVar("N", int, float)


def _in_range(convert: Callable[[str], N], noun: str, low: N, high: N,
              what: str) -> Callable[[str], N]:
    def parse(text: str) -> N:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a {noun}{what}: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be {low}-{high}, not {value}")
        return value

    return parse


def int_in_range(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse ``type`` accepting whole numbers from ``low`` to ``high``."""
    return _in_range(int, "", low, high, what)


def float_in_range(low: float, high: float, what: str) -> Callable[[str], float]:
    """An argparse ``type`` accepting numbers from ``low`` to ``high``."""
    return _in_range(float, "number of ", low, high, what)
