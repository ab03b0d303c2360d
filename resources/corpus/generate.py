"""Write ``corpus.jsonl``: the labeled training corpus, generated deterministically.

Run ``python resources/corpus/generate.py`` (any Python >= 3.11, no dependencies); the
output is committed, so the app never runs this. Same seed -> byte-identical file.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import render
import scenarios_a
import scenarios_b
import scenarios_c
import scenarios_d
import scenarios_e
import scenarios_f
from entities import filler
from scenario import S

SEED = "stacklens-corpus-v1"
OUT = Path(__file__).with_name("corpus.jsonl")

SQL = ["SELECT id, price FROM {table} WHERE store_id = $1",
       "INSERT INTO {table} (store_id, sku, qty) VALUES ($1, $2, $3)",
       "UPDATE {table} SET {col} = $1 WHERE id = $2", "DELETE FROM {table} WHERE id = $1"]
DECORATIONS = ["", "", "", "", " request_id={hex}", " [trace={hex}]", " store={store}",
               " (job {job})", " correlationId={hex}-{n}"]
#: consequence clauses, by severity: how people say what the failure costs. The second
#: half of each list (scenarios_d era) varies the wording so that no single clause stands
#: for a severity; the lexicon cues of the classifier map many of them to one feature.
CONSEQUENCES = {
    "critical": ["; all stores affected", "; service stopped", "; every request is failing",
                 "; process terminated", "; sales halted", "; exiting", " - shutting down",
                 "; data lost for all tills", "; outage declared",
                 "; no store can take payments", " - checkout down everywhere",
                 "; every till affected", "; the whole cluster is down",
                 "; 100% of requests failing for 10 minutes", "; orders are being lost",
                 "; customers charged twice", "; instance will not come back by itself",
                 "; all nodes affected", "; entire fleet impacted", "; revenue loss ongoing"],
    "high": ["; order not completed", "; job aborted", "; giving up", "; will not retry",
             "; request failed", "; transaction cancelled", "; manual action needed",
             " - operation failed", "; batch not processed",
             "; sale could not be finished", "; nightly run failed", "; needs a fix",
             "; customer turned away at this till", "; report not produced",
             "; retries exhausted", "; left in failed state", "; ticket required",
             "; feature unusable until fixed", "; receipt not issued"],
    "medium": ["; retrying in 5s", "; will retry", "; using fallback", "; degraded mode",
               "; retry scheduled", "; served from cache", " (attempt 2 of 5)",
               "; recovered after retry", "; partially processed",
               "; second attempt succeeded", "; slower than usual", "; queued for later",
               "; one request affected", "; backing off", "; switched to the standby",
               "; running with reduced capacity", "; only this transaction affected",
               "; succeeded after 3 retries", "; will recover when the peer is back"],
    "low": ["; ignored", "; no action needed", "; handled", " (expected)", "; continuing",
            "; nothing to do", "; skipped", " (informational)",
            "; harmless", "; customer asked to try again", "; normal behaviour",
            "; handled by the client", " (benign)", "; succeeded immediately on retry",
            "; user corrected it", "; as designed", "; no impact", "; noise only"],
}
CONSEQUENCE_RATE = 0.3
#: share of records logged at a level chosen at random (logs are not always levelled well)
LEVEL_NOISE = 0.12
DECORATED = {"java", "python", "node", "pos", "payments", "docker"}
#: ecosystems added with scenarios_d: consequence clauses but no request-id decorations
PLAIN_CONSEQUENCE = {"jul", "gcp", "structlog", "syslog", "cli"}


def _count(scenario: S) -> int:
    """More phrasings -> more examples; bounded so no situation dominates."""
    return min(64, 8 * len(scenario.phrasings) + 8)


def _trace(rng: random.Random, scenario: S, eco: str, msg: str, slots: dict[str, str]) -> str:
    lang = render.TRACE_LANG.get(eco)
    if eco == "postgres" and rng.random() < 0.4:
        return rng.choice(SQL).format_map(slots)
    if not lang or lang not in scenario.exc or rng.random() >= scenario.trace:
        return ""
    messages = scenario.excmsg.get(lang)
    exc_msg = rng.choice(messages).format_map(slots) if messages else msg
    return render.make_trace(rng, lang, scenario.exc[lang], exc_msg)


def _example(rng: random.Random, scenario: S) -> dict[str, str]:
    ecos = [e for e in scenario.ecos if scenario.phrasings_for(e)]
    eco = rng.choice(ecos)
    slots = filler(rng)
    phrasing = rng.choice(scenario.phrasings_for(eco))
    msg = phrasing.format_map(slots)
    if eco in DECORATED:
        if rng.random() < CONSEQUENCE_RATE:
            msg += rng.choice(CONSEQUENCES[scenario.severity])
        msg += rng.choice(DECORATIONS).format_map(slots)
    elif eco in PLAIN_CONSEQUENCE and rng.random() < CONSEQUENCE_RATE / 2:
        msg += rng.choice(CONSEQUENCES[scenario.severity])
    level = rng.choice(scenario.levels.split())
    if rng.random() < LEVEL_NOISE:
        level = rng.choice(["INFO", "WARN", "ERROR"])
    fields = {}
    if scenario.fields and rng.random() < 0.7:
        fields = {k: v.format_map(slots) for k, v in scenario.fields.items()}
    trace = _trace(rng, scenario, eco, msg, slots)
    text = render.RENDERERS[eco](rng, level, msg, trace, fields)
    return {"text": text, "severity": scenario.severity, "error_type": scenario.error_type,
            "ecosystem": eco,
            "origin": f"generated: {scenario_file(scenario)}.{scenario.phrasings.index(phrasing)}"}


def scenario_file(scenario: S) -> str:
    """``scenarios_a.py#12``: the module and the scenario's index in it.

    With the phrasing index appended it names the hand-written sentence a row comes from;
    the classifier's cross-validation groups rows by it, so held-out rows use wording that
    the fold's model never saw."""
    for module in MODULES:
        for index, candidate in enumerate(module.SCENARIOS):
            if scenario is candidate:
                return f"{module.__name__}.py#{index}"
    raise ValueError(scenario)


MODULES = (scenarios_a, scenarios_b, scenarios_c, scenarios_d, scenarios_e, scenarios_f)
ALL = [s for module in MODULES for s in module.SCENARIOS]


def generate() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for index, scenario in enumerate(ALL):
        rng = random.Random(f"{SEED}:{index}")
        for _ in range(_count(scenario)):
            row = _example(rng, scenario)
            if row["text"] not in seen:
                seen.add(row["text"])
                rows.append(row)
    return rows


def main() -> int:
    rows = generate()
    with OUT.open("w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {len(rows)} examples to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
