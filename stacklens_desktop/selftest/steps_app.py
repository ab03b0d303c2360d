"""Self-test steps: Qt offscreen, a temporary profile, the shipped model, the sample log."""

from __future__ import annotations

import os
import shutil
import tempfile
import time

from stacklens_desktop.selftest.context import SelfTestContext, StepFailed

SAMPLE = "samples/pos-application.log"
#: patterns the POS sample log must give (template, error type); severity high for all
EXPECTED_PATTERNS = (("Product has no price", "data_validation"),
                     ("Receipt printer offline", "hardware_device"),
                     ("Database lock wait timeout", "concurrency"))
#: what the missing-price explanation must name: the product, its id, and the order
MISSING_PRICE_FACTS = ('"Premium Item"', "ID 999", "ORD-")


def start_qt(ctx: SelfTestContext) -> str:
    """A QApplication on the offscreen platform paints a widget (plugin, fonts, Qt libs)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QApplication, QLabel

    ctx.qt_app = QApplication.instance() or QApplication(["stacklens-self-test"])
    label = QLabel("StackLens self-test")
    label.resize(200, 40)
    pixmap = label.grab()
    if pixmap.isNull() or pixmap.width() < 200:
        raise StepFailed("the offscreen platform painted nothing")
    return f"PySide6 {pyside_version}, platform {ctx.qt_app.platformName()}"


def make_profile(ctx: SelfTestContext) -> str:
    """A throw-away profile; the shared model cache of tests/CI is not used."""
    os.environ.pop("STACKLENS_MODEL_CACHE", None)
    from stacklens_desktop.paths import data_dir

    profile = data_dir(tempfile.mkdtemp(prefix="stacklens-self-test-"))
    ctx.profile = profile
    ctx.cleanups.append(lambda: shutil.rmtree(profile, ignore_errors=True))
    return str(profile)


def load_model(ctx: SelfTestContext) -> str:
    """The shipped model loads; nothing is trained or written into the profile."""
    from stacklens_desktop.core.classify import load_predictor
    from stacklens_desktop.core.classify.cachekey import shipped_key
    from stacklens_desktop.core.classify.corpus import default_corpus_path
    from stacklens_desktop.paths import model_cache_dir

    cache = model_cache_dir(ctx.need_profile())
    started = time.perf_counter()
    predictor = load_predictor(cache)
    seconds = time.perf_counter() - started
    if predictor.key != shipped_key(default_corpus_path()) or any(cache.iterdir()):
        raise StepFailed("the shipped model was not used: the classifier was trained")
    return f"shipped model {predictor.key[:12]} loaded in {seconds * 1000:.0f} ms"


def analyze_sample(ctx: SelfTestContext) -> str:
    """The POS sample log gives the expected patterns and the missing-price explanation."""
    from stacklens_desktop.importer import import_file
    from stacklens_desktop.intelligence import build_judge
    from stacklens_desktop.paths import resources_dir
    from stacklens_desktop.store import open_store, queries

    profile = ctx.need_profile()
    ctx.store = open_store(profile)
    ctx.cleanups.append(ctx.store.close)
    summary = import_file(ctx.store, resources_dir() / SAMPLE, build_judge(profile,
                                                                           ctx.store.engine))
    patterns = queries.ranked_patterns(ctx.store.engine)
    found = {(p["template"], p["error_type"]): p for p in patterns}
    for template, error_type in EXPECTED_PATTERNS:
        pattern = found.get((template, error_type))
        if pattern is None or pattern["severity"] != "high":
            raise StepFailed(f"expected a high {error_type} pattern {template!r}; got "
                             f"{sorted(found)}")
    ctx.missing_price = found[EXPECTED_PATTERNS[0]]
    cause = ctx.missing_price["root_cause"] or ""
    missing = [fact for fact in MISSING_PRICE_FACTS if fact not in cause]
    if missing or len(ctx.missing_price["resolution_steps"]) < 3:
        raise StepFailed(f"the missing-price explanation lacks {missing}: {cause!r}")
    return (f"{summary.lines} lines, {len(patterns)} patterns ({summary.format_name} "
            f"format); missing price: {cause[:60]}...")



#: (severity, error type) pairs of the small training set; rows of each from the corpus
TRAINING_PAIRS = (("high", "data_validation"), ("low", "data_validation"),
                  ("high", "network"), ("low", "network"))
ROWS_PER_PAIR = 4


def train_small_model(ctx: SelfTestContext) -> str:
    """scikit-learn fits and exports a small model from corpus rows: the code that retrains
    with the user's corrections (its compiled helpers are what a bundle may lack)."""
    from sklearn import __version__ as sklearn_version

    from stacklens_desktop.core.classify.corpus import CorpusRow, default_corpus_path, load_corpus
    from stacklens_desktop.core.classify.export import export
    from stacklens_desktop.core.classify.model import Classifier, examples_from_rows

    picked: dict[tuple[str, str], list[CorpusRow]] = {pair: [] for pair in TRAINING_PAIRS}
    for row in load_corpus(default_corpus_path()):
        rows = picked.get((row.severity, row.error_type))
        if rows is not None and len(rows) < ROWS_PER_PAIR:
            rows.append(row)
    small = [row for rows in picked.values() for row in rows]
    model = export(Classifier.train(examples_from_rows(small)))
    predicted = model.predict_texts([small[0].text])[0]
    if predicted.error_type not in {t for _, t in TRAINING_PAIRS}:
        raise StepFailed(f"the small model answered {predicted.error_type!r}")
    return f"scikit-learn {sklearn_version}: {len(small)} rows fitted and exported"
