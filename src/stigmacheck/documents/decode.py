"""Turn bytes into text: UTF-8, UTF-8 with BOM, UTF-16 with BOM (what Windows Notepad writes as
"Unicode"), then cp1252 (with a note). UTF-16 without a BOM and UTF-32 are not recognised.

`decode_info` also says which codec and byte-order mark were used, so that fix mode can write the
file back in the same encoding: `data == decoded.bom + decoded.text.encode(decoded.codec)` for
every file it accepts (line endings are kept exactly as in the file).
"""

from __future__ import annotations

from dataclasses import dataclass

from stigmacheck.documents.limits import Limits, too_big


class DecodeError(Exception):
    pass


@dataclass(frozen=True)
class Decoded:
    text: str
    note: str | None  # shown to the user; None only for UTF-8 (with or without BOM)
    codec: str  # a Python codec name without BOM handling: utf-8, utf-16-le, utf-16-be or cp1252
    bom: bytes  # the byte-order mark the file starts with (b"" when none)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16 (little-endian)"),
    (b"\xfe\xff", "utf-16-be", "UTF-16 (big-endian)"),
)


def decode(data: bytes, limits: Limits | None = None) -> tuple[str, str | None]:
    """Return (text, note). Line endings are kept exactly as in the file."""
    decoded = decode_info(data, limits)
    return decoded.text, decoded.note


def decode_info(data: bytes, limits: Limits | None = None) -> Decoded:
    """The text of `data` with the codec and BOM it was read with; DecodeError with a Dutch reason."""
    problem = too_big(len(data), limits)
    if problem:
        raise DecodeError(problem)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"geen geldige {label.split(' ')[0]} na de BOM (byte {exc.start + len(bom)})") from None
            if codec == "utf-8":
                return Decoded(text, None, codec, bom)
            if "\x00" in text:  # real UTF-16 text never holds U+0000
                raise DecodeError("dit lijkt een binair bestand, geen tekst")
            return Decoded(text, f"gelezen als {label}, met BOM", codec, bom)
    try:
        return Decoded(data.decode("utf-8"), None, "utf-8", b"")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise DecodeError(
            f"kan de tekst niet lezen: geen UTF-8 (byte {first_bad}) en geen Windows-1252"
        ) from None
    if "\x00" in text:
        raise DecodeError("dit lijkt een binair bestand, geen tekst (UTF-16 zonder BOM wordt niet herkend)")
    return Decoded(text, f"gelezen als Windows-1252 (cp1252): geen geldige UTF-8 vanaf byte {first_bad}",
                   "cp1252", b"")
