"""Building Articles: normalized text, content-hash ids, publication dates."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from ..types import Article

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ANY_SPACE = re.compile(r"\s+")

# Written dates seen in headers and metadata besides ISO 8601 ("20 June 2019", "June 20, 2019").
_DATE_FORMATS: tuple[str, ...] = (
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
)


def normalize_text(text: str) -> str:
    """NFC, unified newlines, trimmed lines. Offsets of records refer to this text."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def article_id(text: str, url: str | None = None) -> str:
    """Content hash of the whitespace-folded text plus the URL (16 hex digits)."""
    folded = _SPACES.sub(" ", text).strip().lower()
    digest = hashlib.blake2b(digest_size=8)
    digest.update(folded.encode("utf-8"))
    digest.update(b"\x00")
    digest.update((url or "").encode("utf-8"))
    return digest.hexdigest()


def parse_published(value: object) -> date | datetime | None:
    """A date or datetime from ISO-like or written text; None when absent or unreadable.

    ISO 8601 first ("2019-06-20", "2019-06-20T08:30:00Z"); then a few written forms
    ("June 20, 2019", "20 Jun 2019", "2019/06/20") and RFC 2822 as in feeds
    ("Thu, 20 Jun 2019 08:30:00 GMT"). Partial dates ("2019-06") are unknown: None.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value
    if not isinstance(value, str):
        return None
    text = _ANY_SPACE.sub(" ", value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return _parse_written(text)
    if len(text) <= 10:
        return parsed.date()
    return parsed


def _parse_written(text: str) -> date | datetime | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def make_article(
    text: str,
    published: object = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    language: str = "en",
    origin: str | None = None,
) -> Article:
    """An Article from raw fields: text normalized, id computed, date parsed."""
    clean = normalize_text(text)
    url = url.strip() if url else None
    return Article(
        id=article_id(clean, url),
        text=clean,
        title=_one_line(title),
        url=url or None,
        source=_one_line(source),
        published=parse_published(published),
        language=(language or "en").strip() or "en",
        origin=origin,
    )


def _one_line(value: str | None) -> str | None:
    """Titles and source names folded onto one line; empty means unknown."""
    if not value:
        return None
    return _ANY_SPACE.sub(" ", value).strip() or None
