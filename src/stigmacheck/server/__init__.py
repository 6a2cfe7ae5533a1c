"""`stigmacheck serve`: the LanguageTool HTTP API for its existing clients (LibreOffice, the
browser extension, LTeX, language_tool_python) and a Dutch web page for officers.

    app.py           the Starlette application and the /v2 routes
    languagetool.py  reading a /v2/check request, writing its answer (UTF-16 offsets)
    webpage.py       the page's JSON endpoints (/api/check, /api/apply)
    work.py          the linter, loaded once, and the pool that runs the checks
    limits.py        body size limit, content-free logging, security headers
    page/            the page itself: HTML, CSS, JavaScript, all served from here
"""
