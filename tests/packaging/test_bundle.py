"""The installer end to end (marked ``packaging``: builds for ~2-3 minutes).

Builds the bundle, the .tar.gz and the .deb with ``packaging/build.py``, unpacks the .deb
into a temporary root (``dpkg-deb -x``), and runs the installed app with a clean environment
(no virtual environment on PATH, no PYTHON* variables, a new HOME): ``--self-test``, the POS
simulator, ``--version``. Checks the size, what is (not) inside, the desktop entries, the
launcher and the package's dependencies, and that every library the bundle links against is
either in it or on the system.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from stacklens_desktop import __version__
from tests.app_tree import ROOT
from tests.first_paint import TIMEOUT_S, first_paint_seconds

pytestmark = [pytest.mark.packaging,
              pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which(
                  "dpkg-deb"), reason="the .deb is built on Debian/Ubuntu")]

MAX_BUNDLE_MB = 350


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("package")
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist",
                    str(base / "dist"), "--work", str(base / "work")], check=True, timeout=1800)
    print(f"\npackaging/build.py took {time.perf_counter() - started:.0f} s")
    [deb] = (base / "dist").glob("stacklens_*.deb")
    [tarball] = (base / "dist").glob("StackLens-*.tar.gz")
    root = base / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return {"base": base, "bundle": base / "dist" / "StackLens", "deb": deb,
            "tarball": tarball, "root": root}


def _clean_env(home: Path) -> dict[str, str]:
    """What a user's desktop session gives a program: no venv, no PYTHON*, no test setup."""
    home.mkdir(parents=True, exist_ok=True)
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
            "TMPDIR": str(home)}


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.is_file() and not p.is_symlink()) / 1e6


def test_installed_self_test_passes_in_a_clean_environment(build: dict[str, Path]) -> None:
    app = build["root"] / "opt" / "stacklens" / "StackLens"
    done = subprocess.run([str(app), "--self-test"], capture_output=True, text=True,
                          env=_clean_env(build["base"] / "home"), timeout=300)
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "self-test passed"
    assert "shipped model" in done.stdout and "DEMO-1" in done.stdout
    assert "keyring.backends." in done.stdout
    assert re.search(r"ok +team +psycopg \S+ \((binary|c), libpq \d+", done.stdout)


def test_installed_app_opens_its_main_window(build: dict[str, Path]) -> None:
    """What the desktop menu's entry starts (``stacklens gui``) paints its main window."""
    app = build["root"] / "opt" / "stacklens" / "StackLens"
    seconds = first_paint_seconds([str(app)], {"QT_QPA_PLATFORM": "offscreen"})
    print(f"installed app: main window painted {seconds:.2f} s after launch (offscreen)")
    assert 0 < seconds < TIMEOUT_S


def test_bundle_size_and_contents(build: dict[str, Path]) -> None:
    bundle = build["bundle"]
    size = _size_mb(bundle)
    print(f"bundle {size:.1f} MB, .deb {build['deb'].stat().st_size / 1e6:.1f} MB")
    assert size < MAX_BUNDLE_MB
    internal = bundle / "_internal"
    for needed in ("resources/model/classifier.npz", "resources/samples/pos-application.log",
                   "resources/knowledge/database.json", "resources/corpus/corpus.jsonl",
                   "resources/catalog.json", "THIRD-PARTY-NOTICES.txt"):
        assert (internal / needed).is_file(), needed
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    leaked = [n for n in names if re.search(
        r"(^|/)(tests?|_pytest|pytestqt|drain3|PyInstaller|loghub\w*|__pycache__)(/|$)"
        r"|resources/.*\.py$|\.pytest_cache|\.pyc$", n)]
    assert leaked == []
    assert not [n for n in names if re.search(r"libQt6(Quick|Qml|WebEngine|Pdf|3D)", n)]
    notice = (internal / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    for dist in ("PySide6_Essentials", "scikit-learn", "numpy", "keyring", "SQLAlchemy"):
        assert f"\n{dist} " in notice, dist


def test_deb_layout_launcher_desktop_entry_and_depends(build: dict[str, Path]) -> None:
    root = build["root"]
    launcher = (root / "usr" / "bin" / "stacklens").read_text()
    assert 'exec /opt/stacklens/StackLens "$@"' in launcher
    assert os.access(root / "usr" / "bin" / "stacklens", os.X_OK)
    entry = (root / "usr" / "share" / "applications" / "stacklens.desktop").read_text()
    assert "Exec=stacklens gui" in entry and "Icon=stacklens" in entry
    assert (root / "usr/share/icons/hicolor/256x256/apps/stacklens.png").read_bytes()[:4] \
        == b"\x89PNG"
    assert (root / "usr/share/icons/hicolor/scalable/apps/stacklens.svg").is_file()
    fields = subprocess.run(["dpkg-deb", "-f", str(build["deb"]), "Package", "Version",
                             "Depends"], capture_output=True, text=True, check=True).stdout
    assert f"Version: {__version__}" in fields
    for lib in ("libegl1", "libgl1", "libfontconfig1", "libdbus-1-3", "libxkbcommon0",
                "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-xkb1"):
        assert re.search(rf"\b{re.escape(lib)}\b", fields), lib
    # apt accepts the package on this system: every dependency is known and satisfied
    # (make system-deps installs the same set); nothing is installed
    simulated = subprocess.run(["apt-get", "install", "--simulate", str(build["deb"])],
                               capture_output=True, text=True)
    assert simulated.returncode == 0, simulated.stdout + simulated.stderr
    assert re.search(r"^Inst stacklens \(", simulated.stdout, re.M)


def test_every_linked_library_is_bundled_or_on_the_system(build: dict[str, Path]) -> None:
    """With the .deb's Depends installed (make system-deps installs the same set), nothing
    the bundle links against is missing. A library ldd cannot place but that the bundle
    holds is found at run time through its loader's search path."""
    files = [p for p in build["bundle"].rglob("*") if p.is_file() and not p.is_symlink()]
    bundled = {p.name for p in build["bundle"].rglob("*")}
    missing = set()
    for path in files:
        if ".so" in path.name or path.name == "StackLens":
            out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
            missing |= {f"{path.name}: {m}" for m in re.findall(r"(\S+) => not found", out)
                        if m not in bundled}
    assert sorted(missing) == []


def test_pos_simulator_and_version_from_the_tarball(build: dict[str, Path]) -> None:
    unpacked = build["base"] / "unpacked"
    with tarfile.open(build["tarball"]) as archive:
        archive.extractall(unpacked, filter="tar")
    app = unpacked / "StackLens" / "StackLens"
    env = _clean_env(build["base"] / "home2")
    version = subprocess.run([str(app), "--version"], capture_output=True, text=True,
                             env=env, timeout=60)
    assert version.stdout.strip() == f"stacklens {__version__}"
    log = build["base"] / "pos.log"
    pos = subprocess.run([str(app), "--pos-simulator", "--headless", "--orders", "40",
                          "--rate", "0", "--seed", "3", "--log", str(log)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert pos.returncode == 0, pos.stderr
    assert "40 orders" in pos.stdout
    assert log.read_text().count("Order received") == 40
