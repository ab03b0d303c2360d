"""Where things live: the profile (data dir) and the bundled resources.

Every path comes from here so that tests (and a PyInstaller bundle) can redirect them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "STACKLENS_DATA_DIR"
#: Optional shared model cache (tests and CI share one trained model across profiles).
ENV_MODEL_CACHE = "STACKLENS_MODEL_CACHE"


def resources_dir() -> Path:
    """The ``resources/`` folder: inside a PyInstaller bundle, inside the package when
    installed from a wheel (``packaging/build_backend`` copies it there), next to the
    package in a checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    return installed if installed.is_dir() else package.parent / "resources"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The profile folder (database, model cache, settings, logs), created if missing.

    Order: explicit ``override`` (``--data-dir``), ``STACKLENS_DATA_DIR``, the platform's
    user data dir.
    """
    chosen = override or os.environ.get(ENV_DATA_DIR)
    path = Path(chosen) if chosen else Path(platformdirs.user_data_dir("stacklens", "StackLens"))
    path = path.expanduser().resolve()
    private_dir(path)
    return path


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) so that only its owner may enter it (0700 on
    POSIX); an existing folder is left as it is (it may be one the user chose to share)."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(path, 0o700)  # mkdir's mode is masked by the umask
    return path


def database_path(base: Path) -> Path:
    return base / "stacklens.db"


def model_cache_dir(base: Path) -> Path:
    shared = os.environ.get(ENV_MODEL_CACHE)
    if shared:
        path = Path(shared)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return private_dir(base / "models")


def logs_dir(base: Path) -> Path:
    return private_dir(base / "logs")


def user_config_dir() -> Path:
    """The user's own config folder (``~/.config/stacklens`` and the like), outside the
    profile: it holds the key that signs the model cache, so a profile or model cache that
    others can write to cannot bring its own key. Created private (0700)."""
    return private_dir(Path(platformdirs.user_config_dir("stacklens", "StackLens")))
