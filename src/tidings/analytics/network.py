"""Who acts on whom: the actor network, and writing it as GraphML or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ..errors import ConfigError
from ..store import Store
from ..store.filters import Scope, scope_where


@dataclass(frozen=True)
class Network:
    nodes: list[dict[str, Any]]  # code, as_source, as_target, events
    edges: list[dict[str, Any]]  # source, target, events (the weight), goldstein_sum, goldstein_mean

    def as_json(self) -> dict[str, Any]:
        return {"directed": True, "nodes": self.nodes, "edges": self.edges}


def _level(column: str, level: str) -> str:
    if level == "code":
        return column
    if level == "country":
        return f"substr({column}, 1, 3)"
    raise ConfigError(f"unknown level {level!r}; choose code or country")


def actor_network(store: Store, scope: Scope = Scope(), level: str = "code", min_events: int = 1) -> Network:
    """Directed edges source -> target weighted by event count, with their mean Goldstein
    value; compound actors give one edge per pair. ``level`` "country" merges codes by their
    first three letters. Edges with fewer than ``min_events`` events are left out."""
    where, params = scope_where(scope)
    source, target = _level("s.code", level), _level("t.code", level)
    edges = store.query(
        f"""SELECT {source} AS source, {target} AS target, count(*) AS events,
                   CAST(sum(e.goldstein) AS DOUBLE PRECISION) AS goldstein_sum,
                   CAST(avg(e.goldstein) AS DOUBLE PRECISION) AS goldstein_mean
            FROM {scope.table} e, unnest(e.source) AS s(code), unnest(e.target) AS t(code)
            WHERE {where}
            GROUP BY 1, 2 HAVING count(*) >= ?
            ORDER BY 3 DESC, 1, 2""",
        [*params, min_events],
    )
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for end, role in ((edge["source"], "as_source"), (edge["target"], "as_target")):
            node = nodes.setdefault(end, {"code": end, "as_source": 0, "as_target": 0, "events": 0})
            node[role] += edge["events"]
            node["events"] += edge["events"]
    return Network(nodes=sorted(nodes.values(), key=lambda n: (-n["events"], n["code"])), edges=edges)


_GRAPHML = "http://graphml.graphdrawing.org/xmlns"


def to_graphml(network: Network) -> ET.ElementTree:
    ET.register_namespace("", _GRAPHML)
    root = ET.Element(f"{{{_GRAPHML}}}graphml")
    keys = [("node", "as_source", "int"), ("node", "as_target", "int"), ("node", "events", "int"),
            ("edge", "events", "int"), ("edge", "goldstein_sum", "double"), ("edge", "goldstein_mean", "double")]
    for owner, name, kind in keys:
        ET.SubElement(root, f"{{{_GRAPHML}}}key", id=f"{owner}_{name}", attrib={
            "for": owner, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, f"{{{_GRAPHML}}}graph", id="actors", edgedefault="directed")
    for node in network.nodes:
        element = ET.SubElement(graph, f"{{{_GRAPHML}}}node", id=node["code"])
        for name in ("as_source", "as_target", "events"):
            ET.SubElement(element, f"{{{_GRAPHML}}}data", key=f"node_{name}").text = str(node[name])
    for edge in network.edges:
        element = ET.SubElement(graph, f"{{{_GRAPHML}}}edge", source=edge["source"], target=edge["target"])
        for name in ("events", "goldstein_sum", "goldstein_mean"):
            ET.SubElement(element, f"{{{_GRAPHML}}}data", key=f"edge_{name}").text = repr(edge[name]) \
                if isinstance(edge[name], float) else str(edge[name])
    return ET.ElementTree(root)


def write_network(network: Network, path: Path) -> str:
    """Write ``network`` to ``path``: GraphML for .graphml/.xml, else JSON. Returns the format."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in (".graphml", ".xml"):
        to_graphml(network).write(path, encoding="utf-8", xml_declaration=True)
        return "graphml"
    path.write_text(json.dumps(network.as_json(), indent=1), encoding="utf-8")
    return "json"
