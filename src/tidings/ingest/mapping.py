"""JSON objects -> Articles, and JSON documents read one value at a time.

An article object has ``text`` (required) and optionally ``title``, ``url``, ``source``,
``published`` (alias ``date``) and ``language``. Other keys are ignored, so gold files are
valid input; so is ``id``, because tidings ids are content hashes of text and URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import TextIO

from ..errors import IngestError
from ..types import Article
from .article import make_article
from .decode import check_not_binary

_TEXT_FIELDS = ("title", "url", "source", "language")
_JSON_SPACE = " \t\n\r"
_DECODER = json.JSONDecoder()
_CHUNK = 1 << 16


def article_from_mapping(
    obj: object, origin: str | None = None, max_chars: int | None = None
) -> Article:
    """An Article from a decoded JSON object; raises IngestError with the reason."""
    if not isinstance(obj, Mapping):
        raise IngestError(f"a JSON {json_type(obj)}, not an object")
    text = obj.get("text")
    if text is None:
        raise IngestError("no 'text' field")
    if not isinstance(text, str):
        raise IngestError(f"'text' is a JSON {json_type(text)}, not a string")
    check_text(text, max_chars)
    fields = {name: _string_field(obj, name) for name in _TEXT_FIELDS}
    published = obj.get("published", obj.get("date"))
    article = make_article(
        text,
        published=published,
        title=fields["title"],
        url=fields["url"],
        source=fields["source"],
        language=fields["language"] or "en",
        origin=origin,
    )
    if not article.text:
        raise IngestError("empty text")
    return article


def check_text(text: str, max_chars: int | None) -> None:
    """Refuse texts that are blank, too long, or binary data in disguise."""
    if not text.strip():
        raise IngestError("empty text")
    if max_chars is not None and len(text) > max_chars:
        raise IngestError(f"text has {len(text):,} characters, more than max_chars ({max_chars:,})")
    check_not_binary(text)


def _string_field(obj: Mapping, name: str) -> str | None:
    value = obj.get(name)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    raise IngestError(f"'{name}' is a JSON {json_type(value)}, not a string")


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def parse_json_line(line: str) -> object:
    """One JSON value from a line; raises IngestError on invalid JSON."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        raise IngestError(f"invalid JSON: {e.msg} at column {e.colno}") from e
    except (ValueError, RecursionError) as e:
        raise IngestError(f"invalid JSON: {e}") from e


class JsonStream:
    """Reads a JSON document incrementally: the top-level value, or the elements of a
    top-level array one by one, so a large array never sits in memory whole.

    ``budget`` bounds the characters buffered for any single value.
    """

    def __init__(self, stream: TextIO, budget: int) -> None:
        self._stream = stream
        self._budget = budget
        self._buf = ""
        self._pos = 0
        self._eof = False
        self.is_array = False  # known once values() has started

    def values(self) -> Iterator[object]:
        """Each element of a top-level array, or the single top-level value.

        Raises IngestError at the first point the document stops being valid JSON.
        """
        first = self._peek()
        if not first:
            raise IngestError("empty file (no JSON value)")
        if first != "[":
            value = self._value()
            self._expect_end()
            yield value
            return
        self._pos += 1
        self.is_array = True
        if self._peek() == "]":
            self._pos += 1
            self._expect_end()
            return
        while True:
            yield self._value()
            sep = self._peek()
            self._pos += 1
            if sep == "]":
                self._expect_end()
                return
            if sep != ",":
                raise IngestError("invalid JSON: expected ',' or ']' after an array element")

    def _fill(self) -> bool:
        """Read more text (at least as much as is buffered, so re-parsing stays linear)."""
        if self._eof:
            return False
        pending = self._buf[self._pos :]
        chunk = self._stream.read(max(_CHUNK, len(pending)))
        if not chunk:
            self._eof = True
            return False
        self._buf, self._pos = pending + chunk, 0
        if len(self._buf) > self._budget:
            raise IngestError(f"a JSON value is longer than {self._budget:,} characters")
        return True

    def _peek(self) -> str:
        """The next non-space character ('' at the end), left unconsumed."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in _JSON_SPACE:
                self._pos += 1
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._fill():
                return ""

    def _value(self) -> object:
        self._peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as e:
                if self._fill():
                    continue
                raise IngestError(f"invalid JSON: {e.msg}") from e
            except (ValueError, RecursionError) as e:
                raise IngestError(f"invalid JSON: {e}") from e
            # A number at the very end of the buffer may continue in the next chunk.
            if end == len(self._buf) and self._fill():
                continue
            self._pos = end
            return value

    def _expect_end(self) -> None:
        if self._peek():
            raise IngestError("invalid JSON: extra data after the top-level value")
