"""Files and folders -> a stream of Articles and Skips, one article in memory at a time.

Formats by extension (any case): ``.txt``, ``.json``, ``.jsonl``, ``.jsonl.gz``,
``.html``/``.htm``. Anything that cannot be read becomes a Skip with the reason, and the
stream goes on. Folders are walked recursively in sorted order so runs are reproducible;
hidden entries (names starting with ".") are left out and symlinked folders not followed.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..config import Settings
from ..errors import IngestError
from ..types import Article, Skip
from .decode import SNIFF_BYTES, decode_bytes, decode_error_reason, sniff_codec
from .html import read_html
from .mapping import JsonStream, article_from_mapping, parse_json_line
from .textfile import article_from_text

Item = Article | Skip

# Bytes read for one article, per character of max_chars: UTF-8 needs up to 4 bytes a
# character, JSON escapes up to 12 (a surrogate pair), HTML carries markup around the text.
_BYTES_PER_CHAR = {"text": 4, "json": 12, "html": 40}
_SLACK = 1 << 20
# Corrupt gzip streams raise any of these while being read.
_GZIP_ERRORS = (OSError, EOFError, zlib.error)


def _budget(settings: Settings, kind: str) -> int:
    return settings.max_chars * _BYTES_PER_CHAR[kind] + _SLACK


_EXTENSIONS = {".txt": "txt", ".json": "json", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
_KNOWN = ".txt, .json, .jsonl, .jsonl.gz, .html or .htm"


def format_of(path: Path) -> str | None:
    """The format of a file by its name: txt, json, jsonl, jsonl.gz, html; None if unknown."""
    name = path.name.lower()
    if name.endswith(".jsonl.gz"):
        return "jsonl.gz"
    return _EXTENSIONS.get(path.suffix.lower())


def read_paths(paths: Iterable[str | Path], settings: Settings) -> Iterator[Item]:
    """Every article under the given files and folders, duplicates skipped (see dedupe)."""
    return dedupe(_read_all(paths, settings))


def _read_all(paths: Iterable[str | Path], settings: Settings) -> Iterator[Item]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for item in _walk(path):
                if isinstance(item, Skip):
                    yield item
                else:
                    yield from read_file(item, settings)
        else:
            yield from read_file(path, settings)


def _walk(folder: Path) -> Iterator[Path | Skip]:
    """Files under a folder, depth first, names sorted at every level."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as e:
        yield Skip(str(folder), f"cannot list folder: {e.strerror or e}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(Path(entry.path))
        else:
            yield Path(entry.path)


def read_file(path: str | Path, settings: Settings) -> Iterator[Item]:
    """The articles in one file (several for .jsonl, .jsonl.gz and .json arrays).

    Never raises for bad input: every problem is a Skip. Duplicates are not removed here.
    """
    path = Path(path)
    where = str(path)
    if not path.exists():
        yield Skip(where, "no such file or folder")
        return
    if path.is_dir():
        yield Skip(where, "is a folder, not a file")
        return
    kind = format_of(path)
    if kind is None:
        suffix = path.suffix or "(none)"
        yield Skip(where, f"unknown file extension {suffix}; expected {_KNOWN}")
        return
    try:
        yield from _READERS[kind](path, settings)
    except IngestError as e:
        yield Skip(where, str(e))
    except OSError as e:
        yield Skip(where, f"cannot read file: {e.strerror or e}")


def _read_bounded(path: Path, budget: int) -> bytes:
    size = path.stat().st_size
    if size == 0:
        raise IngestError("empty file")
    if size > budget:
        raise IngestError(f"file has {size:,} bytes, too large for max_chars")
    with path.open("rb") as f:
        return f.read(budget + 1)


def _read_txt(path: Path, settings: Settings) -> Iterator[Item]:
    text = decode_bytes(_read_bounded(path, _budget(settings, "text")))
    yield article_from_text(text, origin=str(path), max_chars=settings.max_chars)


def _read_html(path: Path, settings: Settings) -> Iterator[Item]:
    content = _read_bounded(path, _budget(settings, "html"))
    yield read_html(content, url=None, origin=str(path), max_chars=settings.max_chars)


def _read_json(path: Path, settings: Settings) -> Iterator[Item]:
    """One article object, or an array of them streamed element by element."""
    with path.open("rb") as raw:
        codec = _sniff(raw)
        stream = io.TextIOWrapper(raw, encoding="utf-8-sig" if codec == "utf-8" else codec)
        document = JsonStream(stream, _budget(settings, "json"))
        number = 0
        try:
            for number, value in enumerate(document.values(), start=1):
                origin = f"{path}#{number}" if document.is_array else str(path)
                yield _article_or_skip(value, origin, settings)
        except UnicodeDecodeError as e:
            # Offsets inside the decoder's read-ahead would mislead: name no byte.
            codec_name = "UTF-16" if codec == "utf-16" else "UTF-8"
            raise IngestError(f"not {codec_name} text; save it as UTF-8") from e
        except IngestError as e:
            # A failure inside an array belongs to the element being read.
            yield Skip(f"{path}#{number + 1}" if document.is_array else str(path), str(e))


def _article_or_skip(value: object, origin: str, settings: Settings) -> Item:
    try:
        return article_from_mapping(value, origin=origin, max_chars=settings.max_chars)
    except IngestError as e:
        return Skip(origin, str(e))


def _sniff(raw: BinaryIO) -> str:
    """The codec of an open binary stream (see decode.sniff_codec); rewinds it."""
    head = raw.read(SNIFF_BYTES)
    if not head:
        raise IngestError("empty file")
    raw.seek(0)
    return sniff_codec(head)


def _read_jsonl(path: Path, settings: Settings) -> Iterator[Item]:
    with path.open("rb") as raw:
        yield from _jsonl_lines(raw, path, settings)


def _read_jsonl_gz(path: Path, settings: Settings) -> Iterator[Item]:
    with gzip.open(path, "rb") as raw:
        try:
            codec = _sniff(raw)
        except _GZIP_ERRORS as e:
            raise IngestError(f"not gzip data or corrupt: {e}") from e
        yield from _jsonl_lines(raw, path, settings, codec)


def _jsonl_lines(
    raw: BinaryIO, path: Path, settings: Settings, codec: str | None = None
) -> Iterator[Item]:
    """One article per non-blank line; a bad line is a Skip and the next line is read."""
    codec = codec or _sniff(raw)
    limit = _budget(settings, "json")
    lines = _text_lines(raw, codec, limit)
    number = 0
    while True:
        number += 1
        origin = f"{path}:{number}"
        try:
            line = next(lines)
        except StopIteration:
            return
        except _GZIP_ERRORS as e:
            yield Skip(origin, f"corrupt gzip data: {e}")
            return
        except UnicodeDecodeError as e:
            yield Skip(origin, decode_error_reason(e, codec))
            return
        if isinstance(line, IngestError):
            yield Skip(origin, str(line))
        elif line.strip():
            yield _line_article(line, origin, settings)


def _line_article(line: str, origin: str, settings: Settings) -> Item:
    try:
        return article_from_mapping(
            parse_json_line(line), origin=origin, max_chars=settings.max_chars
        )
    except IngestError as e:
        return Skip(origin, str(e))


def _text_lines(raw: BinaryIO, codec: str, limit: int) -> Iterator[str | IngestError]:
    """Lines of at most ``limit`` bytes, decoded; an over-long or undecodable line is an
    IngestError in its place (UTF-8 lines are decoded one by one, so one bad line does
    not end the file; UTF-16 is decoded as a stream)."""
    reader: Callable[[int], bytes | str]
    if codec == "utf-16":
        reader = io.TextIOWrapper(raw, encoding="utf-16").readline
    else:
        reader = raw.readline
    first = True
    while line := reader(limit):
        if not _ends_line(line) and len(line) >= limit:
            while (rest := reader(limit)) and not _ends_line(rest):
                pass
            yield IngestError(f"line longer than {limit:,} bytes")
            continue
        if isinstance(line, str):
            yield line
            continue
        if first and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        first = False
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError as e:
            yield IngestError(decode_error_reason(e, "utf-8"))


def _ends_line(line: bytes | str) -> bool:
    return line.endswith(b"\n" if isinstance(line, bytes) else "\n")


_READERS: dict[str, Callable[[Path, Settings], Iterator[Item]]] = {
    "txt": _read_txt,
    "json": _read_json,
    "jsonl": _read_jsonl,
    "jsonl.gz": _read_jsonl_gz,
    "html": _read_html,
}


def dedupe(items: Iterable[Item]) -> Iterator[Item]:
    """Articles whose id was already seen become ``Skip(origin, "duplicate of article
    <id>")``; Skips pass through. Only the 16-hex-digit ids are kept in memory."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            if item.id in seen:
                yield Skip(item.origin or item.id, f"duplicate of article {item.id}")
                continue
            seen.add(item.id)
        yield item
