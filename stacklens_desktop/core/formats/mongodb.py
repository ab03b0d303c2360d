"""MongoDB's text log (before 4.4): ``2015-02-24T18:17:47.148+0000 F -  [conn11] msg``.

The severity is a letter (F, E, W, I, D1..D5: ``level_scales.MONGODB``), then the component
(``NETWORK``, ``-``) and the context in brackets. From 4.4 on MongoDB writes JSON lines,
whose ``"s"`` the JSON-lines format reads on the same scale.
"""

from __future__ import annotations

import re

from stacklens_desktop.core.formats.base import RegexFormat
from stacklens_desktop.core.formats.level_scales import MONGODB
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex

_TS = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(?:[+-]\d{4}|Z)"

MONGODB_TEXT = RegexFormat(
    name="mongodb",
    variants=[rf"(?P<ts>{_TS}) (?P<level>[FEWI]|D\d?) +(?P<source>[A-Z_]+|-) +"
              r"(?:\[(?P<context>[^\]]*)\] ?)?(?P<msg>.*)$"],
    start=start_regex(rf"{_TS} (?:[FEWI]|D\d?) "),
    warn_or_above=bytes_regex(rf"^{_TS} [FEW] ", flags=re.MULTILINE),
    levels=dict(MONGODB.values),
)
