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


def _office(bench, files, fmt: str, outdir) -> None:
    """Convert `files` with LibreOffice headless in one run and a fresh profile."""
    import subprocess
    import tempfile

    profile = tempfile.mkdtemp(prefix="stigmacheck-lo-")
    try:
        done = subprocess.run([bench.soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                               "--convert-to", fmt, "--outdir", str(outdir)] + [str(f) for f in files],
                              capture_output=True, timeout=300, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Every review copy converted by LibreOffice in one run: name -> (original, result, copy, counts,
    what LibreOffice read). Two of the originals are first saved by LibreOffice itself as .docx, so
    the copies are also made from files a word processor wrote."""
    from stigmacheck.api import Linter

    bench = _bench()
    linter = Linter.create()
    folder = tmp_path_factory.mktemp("office")
    sources = {"pythondocx": docx_made_with_python_docx(), "hand": hand_docx(), "veertig": bench.build(40, 60)}
    saved = tmp_path_factory.mktemp("saved")
    for name in ("pythondocx", "hand"):
        (saved / f"lo-{name}.docx").write_bytes(sources[name])
    _office(bench, sorted(saved.iterdir()), "docx:MS Word 2007 XML", saved / "out")
    for name in ("pythondocx", "hand"):
        sources[f"lo-{name}"] = (saved / "out" / f"lo-{name}.docx").read_bytes()
    copies = {}
    for name, data in sources.items():
        result, copy, counts = make_review(linter, data)
        (folder / f"{name}.docx").write_bytes(copy)
        copies[name] = (data, result, copy, counts)
    _office(bench, [folder / f"{n}.docx" for n in sources], "odt", folder)
    return {name: (*copies[name], bench.office_counts(folder / f"{name}.odt")) for name in sources}


@pytest.mark.parametrize("name", ["pythondocx", "hand", "veertig", "lo-pythondocx", "lo-hand"])
def test_libreoffice_shows_every_comment_and_change(converted, name):
    _, _, copy, counts, office = converted[name]
    comments, revisions = _ours(copy)
    assert office["by_stigmacheck"] == comments == counts["comments"]
    existing = 1 if name.endswith("hand") else 0  # Bram's comment
    assert office["annotations"] == comments + existing
    anna = 2 if name.endswith("hand") else 0  # Anna's insertion and deletion
    assert office["changed_regions"] == revisions + anna
    assert revisions >= counts["changes"] > 0


@pytest.mark.parametrize("name", ["lo-pythondocx", "lo-hand"])
def test_files_written_by_a_word_processor_accept_to_fix_and_reject_to_the_original(converted, name):
    from stigmacheck.api import Linter

    data, result, copy, counts, _ = converted[name]
    fixed = Linter.create().fix_bytes(data, "concept.docx")
    assert fixed.error is None and len(fixed.edits) == counts["fixed"] > 0
    assert text_of(resolve(copy, accept=True)) == text_of(resolve(fixed.fixed, accept=True))
    assert text_of(resolve(copy, accept=False)) == text_of(resolve(data, accept=False))


def test_forty_pages_sixty_findings(converted):
    data, result, copy, _, office = converted["veertig"]
    assert len(result.findings) == 60 and office["by_stigmacheck"] == 60
    from stigmacheck.api import Linter

    fixed = Linter.create().fix_bytes(data, "concept.docx").fixed
    assert text_of(resolve(copy, accept=True)) == text_of(fixed)
    assert text_of(resolve(copy, accept=False)) == text_of(data)

