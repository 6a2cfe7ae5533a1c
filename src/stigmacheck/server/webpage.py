"""The JSON endpoints of the web page at / (page/app.js is their only client).

POST /api/check   multipart form: `file` (an upload) or `text` (pasted), optional `name`.
                  -> {"name", "reader", "source", "error", "findings": [...], "counts": {...}}
POST /api/apply   multipart form: `file` (the document as the page holds it now), `name`,
                  `choice` (JSON: {"all": true} or {"rule", "start", "end", "suggestion"})
                  -> the same as /api/check for the changed document, plus "data" (the changed
                  document, base64), "applied" (how many findings were applied) and "problem".

The server keeps nothing between requests: the page holds the document and sends it back.
Offsets in findings are code points (`start`, `end`) and UTF-16 units (`start16`, `end16`,
what JavaScript strings count). Messages for the officer are Dutch.
"""

from __future__ import annotations

import base64
import json
import os

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from stigmacheck.documents import EXTENSIONS
from stigmacheck.server import work
from stigmacheck.server.languagetool import Utf16

PASTED = "tekst.txt"
KINDS = ".docx, .md, .html of .txt"


class PageError(ValueError):
    pass


def _error(message: str, status: int = 400) -> Response:
    return JSONResponse({"error": message}, status_code=status)


def safe_name(name: str) -> str:
    """The file name alone (no folders), with a supported extension; raises PageError."""
    base = os.path.basename((name or "").replace("\\", "/")).strip() or PASTED
    if os.path.splitext(base)[1].lower() not in EXTENSIONS:
        raise PageError(f"Dit bestandstype kan stigmacheck niet lezen. Kies een bestand met {KINDS}.")
    return base[:200]


async def _document(request: Request) -> tuple[bytes, str, dict]:
    """(bytes, name, form) of the document in the request; raises PageError."""
    form = await request.form(max_part_size=request.app.state.settings.max_bytes)
    upload, text = form.get("file"), form.get("text")
    if isinstance(upload, UploadFile):
        data = await upload.read()
        name = safe_name(form.get("name") if isinstance(form.get("name"), str) else upload.filename)
    elif isinstance(text, str):
        data, name = text.encode("utf-8"), safe_name(form.get("name") if isinstance(form.get("name"), str) else PASTED)
    else:
        raise PageError("Plak een tekst of kies een bestand.")
    if not data.strip():
        raise PageError("Er is geen tekst om te controleren.")
    return data, name, {k: v for k, v in form.items() if isinstance(v, str)}


def shown(result: dict, name: str) -> dict:
    """A check result as the page reads it: UTF-16 offsets and counts added."""
    units = Utf16(result.get("source") or "")
    for f in result["findings"]:
        f["start16"], f["end16"] = units(f["start"]), units(f["end"])
    result["name"] = name
    result["counts"] = {"findings": len(result["findings"]),
                        "fixable": sum(1 for f in result["findings"] if f["fixable"])}
    return result


async def _run(request: Request, job, too_long: str, form_to_args=None):
    """(result, name) of running `job(data, name, *args)` in the pool on the request's document, or
    (error Response, None). `form_to_args(form)` gives the extra arguments (may raise PageError)."""
    try:
        data, name, form = await _document(request)
        args = form_to_args(form) if form_to_args else ()
    except PageError as exc:
        return _error(str(exc)), None
    try:
        return await request.app.state.pool.run(job, data, name, *args), name
    except work.TimeLimit:
        return _error(too_long, 503), None


async def check(request: Request) -> Response:
    result, name = await _run(request, work.check_document, "De controle duurde te lang. Probeer een kortere tekst.")
    return result if name is None else JSONResponse(shown(result, name))


async def apply(request: Request) -> Response:
    result, name = await _run(request, work.apply_choice, "Het toepassen duurde te lang. Probeer een kortere tekst.",
                              lambda form: (_choice(form.get("choice", "")),))
    if name is None:
        return result
    result["data"] = base64.b64encode(result["data"]).decode("ascii")
    return JSONResponse(shown(result, name))


async def review(request: Request) -> Response:
    """The Word review copy of an uploaded .docx, as a download (nothing is kept on the server)."""
    result, name = await _run(request, work.review_copy, "Het nakijken duurde te lang. Probeer een kleiner document.")
    if name is None:
        return result
    if result.get("error"):
        return _error(result["error"])
    base = os.path.splitext(name)[0]
    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in base) or "concept"
    return Response(result["data"], media_type=DOCX_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{ascii_name}.nagekeken.docx"',
        "X-Stigmacheck-Comments": str(result["comments"]), "X-Stigmacheck-Changes": str(result["changes"])})


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _choice(raw: str) -> dict:
    try:
        choice = json.loads(raw)
    except ValueError:
        raise PageError("Onbekende keuze om toe te passen.") from None
    if not isinstance(choice, dict):
        raise PageError("Onbekende keuze om toe te passen.")
    if choice.get("all") is True:
        return {"all": True}
    if not all(isinstance(choice.get(k), int) for k in ("start", "end", "suggestion")) or not isinstance(choice.get("rule"), str):
        raise PageError("Onbekende keuze om toe te passen.")
    return {k: choice[k] for k in ("rule", "start", "end", "suggestion")}
