"""Puts ``resources/`` into the wheel as ``stacklens_desktop/resources`` (everything else is
in pyproject.toml). In a checkout the app reads ``resources/`` beside the package; a wheel
has no such place, so the build copies it into the package (see ``paths.resources_dir``),
without the corpus generator's code. The shipped model (``resources/model``) comes along.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: left out of the installed resources: the corpus generator and the folders' notes
LEAVE_OUT = ("*.py", "README.md", "__pycache__")


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's resources/
            return
        target = Path(self.build_lib) / "stacklens_desktop" / "resources"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(Path(__file__).parent / "resources", target,
                        ignore=shutil.ignore_patterns(*LEAVE_OUT))


setup(cmdclass={"build_py": BuildWithResources})
