"""Make the picture in docs/nakijken-in-word.md: a short draft, its review copy made by
`stigmacheck review`, rendered by LibreOffice headless (comments in the margin) and saved as PNG.

    python docs/maak-voorbeeld-review.py            # writes docs/nakijken-in-word.png

Needs LibreOffice (`soffice`) and pypdfium2 (`pip install pypdfium2`) to turn the PDF page into a
picture; the package must be importable (an install, or PYTHONPATH=src).
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "nakijken-in-word.png"
SCALE = 1.5  # 72 dpi * 1.5: readable, small enough
PAD = 16  # white border around the text, in pixels

# A short draft written for this picture.
TITLE = "Nieuwe aanpak voor veilig werken"
PARAGRAPHS = [
    ["De gemeente wil dat ", ("prostituees", "bold"), " veilig en gezond kunnen werken."],
    ["Het spreekuur voor straat", ("prostituees", "italic"), " is voortaan op dinsdag."],
    ["Bij een controle kijkt de politie of er sprake is van een pooier of van uitbuiting."],
    ["Het beleid over prostitutie wordt na twee jaar samen met de branche geëvalueerd."],
]


def draft() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading(TITLE, level=1)
    for parts in PARAGRAPHS:
        p = d.add_paragraph()
        for part in parts:
            if isinstance(part, tuple):
                run = p.add_run(part[0])
                setattr(run, part[1], True)
            else:
                p.add_run(part)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    """A PNG (8-bit RGB) from rows of RGB bytes."""
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def render(pdf: Path) -> bytes:
    """Page 1 as PNG, cut to the text (and LibreOffice's comment marks) with a white border."""
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(str(pdf))[0]
    bitmap = page.render(scale=SCALE, rev_byteorder=True, may_draw_forms=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    channels = 4 if stride >= width * 4 else 3
    buffer = bytes(bitmap.buffer)
    rows = []
    for y in range(height):
        line = buffer[y * stride: y * stride + width * channels]
        if channels == 4:
            line = b"".join(line[x:x + 3] for x in range(0, len(line), 4))
        rows.append(line)
    white = b"\xff" * (width * 3)
    used = [y for y, row in enumerate(rows) if row != white]
    top, bottom = max(used[0] - PAD, 0), min(used[-1] + PAD, height)
    left = min(next(i for i in range(0, width * 3, 3) if row[i:i + 3] != b"\xff\xff\xff") for row in rows[top:bottom]
               if row != white) // 3
    right = max(max(i for i in range(0, width * 3, 3) if row[i:i + 3] != b"\xff\xff\xff") for row in rows[top:bottom]
                if row != white) // 3
    left, right = max(left - PAD, 0), min(right + PAD, width)
    cut = [row[left * 3:right * 3] for row in rows[top:bottom]]
    return png(right - left, bottom - top, cut)


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice (soffice) is niet geïnstalleerd", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="stigmacheck-voorbeeld-"))
    profile = Path(tempfile.mkdtemp(prefix="stigmacheck-lo-"))
    try:
        (work / "concept.docx").write_bytes(draft())
        subprocess.run([sys.executable, "-m", "stigmacheck", "review", str(work / "concept.docx"), "--fail-on", "never"],
                       check=True, env=dict(os.environ, PYTHONPATH=str(HERE.parent / "src")))
        pdf_filter = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", pdf_filter,
                        "--outdir", str(work), str(work / "concept.nagekeken.docx")], check=True, capture_output=True)
        OUT.write_bytes(render(work / "concept.nagekeken.pdf"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)
    print(f"{OUT} ({OUT.stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
