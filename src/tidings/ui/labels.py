"""Readable names for actor codes: "USAGOV" -> "United States · government".

Country and organisation names come from the actor knowledge base's data files; sector
names from ``data/sectors.tsv``.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


def _tsv(package: str, name: str) -> list[dict[str, str]]:
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    countries = {row["code"]: row["name"] for row in _tsv("tidings.actors.data", "countries.tsv")}
    orgs: dict[str, str] = {}
    for row in _tsv("tidings.actors.data", "orgs.tsv"):
        # several bodies can share a code (USAGOV); only an IGO code names one body
        if row["code"].startswith("IGO"):
            orgs.setdefault(row["code"], row["name"])
    sectors = {row["code"]: row["label"] for row in _tsv("tidings.ui.data", "sectors.tsv")}
    return countries, orgs, sectors


def code_label(code: str | None) -> str:
    """The name of a code as far as we know it; the code itself when we know nothing."""
    if not code:
        return "unknown"
    countries, orgs, sectors = _names()
    if code in orgs:
        return orgs[code]
    head, rest = code[:3], code[3:]
    name = countries.get(head) or orgs.get(head)
    parts = [name or head]
    for i in range(0, len(rest), 3):
        piece = rest[i : i + 3]
        parts.append(sectors.get(piece, piece))
    return " · ".join(parts) if name or rest else code
