"""The third-party licence notice of the bundle (``THIRD-PARTY-NOTICES.txt``), generated.

Lists Python itself and every distribution the app needs at run time (the transitive
closure of ``stacklens-desktop``'s requirements, as installed in the building environment):
name, version, licence as declared in its metadata, home page, and the full text of every
licence file it ships. Imported by ``stacklens.spec``.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

APP = "stacklens-desktop"
LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)[^/]*$", re.IGNORECASE)
QT_NOTE = (
    "Qt and PySide6 are used under the GNU LGPL v3. The bundle keeps them as separate\n"
    "shared libraries (Qt's libQt6*.so / Qt6*.dll and PySide6's modules) that you may\n"
    "replace with your own build of the same version. Source: https://download.qt.io/\n"
    "and https://code.qt.io/cgit/pyside/pyside-setup.git/ (tag v{version}).\n"
)
BOOTLOADER_NOTE = (
    "The executable's launcher is PyInstaller's bootloader (GPL v2 with the bootloader\n"
    "exception, which allows distributing it with programs under any licence).\n"
)


def runtime_distributions(root: str = APP) -> list[metadata.Distribution]:
    """``root``'s installed requirements, recursively (extras and markers honoured: only
    what installs on this platform without extras)."""
    environment = default_environment()
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = _normalise(todo.pop())
        if name in seen:
            continue
        dist = metadata.distribution(name)
        seen[name] = dist
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate(dict(environment, extra="")):
                todo.append(req.name)
    return sorted((d for n, d in seen.items() if n != _normalise(root)),
                  key=lambda d: _normalise(d.metadata["Name"]))


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    declared = meta.get("License-Expression") or (meta.get("License") or "").split("\n")[0]
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return declared or ", ".join(classifiers) or "not declared (see the home page)"


def _home(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    urls = [u.split(",", 1)[-1].strip() for u in meta.get_all("Project-URL") or []]
    return meta.get("Home-page") or (urls[0] if urls else "")


def _licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    texts = []
    for file in dist.files or []:
        if LICENCE_FILE.search(str(file)) and not str(file).endswith((".py", ".pyc")):
            try:
                texts.append((str(file), Path(file.locate()).read_text(encoding="utf-8",
                                                                  errors="replace")))
            except OSError:
                continue
    return texts


def _section(title: str, body: str) -> str:
    return f"{'=' * 78}\n{title}\n{'=' * 78}\n{body.rstrip()}\n\n"


def _python_section() -> str:
    version = ".".join(map(str, sys.version_info[:3]))
    candidates = [Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}."
                  f"{sys.version_info[1]}" / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"]
    text = next((p.read_text(encoding="utf-8") for p in candidates if p.is_file()),
                "Python Software Foundation License: https://docs.python.org/3/license.html")
    return _section(f"Python {version} — PSF-2.0", text)


def notice_text() -> str:
    from stacklens_desktop import __version__

    parts = [f"StackLens {__version__}: third-party software in this bundle\n\n",
             _python_section(), _section("PyInstaller bootloader", BOOTLOADER_NOTE)]
    for dist in runtime_distributions():
        name, version = dist.metadata["Name"], dist.version
        body = f"Licence: {_licence(dist)}\nHome page: {_home(dist)}\n"
        if _normalise(name).startswith(("pyside6", "shiboken6")):
            body += "\n" + QT_NOTE.format(version=version)
        for path, text in _licence_texts(dist):
            body += f"\n--- {path} ---\n{text}"
        parts.append(_section(f"{name} {version}", body))
    return "".join(parts)


def write_notices(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notice_text(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(notice_text())
