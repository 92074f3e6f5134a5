"""The HTML pages: each handler reads the store through ``views`` and renders a template.

(No ``from __future__ import annotations`` here: FastAPI must see the dependency
annotations, which are local to ``page_router``, as objects.)
"""

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from ..analytics import PERIODS
from ..config import Settings
from ..errors import ConfigError, StoreError
from ..store import Store, open_store
from . import aggregates, views
from .article import article_view
from .basemap import world_topojson

# Pages load only what this app serves; the policy makes the browser refuse anything else.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
}


ARTICLES_PER_PAGE = 100


def page_router(settings: Settings, env: Environment) -> APIRouter:
    """The page routes. They read the store the API app holds (``app.state.store``); on an
    app without one they open ``settings.db`` read-only for each request."""
    router = APIRouter(include_in_schema=False)

    def store(request: Request) -> Iterator[Store]:
        shared = getattr(request.app.state, "store", None)
        if shared is not None:
            yield shared
            return
        opened = open_store(settings.db, read_only=True)
        try:
            yield opened
        finally:
            opened.close()

    Db = Annotated[Store, Depends(store)]

    def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("nav", request.url.path)
        html = env.get_template(name).render(request=request, **context)
        return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)

    def failure(request: Request, status: int, message: str) -> HTMLResponse:
        title = "Not found" if status == 404 else "Bad request"
        return render(request, "error.html", status=status, title=title, message=message)

    @router.get("/", response_class=HTMLResponse)
    def dashboard(request: Request, db: Db) -> HTMLResponse:
        return render(request, "dashboard.html", title="Dashboard", **aggregates.dashboard(db))

    @router.get("/events", response_class=HTMLResponse)
    def events(
        request: Request, db: Db, actor: str = "", country: str = "", code: str = "", since: str = "",
        until: str = "", status: str = "", polarity: str = "", text: str = "", place: str = "",
        sort: str = "date", order: str = "desc", page: int = 1, size: int = 50,
    ) -> HTMLResponse:
        query = views.EventQuery(actor, country, code, since, until, status, polarity, text, place,
                                 sort, order, page, size).clean()
        try:
            rows, total = views.find_events(db, query)
        except ConfigError as e:
            return failure(request, 400, str(e))
        pages = max(1, -(-total // query.size))
        return render(request, "events.html", title="Events", rows=rows, total=total, q=query, pages=pages,
                      sizes=views.PAGE_SIZES, sorts=list(views.SORTS))

    @router.get("/articles", response_class=HTMLResponse)
    def articles(request: Request, db: Db, q: str = "", page: int = 1) -> HTMLResponse:
        page = max(1, page)
        size = ARTICLES_PER_PAGE
        rows, total = views.list_articles(db, limit=size, offset=(page - 1) * size, q=q)
        return render(request, "articles.html", title="Articles", articles=rows, total=total, q=q,
                      page=page, pages=max(1, -(-total // size)))

    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(request: Request, article_id: str, db: Db) -> HTMLResponse:
        try:
            data = article_view(db, article_id)
        except StoreError as e:
            return failure(request, 404, str(e))
        return render(request, "article.html", title=data["article"].title or data["article"].id,
                      nav="/articles", **data)

    @router.get("/dyads", response_class=HTMLResponse)
    def dyads(request: Request, db: Db, a: str = "", b: str = "",
              by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month") -> HTMLResponse:
        top = aggregates.top_dyads(db, aggregates.counting_scope(db), limit=20)
        if not (a and b) and top:
            a, b = top[0]["source"], top[0]["target"]
        data: dict[str, Any] = {}
        if a and b:
            try:
                data = aggregates.dyad_page(db, a.strip().upper(), b.strip().upper(), by)
            except ConfigError as e:
                return failure(request, 400, str(e))
        return render(request, "dyads.html", title="Dyads", a=a.upper(), b=b.upper(), by=by,
                      by_choices=PERIODS, top=top, **data)

    @router.get("/actors/{code}", response_class=HTMLResponse)
    def actor(request: Request, code: str, db: Db) -> HTMLResponse:
        try:
            data = aggregates.actor_page(db, code.strip().upper())
        except ConfigError as e:
            return failure(request, 400, str(e))
        if not data["names"] and not data["total"]:
            return failure(request, 404, f"no actor with code {code!r} in this store")
        return render(request, "actor.html", title=data["label"], **data)

    @router.get("/network", response_class=HTMLResponse)
    def network(request: Request, db: Db, level: str = "code", min: int = 1) -> HTMLResponse:
        try:
            data = aggregates.network(db, level, min)
        except ConfigError as e:
            return failure(request, 400, str(e))
        return render(request, "network.html", title="Network", **data)

    @router.get("/map", response_class=HTMLResponse)
    def place_map(request: Request, db: Db) -> HTMLResponse:
        return render(request, "map.html", title="Map", basemap=world_topojson() is not None,
                      **aggregates.event_places(db))

    return router
