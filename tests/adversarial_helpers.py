"""Hostile inputs for the adversarial tests, generated on the fly (nothing large is kept in git),
and a way to run the CLI on them in a child process with a memory cap and a time limit.

`run_capped` measures the child's wall time and peak resident memory, so the same cases serve as
a benchmark: `python tests/adversarial_helpers.py` prints a table for every case.
"""

from __future__ import annotations

import io
import os
import resource
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_CAP = 1536 * 1024 * 1024  # address space of each child (RLIMIT_AS)
TRIGGER = "De gemeente sprak met prostituees over hun werk."

# ------------------------------------------------------------------------------------ running


@dataclass
class Outcome:
    code: int | None  # None: killed after the time limit
    stdout: str
    stderr: str
    seconds: float  # wall time
    cpu: float  # user + system time of the child (stable on a busy machine)
    peak_mb: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_capped(args: list[str], cwd: Path, timeout: float = 20.0, memory: int = MEMORY_CAP,
               src: str | None = None) -> Outcome:
    """`stigmacheck ARGS` in `cwd` in a child process with at most `memory` bytes of address space;
    killed after `timeout` seconds. `src`: the source folder to run (default: this tree's src)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = src or str(ROOT / "src")
    env.pop("STIGMACHECK_MODEL", None)
    env["OPENBLAS_NUM_THREADS"] = env["OMP_NUM_THREADS"] = "1"

    def limit():
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    out_path, err_path = cwd / ".out.txt", cwd / ".err.txt"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "stigmacheck", *args], cwd=cwd, env=env, stdout=out,
                                 stderr=err, stdin=subprocess.DEVNULL, preexec_fn=limit, start_new_session=True)
        status, usage = None, None
        while status is None:
            pid, st, ru = os.wait4(child.pid, os.WNOHANG)
            if pid:
                status, usage = st, ru
            elif time.monotonic() - start > timeout:
                os.killpg(child.pid, signal.SIGKILL)
                _, status, usage = os.wait4(child.pid, 0)
                status = None
                break
            else:
                time.sleep(0.02)
        seconds = time.monotonic() - start
    child.returncode = 0  # reaped above; keep Popen from waiting again
    code = None if status is None else os.waitstatus_to_exitcode(status)
    outcome = Outcome(code, out_path.read_text(errors="replace"), err_path.read_text(errors="replace"),
                      seconds, usage.ru_utime + usage.ru_stime if usage else 0.0,
                      usage.ru_maxrss / 1024 if usage else 0.0)
    out_path.unlink()
    err_path.unlink()
    return outcome


# ------------------------------------------------------------------------------------ Word files


def docx_bytes(paragraphs: list[tuple[str, str | None]] | None = None, body_xml: str | None = None,
               replace: dict[str, bytes] | None = None) -> bytes:
    """A .docx from python-docx's default template with these (text, style id) paragraphs (or this raw
    body XML), members in `replace` swapped in or added."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    if body_xml is None:
        body_xml = "".join(_paragraph_xml(text, style) for text, style in paragraphs or [])
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body_xml}<w:sectPr/></w:body></w:document>"
    ).encode()
    members = {"word/document.xml": document, **(replace or {})}
    return _rezip(buffer.getvalue(), members)


def _paragraph_xml(text: str, style: str | None) -> str:
    from xml.sax.saxutils import escape

    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _rezip(data: bytes, members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, members.pop(info.filename, None) or src.read(info.filename))
        for name, content in members.items():
            dst.writestr(name, content)
    return out.getvalue()


def many_paragraphs_docx(n: int) -> bytes:
    """`n` paragraphs in a mix of styles (mostly plain, some headings and list items, a caption every
    1000th), a trigger every 50th."""
    styles = [None, "Heading1", None, "ListBullet", None, None, "Normal"]
    return docx_bytes([(TRIGGER if i % 50 == 0 else f"Alinea {i} over het beleid van de gemeente.",
                        "Caption" if i % 1000 == 999 else styles[i % len(styles)]) for i in range(n)])


def zip_bomb_docx(size: int = 1 << 30) -> bytes:
    """A .docx whose word/document.xml inflates to `size` bytes of XML-looking text (about 1 MB on
    disk per GB). Built from one compressed chunk repeated after full flushes, so it takes
    milliseconds to make; the CRC and sizes in the headers are the true ones."""
    chunk = b"<w:p><w:r><w:t>prostitutie</w:t></w:r></w:p>" * 23831  # ~1 MB
    count = size // len(chunk)
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w='
            b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    tail = b"<w:sectPr/></w:body></w:document>"
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)  # identical for every chunk
    body = first + again * count + comp.compress(tail) + comp.flush()
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    base = docx_bytes([("Gewone tekst.", None)])
    return _with_raw_member(base, "word/document.xml", body, crc, len(head) + count * len(chunk) + len(tail))


def _with_raw_member(data: bytes, name: str, deflated: bytes, crc: int, size: int) -> bytes:
    """Rewrite a zip with `name` replaced by an already deflated member (zip64 sizes when needed)."""
    out = io.BytesIO()
    central = []
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        for info in src.infolist():
            raw_name = info.filename.encode()
            if info.filename == name:
                content, c_crc, c_size, method = deflated, crc, size, 8
            else:
                content = zlib.compressobj(6, zlib.DEFLATED, -15)
                body = content.compress(src.read(info.filename)) + content.flush()
                content, c_crc, c_size, method = body, zlib.crc32(src.read(info.filename)), info.file_size, 8
            offset = out.tell()
            big = c_size >= 0xFFFFFFFF or len(content) >= 0xFFFFFFFF
            extra = struct.pack("<HHQQ", 1, 16, c_size, len(content)) if big else b""
            sizes = (0xFFFFFFFF, 0xFFFFFFFF) if big else (len(content), c_size)
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 45 if big else 20, 0, method, 0, 0x21, c_crc,
                                  *sizes, len(raw_name), len(extra)) + raw_name + extra + content)
            central.append((raw_name, c_crc, len(content), c_size, offset, method))
        start = out.tell()
        for raw_name, c_crc, csize, usize, offset, method in central:
            big = usize >= 0xFFFFFFFF or csize >= 0xFFFFFFFF
            extra = struct.pack("<HHQQ", 1, 16, usize, csize) if big else b""
            sizes = (0xFFFFFFFF, 0xFFFFFFFF) if big else (csize, usize)
            out.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45 if big else 20, 0, method, 0, 0x21,
                                  c_crc, *sizes, len(raw_name), len(extra), 0, 0, 0, 0, offset)
                      + raw_name + extra)
        end = out.tell()
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), end - start, start, 0))
    return out.getvalue()


def ole_file(encrypted: bool) -> bytes:
    """The start of an OLE compound file: an old .doc, or (with the stream names Word writes for a
    password) an encrypted .docx."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    names = ["EncryptionInfo", "EncryptedPackage"] if encrypted else ["WordDocument", "1Table"]
    directory = b"".join(n.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64 for n in ["Root Entry", *names])
    return header + directory.ljust(4096, b"\x00")


def doctype_docx() -> bytes:
    """document.xml with an internal DTD that declares an entity used inside a <w:t>."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<!DOCTYPE w:document [<!ENTITY naam "Amsterdam">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>In &naam; spraken wij met prostituees.</w:t></w:r></w:p><w:sectPr/></w:body></w:document>"
    ).encode()
    return docx_bytes(replace={"word/document.xml": document})


# ------------------------------------------------------------------------------------ HTML and text


def nested_html(depth: int) -> str:
    return "<div>" * depth + f"<p>{TRIGGER}</p>" + "</div>" * depth


def sibling_tags_html(count: int) -> str:
    return f"<p>{TRIGGER}</p>" + "<span></span>" * count


def single_line_html(size: int) -> str:
    piece = "<p>Het college bespreekt de begroting van de gemeente.</p>"
    return f"<p>{TRIGGER}</p>" + piece * (size // len(piece))


def one_paragraph(size: int, sentence: str = "Het college bespreekt de begroting van de gemeente. ") -> str:
    return "<p>" + sentence * (size // len(sentence)) + "</p>"


def deep_markdown_list(levels: int) -> str:
    return "".join("  " * i + f"- punt {i}\n" for i in range(levels - 1)) + "  " * (levels - 1) + f"- {TRIGGER}\n"


def deep_markdown_quote(levels: int) -> str:
    return ">" * levels + f" {TRIGGER}\n"


# ------------------------------------------------------------------------------------ config


def yaml_alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 9)}]")
    lines.append(f"select: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def yaml_deep(levels: int = 20000) -> str:
    return "select: " + "[" * levels + "]" * levels + "\n"


def catastrophic_rule() -> str:
    return (
        "id: framing.proef-regex\ncategory: framing\nseverity: warning\nstatus: concept\n"
        "message: \"'{text}' is een proef.\"\nrationale: Alleen voor de test.\nsources: [test]\n"
        "topic: prostituees\npatterns:\n  - pattern: \"re:(a+)+$\"\n    suggestion: b\n"
        "examples:\n  flag:\n    - text: \"Een aaaa.\"\n      span: aaaa\n  pass:\n    - \"Een b.\"\n"
    )


# ------------------------------------------------------------------------------------ catalogue


def _write(folder: Path, name: str, content) -> list[str]:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return [name]


def make_case(name: str, folder: Path) -> list[str]:
    """Write the files of one hostile case into `folder`; returns the CLI arguments."""
    w = lambda n, c: _write(folder, n, c)
    if name == "docx-bomb":
        return w("bom.docx", zip_bomb_docx())
    if name == "docx-not-zip":
        return w("tekst.docx", "Dit is gewoon tekst.\n")
    if name == "docx-old-doc":
        return w("oud.docx", ole_file(encrypted=False))
    if name == "docx-encrypted":
        return w("geheim.docx", ole_file(encrypted=True))
    if name == "docx-doctype":
        return w("dtd.docx", doctype_docx())
    if name == "docx-26k":
        return w("groot.docx", many_paragraphs_docx(26_000))
    if name == "docx-104k":
        return w("groter.docx", many_paragraphs_docx(104_000))
    if name == "utf16-le":
        return w("notepad.txt", ("\n" + TRIGGER + "\n").encode("utf-16"))
    if name == "utf16-be":
        return w("notepad.txt", b"\xfe\xff" + ("\n" + TRIGGER + "\n").encode("utf-16-be"))
    if name == "md-deep-list":
        return w("lijst.md", deep_markdown_list(12))
    if name == "md-deep-quote":
        return w("citaat.md", deep_markdown_quote(25))
    if name == "html-unclosed-comment":
        return w("c.html", "<p>Gewone tekst.</p><!-- oude versie: <p>" + TRIGGER + "</p>\n")
    if name == "html-nested-100k":
        return w("diep.html", nested_html(100_000))
    if name == "html-siblings-1m":
        return w("breed.html", sibling_tags_html(1_000_000))
    if name == "html-line-20mb":
        return w("regel.html", single_line_html(20_000_000))
    if name == "html-paragraph-100mb":
        return w("alinea.html", one_paragraph(100_000_000, TRIGGER + " "))
    if name == "html-triggers-1mb":
        return w("vol.html", one_paragraph(1_000_000, "prostituees en hoeren. "))
    if name == "yaml-alias-bomb":
        w(".stigmacheck.yaml", yaml_alias_bomb())
        return w("a.txt", TRIGGER)
    if name == "yaml-deep":
        w(".stigmacheck.yaml", yaml_deep())
        return w("a.txt", TRIGGER)
    if name == "yaml-python-name":
        w(".stigmacheck.yaml", "? !!python/name:os.system\n: 1\n")
        return w("a.txt", TRIGGER)
    if name == "toml-wrong-types":
        w("pyproject.toml", '[tool.stigmacheck]\nselect = "term"\nfail_on = 3\nseverity = ["x"]\n')
        return w("a.txt", TRIGGER)
    if name == "toml-invalid":
        w("pyproject.toml", "[tool.stigmacheck\nselect = [\n")
        return w("a.txt", TRIGGER)
    if name == "regex-catastrophic":
        w(".stigmacheck.yaml", "rules: [eigen]\n")
        w("eigen/framing/proef.yaml", catastrophic_rule())
        return w("a.txt", TRIGGER + " Een " + "a" * 34 + "b.\n")
    raise KeyError(name)


CASES = [
    "docx-bomb", "docx-not-zip", "docx-old-doc", "docx-encrypted", "docx-doctype", "docx-26k", "docx-104k",
    "utf16-le", "utf16-be", "md-deep-list", "md-deep-quote", "html-unclosed-comment", "html-nested-100k",
    "html-siblings-1m", "html-line-20mb", "html-paragraph-100mb", "html-triggers-1mb", "yaml-alias-bomb",
    "yaml-deep", "yaml-python-name", "toml-wrong-types", "toml-invalid", "regex-catastrophic",
]


def main(argv: list[str]) -> None:
    """Print time, peak memory, exit code and the first line of output of every case (or those named)."""
    import tempfile

    src = os.environ.get("ADVERSARIAL_SRC")
    timeout = float(os.environ.get("ADVERSARIAL_TIMEOUT", "60"))
    memory = int(float(os.environ.get("ADVERSARIAL_MEMORY_GB", "12")) * (1 << 30))
    for name in argv or CASES:
        with tempfile.TemporaryDirectory() as tmp:
            args = make_case(name, Path(tmp))
            r = run_capped(["check", "--format", "text", *args], Path(tmp), timeout=timeout, memory=memory, src=src)
        lines = [x for x in r.output.splitlines() if x.strip()]
        first = next((x for x in lines if "Traceback" in x), None) or (lines[-1] if lines else "")
        tb = "TRACEBACK " if "Traceback" in r.stderr else ""
        print(f"{name:22} {r.seconds:7.2f} s wall {r.cpu:7.2f} s cpu {r.peak_mb:7.0f} MB exit={r.code} {tb}{first[:150]}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
