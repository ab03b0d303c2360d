"""pip users get the shipped model too: the sdist carries resources/, the wheel built from it
puts them inside the package, and the installed app finds them there and loads the model
without training."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from tests.app_tree import ROOT

MODEL = "resources/model/classifier.npz"


def test_sdist_and_wheel_ship_the_model_and_the_installed_app_uses_it(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out),
                    str(ROOT)], check=True, capture_output=True, timeout=300)
    [sdist], [wheel] = sorted(out.glob("*.tar.gz")), sorted(out.glob("*.whl"))
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert any(n.endswith(MODEL) for n in names)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert f"stacklens_desktop/{MODEL}" in names
    assert "stacklens_desktop/resources/samples/pos-application.log" in names
    assert not any("resources/" in n and n.endswith(".py") for n in names)  # no generator
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)  # what pip install puts in site-packages
    script = ("import sys, tempfile\nfrom pathlib import Path\n"
              "from stacklens_desktop.paths import resources_dir\n"
              "from stacklens_desktop.core.classify import load_predictor\n"
              "from stacklens_desktop.core.classify.shipped import load_shipped\n"
              "from stacklens_desktop.core.classify.corpus import default_corpus_path\n"
              "print(resources_dir())\n"
              "print(load_shipped(default_corpus_path()) is not None)\n"
              "cache = Path(tempfile.mkdtemp())\n"
              "load_predictor(cache)\n"
              "print(list(cache.iterdir()))\n")
    done = subprocess.run([sys.executable, "-P", "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, env={"PYTHONPATH": str(target), "HOME": str(tmp_path)},
                          check=True, timeout=120)
    assert done.stdout.splitlines() == [
        str(target / "stacklens_desktop" / "resources"), "True", "[]"]
