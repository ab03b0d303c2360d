"""One record per error type, each from an ecosystem the corpus does not contain.

The corpus has POS, JVM, Python, Node.js, web servers, databases, Linux and containers; these
records come from Go, .NET, Ruby, PHP, Elixir, Rust and Windows. They are not part of the
benchmark's hand-labeled set. The benchmark (tests/bench/bench_classifier.py) gives the
honest generalisation figure; this test guards against regressions on typical wording.
"""

from __future__ import annotations

import pytest

from stacklens_desktop.core.classify import ERROR_TYPES, Classifier, record_from_text

CASES: list[tuple[str, str]] = [
    ("data_validation", 'level=error msg="order rejected" err="validation failed: unit price '
                        'must not be negative" order=8812'),
    ("not_found", "[2024-05-12 10:00:01] production.ERROR: No such file or directory: "
                  "/var/www/storage/exports/stock.csv"),
    ("database", "fail: Pos.Data[0] Microsoft.Data.SqlClient.SqlException: Violation of "
                 "PRIMARY KEY constraint 'PK_Orders'. Cannot insert duplicate key in object "
                 "'dbo.Orders'."),
    ("network", 'level=error msg="push failed" err="dial tcp 10.1.2.3:443: connect: '
                'connection refused"'),
    ("external_service", "E, [2024-05-12T10:00:01] ERROR -- : Tax API returned HTTP 500 "
                         "Internal Server Error for order 4411"),
    ("auth", "fail: Pos.Sync[0] Head office rejected our credentials: 401 Unauthorized, "
             "service account svc_sync invalid password"),
    ("resource_exhaustion", "PHP Fatal error: Out of memory (allocated 268435456) "
                            "(tried to allocate 65536 bytes)"),
    ("null_reference", "System.NullReferenceException: Object reference not set to an "
                       "instance of an object.\n   at Pos.Cart.Total() in Cart.cs:line 12"),
    ("configuration", 'level=fatal msg="missing required environment variable STORE_ID; '
                      'refusing to start"'),
    ("concurrency", "10:00:01.000 [error] Ecto deadlock detected while updating stock; "
                    "transaction rolled back"),
    ("parsing", "2024-05-12T10:00:01Z ERROR import: failed to parse JSON: unexpected end of "
                "input at line 1 column 88"),
    ("hardware_device", "warn: Pos.Devices[0] Receipt printer offline on COM3; receipt "
                        "for sale 771 not printed"),
    ("other", "Application: PosShell.exe crashed with a segmentation fault (SIGSEGV), "
              "core dumped"),
]


def test_every_type_has_a_case() -> None:
    assert sorted(t for t, _ in CASES) == sorted(ERROR_TYPES)


@pytest.mark.parametrize(("error_type", "text"), CASES, ids=[t for t, _ in CASES])
def test_type_from_unseen_ecosystem(model: Classifier, error_type: str, text: str) -> None:
    [prediction] = model.predict([record_from_text(text)])
    assert prediction.error_type == error_type
