"""What kind of value each placeholder stands for, and whether a value can be one.

A value fills a placeholder only when it fits the placeholder's role: a product or order id
is a short token (not a hex address, a float or a sentence), a URL is a URL or a request
path (not a rotated log file), a path or file looks like one, a host is a host name or an
address (not a bare number), a user is a login name. A value that does not fit is left out
and the sentence is written without it (its optional segment drops, or the fallback word
stands in). Placeholders with no role here take any value, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: a memory address: ``0x7f3a...`` or 12+ hex digits with a letter among them
_HEX_ADDRESS = re.compile(r"^(?:0x[0-9a-f]{4,}|(?=[0-9]*[a-f])[0-9a-f]{12,})$", re.I)
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_ID = re.compile(r"^[A-Za-z0-9][\w./:#-]{0,39}$")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://\S+|/[^\s]*)$", re.I)
_LOG_FILE = re.compile(r"(?:\.log(?:\.\d+)?(?:\.gz)?|\.\d+|\.gz|\.bak|\.old)$", re.I)
_FS_ROOTS = re.compile(r"^/(?:var|etc|opt|usr|home|tmp|srv|proc|sys|dev|mnt|root|run)/")
_PATH = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\|~?/|\.{1,2}[\\/])[^\s]*$|^[^\s/\\]+[\\/][^\s]*$")
_FILE_NAME = re.compile(r"^[\w.-]+\.[A-Za-z0-9]{1,6}$")
_HOST = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d{1,5})?$")
_IP = re.compile(r"^(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?$|^\[?[0-9a-f:]+:[0-9a-f:]*\]?$", re.I)
_USER = re.compile(r"^(?=.*[A-Za-z])[\w.@\\$-]{2,64}$")
_TABLE = re.compile(r"^[A-Za-z_\"`\[][\w.$\"`\[\]]{0,80}$")


def _identifier(value: str) -> bool:
    """A product or order id: one short token, not a hex address or a decimal number."""
    return (_ID.match(value) is not None and _HEX_ADDRESS.match(value) is None
            and not ("." in value and _NUMBER.match(value)))


def _url(value: str) -> bool:
    if _URL.match(value) is None:
        return False
    if value.startswith("/") and (_FS_ROOTS.match(value) or _LOG_FILE.search(value)):
        return False  # a file on disk (a rotated log), not a requested URL
    return True


def _path(value: str) -> bool:
    return "://" not in value and (_PATH.match(value) is not None
                                   or _FILE_NAME.match(value) is not None)


def _host(value: str) -> bool:
    return _HOST.match(value) is not None or _IP.match(value) is not None


def _user(value: str) -> bool:
    return _USER.match(value) is not None and _HEX_ADDRESS.match(value) is None


def _entity(value: str) -> bool:
    """What a generic ``{p1}`` names: not a lone small number, a hex address or a time."""
    if re.match(r"^\d{1,3}$", value) or _HEX_ADDRESS.match(value):
        return False
    return re.match(r"^\d{1,2}:\d{2}", value) is None


def _port(value: str) -> bool:
    return value.isdigit() and 0 < int(value) < 65536


def _table(value: str) -> bool:
    return _TABLE.match(value) is not None and not value.isdigit()


#: placeholder key (see :func:`~.values.key_of`) -> the check its value must pass
ROLES: dict[str, Callable[[str], bool]] = {
    "productid": _identifier,
    "orderid": _identifier,
    "url": _url,
    "path": _path,
    "file": _path,
    "host": _host,
    "user": _user,
    "port": _port,
    "table": _table,
    "p1": _entity,
    "p2": _entity,
    "p3": _entity,
}


def fits(key: str, value: str) -> bool:
    """Whether ``value`` can fill the placeholder ``key`` (a :func:`key_of` key)."""
    check = ROLES.get(key)
    return check is None or check(value)
