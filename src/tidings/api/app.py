"""The FastAPI application: JSON under /api over the store, read-only unless ingest is
enabled; the web UI (tidings.ui) adds its pages when it is installed."""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse

from .. import __version__
from ..config import Settings
from ..errors import ConfigError
from ..pipeline import Pipeline
from ..store import Store, open_store
from .docs import docs_page
from .errors import install_error_handlers
from .middleware import MAX_BODY_BYTES, BoundedBody, SecurityHeaders
from .responses import SafeJSONResponse
from .routes import actors, analytics, articles, events, export, places, quotes

log = logging.getLogger(__name__)

DESCRIPTION = (
    "Political event data read from news: articles, events (CAMEO and PLOVER), actors, dyads, "
    "the actor network, quotes and places, each record pointing back to the text it came from. "
    "Every error answers {\"error\": {\"status\", \"title\", \"message\", \"details\"}}."
)


def _mount_ui(app: FastAPI, settings: Settings) -> None:
    """Let the web UI add its pages, when the package has one."""
    if importlib.util.find_spec("tidings.ui") is None:
        return
    from .. import ui

    mount = getattr(ui, "mount", None)
    if mount is None:
        log.info("tidings.ui has no mount(); serving the API only")
        return
    mount(app, settings)


def create_app(
    settings: Settings,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    cors_origins: Sequence[str] = (),
    store: Store | None = None,
    pipeline: Pipeline | None = None,
) -> FastAPI:
    """The app over ``settings.db`` (or an already open ``store``, which it then does not close).

    Read-only unless ``allow_ingest``, which needs a ``token`` and adds POST /api/articles.
    CORS stays off unless ``cors_origins`` lists the origins allowed to read the API.
    """
    if allow_ingest and not token:
        raise ConfigError("ingest over the API needs a token: pass --token-env VAR naming a variable that holds it")
    owned = store is None
    if store is None:
        store = open_store(settings.db, read_only=not allow_ingest)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            store.close()

    app = FastAPI(title="tidings", version=__version__, description=DESCRIPTION, docs_url=None,
                  redoc_url=None, lifespan=lifespan, default_response_class=SafeJSONResponse)
    app.state.store = store
    app.state.settings = settings
    install_error_handlers(app)
    for module in (articles, events, actors, analytics, quotes, places, export):
        app.include_router(module.router)
    if allow_ingest:
        from .routes.ingest import ingest_router

        app.include_router(ingest_router(settings, token or "", pipeline))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_page(app.openapi()))

    _mount_ui(app, settings)
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BoundedBody, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders)
    return app


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    cors_origins: Sequence[str] = (),
) -> None:
    """Run the app with uvicorn until interrupted (loopback only unless ``host`` says otherwise)."""
    import uvicorn

    app = create_app(settings, allow_ingest=allow_ingest, token=token, cors_origins=cors_origins)
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s: other machines can reach the API", host)
    # h11's default bounds (16 KB of request line and headers) hold the query strings small.
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)
