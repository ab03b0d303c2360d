"""Outcome and scope cues: many wordings of one idea folded into one feature token.

Severity is about what a failure costs (see ``TAXONOMY.md``): did it retry and succeed, fall
back, give up, crash, hit everyone or one request? Logs say each of these in dozens of ways,
and a corpus cannot contain every one. Each cue here is a small hand-written lexicon (our
own) that turns any of its wordings into one token such as ``__cue_recovered``, so that a
synonym the corpus never used still lands on a weight the model learnt. Combinations that
change the meaning get their own token: retrying *and* succeeding is ``__cue_retry_ok``,
"all" *and* failing is ``__cue_all_failing``.
"""

from __future__ import annotations

import re

_CUES: dict[str, str] = {
    "scope_all": r"\b(?:all|every(?:one|thing)?|each|entire|whole|cluster|fleet|nationwide|"
                 r"company-wide|chain-wide|any (?:store|till|customer)|no (?:sales|orders|"
                 r"payments|checkouts?)|(?:\d+|several|multiple|many) (?:stores|tills|nodes))\b",
    "scope_one": r"\b(?:one|single|this|that|a|1)\s+(?:request|order|transaction|customer|record|"
                 r"row|item|till|user|event|message|document|page|line|call|receipt|basket|"
                 r"file|job run|client)\b|\bfor this\b|\bonce\b|\bone of\b",
    "recovered": r"\b(?:succeeded|success(?:ful(?:ly)?)?|recovered|restored|resolved|"
                 r"re-?established|reconnected|back (?:online|up|to normal)|healthy again|"
                 r"approved eventually|went through|worked|ok now|cleared)\b",
    "retry": r"\b(?:retr(?:y|ying|ied|ies)|re-?tried|re-?try|attempt\s*\d|again|reconnect(?:ing)?|"
             r"re-?send(?:ing)?|re-?queued?|backing off|backoff|re-?deliver(?:ed|y|s)?|"
             r"put back|another (?:attempt|try)|next attempt|try later)\b",
    "fallback": r"\b(?:fall(?:ing)?[- ]?back|fell back|degraded|(?:from|served from) cache|cached|"
                r"default(?:ed|ing)? to|using (?:the )?(?:default|last known|previous)|queued|"
                r"placeholder|deferred|for later|skipp(?:ed|ing)|partial(?:ly)?|hidden|"
                r"continu(?:ed|ing)|still (?:working|serving|healthy)|remaining \w+ (?:processed|"
                r"loaded|imported)|rest (?:were|was) )\b",
    "gave_up": r"\b(?:giving up|gave up|abort(?:ed|ing)|not (?:completed|saved|stored|processed|"
               r"posted|loaded|sent|uploaded|started|updated|printed|created|applied)|"
               r"cancel+ed|rejected|refused|halted|stopped|will not retry|no (?:further|more) "
               r"retries|retries exhausted|failed permanently|dead[- ]letter|manual "
               r"(?:action|intervention)|blocked|disabled)\b",
    "crash": r"\b(?:crash(?:ed|es|ing)?|core dumped|killed|terminated|died|"
             r"panic(?:ked)?|fatal (?:exception|signal|error)|segfault|sigsegv|sigabrt|sigkill|"
             r"oom[- ]?kill(?:ed|er)?|out of memory|exit(?:ed|ing)?\b|crash ?loop|"
             r"unhandled|uncaught|unrecoverable|dumped core|exited unexpectedly|"
             r"abnormal(?:ly)? (?:terminat\w*|exit\w*|end\w*))\b",
    "harm": r"\b(?:data loss|lost|losing|corrupt(?:ed|ion)?|wrong|inconsistent|duplicate "
            r"charges?|charged twice|for free|revenue|money|breach|leak(?:ed)?)\b",
    "outage": r"\b(?:outage|down|unavailable|offline|unreachable|not responding|no (?:response|"
              r"answer)|is failing|are failing|keeps? failing|since \d|for \d+ ?(?:min|minutes|"
              r"hours?|h)\b|no (?:healthy |live |available |running )?(?:servers?|backends?|"
              r"upstreams?|instances?|nodes?|replicas?|workers?|consumers?) (?:available|left|"
              r"alive|running|up|healthy))\b",
    "expected": r"\b(?:expected|handled|informational|no action|harmless|benign|as designed|"
                r"ignor(?:ed|ing)|asked to|prompted|re-?enter|re-?scan|mistyped|typo|user "
                r"(?:input|error)|customer (?:entered|typed|scanned|cancel+ed)|"
                r"deprecat(?:ed|ion)|will be removed|nothing to do|by design|as usual|"
                r"graceful(?:ly)?|planned|on request|maintenance window|"
                r"scheduled maintenance)\b",
    "slow": r"\b(?:slow(?:er|ly)?|latency|p9[59]|took \d|lag(?:ging)?|high (?:load|usage)|"
            r"near(?:ly)?|approaching|"
            r"watermark|threshold|warning level|\d{2,3} ?% (?:full|used|of))\b",
}
#: one pass over the (lower-cased) text finds every cue: a named group per cue
_ANY_CUE = re.compile(r"\b(?:" + "|".join(f"(?P<{name}>{pattern})"
                                           for name, pattern in _CUES.items()) + ")")


def cue_tokens(text: str) -> list[str]:
    """``__cue_*`` tokens for the cues found in ``text`` (a record's message lines).

    Matches do not overlap, so a word inside a longer cue phrase counts once, for that
    phrase's cue (the lexicons are written with that in mind)."""
    found = {str(m.lastgroup) for m in _ANY_CUE.finditer(text.lower())}
    tokens = [f"__cue_{name}" for name in sorted(found)]
    if "retry" in found and "recovered" in found:
        tokens.append("__cue_retry_ok")
    if "retry" in found and "gave_up" in found:
        tokens.append("__cue_retry_failed")
    if "scope_all" in found and found & {"gave_up", "outage", "harm", "crash"}:
        tokens.append("__cue_all_failing")
    if not found & {"recovered", "fallback", "expected", "retry"}:
        tokens.append("__cue_no_mitigation")
    return tokens
