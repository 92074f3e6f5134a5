"""HTML pages -> Articles: main text, title, date and URL extracted by trafilatura."""

from __future__ import annotations

import logging

import trafilatura
from lxml.etree import LxmlError

from ..errors import IngestError
from ..types import Article
from .article import make_article
from .decode import SNIFF_BYTES, decode_bytes
from .mapping import check_text

log = logging.getLogger(__name__)


def read_html(
    content: bytes | str,
    url: str | None = None,
    origin: str | None = None,
    max_chars: int | None = None,
) -> Article:
    """An Article from an HTML page; raises IngestError when it holds no main text.

    Bytes are decoded by trafilatura from the page's declared charset, except that NUL
    bytes mark binary data unless the page starts with a UTF-16 byte-order mark. ``url``
    (where the page was fetched) wins over the page's canonical URL.
    """
    if isinstance(content, bytes):
        if not content.strip():
            raise IngestError("empty file")
        if b"\x00" in content[:SNIFF_BYTES]:
            content = decode_bytes(content)
    elif not content.strip():
        raise IngestError("empty HTML")
    try:
        document = trafilatura.bare_extraction(
            content, url=url, with_metadata=True, include_comments=False
        )
    except (LxmlError, ValueError, TypeError, LookupError) as e:
        raise IngestError(f"cannot parse the HTML: {e}") from e
    if document is None or not (document.text or "").strip():
        raise IngestError("no main text found in the HTML")
    title = document.title
    text = _paragraphs(document.text, title)
    if not text:
        raise IngestError("no main text found in the HTML besides its title")
    check_text(text, max_chars)
    log.debug("html %s: title=%r date=%r", origin, title, document.date)
    return make_article(
        text,
        published=document.date,
        title=title,
        url=url or document.url,
        source=document.sitename,
        origin=origin,
    )


def _paragraphs(text: str, title: str | None) -> str:
    """One paragraph per line from trafilatura, separated by blank lines as in .txt files
    (sentence splitting relies on them); a first line repeating the title is dropped."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    return "\n\n".join(lines)
