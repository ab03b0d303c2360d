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
from entities import filler
from scenario import S

SEED = "stacklens-corpus-v1"
OUT = Path(__file__).with_name("corpus.jsonl")

SQL = ["SELECT id, price FROM {table} WHERE store_id = $1",
       "INSERT INTO {table} (store_id, sku, qty) VALUES ($1, $2, $3)",
       "UPDATE {table} SET {col} = $1 WHERE id = $2", "DELETE FROM {table} WHERE id = $1"]
DECORATIONS = ["", "", "", "", " request_id={hex}", " [trace={hex}]", " store={store}",
               " (job {job})", " correlationId={hex}-{n}"]
#: consequence clauses, by severity: how people say what the failure costs
CONSEQUENCES = {
    "critical": ["; all stores affected", "; service stopped", "; every request is failing",
                 "; process terminated", "; sales halted", "; exiting", " - shutting down",
                 "; data lost for all tills", "; outage declared"],
    "high": ["; order not completed", "; job aborted", "; giving up", "; will not retry",
             "; request failed", "; transaction cancelled", "; manual action needed",
             " - operation failed", "; batch not processed"],
    "medium": ["; retrying in 5s", "; will retry", "; using fallback", "; degraded mode",
               "; retry scheduled", "; served from cache", " (attempt 2 of 5)",
               "; recovered after retry", "; partially processed"],
    "low": ["; ignored", "; no action needed", "; handled", " (expected)", "; continuing",
            "; nothing to do", "; skipped", " (informational)"],
}
CONSEQUENCE_RATE = 0.3
#: share of records logged at a level chosen at random (logs are not always levelled well)
LEVEL_NOISE = 0.12
DECORATED = {"java", "python", "node", "pos", "payments", "docker"}


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
    msg = rng.choice(scenario.phrasings_for(eco)).format_map(slots)
    if eco in DECORATED:
        if rng.random() < CONSEQUENCE_RATE:
            msg += rng.choice(CONSEQUENCES[scenario.severity])
        msg += rng.choice(DECORATIONS).format_map(slots)
    level = rng.choice(scenario.levels.split())
    if rng.random() < LEVEL_NOISE:
        level = rng.choice(["INFO", "WARN", "ERROR"])
    fields = {}
    if scenario.fields and rng.random() < 0.7:
        fields = {k: v.format_map(slots) for k, v in scenario.fields.items()}
    trace = _trace(rng, scenario, eco, msg, slots)
    text = render.RENDERERS[eco](rng, level, msg, trace, fields)
    return {"text": text, "severity": scenario.severity, "error_type": scenario.error_type,
            "ecosystem": eco, "origin": f"generated: {scenario_file(scenario)}"}


def scenario_file(scenario: S) -> str:
    for module in (scenarios_a, scenarios_b, scenarios_c):
        if any(scenario is s for s in module.SCENARIOS):
            return f"{module.__name__}.py"
    raise ValueError(scenario)


ALL = scenarios_a.SCENARIOS + scenarios_b.SCENARIOS + scenarios_c.SCENARIOS


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
