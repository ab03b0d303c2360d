"""Placeholders get values of their own role only: over every training record (the corpus
and the hand-written sets), no explanation names a pid as a product, a hex address as an
order, a rotated log file as a URL or a bare number as a host."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from stacklens_desktop.core.analyzer import payload_parameters
from stacklens_desktop.core.classify import record_from_text
from stacklens_desktop.core.classify.corpus import default_corpus_path
from stacklens_desktop.core.classify.trainingset import load_training_rows
from stacklens_desktop.core.explain import explain
from stacklens_desktop.core.explain import render as render_module
from stacklens_desktop.core.explain.roles import fits
from stacklens_desktop.core.mining import TemplateMiner

_HEX = re.compile(r"^0x[0-9a-f]+$|^0000[0-9a-f]{8,}$", re.I)
_SMALL_NUMBER = re.compile(r"^\d{1,3}$")


def wrong_role(key: str, value: str, pid: str | None) -> str | None:
    """Why ``value`` is not a ``key``, by plain checks written apart from the roles module."""
    if key in ("productid", "orderid"):
        if " " in value or _HEX.match(value):
            return "not an id"
        if pid is not None and value == pid:
            return "the process id"
    if key == "url" and ("://" not in value and not value.startswith("/")
                         or re.search(r"\.(log|\d+|gz)$", value)):
        return "not a URL"
    if key in ("path", "file") and ("://" in value or not re.search(r"[/\\]|\.\w{1,6}$", value)):
        return "not a path"
    if key in ("host", "user", "path", "file", "url", "p1", "table") and \
            _SMALL_NUMBER.match(value):
        return "a bare number"
    if key in ("host", "user") and (" " in value or "/" in value):
        return "not a name"
    if key in ("p1", "user", "host") and _HEX.match(value):
        return "a hex address"
    return None


class Recording(render_module.Filler):
    """The real filler, keeping every (placeholder, value) it filled across explanations."""

    seen: list[tuple[str, str, str]] = []
    text = ""

    def value(self, name: str) -> str | None:
        value = super().value(name)
        if value is not None:
            self.seen.append((self.text, name, value))
        return value


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> type[Recording]:
    Recording.seen = []
    monkeypatch.setattr("stacklens_desktop.core.explain.Filler", Recording)
    return Recording


def test_no_placeholder_gets_a_value_of_another_role(recording: type[Recording]) -> None:
    miner = TemplateMiner()
    bad: list[str] = []
    filled: Counter[str] = Counter()
    for row in load_training_rows(default_corpus_path()):
        record = record_from_text(row.text)
        mined = miner.add(record.message)
        params = mined.parameters + payload_parameters(record.fields)
        recording.text = row.text[:80]
        start = len(recording.seen)
        explain(mined.template, row.error_type, params, record.fields, record)
        pid = record.fields.get("pid")
        for _text, name, value in recording.seen[start:]:
            key = re.sub(r"[_\-.\s]", "", name).lower()
            filled[key] += 1
            why = wrong_role(key, value, None if pid is None else str(pid))
            if why:
                bad.append(f"{{{name}}} = {value!r} ({why}) in {row.text[:100]!r}")
    assert not bad, f"{len(bad)} wrong fills, e.g.:\n" + "\n".join(bad[:15])
    # the roles let real values through: ids, hosts, users, paths and URLs are still named
    print(sorted(filled.items()))
    for key in ("productid", "orderid", "host", "user", "p1"):
        assert filled[key] >= 3, (key, filled)


@pytest.mark.parametrize(("key", "value", "ok"), [
    ("productid", "999", True), ("orderid", "14683555", True), ("productid", "SKU-600213", True),
    ("productid", "0x7f3a2c1d4e10", False), ("productid", "3.14", False),
    ("orderid", "ORD-10443", True), ("orderid", "order for table 4", False),
    ("url", "/promo/index.html", True), ("url", "https://shop.example.com/x", True),
    ("url", "/var/log/pos/pos.log.1", False), ("url", "pos.log.1", False),
    ("path", "/etc/nginx/ssl/pos.crt", True), ("path", "C:\\POS\\journal.dat", True),
    ("path", "1", False), ("host", "db-01.store.local", True), ("host", "10.0.2.15:8080", True),
    ("host", "4121", False), ("user", "pos_sync", True), ("user", "1", False),
    ("p1", "1", False), ("p1", "promo_rules", True), ("port", "5432", True),
])
def test_roles(key: str, value: str, ok: bool) -> None:
    assert fits(key, value) is ok


def test_a_sentence_is_written_without_a_value_that_does_not_fit() -> None:
    expl = explain("File does not exist: <*>", "not_found", ["/var/log/pos/pos.log.1"])
    assert "pos.log.1" not in expl.root_cause
    expl = explain("Something does not exist: <*>", "not_found", ["1"])
    assert expl.root_cause == ("Something that was asked for does not exist (an entity, a "
                               "route or a file).")
    expl = explain("Something does not exist: <*>", "not_found", ["promo_rules"])
    assert "does not exist: promo_rules (an entity" in expl.root_cause


def test_the_requested_url_of_an_access_log_line_is_named() -> None:
    line = ('10.4.81.135 - - [03/Jun/2026:10:50:33 +0000] "GET /old-promo.html HTTP/1.1" 404 '
            '3903 "-" "curl/8.4.0"')
    record = record_from_text(line)
    expl = explain("<*> - - [<*>] \"GET <*> HTTP/1.1\" 404 <*>", "not_found",
                   ["10.4.81.135", "03/Jun/2026:10:50:33 +0000", "/old-promo.html", "3903"],
                   record.fields, record)
    assert "(/old-promo.html)" in expl.root_cause and "10.4.81.135" not in expl.root_cause
