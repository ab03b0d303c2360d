"""Per-pattern escalation: a pattern's severity rises above its records' text severity from
how it behaves, and falls back when that behaviour stops.

- :mod:`.activity` — what one batch adds to a pattern (records per 10-second bucket, the
  places it came from, failing orders), gathered by the analyzer;
- :mod:`.behaviour` — what the store keeps per pattern between batches (recent buckets, the
  baseline rate, the current run of activity);
- :mod:`.assess` — the rules: spike against the pattern's own baseline, spread across hosts or
  tills, duration, orders failing.
"""

from stacklens_desktop.core.escalation.activity import Activity, bucket_epoch, note
from stacklens_desktop.core.escalation.assess import Escalation, assess, raised
from stacklens_desktop.core.escalation.behaviour import Behaviour

__all__ = ["Activity", "Behaviour", "Escalation", "assess", "bucket_epoch", "note", "raised"]
