"""``stacklens train [--data-dir DIR]``: rebuild the classifier from corpus + stored feedback.

Feedback rows are read from the profile's store (``stacklens_desktop.store``'s ``Feedback``
table: record text, corrected severity and/or type). A correction that leaves one label
alone takes that label from the current model. When the store cannot be opened, training
runs on the corpus alone and says so.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stacklens_desktop.paths import data_dir, model_cache_dir

if TYPE_CHECKING:  # scikit-learn loads only when the command runs, not for every command
    from stacklens_desktop.core.classify import Correction

log = logging.getLogger("stacklens.cli")


def register(subparsers: argparse._SubParsersAction) -> None:
    from stacklens_desktop.cli.main import add_data_dir_argument

    parser = subparsers.add_parser(
        "train", help="rebuild the classifier from the corpus and your corrections")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def stored_feedback(base: Path) -> list[tuple[str, str, str | None, str | None]] | None:
    """(fingerprint, record text, severity, type) of every stored correction, newest last;
    ``None`` when the store is not available."""
    try:
        from stacklens_desktop.store import open_store
        from stacklens_desktop.store.feedback import corrections
    except ImportError as exc:
        log.warning("store not available (%s); training without feedback", exc)
        return None
    store = open_store(base)
    try:
        return corrections(store.engine)
    finally:
        store.close()


def stored_overrides(base: Path) -> dict[str, Correction]:
    """The latest correction per fingerprint (for ``classify``); empty without a store."""
    from stacklens_desktop.core.classify import Correction

    rows = stored_feedback(base) or []
    return {fp: Correction(sev, typ) for fp, _text, sev, typ in rows if sev or typ}


def run(args: argparse.Namespace) -> int:
    from stacklens_desktop.core.classify.model import Classifier
    from stacklens_desktop.core.classify.train import complete_feedback, retrain

    base = data_dir(args.data_dir)
    cache = model_cache_dir(base)
    rows = stored_feedback(base)
    if rows is None:
        print("feedback: store not available, training on the corpus only", file=sys.stderr)
        rows = []
    current = Classifier.load_or_train(cache)
    feedback = complete_feedback([(text, sev, typ) for _fp, text, sev, typ in rows], current)
    report = retrain(cache, feedback)
    print(f"corrections used: {report.feedback_count}")
    print(f"before: {report.before.line()}")
    print(f"after:  {report.after.line()}")
    if feedback:
        print(f"corrections agreed with: before {report.feedback_agreement_before:.0%}, "
              f"after {report.feedback_agreement_after:.0%}")
    print(f"model cached in {cache} ({report.seconds:.1f} s)")
    return 0
