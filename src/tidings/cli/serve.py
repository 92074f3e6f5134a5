"""The web UI and REST API: tidings serve."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import TidingsError
from .common import (
    ConfigOption,
    DbOption,
    app,
    fail,
    load_settings,
)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; the default answers this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="Enable POST /api/articles (opens the store for writing).")] = False,
    token_env: Annotated[str | None, typer.Option("--token-env", help="Environment variable holding the bearer token ingest requires.")] = None,
    cors_origin: Annotated[list[str] | None, typer.Option("--cors-origin", help="An origin allowed to read the API from a browser (CORS is off by default).")] = None,
    config: ConfigOption = None,
) -> None:
    """Serve the store over HTTP: JSON API under /api (documented at /docs) and the web UI.

    Example: `tidings serve --db tidings.duckdb --port 8000`
    (with ingest: `TIDINGS_TOKEN=secret tidings serve --allow-ingest --token-env TIDINGS_TOKEN`)
    """
    import os

    from ..api import serve as serve_api

    token = os.environ.get(token_env) if token_env else None
    if token_env and not token:
        fail(typer.BadParameter(f"environment variable {token_env} is not set or empty"))
    try:
        serve_api(load_settings(config, db=db), host, port, allow_ingest=allow_ingest, token=token,
                  cors_origins=cors_origin or ())
    except TidingsError as e:
        fail(e)
