"""Turn bytes into text: UTF-8, UTF-8 with BOM, then cp1252 (with a note)."""

from __future__ import annotations


class DecodeError(Exception):
    pass


def decode(data: bytes) -> tuple[str, str | None]:
    """Return (text, note). Line endings are kept exactly as in the file."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), None
        except UnicodeDecodeError as exc:
            raise DecodeError(f"geen geldige UTF-8 na de BOM (byte {exc.start + 3})") from None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise DecodeError(
            f"kan de tekst niet lezen: geen UTF-8 (byte {first_bad}) en geen Windows-1252"
        ) from None
    if "\x00" in text:
        raise DecodeError("dit lijkt een binair bestand, geen tekst")
    return text, f"gelezen als Windows-1252 (cp1252): geen geldige UTF-8 vanaf byte {first_bad}"
