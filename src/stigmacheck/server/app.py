"""The Starlette application: the LanguageTool API under /v2, the web page at / and its JSON
endpoints under /api (webpage.py). `create_app` takes a Pool whose linter is already loaded, so
the first request is as fast as any other."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.formparsers import MultiPartParser
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from stigmacheck.server import languagetool as lt
from stigmacheck.server import webpage, work
from stigmacheck.server.limits import LimitsAndLog

PAGE = Path(__file__).parent / "page"
HEADERS = {  # the page loads nothing from elsewhere and is not framed by other sites
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
                               "base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
TIME_LIMIT_MESSAGE = "Fout: de controle duurde langer dan de tijdgrens van deze server ({:g} s)"


class Settings:
    def __init__(self, max_bytes: int = 1_000_000, docs_url: str | None = None, time_limit: float = 30.0):
        self.max_bytes, self.docs_url, self.time_limit = max_bytes, docs_url, time_limit


async def params_of(request: Request) -> dict:
    """The request's parameters: the query string, then the body (which wins), as plain strings.
    A body that is not multipart is read as form-encoded whatever its Content-Type says, as
    LanguageTool does: LTeX, for one, sends form-encoded data labelled application/json."""
    params = dict(request.query_params)
    if request.method != "POST":
        return params
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form(max_part_size=request.app.state.settings.max_bytes)
        for key, value in form.multi_items():
            params[key] = value if isinstance(value, str) else ""
    else:
        body = (await request.body()).decode("utf-8", "replace")
        params.update(parse_qsl(body, keep_blank_values=True))
    return params


async def languages(_request: Request) -> Response:
    return JSONResponse(lt.LANGUAGES)


async def check(request: Request) -> Response:
    try:
        parsed = lt.parse_check(await params_of(request))
    except lt.BadRequest as exc:
        return PlainTextResponse(str(exc), status_code=400)
    found = []
    if parsed.dutch and parsed.checked.strip():
        try:
            found = await request.app.state.pool.run(work.check_plain, parsed.checked)
        except work.TimeLimit:
            return time_limit_response(request)
    rules = request.app.state.rules
    return JSONResponse(lt.answer(parsed, found, rules, request.app.state.settings.docs_url))


def time_limit_response(request: Request) -> Response:
    return PlainTextResponse(TIME_LIMIT_MESSAGE.format(request.app.state.settings.time_limit), status_code=503)


async def healthcheck(_request: Request) -> Response:
    return PlainTextResponse("OK")


async def index(request: Request) -> Response:
    page = (PAGE / "index.html").read_text(encoding="utf-8")
    return HTMLResponse(page.replace("__GRENS__", size_label(request.app.state.settings.max_bytes)))


def size_label(n: int) -> str:
    """A byte count as the page says it: '1 MB', '200 kB', '512 bytes'."""
    for unit, size in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= size:
            return f"{n / size:g} {unit}".replace(".", ",")
    return f"{n} bytes"


def create_app(pool: work.Pool, settings: Settings) -> LimitsAndLog:
    """The ASGI application, wrapped in the privacy and size limits."""
    routes = [
        Route("/", index, methods=["GET"]),
        Route("/v2/languages", languages, methods=["GET"]),
        Route("/v2/check", check, methods=["GET", "POST"]),
        Route("/v2/healthcheck", healthcheck, methods=["GET"]),
        Route("/api/check", webpage.check, methods=["POST"]),
        Route("/api/apply", webpage.apply, methods=["POST"]),
        Route("/api/review", webpage.review, methods=["POST"]),
        Mount("/static", StaticFiles(directory=PAGE), name="static"),
    ]
    # uploads stay in memory, never in a temporary file: every body is at most max_bytes anyway
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, settings.max_bytes + 1)
    app = Starlette(routes=routes)
    app.state.pool, app.state.settings = pool, settings
    linter = work.linter()
    app.state.rules = dict(linter.ruleset.by_id) if linter is not None else {}
    return LimitsAndLog(app, settings.max_bytes, HEADERS)
