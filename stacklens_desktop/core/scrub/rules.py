"""What to scrub: the declared key list and the user's additions (a plain value object).

Card numbers, card security codes, PINs and track data are always scrubbed: no field here
turns them off (PCI DSS forbids storing them in clear; the shapes are not configurable).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: Field names whose value is a secret wherever they appear (JSON, logfmt, key=value, HTTP
#: headers, structured fields). Compared after lower-casing and dropping ``-``, ``_``, ``.``.
DEFAULT_KEYS: tuple[str, ...] = (
    "password", "passwd", "pwd", "pass", "passphrase", "secret", "client_secret", "token",
    "access_token", "refresh_token", "id_token", "auth_token", "api_token", "csrf_token",
    "api_key", "apikey", "x-api-key", "access_key", "secret_key", "private_key",
    "private_key_id", "authorization", "proxy-authorization", "auth", "credential",
    "credentials", "cookie", "set-cookie", "session", "sessionid", "session_id",
    "session_key", "jsessionid", "phpsessid", "aspsessionid", "connect.sid",
    "cvv", "cvc", "cvv2", "cvc2", "cvn", "cid", "csc", "security_code", "card_security_code",
    "pin", "pin_block", "otp", "one_time_code", "verification_code", "ssn",
    "social_security_number", "national_id", "track1", "track2", "track_data",
    "account_key", "accountkey", "shared_access_key", "sharedaccesskey",
    "shared_access_signature", "sig",
)


@dataclass(frozen=True)
class ScrubRules:
    """The settings of scrubbing; the defaults are what the app uses out of the box.

    ``extra_keys`` are field names added to :data:`DEFAULT_KEYS`; ``extra_patterns`` are
    regular expressions whose whole match is replaced by ``[secret #hash]``; ``emails``
    scrubs e-mail addresses; ``hash_salt`` keys the short hash shown in a redacted value.
    """

    extra_keys: tuple[str, ...] = ()
    extra_patterns: tuple[str, ...] = ()
    emails: bool = True
    hash_salt: str = "stacklens-scrub-1"


DEFAULT_RULES = ScrubRules()


#: Where the profile keeps the user's scrubbing settings (the ``setting`` table).
SETTING_KEY = "scrub.rules"


def rules_to_json(rules: ScrubRules) -> dict[str, Any]:
    """The saved form (the hash salt is not a user setting: it stays the app's)."""
    return {"extra_keys": list(rules.extra_keys), "extra_patterns": list(rules.extra_patterns),
            "emails": rules.emails}


def rules_from_json(data: Mapping[str, Any]) -> ScrubRules:
    """Saved settings; a missing or mistyped value keeps its default, and a pattern that no
    longer compiles is left out (scrubbing must never stop over a bad setting)."""
    keys = data.get("extra_keys")
    patterns = data.get("extra_patterns")
    emails = data.get("emails")
    return ScrubRules(
        extra_keys=tuple(str(k) for k in keys if str(k).strip()) if isinstance(keys, list)
        else (),
        extra_patterns=tuple(str(p) for p in patterns if not pattern_problem(str(p)))
        if isinstance(patterns, list) else (),
        emails=emails if isinstance(emails, bool) else True,
    )


def pattern_problem(pattern: str) -> str | None:
    if not pattern.strip():
        return "an empty pattern would match everywhere"
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        return str(exc)
    if compiled.match(""):
        return "it matches the empty text"
    return None
