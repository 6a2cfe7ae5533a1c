"""Review copies opened by a real word processor: LibreOffice (headless) converts each copy to
OpenDocument; every comment and every tracked change must come through, existing ones too."""

import importlib.util
import io
import shutil
import zipfile

import pytest
from conftest import ROOT
from lxml import etree
from test_review import (
    W,
    docx_made_with_python_docx,
    hand_docx,
    make_review,
    resolve,
    text_of,
)

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                                 reason="LibreOffice (soffice) is not installed; CI installs libreoffice-writer-nogui")]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_review", ROOT / "benchmarks" / "review.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ours(copy: bytes) -> tuple[int, int]:
    """(comments, revisions) by stigmacheck in the copy."""
    z = zipfile.ZipFile(io.BytesIO(copy))
    notes = etree.fromstring(z.read("word/comments.xml")).findall(W + "comment")
    revisions = 0
    for name in z.namelist():
        if name.startswith("word/") and name.endswith(".xml"):
            root = etree.fromstring(z.read(name))
            revisions += sum(1 for el in root.iter(W + "ins", W + "del") if el.get(W + "author") == "stigmacheck")
    return sum(1 for n in notes if n.get(W + "author") == "stigmacheck"), revisions


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Every review copy converted by LibreOffice in one run: name -> (copy bytes, counts, odt counts)."""
    from stigmacheck.api import Linter

    bench = _bench()
    linter = Linter.create()
    folder = tmp_path_factory.mktemp("office")
    sources = {"pythondocx": docx_made_with_python_docx(), "hand": hand_docx(), "veertig": bench.build(40, 60)}
    copies = {}
    for name, data in sources.items():
        result, copy, counts = make_review(linter, data)
        (folder / f"{name}.docx").write_bytes(copy)
        copies[name] = (data, result, copy, counts)
    import subprocess
    import tempfile

    profile = tempfile.mkdtemp(prefix="stigmacheck-lo-")
    try:
        done = subprocess.run([bench.soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                               "--convert-to", "odt", "--outdir", str(folder)]
                              + [str(folder / f"{n}.docx") for n in sources], capture_output=True, timeout=300, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert done.returncode == 0, done.stderr
    return {name: (*copies[name], bench.office_counts(folder / f"{name}.odt")) for name in sources}


@pytest.mark.parametrize("name", ["pythondocx", "hand", "veertig"])
def test_libreoffice_shows_every_comment_and_change(converted, name):
    _, _, copy, counts, office = converted[name]
    comments, revisions = _ours(copy)
    assert office["by_stigmacheck"] == comments == counts["comments"]
    existing = 1 if name == "hand" else 0  # Bram's comment
    assert office["annotations"] == comments + existing
    anna = 2 if name == "hand" else 0  # Anna's insertion and deletion
    assert office["changed_regions"] == revisions + anna
    assert revisions >= counts["changes"] > 0


def test_forty_pages_sixty_findings(converted):
    data, result, copy, _, office = converted["veertig"]
    assert len(result.findings) == 60 and office["by_stigmacheck"] == 60
    from stigmacheck.api import Linter

    fixed = Linter.create().fix_bytes(data, "concept.docx").fixed
    assert text_of(resolve(copy, accept=True)) == text_of(fixed)
    assert text_of(resolve(copy, accept=False)) == text_of(data)

