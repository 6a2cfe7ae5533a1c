"""Privacy and limits around every request: drafts are often under embargo.

- The request body is read here, at most `max_bytes` of it; a larger body gets HTTP 413 before
  any of it is parsed (Content-Length is believed only when it says "too large").
- One log line per request with the method, the path (never the query string, which may carry
  text), the status, the body size and the time taken. uvicorn's own access log is off (it would
  print the query string); nothing else logs request content, and no request content is written
  to disk (forms are read from memory: the body is already here).
- An error in a handler is logged by its type only (an exception message may quote the text).
"""

from __future__ import annotations

import logging
import time

log = logging.getLogger("stigmacheck.serve")
DRAIN = 64 * 1024 * 1024  # a body larger than this is not even read to its end


def too_large_message(max_bytes: int) -> str:
    return f"Fout: het verzoek is te groot: meer dan {max_bytes} bytes (de grens van deze server)"


class LimitsAndLog:
    """ASGI middleware: body size limit, one content-free log line per request, the security headers."""

    def __init__(self, app, max_bytes: int, headers: dict | None = None):
        self.app, self.max_bytes = app, max_bytes
        self.headers = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = {"code": 0}

        async def send_and_note(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        body, too_large = await self._read_body(scope, receive)
        try:
            if too_large:
                await _plain(send_and_note, 413, too_large_message(self.max_bytes))
                return
            replayed = False

            async def replay():
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, send_and_note)
        except Exception as exc:  # noqa: BLE001  never the message: it may quote the text
            log.error("fout bij %s %s: %s", scope.get("method"), scope.get("path"), type(exc).__name__)
            if not status["code"]:
                await _plain(send_and_note, 500, "Fout: interne fout in de server; zie het serverlog")
        finally:
            log.info("%s %s %s %d bytes %.1f ms", scope.get("method"), scope.get("path"), status["code"],
                     len(body), (time.perf_counter() - started) * 1000)

    async def _read_body(self, scope, receive) -> tuple[bytes, bool]:
        """(body, too large). A body that is too large is still read to its end, without keeping
        it (up to DRAIN bytes), so that the client, still sending, gets the 413 and not a reset."""
        if len(scope.get("query_string") or b"") > self.max_bytes:
            return b"", True
        if scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return b"", False
        declared = dict(scope.get("headers") or []).get(b"content-length")
        too_large = declared is not None and declared.isdigit() and int(declared) > self.max_bytes
        chunks, size = [], 0
        while size <= DRAIN:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                too_large, chunks = True, []
            elif not too_large:
                chunks.append(chunk)
            if not message.get("more_body"):
                break
        return (b"", True) if too_large else (b"".join(chunks), False)


async def _plain(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
