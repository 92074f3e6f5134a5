"""Places: where things happen, as GeoJSON."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from .. import queries
from ..deps import CountryQ, SinceQ, StoreDep, UntilQ
from ..responses import SafeJSONResponse

router = APIRouter(prefix="/api", tags=["places"])


@router.get("/places", summary="Resolved places as GeoJSON points")
def places(
    store: StoreDep,
    country: CountryQ = None,
    q: Annotated[str | None, Query(max_length=100, description="Part of the place name.")] = None,
    since: SinceQ = None,
    until: UntilQ = None,
    limit: Annotated[int, Query(ge=1, le=5000, description="Most mentioned places kept.")] = 500,
) -> Any:
    """Places resolved to a gazetteer entry with coordinates, most mentioned first, as a
    GeoJSON FeatureCollection of points (`coordinates` are `[lon, lat]`); each feature's
    properties: `geo_id`, `name`, `country`, `feature`, `mentions`, `articles`, `events`.
    `since`/`until` filter on the article's publication date.
    """
    return SafeJSONResponse(queries.places_geojson(store, country, q, since, until, limit),
                            media_type="application/geo+json")
