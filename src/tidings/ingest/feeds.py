"""RSS and Atom feeds -> the articles they link to, fetched and extracted.

Fetching is bounded: every request has a timeout and a size limit, and a feed or page that
fails becomes a Skip with its reason, never an exception out of the stream.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import feedparser

from ..errors import IngestError
from ..types import Article, Skip
from .article import make_article
from .html import read_html

log = logging.getLogger(__name__)

USER_AGENT = "tidings/0.1 (+https://github.com/tidings; news event coder)"
MAX_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FeedEntry:
    feed: str
    link: str
    title: str | None
    published: str | None
    summary: str | None


def fetch(url: str, timeout: float) -> bytes:
    """The body at ``url``; IngestError with the reason on any failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) feeds by design
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as e:
        raise IngestError(f"HTTP {e.code} from {url}") from e
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        raise IngestError(f"cannot fetch {url}: {reason}") from e
    if len(body) > MAX_BYTES:
        raise IngestError(f"{url} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return body


def read_feed(url: str, timeout: float) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed, newest as the feed orders them."""
    parsed = feedparser.parse(fetch(url, timeout))
    if parsed.bozo and not parsed.entries:
        raise IngestError(f"{url} is not a readable RSS or Atom feed: {parsed.get('bozo_exception')}")
    return [
        FeedEntry(url, e.get("link"), e.get("title"), e.get("published") or e.get("updated"), e.get("summary"))
        for e in parsed.entries
        if e.get("link")
    ]


def fetch_entry(entry: FeedEntry, timeout: float, max_chars: int | None = None) -> Article | Skip:
    """The entry's page as an Article (the feed's title and date win over the page's)."""
    try:
        page = read_html(fetch(entry.link, timeout), url=entry.link, origin=entry.link, max_chars=max_chars)
    except IngestError as e:
        return Skip(entry.link, str(e))
    if entry.title or entry.published:
        page = make_article(
            page.text, published=entry.published or page.published, title=entry.title or page.title,
            url=page.url, source=page.source, origin=entry.link,
        )
    return page


def read_feeds(urls: list[str], timeout: float) -> Iterator[FeedEntry | Skip]:
    """Every entry of every feed; a feed that fails is a Skip and the others go on."""
    for url in urls:
        try:
            yield from read_feed(url, timeout)
        except IngestError as e:
            log.warning("feed %s failed: %s", url, e)
            yield Skip(url, str(e))
