"""Consequence, scope and kind-of-fault cues that word and character n-grams miss.

An on-call engineer reads "0 of 8 replicas available" as an outage and "3 of 3 attempts
failed" as given up, but the words are the same as in "7 of 8 available"; the numbers
decide, and normalisation drops them. :func:`consequence_tokens` turns such evidence into
``__`` tokens: counts (``N of N``, ``0 of N``, ``x in a row``), start-up failures, a process
killed by a signal or for memory, will retry / dead-lettered, succeeded on retry or
reconnected, writes blocked (disk or log full, read-only), still serving / fell back, zero
failure counts in statistics ("errors: 0", "killed: 0"), and the kind of fault when the
component that logged it would mislead (an I/O error on a data file is a device fault, a
constraint or range violation is bad data, a charset error is parsing, a configured path
that is missing is configuration, address 0 / nil is a null reference, a proxy's upstream
timeout is the upstream's). A notice with no failure in it gets ``__quiet_notice``.
"""

from __future__ import annotations

import re

_CUES: dict[str, str] = {
    "startup_fail": r"(?:fail(?:ed|s|ure)? (?:to |during |on )?(?:start|boot|initiali[sz]e|"
                    r"launch|bind|come up)|(?:could|can)(?:not|'t| not) (?:be )?start|unable to "
                    r"start|start-?up (?:failed|failure|aborted)|did not start|won't start|"
                    r"start request repeated too quickly|entered (?:a )?failed state|"
                    r"failed with result|crash ?loop|back-?off restarting)",
    "killed": r"(?:killed (?:by )?(?:signal|process)|signal (?:9|kill)\b|sigkill|oom[- _]?kill"
              r"|code=killed|status=9/kill"
              r"\w*|out of memory: kill|memory cgroup out of memory|killed as a result of|"
              r"reaped|terminated by signal|got signal (?:9|6|11))",
    "will_retry": r"(?:will (?:be )?retr(?:y|ied)|retry(?:ing)? in \d|retry \d+ of|next retry|"
                  r"scheduled for retry|re-?queued|back in the queue|will try again)",
    "dead_letter": r"(?:dead[- ]?letter|\bdlq\b|poison (?:message|queue)|parked|quarantin\w+|"
                   r"moved to (?:the )?error queue)",
    "recovered": r"(?:succeeded (?:on|after) (?:retry|attempt|reconnect)|succeeded on the \w+ "
                 r"(?:try|attempt)|re-?connected|connection (?:re-?established|restored)|"
                 r"back (?:online|up)|recovered after|is healthy again)",
    "writes_blocked": r"(?:no space left|disk (?:is )?full|(?:volume|filesystem|partition|"
                      r"tablespace|log(?: file)?|transaction log|journal) (?:is )?full|"
                      r"read-?only (?:mode|file ?system)|remounting .{0,30}read-only|writes? "
                      r"(?:are |is )?(?:blocked|refused|rejected|disabled)|misconf|quota "
                      r"exceeded|out of (?:disk|space))",
    "still_serving": r"(?:still serving|continu(?:es|ing) to serve|serving (?:stale|cached)|"
                     r"fell back|falling back|fallback (?:to|used)|using (?:the )?(?:cached|"
                     r"backup|secondary|standby)|degraded mode|in read-only fallback)",
    "zero_failures": r"(?:\b(?:errors?|failures?|failed|killed|dropped|lost|rejected|crashes|"
                     r"warnings?)[ =:]+0\b(?![.,]\d)|\b0 (?:errors?|failures?|failed|killed|"
                     r"dropped|lost|rejected)\b|\bno (?:errors?|failures?) (?:found|detected|"
                     r"reported))",
    "type_io": r"(?:i/o error|input/output error|\beio\b|bad sectors?|medium error|"
               r"unrecovered read error|read error on|write error on|smart (?:error|failure)|"
               r"blk_update_request)",
    "type_constraint": r"(?:violates? (?:\w+ )?(?:check |not-null |foreign key )?constraint|"
                       r"check constraint|value too long|data too long|out of range|"
                       r"numeric (?:value )?overflow|exceeds (?:the )?(?:maximum|max) "
                       r"length|string or binary data would be truncated)",
    "type_charset": r"(?:invalid byte sequence|character set|charset|incorrect string value|"
                    r"malformed (?:utf|input)|unmappable character|invalid (?:utf-?8|"
                    r"encoding)|codec can't (?:de|en)code)",
    "type_config_path": r"(?:(?:config(?:uration)?|\.conf|\.ini|\.ya?ml|settings?|configured|"
                        r"certificate|keystore).{0,60}?(?:no such file|not found|does not "
                        r"exist|missing))",
    "type_null": r"(?:address 0x0+\b|at address 0+\b|null pointer|nil pointer|invalid memory "
                 r"address or nil|dereferenc\w+ (?:a )?null|nullreference|null reference)",
    "type_upstream": r"(?:upstream (?:timed out|prematurely|sent|server temporarily|connect "
                     r"timeout|request timeout|response timeout)|no live upstreams|"
                     r"while reading response header from upstream)",
}
_ANY = re.compile(r"\b(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _CUES.items())
                  + ")")
#: "3 of 8", "5 out of 5", "0/8 nodes" (a slash count only before a word that counts
#: something, so that dates like 12/12 are not counts)
_COUNT = re.compile(r"\b(\d{1,6}) (?:of|out of) (\d{1,6})\b(?![./:-]\d)"
                    r"|\b(\d{1,6})/(\d{1,6}) (?=[a-z]+s\b|(?:ready|up|running|available|healthy"
                    r"|ok|failed|succeeded|alive|online)\b)")
_IN_A_ROW = re.compile(r"\b(\d{1,4})(?:th)? (?:times? )?(?:in a row|consecutive|straight)")
_QUIET_LEVELS = frozenset({"TRACE", "DEBUG", "INFO", "NOTICE"})
_FAILURES = frozenset({"startup_fail", "killed", "dead_letter", "writes_blocked", "type_io",
                       "type_null"})
_FAILURE_WORD = re.compile(
    r"\b(?:fail\w*|errors?|unable|cannot|can't|could not|couldn't|denied|refused|rejected|"
    r"timed? ?out|timeout|crash\w*|abort\w*|exception|fatal|panic|lost|losing|corrupt\w*|"
    r"down|unavailable|offline|unreachable|not responding|killed|terminated|exceeded|"
    r"exhausted|full|invalid|missing|not found|violat\w*|stopped|dropp\w+|degraded|"
    r"deadlock\w*|oom|overflow|refus\w+|breach\w*|unhealthy|no space|out of)\b")
#: counts that say something is wrong however calm the words ("0 of 8", "5 in a row")
_ALARMING_COUNTS = frozenset({"__scope_none_of_n", "__scope_in_a_row"})


def count_tokens(text: str) -> list[str]:
    """Scope tokens from the counts in ``text`` (lower case); substring checks first, so
    that most records skip the regexes."""
    tokens: set[str] = set()
    counts = _COUNT.findall(text) if " of " in text or "/" in text else []
    for got, total, got_slash, total_slash in counts:
        have, of = int(got or got_slash), int(total or total_slash)
        if of < 2 or have > of or of in (24, 60, 100, 1000):  # times and percentages
            continue
        tokens.add("__scope_none_of_n" if have == 0 else "__scope_n_of_n" if have == of
                   else "__scope_some_of_n")
    rows = _IN_A_ROW.findall(text) if (" in a row" in text or "consecutive" in text
                                       or "straight" in text) else []
    for n in rows:
        if int(n) >= 3:
            tokens.add("__scope_in_a_row")
    return sorted(tokens)


def consequence_tokens(text: str, level: str | None) -> list[str]:
    """Tokens for ``text`` (a record's message lines) logged at ``level``."""
    lower = text.lower()
    found = {str(m.lastgroup) for m in _ANY.finditer(lower)}
    tokens = [f"__cons_{name}" for name in sorted(found)]
    tokens += count_tokens(lower)
    if level in _QUIET_LEVELS and not _failing(lower, found, tokens):
        tokens.append("__quiet_notice")
    return tokens


def _failing(lower: str, found: set[str], tokens: list[str]) -> bool:
    if found & _FAILURES or _ALARMING_COUNTS.intersection(tokens):
        return True
    return _FAILURE_WORD.search(lower) is not None and "zero_failures" not in found



def quiet_notice(text: str, level: str | None) -> bool:
    """``text`` logged at a notice level or below names no failure (see
    :func:`consequence_tokens`' ``__quiet_notice``)."""
    return "__quiet_notice" in consequence_tokens(text, level)
