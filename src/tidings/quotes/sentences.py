"""Sentence lookups and the text of one Doc, computed once.

``Token.sent`` rescans the Doc and ``Doc.text`` rebuilds the string on every call.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span


class Sentences:
    """The sentences of a Doc, found by token index or character offset; ``text`` is its text."""

    def __init__(self, doc: Doc) -> None:
        self.text: str = doc.text
        self.spans: list[Span] = list(doc.sents)
        self._index = [0] * len(doc)
        for number, sent in enumerate(self.spans):
            self._index[sent.start : sent.end] = [number] * (sent.end - sent.start)
        self._starts = [tok.idx for tok in doc]

    def of_token(self, i: int) -> Span:
        return self.spans[self._index[i]]

    def at_char(self, offset: int) -> Span | None:
        """The sentence holding the token at (or just before) a character offset."""
        if not self._starts:
            return None
        i = max(0, bisect_right(self._starts, offset) - 1)
        return self.of_token(i)
