"""`stigmacheck serve`: the LanguageTool HTTP API and a Dutch web page (stigmacheck.server)."""

from __future__ import annotations

import logging
import sys

import click

from stigmacheck.commands.common import fail, load_settings

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _warn_open(host: str, port: int) -> None:
    line = "!" * 72
    click.echo("\n".join([
        line,
        f"LET OP: stigmacheck serve luistert op {host}:{port}, niet alleen op deze computer.",
        "Iedereen die deze computer via het netwerk kan bereiken, kan teksten laten controleren",
        "en de pagina gebruiken. Verbindingen zijn niet versleuteld (geen https) en er is geen",
        "inlog. Gebruik dit alleen achter een afgeschermde proxy of in een vertrouwd netwerk.",
        line,
    ]), err=True)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adres om op te luisteren. Alleen 127.0.0.1 is veilig voor teksten onder embargo.")
@click.option("--port", default=8081, show_default=True, type=click.IntRange(1, 65535), help="Poort.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="Configuratiebestand.")
@click.option("--model", default=None, help="spaCy-model: pakketnaam of pad.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Aantal werkprocessen dat tegelijk teksten controleert; kies het aantal processorkernen "
                   "(op Linux; elders controleert één draad de teksten na elkaar).")
@click.option("--max-bytes", default=1_000_000, show_default=True, type=click.IntRange(1, None),
              help="Grootste verzoek in bytes; groter krijgt HTTP 413.")
@click.option("--time-limit", default=30.0, show_default=True, type=click.FloatRange(0.1, None),
              help="Tijdgrens per verzoek in seconden; daarna HTTP 503.")
@click.option("--docs-url", default=None,
              help="Adres van de regeldocumentatie (de map docs/regels), voor links bij elke melding.")
def serve(host, port, config_file, model, workers, max_bytes, time_limit, docs_url):
    """Start een server voor LanguageTool-programma's en een webpagina.

    LibreOffice, de LanguageTool-browserextensie, LTeX en language_tool_python tonen de
    meldingen van stigmacheck als de server als LanguageTool-server is ingesteld
    (http://127.0.0.1:8081/v2). De webpagina staat op http://127.0.0.1:8081/.
    Teksten worden niet bewaard en niet gelogd.
    """
    try:
        import uvicorn

        from stigmacheck.server import work
        from stigmacheck.server.app import Settings, create_app
    except ImportError as exc:
        fail(f"de server heeft het pakket '{exc.name}' nodig (pip install starlette uvicorn python-multipart)")
    from stigmacheck.api import SetupError

    if host not in LOOPBACK:
        _warn_open(host, port)
    settings_file = load_settings(config_file, [])
    click.echo("stigmacheck serve: regels en taalmodel laden ...", err=True)
    try:
        work.load(settings_file, model)
    except SetupError as exc:
        fail(str(exc))
    pool = work.Pool(workers, time_limit)
    app = create_app(pool, Settings(max_bytes=max_bytes, docs_url=docs_url, time_limit=time_limit))

    log = logging.getLogger("stigmacheck.serve")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"stigmacheck serve: klaar. Webpagina: http://{shown}:{port}/  "
               f"LanguageTool-API: http://{shown}:{port}/v2  ({workers} werkproces(sen))", err=True)
    try:
        uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning", server_header=False,
                    timeout_graceful_shutdown=5)
    finally:
        pool.close()
