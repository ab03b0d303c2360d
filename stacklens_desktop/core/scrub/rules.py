"""What to scrub: the declared key list and the user's additions (a plain value object).

Card numbers, card security codes, PINs and track data are always scrubbed: no field here
turns them off (PCI DSS forbids storing them in clear; the shapes are not configurable).
"""

from __future__ import annotations

from dataclasses import dataclass

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
