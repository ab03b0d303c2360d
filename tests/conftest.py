"""Test-wide set-up: offscreen Qt before any QApplication, an in-memory keyring."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# one trained model for the whole test session (the cache key still checks corpus + version)
os.environ.setdefault(
    "STACKLENS_MODEL_CACHE", os.path.join(tempfile.gettempdir(), "stacklens-test-models"))

import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from keyring.errors import PasswordDeleteError  # noqa: E402


class MemoryKeyring(KeyringBackend):
    """The only thing swapped out in tests: the OS keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self._store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


keyring.set_keyring(MemoryKeyring())


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """pytest-qt imports its model tester lazily, inside the qtmodeltester fixture, when
    worker threads of earlier tests may still be winding down; CPython 3.11.7's compiler
    (assertion rewriting compiles it then) can fail there with "AST constructor recursion
    depth mismatch". Imported here, after pytest-qt chose its Qt binding and before any test
    runs, it is compiled once on the main thread alone."""
    import pytestqt.modeltest  # noqa: F401
