"""Time the Word review copy (`stigmacheck review`) on a 40-page document with 60 findings, and
check it: LibreOffice opens it and shows every comment, accepting every change gives `fix`'s text,
rejecting every change gives the original, and the original file is unchanged.

    python benchmarks/review.py                 # build, time (median of --repeat), check
    python benchmarks/review.py --no-office     # without LibreOffice
    python benchmarks/review.py --keep /tmp/x   # keep the documents in /tmp/x

Run from the project root with the package importable (an install, or PYTHONPATH=src).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Neutral filler written for this benchmark: no rule fires on it.
FILLER = [
    "De gemeente bespreekt elk voorjaar met bewoners hoe de wijk er over vijf jaar uit moet zien.",
    "Het college legt de plannen voor aan de raad, die er in juni over beslist.",
    "Wie een vergunning aanvraagt, krijgt binnen acht weken een besluit.",
    "Op de website staat een overzicht van alle spreekuren en de adressen van de wijkteams.",
    "Het budget voor het komende jaar is iets hoger dan vorig jaar, vooral door hogere energiekosten.",
    "Ondernemers kunnen hun vragen stellen aan het ondernemersloket in het stadhuis.",
    "De gemeente werkt samen met zorgverleners, woningcorporaties en scholen in de buurt.",
    "Bewoners die mee willen praten, kunnen zich aanmelden voor een van de avonden in de bibliotheek.",
    "Na de zomer verschijnt een verslag met de uitkomsten van de gesprekken.",
    "Het beleid wordt na twee jaar geëvalueerd, samen met de betrokken organisaties.",
]
# Sentences with a finding, written for this benchmark: (text before, the words, text after, split).
TRIGGERS = [
    ("De gemeente spreekt regelmatig met ", "prostituees", " over hun werkplekken.", False),
    ("Het spreekuur voor ", "prostituees", " is op dinsdag in het gezondheidscentrum.", True),
    ("Het beleid over ", "prostitutie", " wordt dit jaar herzien met de branche.", False),
    ("", "Straatprostituees", " krijgen voorlichting over belasting en verzekeringen.", True),
    ("In het gesprek zei een bewoner dat het ", "hoertje", " om de hoek altijd vriendelijk groet.", False),
    ("De exploitant is geen ", "pooier", ", maar heeft een vergunning voor het bedrijf.", False),
]


def build(pages: int = 40, findings: int = 60, paragraphs_per_page: int = 6) -> bytes:
    """A Word file of about `pages` pages with one finding in `findings` of its paragraphs."""
    import docx

    d = docx.Document()
    total = pages * paragraphs_per_page
    step = max(total // findings, 1)
    placed = 0
    for i in range(total):
        if i % 40 == 0:
            d.add_heading(f"Hoofdstuk {i // 40 + 1}", level=1)
        p = d.add_paragraph()
        filler = " ".join(FILLER[(i + k) % len(FILLER)] for k in range(5))
        if i % step == 0 and placed < findings:
            before, words, after, split = TRIGGERS[placed % len(TRIGGERS)]
            p.add_run(filler + " " + before)
            if split:  # Word cut the word in two runs, the second one bold
                half = len(words) // 2
                p.add_run(words[:half])
                p.add_run(words[half:]).bold = True
            else:
                p.add_run(words)
            p.add_run(after)
            placed += 1
        else:
            p.add_run(filler)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice headless in a fresh profile; the converted file's path."""
    profile = tempfile.mkdtemp(prefix="stigmacheck-lo-")
    try:
        subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                        "--outdir", str(outdir), str(path)], check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = outdir / (path.stem + "." + fmt.split(":")[0])
    if not out.exists():
        raise RuntimeError(f"LibreOffice made no {out.name}")
    return out


def office_counts(odt: Path) -> dict:
    """Comments (all, and those by stigmacheck) and tracked changes LibreOffice read from a copy;
    a header's changes live in styles.xml."""
    odf = zipfile.ZipFile(odt)
    content = odf.read("content.xml").decode("utf-8")
    styles = odf.read("styles.xml").decode("utf-8")
    notes = re.findall(r"<office:annotation[ >].*?</office:annotation>", content, re.DOTALL)
    return {"annotations": len(notes),
            "by_stigmacheck": sum(1 for n in notes if "<dc:creator>stigmacheck</dc:creator>" in n),
            "changed_regions": content.count("<text:changed-region ") + styles.count("<text:changed-region ")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--findings", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-office", action="store_true")
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests"))
    from test_review import resolve, text_of

    from stigmacheck.api import Linter
    from stigmacheck.word.review import review_docx

    work = args.keep or Path(tempfile.mkdtemp(prefix="stigmacheck-review-"))
    work.mkdir(parents=True, exist_ok=True)
    draft = work / "concept.docx"
    draft.write_bytes(build(args.pages, args.findings))
    digest = hashlib.sha256(draft.read_bytes()).hexdigest()
    linter = Linter.create()
    data = draft.read_bytes()
    linter.check_bytes(data, draft.name)  # warm up: rules and pipeline loaded once

    check_times, review_times = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = linter.check_bytes(data, draft.name)
        t1 = time.perf_counter()
        copy, counts = review_docx(data, result.document.source, result.findings)
        t2 = time.perf_counter()
        check_times.append(t1 - t0)
        review_times.append(t2 - t1)
    cli_times, cli_cpu = [], []
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for _ in range(args.repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "stigmacheck", "review", str(draft), "--force", "--fail-on", "never"],
                       check=True, capture_output=True, env=env)
        cli_times.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli_cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    copy_path = work / "concept.nagekeken.docx"
    copy = copy_path.read_bytes()
    fixed = linter.fix_bytes(data, draft.name).fixed
    report = {
        "pages": args.pages,
        "paragraphs": len(result.document.source.split("\n")),
        "findings": len(result.findings),
        "comments": counts["comments"],
        "tracked_changes": counts["changes"],
        "check_s": round(statistics.median(check_times), 3),
        "review_copy_s": round(statistics.median(review_times), 3),
        "cli_total_s": round(statistics.median(cli_times), 3),  # wall clock, start-up included
        "cli_cpu_s": round(statistics.median(cli_cpu), 3),  # CPU time of that process (less load-dependent)
        "accept_all_equals_fix": text_of(resolve(copy, True)) == text_of(fixed),
        "reject_all_equals_original": text_of(resolve(copy, False)) == text_of(data),
        "original_unchanged": hashlib.sha256(draft.read_bytes()).hexdigest() == digest,
    }
    if not args.no_office and soffice():
        t0 = time.perf_counter()
        odt = convert(copy_path, "odt", work)
        report["libreoffice_s"] = round(time.perf_counter() - t0, 1)
        report.update(office_counts(odt))
    print(json.dumps(report, indent=2, ensure_ascii=False))
    ok = (report["accept_all_equals_fix"] and report["reject_all_equals_original"] and report["original_unchanged"]
          and report.get("by_stigmacheck", report["comments"]) == report["comments"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
