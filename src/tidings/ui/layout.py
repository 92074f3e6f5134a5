"""Node positions for the network graph: a small deterministic force layout.

Fruchterman-Reingold: every pair of nodes repels, every edge pulls its ends together,
and the step size cools each round. Nodes start on a circle (no randomness), so the same
graph is always drawn the same way. Fine for the few hundred nodes a page shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def force_layout(
    nodes: Sequence[str], edges: Sequence[tuple[str, str, float]], rounds: int = 200
) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]² for ``nodes``; ``edges`` are (source, target, weight)."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    pos = [[math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)] for i in range(n)]
    k = math.sqrt(4.0 / n)  # ideal edge length in a 2 x 2 box
    links = [(index[s], index[t], max(w, 1.0)) for s, t, w in edges if s in index and t in index and s != t]
    step = 0.1
    for _ in range(rounds):
        shift = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
                dist = max(math.hypot(dx, dy), 1e-3)
                push = k * k / dist
                shift[i][0] += dx / dist * push
                shift[i][1] += dy / dist * push
                shift[j][0] -= dx / dist * push
                shift[j][1] -= dy / dist * push
        for i, j, weight in links:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            dist = max(math.hypot(dx, dy), 1e-3)
            pull = dist * dist / k * (1 + math.log(weight))
            shift[i][0] -= dx / dist * pull
            shift[i][1] -= dy / dist * pull
            shift[j][0] += dx / dist * pull
            shift[j][1] += dy / dist * pull
        for i in range(n):
            length = max(math.hypot(*shift[i]), 1e-9)
            move = min(length, step)
            pos[i][0] += shift[i][0] / length * move
            pos[i][1] += shift[i][1] / length * move
            # gravity keeps separate components from drifting apart
            pos[i][0] *= 0.98
            pos[i][1] *= 0.98
        step = max(step * 0.97, 0.002)
    span = max(max(abs(x), abs(y)) for x, y in pos) or 1.0
    return {node: (pos[i][0] / span, pos[i][1] / span) for node, i in index.items()}
