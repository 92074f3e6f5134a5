"""The CAMEO and PLOVER codebooks, read once from the packaged TSV files.

Goldstein value and QuadClass come from the CAMEO code; the PLOVER type and mode come
from our CAMEO -> PLOVER mapping (``data/cameo_plover.tsv``, choices in ``data/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import DataError

QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    root: str
    level: int
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    context: str | None


@dataclass(frozen=True, slots=True)
class PloverType:
    type: str
    mode: str  # "" for the type itself
    quad: str
    score: float | None
    description: str


@dataclass(frozen=True)
class Codebook:
    cameo: dict[str, CameoCode]
    plover: dict[tuple[str, str], PloverType]

    def get(self, code: str) -> CameoCode:
        try:
            return self.cameo[code]
        except KeyError as e:
            raise DataError(f"{code!r} is not a CAMEO event code in the codebook") from e

    def __contains__(self, code: object) -> bool:
        return code in self.cameo

    def plover_types(self) -> tuple[str, ...]:
        return tuple(t for (t, mode) in self.plover if not mode)

    def modes(self, plover_type: str) -> tuple[str, ...]:
        return tuple(m for (t, m) in self.plover if t == plover_type and m)


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a packaged data file, without comments and the header."""
    text = resources.files("tidings.events").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


@lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    """The packaged codebooks (immutable, cached)."""
    mapping: dict[str, tuple[str, str, str]] = {}
    for row in _rows("cameo_plover.tsv"):
        if len(row) != 4:
            raise DataError(f"cameo_plover.tsv: expected 4 columns, got {row!r}")
        mapping[row[0]] = (row[1], row[2], row[3])
    cameo: dict[str, CameoCode] = {}
    for row in _rows("cameo.tsv"):
        if len(row) != 6:
            raise DataError(f"cameo.tsv: expected 6 columns, got {row!r}")
        code, level, root, quad, goldstein, name = row
        ptype, pmode, context = mapping.get(code, ("", "", ""))
        try:
            cameo[code] = CameoCode(
                code=code,
                name=name,
                root=root,
                level=int(level),
                quad_class=int(quad),
                goldstein=float(goldstein),
                plover_type=ptype or None,
                plover_mode=pmode or None,
                context=context or None,
            )
        except ValueError as e:
            raise DataError(f"cameo.tsv: bad number in {row!r}") from e
    plover: dict[tuple[str, str], PloverType] = {}
    for row in _rows("plover.tsv"):
        if len(row) != 5:
            raise DataError(f"plover.tsv: expected 5 columns, got {row!r}")
        ptype, mode, quad, score, description = row
        plover[(ptype, mode)] = PloverType(
            ptype, mode, quad, float(score) if score else None, description
        )
    return Codebook(cameo=cameo, plover=plover)
