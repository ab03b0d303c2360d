"""The redaction table: log messages carrying secrets (by name and by shape) and messages
whose words must stay readable. Each case is one POS-format error line (or record)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    message: str  # what follows "<time> [ERROR] "
    secrets: tuple[str, ...] = ()  # none of these may be seen anywhere downstream
    keep: tuple[str, ...] = ()  # these must stay readable


def _s(name: str, message: str, *secrets: str) -> Case:
    return Case(name, message, secrets)


def _k(name: str, message: str, *keep: str) -> Case:
    return Case(name, message, (), keep or (message,))


BY_KEY_JSON = [
    _s("json password", 'Login failed: {"user":"bob","password":"hunter2hunter2"}',
       "hunter2hunter2"),
    _s("json passwd", 'Login failed: {"passwd":"Tr0ub4dor&3x"}', "Tr0ub4dor"),
    _s("json pwd", 'Login failed: {"pwd":"s3cr3tPwd!"}', "s3cr3tPwd"),
    _s("json secret", 'Config rejected: {"secret":"qq-very-secret-99"}', "qq-very-secret-99"),
    _s("json token", 'Sync failed: {"token":"tok_8f7e6d5c4b3a"}', "tok_8f7e6d5c4b3a"),
    _s("json api_key", 'Tax call failed: {"api_key":"ak_zz_1234abcd"}', "ak_zz_1234abcd"),
    _s("json apiKey", 'Tax call failed: {"apiKey":"AK99887766zz"}', "AK99887766zz"),
    _s("json access_key", 'Upload failed: {"access_key":"AKX-ACCESS-7788"}', "AKX-ACCESS-7788"),
    _s("json secret_key", 'Upload failed: {"secret_key":"SK-7788-9900-xx"}', "SK-7788-9900-xx"),
    _s("json private_key", 'Signer failed: {"private_key":"pk-material-42xyz"}',
       "pk-material-42xyz"),
    _s("json authorization", 'Gateway 401: {"authorization":"Bearer abc123def456ghi"}',
       "abc123def456ghi"),
    _s("json auth", 'Gateway 401: {"auth":"u:p4ssw0rdAuth"}', "p4ssw0rdAuth"),
    _s("json cookie", 'Gateway 401: {"cookie":"sid=77aa88bb99"}', "77aa88bb99"),
    _s("json session", 'Till locked: {"session":"sess-0a1b2c3d4e"}', "sess-0a1b2c3d4e"),
    _s("json sessionId", 'Till locked: {"sessionId":"A1B2C3D4E5F6"}', "A1B2C3D4E5F6"),
    _s("json cvv", 'Card rejected: {"orderId":"ORD-1","cvv":"739"}', "739"),
    _s("json cvc", 'Card rejected: {"cvc":"4821"}', "4821"),
    _s("json cvv2", 'Card rejected: {"cvv2":"582"}', "582"),
    _s("json cid", 'Amex rejected: {"cid":"6943"}', "6943"),
    _s("json security_code", 'Card rejected: {"security_code":"317"}', "317"),
    _s("json pin", 'PIN check failed: {"pin":"902713"}', "902713"),
    _s("json otp", 'Manager override failed: {"otp":"558231"}', "558231"),
    _s("json ssn", 'Loyalty signup failed: {"ssn":"123-45-6789"}', "123-45-6789"),
    _s("json track1", 'Swipe failed: {"track1":"B4111111111111111^DOE/JOHN^25121010000000"}',
       "DOE/JOHN", "4111111111111111"),
    _s("json track2", 'Swipe failed: {"track2":"4111111111111111=2512101000000000"}',
       "=2512101", "4111111111111111"),
    _s("json x-api-key", 'Tax call failed: {"x-api-key":"xk-556677-aabb"}', "xk-556677-aabb"),
    _s("json client_secret", 'OAuth failed: {"client_secret":"cs-9f8e7d6c"}', "cs-9f8e7d6c"),
    _s("json refresh_token", 'OAuth failed: {"refresh_token":"rt.abcdef.123456"}',
       "rt.abcdef.123456"),
    _s("json AccountKey", 'Blob upload failed: {"AccountKey":"c2VjcmV0a2V5MTIzNDU2Nzg5MA=="}',
       "c2VjcmV0a2V5MTIzNDU2Nzg5MA"),
    _s("json nested", 'DB connect failed: {"db":{"user":"pos","password":"nestedPw-42"}}',
       "nestedPw-42"),
    _s("json number pin", 'PIN check failed: {"pin":40719}', "40719"),
    _s("json plural", 'Proxy failed: {"cookies":["sid=ck-5151aa","x=1"],"tokens":{"a":"tk-61"}}',
       "ck-5151aa", "tk-61"),
    _s("json escaped", 'Webhook failed: {"body":"{\\"password\\":\\"escPw-777\\"}"}',
       "escPw-777"),
]

BY_KEY_LOGFMT = [
    _s("logfmt password", "login failed user=bob password=logfmtPw-11", "logfmtPw-11"),
    _s("logfmt quoted", 'login failed user=bob password="quoted pw 22"', "quoted pw 22"),
    _s("logfmt token", "sync failed token=lf-tok-8a7b6c", "lf-tok-8a7b6c"),
    _s("logfmt api_key", "tax failed api_key=lf-ak-5544", "lf-ak-5544"),
    _s("logfmt session", "till locked session=lf-sess-3321", "lf-sess-3321"),
    _s("logfmt cvv", "card rejected cvv=264 brand=VISA", "264"),
    _s("logfmt pin", "pin check failed pin=7750", "7750"),
    _s("logfmt otp", "override failed otp=667788", "667788"),
    _s("logfmt secret", "config rejected secret=lf-sec-0099", "lf-sec-0099"),
    _s("logfmt sessionid", "till locked sessionid=lf-sid-7878", "lf-sid-7878"),
    _s("logfmt auth", "gateway 401 auth=lf-auth-6565", "lf-auth-6565"),
    _s("logfmt pwd", "db login failed pwd=lf-pwd-4242", "lf-pwd-4242"),
    _s("logfmt pass", "ftp login failed user=bob pass=lf-pass-3131", "lf-pass-3131"),
]

BY_KEY_KV = [
    _s("kv colon", "db connect failed, password: colonPw-31 user: pos", "colonPw-31"),
    _s("kv token colon", "retry with token: ct-tok-1199", "ct-tok-1199"),
    _s("kv single quoted", "db login failed pwd:'single-q-pw-5'", "single-q-pw-5"),
    _s("kv python repr", "db login failed {'password': 'pyrepr-pw-6', 'user': 'bob'}",
       "pyrepr-pw-6"),
    _s("kv query api_key", "GET /api/orders?api_key=qk-7766&page=2 returned 500", "qk-7766"),
    _s("kv query access_token", "GET /cb?access_token=qat-1a2b3c4d&state=x returned 401",
       "qat-1a2b3c4d"),
    _s("kv spaced", "vault read failed secret_key = spaced-sk-808", "spaced-sk-808"),
    _s("kv azure conn", "Blob client failed: DefaultEndpointsProtocol=https;AccountName=posstore;"
       "AccountKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==;EndpointSuffix=core.windows.net",
       "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA"),
    _s("kv azure sas", "Blob GET 403 https://posstore.blob.core.windows.net/r?sv=2021-06-08"
       "&ss=b&sig=abcSIG%2Bdef123%3D", "abcSIG%2Bdef123"),
    _s("kv azure service bus", "Bus send failed: Endpoint=sb://ns.servicebus.windows.net/;"
       "SharedAccessKeyName=Root;SharedAccessKey=c2hhcmVka2V5MTIzNDU2Nzg5MGFiY2Q=",
       "c2hhcmVka2V5MTIzNDU2Nzg5MGFiY2Q"),
]

BY_KEY_HEADERS = [
    _s("header bearer", "request failed, headers: Authorization: Bearer hdr.tok.12345abc",
       "hdr.tok.12345abc"),
    _s("header basic", "request failed Authorization: Basic dXNlcjpoZHJQYXNzOTk=",
       "dXNlcjpoZHJQYXNzOTk"),
    _s("header cookie", "request failed Cookie: theme=dark; JSESSIONID=JS0A1B2C3D4E",
       "JS0A1B2C3D4E"),
    _s("header set-cookie", "response Set-Cookie: PHPSESSID=php9z8y7x6w5; Path=/",
       "php9z8y7x6w5"),
    _s("header x-api-key", "request failed X-Api-Key: hdr-ak-31337", "hdr-ak-31337"),
    _s("header proxy", "proxy 407 Proxy-Authorization: Basic cHJveHk6cHhQYXNzNzc=",
       "cHJveHk6cHhQYXNzNzc"),
    _s("header x-auth-token", "request failed X-Auth-Token: xat-24680", "xat-24680"),
    _s("header token scheme", "request failed Authorization: Token tkn-13579-abc",
       "tkn-13579-abc"),
]

BY_SHAPE = [
    _s("pan plain", "Charge failed for card 4111111111111111", "4111111111111111"),
    _s("pan spaces", "Charge failed for card 5500 0000 0000 0004", "5500 0000 0000 0004"),
    _s("pan dashes", "Charge failed for card 3782-822463-10005", "3782-822463-10005"),
    _s("pan discover", "Charge failed for card 6011000990139424", "6011000990139424"),
    _s("pan in sentence", "issuer said card 4012888888881881 declined", "4012888888881881"),
    _s("track 1", "swipe raw %B4111111111111111^DOE/JANE^2512101000000000000?", "DOE/JANE",
       "4111111111111111"),
    _s("track 2", "swipe raw ;5500000000000004=25121010000000000?", "=251210100",
       "5500000000000004"),
    _s("pem multi-line", "Signer loaded\n-----BEGIN PRIVATE KEY-----\n"
       "MIIEvQIBADANBgkqhkiG9w0B\nAQEFAASCBKcwggSjAgEAAoIB\n-----END PRIVATE KEY-----",
       "MIIEvQIBADANBgkqhkiG9w0B", "AQEFAASCBKcwggSjAgEAAoIB"),
    _s("pem escaped", "key loaded: -----BEGIN RSA PRIVATE KEY-----\\nMIIBOgIBAAJBAKj34GkxFhD9"
       "\\n-----END RSA PRIVATE KEY-----", "MIIBOgIBAAJBAKj34GkxFhD9"),
    _s("jwt", "rejected jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjbGVyazEyIn0.SflKxwRJSMeKKF2QT4fw",
       "eyJzdWIiOiJjbGVyazEyIn0", "SflKxwRJSMeKKF2QT4fw"),
    _s("aws key id", "S3 upload denied for AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
    _s("aws secret", "aws creds AKIAI44QH8DHBEXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
       "AKIAI44QH8DHBEXAMPLE", "wJalrXUtnFEMI/K7MDENG"),
    _s("gcp api key", "Maps call failed key AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
       "AIzaSyD-9tSrke72PouQMnMX"),
    _s("gcp oauth", "GCS 401 with ya29.a0AfH6SMBx3kY7zQ_hQ9-abcdefghijklmno",
       "ya29.a0AfH6SMBx3kY7zQ"),
    _s("bearer free text", "upstream said: Bearer ftb.9a8b7c6d5e", "ftb.9a8b7c6d5e"),
    _s("basic free text", "sent Basic Ym9iOmZyZWVQYXNz to proxy", "Ym9iOmZyZWVQYXNz"),
    _s("url password", "DB down postgres://pos:urlPw-808@db.internal:5432/pos", "urlPw-808"),
    _s("url no user", "cache down redis://:r3dis-pw@cache:6379/0", "r3dis-pw"),
    _s("url password with @ and /", "MQ down amqp://svc:p@ss/w0rd@mq.internal:5672/",
       "p@ss/w0rd", "ss/w0rd"),
    _s("url token user", "clone failed https://a8f5f167f44f4964e6c998dee827110c@git.example.com"
       "/org/repo.git", "a8f5f167f44f4964e6c998dee827110c"),
    _s("near word hex", "secret key is 3fa9b0c1d2e3f4a5b6c7d8e9f0a1b2c3",
       "3fa9b0c1d2e3f4a5b6c7d8e9f0a1b2c3"),
    _s("near word token", "using token 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
       "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"),
    _s("near word api key", "api key Zx81Qp0Lm2Nn3Bb4Vv5Cc6 refused", "Zx81Qp0Lm2Nn3Bb4Vv5Cc6"),
    _s("stripe", "refund failed with sk_live_51HabcdefGHIJKLmnop", "sk_live_51HabcdefGHIJKLmnop"),
    _s("slack", "alert post failed xoxb-123456789012-abcdefABCDEF", "xoxb-123456789012"),
    _s("github", "clone failed ghp_0123456789abcdefghijABCDEFGHIJ012345",
       "ghp_0123456789abcdefghijABCDEFGHIJ012345"),
    _s("atlassian", "jira said no to ATATT3xFfGF0T8kd9sJ2hQwXYZabcdef12345678",
       "ATATT3xFfGF0T8kd9sJ2hQw"),
    _s("cvv free text", "CVV 448 rejected by issuer", "448"),
    _s("pin free text", "PIN 7391 entered wrong three times", "7391"),
    _s("email", "receipt mailed to jane.doe@example.com bounced", "jane.doe@example.com"),
]

WORDS_THAT_STAY = [
    _k("token validation", "Token validation failed"),
    _k("password reset", "password reset requested"),
    _k("secret manager", "Secret Manager unavailable"),
    _k("session expired", "Session expired for till T3"),
    _k("basic auth word", "Basic authentication failed"),
    _k("bearer word", "Bearer token missing"),
    _k("pin pad", "PIN pad disconnected"),
    _k("cookie consent", "cookie consent banner error"),
    _k("auth colon prose", "auth: connection refused"),
    _k("api key rotation", "API key rotation scheduled"),
    _k("track read error", "track 2 read error on swipe"),
    _k("private key file", "private key file not found"),
    _k("token type", "refresh rejected tokenType=refresh", "tokenType=refresh"),
    _k("session colon prose", "session: expired"),
    _k("order ids", "Order ORD-123456 total 12.99 failed"),
    _k("last4", 'Payment declined: {"last4":"1111","cardNumber":"************1881"}',
       "************1881"),
    _k("no price", 'Product has no price: {"productId":999,"productName":"Premium Item"}',
       "Premium Item"),
    _k("password rules", "password must be at least 8 characters"),
    _k("secret rotation", "secret rotation completed with errors"),
    _k("key not found", "key not found in cache"),
    _k("otp service", "OTP service timeout"),
    _k("ssn module", "SSN validation module failed"),
    _k("cache key", "Cache miss: cacheKey=catalog:EU-3", "cacheKey=catalog:EU-3"),
    _k("auth code", "Card declined: issuer code 05 for order ORD-77"),
    _k("bypass", "cache bypass=true for till T2", "bypass=true"),
    _k("status", 'Sync failed: {"status":"timeout","passCount":3}', '"status":"timeout"'),
]

CASES: list[Case] = BY_KEY_JSON + BY_KEY_LOGFMT + BY_KEY_KV + BY_KEY_HEADERS + BY_SHAPE + \
    WORDS_THAT_STAY


_CODE_WORDS = r"(?:cvv2?|cvc2?|cid|pin|otp|code|ssn)"


def leaks(blob: str, secret: str) -> bool:
    """Is ``secret`` in ``blob``? A short number (a CVV, a PIN) counts where it stands after
    its name, as the table writes it (``"cvv":"739"``, ``PIN 7391``): the same three digits
    in a timestamp or a hash are not the secret."""
    if len(secret) <= 6 and secret.isdigit():
        pattern = rf"(?i){_CODE_WORDS}[^0-9A-Za-z]{{0,4}}{re.escape(secret)}(?![0-9])"
        return re.search(pattern, blob) is not None
    return secret in blob


def log_line(index: int, case: Case) -> str:
    """One POS-format record (a multi-line message keeps its continuation lines)."""
    return f"2026-11-25T10:{index // 60:02d}:{index % 60:02d}.000Z [ERROR] {case.message}\n"
