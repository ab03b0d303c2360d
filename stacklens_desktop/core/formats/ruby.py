"""Ruby's ``Logger`` (Rails, Sidekiq, Puma): ``E, [ISO time #pid] ERROR -- progname: msg``."""

from __future__ import annotations

from stacklens_desktop.core.formats.base import RegexFormat
from stacklens_desktop.core.formats.levels import spellings
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex

#: Logger's severities (``ANY`` is "unknown": logged at the top, so taken as FATAL here).
_LEVELS = {**spellings(words=("DEBUG", "INFO", "WARN", "ERROR", "FATAL")), "ANY": "FATAL"}
_TS = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?"

RUBY_LOGGER = RegexFormat(
    name="ruby-logger",
    variants=[rf"[DIWEFA], \[(?P<ts>{_TS}) #(?P<pid>\d+)\] +(?P<level>"
              rf"{'|'.join(_LEVELS)}) -- (?:(?P<source>[^:]+))?:(?: (?P<msg>.*))?$"],
    start=start_regex(rf"[DIWEFA], \[{_TS} #"),
    # the letter repeats the level: W, E, F and A (ANY) are WARN and above
    warn_or_above=bytes_regex(r"[WEFA], \[\d{4}-"),
    levels=_LEVELS,
)
