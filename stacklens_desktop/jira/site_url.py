"""Which Jira URLs the app will send a token to.

The API token goes in every request's Authorization header: over plain ``http://`` anyone on
the path reads it. Plain http is accepted only for a server on this machine (the built-in
sandbox on 127.0.0.1 or localhost), where the request never touches a network.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain"})


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_problem(base_url: str) -> str | None:
    """Why ``base_url`` is refused as a Jira site, or None when it is fine."""
    try:
        parts = urlsplit(base_url.strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return f"Jira URL is not a valid URL: {base_url}"
    scheme, host = parts.scheme.lower(), parts.hostname or ""
    if scheme not in ("http", "https") or not host:
        return f"Jira URL must start with https:// and name a host: {base_url}"
    if parts.username or parts.password:
        return ("Jira URL must not carry a user or password (it would be stored and logged); "
                "the token is kept in the OS keyring.")
    if scheme == "http" and not is_loopback_host(host):
        return (f"Jira URL {base_url} uses plain http:// to {host}: the API token would "
                "travel in clear. Use https:// (plain http:// is accepted only for a server "
                "on this machine, such as the built-in sandbox on 127.0.0.1).")
    return None
