"""Bytes -> text, or an IngestError saying why the bytes are not text we accept.

Accepted: UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark.
Anything else is refused with a reason rather than guessed (a silent latin-1 guess turns
every accented name into garbage that no later stage can recover).
"""

from __future__ import annotations

import codecs
import re

from ..errors import IngestError

# How much of an input is looked at to decide whether it is binary.
SNIFF_BYTES = 8192
# Share of control characters above which a text is taken for binary data. Real text has
# almost none besides tab and newline; random bytes that happen to decode have ~25 %.
MAX_CONTROL_SHARE = 0.02
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def sniff_codec(head: bytes) -> str:
    """The codec for data starting with ``head``: "utf-8" or "utf-16" (by its BOM).

    Raises IngestError for NUL bytes without a UTF-16 byte-order mark (binary data).
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise IngestError("binary data (NUL bytes), not text; UTF-16 text needs a byte-order mark")
    return "utf-8"


def decode_bytes(data: bytes) -> str:
    """Decode a whole input; the UTF-8 byte-order mark is dropped."""
    if not data:
        raise IngestError("empty file")
    codec = sniff_codec(data[:SNIFF_BYTES])
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as e:
        raise IngestError(decode_error_reason(e, codec, data)) from e
    check_not_binary(text)
    return text


def decode_error_reason(error: UnicodeDecodeError, codec: str, data: bytes | None = None) -> str:
    """A skip reason for a decoding failure; says what to do about it."""
    if codec == "utf-16":
        return "not valid UTF-16 text; save it as UTF-8"
    offset = error.start
    if data is not None and data.startswith(codecs.BOM_UTF8):
        offset += len(codecs.BOM_UTF8)
    byte = error.object[error.start : error.start + 1].hex()
    return f"not UTF-8 text (byte 0x{byte} at offset {offset}); save it as UTF-8"


def control_share(text: str) -> float:
    """Share of control characters (other than tab, newline, CR, FF, VT) in a sample."""
    sample = text[: SNIFF_BYTES * 4]
    if not sample:
        return 0.0
    return len(_CONTROLS.findall(sample)) / len(sample)


def check_not_binary(text: str) -> None:
    """Raise IngestError when decoded text is binary data in disguise."""
    if "\x00" in text[: SNIFF_BYTES * 4]:
        raise IngestError("binary data (NUL characters), not text")
    if control_share(text) > MAX_CONTROL_SHARE:
        raise IngestError("binary data (many control characters), not text")
