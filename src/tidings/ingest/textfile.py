"""Plain-text articles: optional ``Key: value`` header lines, a blank line, then the text.

A file whose first lines are all known header keys (Title, Date or Published, URL,
Source, Language; any case) ended by a blank line has that header; any other file is
text from its first character, with no title or date. The header is strict on purpose:
a first line such as "Note: ..." or a dateline is text, never metadata.
"""

from __future__ import annotations

import re

from ..errors import IngestError
from ..types import Article
from .article import make_article
from .mapping import check_text

HEADER_KEYS: dict[str, str] = {
    "title": "title",
    "date": "published",
    "published": "published",
    "url": "url",
    "source": "source",
    "language": "language",
}
_HEADER_LINE = re.compile(r"([A-Za-z]+)[ \t]*:[ \t]*(.*)")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """(header fields, body); fields are keyed by Article field names."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\n")
    lines = text.split("\n")
    fields: dict[str, str] = {}
    for number, line in enumerate(lines):
        if not line.strip():
            return (fields, "\n".join(lines[number + 1 :])) if fields else ({}, text)
        match = _HEADER_LINE.fullmatch(line.strip())
        if not match or match.group(1).lower() not in HEADER_KEYS:
            return {}, text
        fields[HEADER_KEYS[match.group(1).lower()]] = match.group(2).strip()
    return fields, ""


def article_from_text(
    text: str, origin: str | None = None, max_chars: int | None = None
) -> Article:
    """An Article from the decoded contents of a .txt file; raises IngestError."""
    fields, body = split_header(text)
    if fields and not body.strip():
        raise IngestError("no text after the header (a header ends at the first blank line)")
    check_text(body, max_chars)
    return make_article(
        body,
        published=fields.get("published"),
        title=fields.get("title"),
        url=fields.get("url"),
        source=fields.get("source"),
        language=fields.get("language") or "en",
        origin=origin,
    )
