"""POST /api/articles: analyse articles and store them. Only mounted with --allow-ingest,
and only for requests bearing the token."""

from __future__ import annotations

import hmac
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException
from pydantic import BaseModel, Field

from ... import __version__
from ...config import Settings
from ...errors import IngestError
from ...ingest.mapping import article_from_mapping
from ...pipeline import Pipeline
from ...store import Store
from ...store.linking import link_events
from ...types import Article, Result, Skip
from ..deps import StoreDep
from ..responses import SafeJSONResponse

MAX_ARTICLES = 100


class ArticleIn(BaseModel):
    text: str = Field(description="The article text.")
    title: str | None = None
    url: str | None = None
    source: str | None = Field(None, description="The outlet.")
    published: str | None = Field(None, description="Publication date or datetime, ISO 8601.")
    language: str | None = None


class IngestBody(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES)


class Ingestor:
    """The pipeline (built on first use: loading the model takes seconds) and the lock that
    keeps one write at a time."""

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None) -> None:
        self.settings = settings
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def ingest(self, store: Store, items: list[ArticleIn]) -> dict[str, Any]:
        articles: list[Article] = []
        skips: list[Skip] = []
        for n, item in enumerate(items):
            origin = f"api:{n}"
            try:
                articles.append(article_from_mapping(item.model_dump(exclude_none=True), origin=origin,
                                                     max_chars=self.settings.max_chars))
            except IngestError as e:
                skips.append(Skip(origin, str(e)))
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(self.settings)
            outcomes = list(self._pipeline.run(articles))
            results = [r for r in outcomes if isinstance(r, Result)]
            skips += [s for s in outcomes if isinstance(s, Skip)]
            run_id = store.begin_run(self.settings.public(), ["api"], __version__)
            store.write(results, skips, run_id)
            link_events(store)
            store.finish_run(run_id, {"articles": len(results), "skipped": len(skips)})
        return {"stored": [{"id": r.article.id, "counts": r.records.counts()} for r in results],
                "skipped": [{"source": s.source, "reason": s.reason} for s in skips]}


def ingest_router(settings: Settings, token: str, pipeline: Pipeline | None = None) -> APIRouter:
    ingestor = Ingestor(settings, pipeline)
    expected = token.encode("utf-8")

    def authorised(authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None) -> None:
        scheme, _, given = (authorization or "").partition(" ")
        if not (scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode("utf-8"), expected)):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    router = APIRouter(prefix="/api", tags=["ingest"])

    @router.post("/articles", summary="Analyse and store articles (only with --allow-ingest)",
                 dependencies=[Depends(authorised)])
    def ingest(store: StoreDep, body: IngestBody) -> Any:
        """Runs the pipeline over up to 100 articles (`{"articles": [{"text", "title", "url",
        "source", "published", "language"}]}`, at most 2 MB) and writes their records.
        Needs `Authorization: Bearer TOKEN`; 401 without it.

        Answers `{"stored": [{"id", "counts": {"events", ...}}], "skipped": [{"source", "reason"}]}`.
        """
        return SafeJSONResponse(ingestor.ingest(store, body.articles))

    return router
