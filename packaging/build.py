"""Build the StackLens bundle: ``python packaging/build.py`` (``make package``).

1. Checks that the shipped model (``resources/model``) matches the corpus.
2. Renders the icon, writes the Windows version resource (on Windows).
3. Runs PyInstaller on ``packaging/stacklens.spec``: the one-folder bundle ``dist/StackLens``.
4. On Linux: ``dist/StackLens-<version>-linux-<arch>.tar.gz`` and
   ``dist/stacklens_<version>_<debian arch>.deb`` (``dpkg-deb``; installs under /opt/stacklens,
   ``/usr/bin/stacklens``, desktop entries and icons).

Windows and macOS: the same command gives ``dist\\StackLens\\StackLens.exe`` (windowed) or
``dist/StackLens.app``; install Pillow first so the icon is converted (see packaging/README.md).
Prints the time of each step and the sizes.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(ROOT))

from stacklens_desktop import APP_NAME, __version__  # noqa: E402

ICON_SVG = ROOT / "resources" / "icons" / "stacklens.svg"
#: system libraries the bundle links against but does not carry (Debian/Ubuntu names)
DEPENDS = ("libc6 (>= 2.31), libegl1, libgl1, libopengl0, libfontconfig1, libfreetype6, "
           "libdbus-1-3, libglib2.0-0t64 | libglib2.0-0, libxkbcommon0, libxkbcommon-x11-0, "
           "libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, "
           "libxcb-keysyms1, libxcb-randr0, libxcb-render0, libxcb-render-util0, "
           "libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-util1, libxcb-xfixes0, "
           "libxcb-xkb1, libxcb-glx0, libwayland-client0, libwayland-cursor0, libwayland-egl1")


def step(name: str, timings: dict[str, float]):
    """Context-free timing helper: call before a step, returns a function that records it."""
    started = time.perf_counter()
    print(f"== {name}", flush=True)

    def done() -> None:
        timings[name] = time.perf_counter() - started
    return done


def check_model() -> None:
    done = subprocess.run([sys.executable, "-m", "stacklens_desktop.core.classify.ship",
                           "--check"], cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit("build: the shipped model is stale; rebuild it first")


def render_icon(work: Path, size: int = 256) -> Path:
    """The SVG icon as a PNG (and .ico/.icns with Pillow, for Windows/macOS)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICON_SVG)).render(painter)
    painter.end()
    png = work / "stacklens.png"
    work.mkdir(parents=True, exist_ok=True)
    if not image.save(str(png)):
        raise SystemExit(f"build: cannot write {png}")
    if sys.platform in ("win32", "darwin"):
        try:
            from PIL import Image
        except ImportError:
            print("build: Pillow not installed: the executable gets no icon", file=sys.stderr)
        else:
            suffix = ".ico" if sys.platform == "win32" else ".icns"
            Image.open(png).save(work / f"stacklens{suffix}")
    return png


def write_version_info(work: Path) -> None:
    """The Windows version resource (file properties: product, version)."""
    numbers = tuple(int(p) for p in __version__.split(".")[:3]) + (0,)
    (work / "version-info.txt").write_text(f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}),
  kids=[StringFileInfo([StringTable('040904B0', [
    StringStruct('CompanyName', 'StackLens'), StringStruct('ProductName', '{APP_NAME}'),
    StringStruct('FileDescription', '{APP_NAME}'), StringStruct('FileVersion', '{__version__}'),
    StringStruct('ProductVersion', '{__version__}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])])
""", encoding="utf-8")


def run_pyinstaller(dist: Path, work: Path) -> Path:
    import PyInstaller.__main__

    PyInstaller.__main__.run([str(PACKAGING / "stacklens.spec"), "--noconfirm", "--clean",
                              "--log-level", "WARN", "--distpath", str(dist),
                              "--workpath", str(work)])
    return dist / APP_NAME


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def make_tarball(bundle: Path, dist: Path) -> Path:
    target = dist / f"{APP_NAME}-{__version__}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=APP_NAME)
    return target


def make_deb(bundle: Path, dist: Path, work: Path, png: Path) -> Path:
    root = work / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(bundle, root / "opt" / "stacklens", symlinks=True)
    linux = PACKAGING / "linux"
    _install(linux / "launcher.sh", root / "usr" / "bin" / "stacklens", 0o755)
    for entry in ("stacklens.desktop", "stacklens-pos-simulator.desktop"):
        _install(linux / entry, root / "usr" / "share" / "applications" / entry, 0o644)
    icons = root / "usr" / "share" / "icons" / "hicolor"
    _install(png, icons / "256x256" / "apps" / "stacklens.png", 0o644)
    _install(ICON_SVG, icons / "scalable" / "apps" / "stacklens.svg", 0o644)
    architecture = subprocess.run(["dpkg", "--print-architecture"], capture_output=True,
                                  text=True, check=True).stdout.strip()
    control = (linux / "control.in").read_text().format(
        version=__version__, architecture=architecture, depends=DEPENDS,
        installed_kib=folder_size(root) // 1024)
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(control)
    target = dist / f"stacklens_{__version__}_{architecture}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(root),
                    str(target)], check=True, stdout=subprocess.DEVNULL)
    return target


def _install(source: Path, target: Path, mode: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's work folder")
    parser.add_argument("--no-archives", action="store_true",
                        help="the bundle folder only (no .tar.gz / .deb)")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    timings: dict[str, float] = {}
    done = step("shipped model matches the corpus", timings)
    check_model()
    done()
    done = step("icon and version resource", timings)
    png = render_icon(work)
    if sys.platform == "win32":
        write_version_info(work)
    done()
    done = step("PyInstaller (one-folder bundle)", timings)
    bundle = run_pyinstaller(dist, work)
    done()
    outputs = [bundle]
    if sys.platform.startswith("linux") and not args.no_archives:
        done = step("tar.gz", timings)
        outputs.append(make_tarball(bundle, dist))
        done()
        done = step(".deb (dpkg-deb)", timings)
        outputs.append(make_deb(bundle, dist, work, png))
        done()
    for name, seconds in timings.items():
        print(f"{seconds:7.1f} s  {name}")
    for path in outputs:
        size = folder_size(path) if path.is_dir() else path.stat().st_size
        print(f"{size / 1e6:7.1f} MB  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
