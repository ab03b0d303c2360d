"""The project's build backend: setuptools, plus ``resources/`` in the sdist and the wheel.

Kept here rather than as ``setup.py`` / ``MANIFEST.in`` at the top level (the repository's
top level holds only what the layout names). ``pyproject.toml`` points at this module with
``backend-path``; it re-exports setuptools' PEP 517 hooks and gives setuptools two commands:

- ``sdist`` also carries ``resources/`` (and this backend, so the sdist builds on its own);
- ``build_py`` copies ``resources/`` into the wheel as ``stacklens_desktop/resources``. In a
  checkout the app reads ``resources/`` beside the package; a wheel has no such place, so the
  build puts it inside the package (see ``paths.resources_dir``), without the corpus
  generator's code. The shipped model (``resources/model``) comes along.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools.build_meta import *  # noqa: F403 - the PEP 517 hooks, unchanged
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

#: left out of the installed resources: the corpus generator and the folders' notes
LEAVE_OUT = ("*.py", "README.md", "__pycache__")
#: what the sdist carries besides the packages (relative to the project's root)
SDIST_EXTRA = ("resources", "packaging/build_backend")


def _project_root() -> Path:
    """Setuptools runs its commands from the project's root (checkout or unpacked sdist)."""
    return Path.cwd()


class SdistWithResources(sdist):
    def make_distribution(self) -> None:
        """Setuptools builds the file list in ``egg_info`` (with the base class's defaults);
        the extra folders join it here, just before the archive is written."""
        root = _project_root()
        for folder in SDIST_EXTRA:
            for path in sorted((root / folder).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    self.filelist.append(path.relative_to(root).as_posix())
        self.filelist.sort()
        self.filelist.remove_duplicates()
        super().make_distribution()


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's resources/
            return
        target = Path(self.build_lib) / "stacklens_desktop" / "resources"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(_project_root() / "resources", target,
                        ignore=shutil.ignore_patterns(*LEAVE_OUT))
