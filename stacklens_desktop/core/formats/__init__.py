"""Header parsing per log format and format detection.

``detect_format(sample_lines)`` picks a :class:`LogFormat`; ``fmt.parse(line)`` reads a
header (None if the line is not one); ``parse_any(line, fmt)`` never fails. Each format also
carries two bytes regexes for whole-chunk scanning, ``start`` and ``warn_or_above``.
"""

from stacklens_desktop.core.formats.base import LogFormat
from stacklens_desktop.core.formats.detect import (
    FORMATS,
    detect_format,
    format_by_name,
    line_format,
    parse_any,
    parse_line,
)
from stacklens_desktop.core.formats.generic import GENERIC
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.levels import normalize_level

#: Bump when a change here makes some log line parse differently (new format, another level,
#: source or message): it is part of the classifier's cache key, because the model learns
#: from records these parsers build (``tests/classify/test_parser_version.py`` notices a
#: change in how the training rows parse that came without a bump).
PARSERS_VERSION = 6

__all__ = [
    "FORMATS",
    "PARSERS_VERSION",
    "GENERIC",
    "Header",
    "LogFormat",
    "detect_format",
    "format_by_name",
    "line_format",
    "normalize_level",
    "parse_any",
    "parse_line",
]
