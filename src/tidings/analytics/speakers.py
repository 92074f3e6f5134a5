"""Who is quoted: quotes grouped by speaker."""

from __future__ import annotations

from typing import Any

from ..store import Store
from ..store.filters import prefix_pattern


def quotes_by_speaker(
    store: Store, actor: str | None = None, since: str | None = None, until: str | None = None,
    limit: int = 20,
) -> list[dict[str, Any]]:
    """Speakers by number of quotes, with their actor code, first and last publication day
    and quote kinds. A speaker is a name as written (case-folded), or the actor code when
    no name was found: grouping by code would merge every government spokesperson."""
    where, params = ["q.speaker IS NOT NULL OR q.speaker_code IS NOT NULL"], []
    if actor:
        where.append("q.speaker_code LIKE ?")
        params.append(prefix_pattern(actor)[2:])
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(until)
    kinds = ", ".join(
        f"sum(CASE WHEN q.kind = '{kind}' THEN 1 ELSE 0 END) AS {kind}" for kind in ("direct", "partial", "indirect")
    )
    rows = store.query(
        f"""SELECT coalesce(lower(q.speaker), q.speaker_code) AS speaker_key, max(q.speaker_code) AS code,
                   max(q.speaker) AS speaker, count(*) AS quotes, count(DISTINCT q.article_id) AS articles,
                   min(substr(a.published, 1, 10)) AS first, max(substr(a.published, 1, 10)) AS last, {kinds}
            FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE ({where[0]}){''.join(' AND ' + w for w in where[1:])}
            GROUP BY 1 ORDER BY quotes DESC, 1 LIMIT ?""",
        [*params, limit],
    )
    return [{k: (int(v) if k in ("direct", "partial", "indirect") else v) for k, v in row.items()} for row in rows]
