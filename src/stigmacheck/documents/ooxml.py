"""Opening Office Open XML files (.docx) safely: what is checked before any XML is parsed, for the
reader and for anything that writes a Word file back.

- An OLE compound file is an old .doc or a password-protected document (Word encrypts a .docx
  into an OLE file with an `EncryptedPackage` stream): each gets its own message.
- Every zip member is held to the limits before it is unpacked: its unpacked size, the unpacked
  size of all members together, and its compression ratio (documents/limits.py). zipfile never
  unpacks more than the size a member declares, so a member that lies about its size fails its
  CRC check instead of filling memory.
- XML with a document type declaration (`<!DOCTYPE`, which can declare entities) is refused:
  Word never writes one, and an entity left unresolved would hide the text after it.
"""

from __future__ import annotations

import io
import re
import zipfile

from stigmacheck.documents.limits import MB, Limits, megabytes, thousands

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RATIO_FLOOR = 1 * MB  # members smaller than this unpacked are never held to the ratio
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_DOCTYPE16 = re.compile("<!DOCTYPE".encode("utf-16-le"), re.IGNORECASE)


class PackageError(Exception):
    """A file that is not a usable Office document; the message (Dutch) is shown to the user."""


def open_package(data: bytes, limits: Limits, kind: str = "Word-bestand (.docx)") -> zipfile.ZipFile:
    """The zip archive of an Office file, after the checks above; PackageError otherwise."""
    if data[:8] == OLE_MAGIC:
        if _ENCRYPTED in data[: 4 * MB]:
            raise PackageError("het document is beveiligd met een wachtwoord; sla het op zonder wachtwoord "
                               "en controleer het dan opnieuw")
        raise PackageError("dit is een oud Word-bestand (.doc); sla het op als .docx")
    if not data.startswith(b"PK"):
        raise PackageError(f"geen geldig {kind}: het is geen zip-archief")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise PackageError(f"geen geldig {kind}: het zip-archief is beschadigd") from None
    total = 0
    for info in infos:
        problem = member_problem(info, limits)
        if problem:
            raise PackageError(problem)
        total += info.file_size
    if total > limits.max_unzipped_bytes:
        raise PackageError(f"het archief is uitgepakt {megabytes(total)} groot; de grens is {limits.max_unzipped_mb} MB "
                           "(instelling max_unzipped_mb); niet gecontroleerd")
    return archive


def member_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    """Why this zip member may not be unpacked, or None."""
    if info.file_size > limits.max_unzipped_bytes:
        return (f"onderdeel {info.filename} is uitgepakt {megabytes(info.file_size)} groot; de grens is "
                f"{limits.max_unzipped_mb} MB (instelling max_unzipped_mb); niet gecontroleerd")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR and ratio > limits.max_zip_ratio:
        return (f"onderdeel {info.filename} wordt bij uitpakken {thousands(int(ratio))} keer zo groot "
                f"(een zip-bom?); de grens is {thousands(limits.max_zip_ratio)} (instelling max_zip_ratio); "
                "niet gecontroleerd")
    return None


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member, unpacked (its size was checked by open_package); XML without a DOCTYPE."""
    try:
        data = archive.read(name)
    except KeyError:
        raise PackageError(f"het archief mist het onderdeel {name}") from None
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, ValueError, RuntimeError) as exc:
        raise PackageError(f"onderdeel {name} is beschadigd of niet te lezen ({_first_line(exc)})") from None
    if name.endswith((".xml", ".rels")):
        refuse_doctype(data, name)
    return data


def refuse_doctype(xml: bytes, name: str) -> None:
    """PackageError when the XML's prolog holds a document type declaration."""
    head = xml[: 64 * 1024]
    pattern = _DOCTYPE16 if head[:2] in (b"\xff\xfe", b"<\x00") else _DOCTYPE
    if pattern.search(head) or (len(xml) > len(head) and _prolog_doctype(xml)):
        raise PackageError(f"onderdeel {name} bevat een DOCTYPE-declaratie (entiteiten); Word schrijft die nooit. "
                           "Open het document in Word en sla het opnieuw op")


def _prolog_doctype(xml: bytes) -> bool:
    """A DOCTYPE after a very long prolog (comments before the root element)."""
    root = re.search(rb"<[A-Za-z_]", xml)
    return bool(_DOCTYPE.search(xml, 0, root.start() if root else len(xml)))


def _first_line(exc: Exception) -> str:
    text = str(exc).splitlines()[0][:120] if str(exc) else ""
    return text or type(exc).__name__
