"""Kubernetes' klog and Google's glog: ``E1125 10:00:00.123456    1 file.go:114] msg``.

The header holds no year, so the time is kept as written (``1125 10:00:00.123456``), as
syslog's is.
"""

from __future__ import annotations

import re

from stacklens_desktop.core.formats.base import RegexFormat
from stacklens_desktop.core.formats.level_scales import KLOG_LETTERS
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex

_LEVELS = dict(KLOG_LETTERS.values)
_TS = r"\d{4} \d\d:\d\d:\d\d\.\d+"

KLOG = RegexFormat(
    name="klog",
    variants=[rf"(?P<level>[IWEF])(?P<ts>{_TS}) +(?P<thread>\d+) "
              r"(?P<source>[^\s\]]+:\d+)\] (?P<msg>.*)$"],
    start=start_regex(rf"[IWEF]{_TS} +\d+ "),
    # No literal to lead with: the line-start anchor keeps the scan to one test per line.
    warn_or_above=bytes_regex(rf"^[WEF]{_TS} ", flags=re.MULTILINE),
    levels=_LEVELS,
)
