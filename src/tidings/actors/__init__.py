"""Actors: every person, organisation and state mentioned, with a CAMEO-style code as of
the article's publication date ("unknown" rather than a guess).

Stage: ``build(settings)`` loads the knowledge base once (packaged TSV files under
``data/``, then ``settings.actor_files``) and returns ``stage(article, doc, records) ->
tuple[Actor, ...]``. It reads ``records.places`` (their countries help "police in Jericho"
and the article's context country).

For other stages:

* ``resolve_span(doc, start_char, end_char, on_date, settings=None, known=())`` -> the
  :class:`~tidings.types.Actor` a stretch of text names or describes, or None. Quotes use
  it for speakers ("Lim Eul-chul, professor of North Korean studies at Kyungnam
  University" -> KOREDU), events for noun phrases. Pass ``known=records.actors`` so a span
  that holds an actor already resolved in the article (a linked surname, a pronoun) keeps
  that resolution.
* ``lookup(name, on, settings=None)`` -> :class:`Lookup`: a name's code on a date and the
  rule that gave it (``tidings actors lookup NAME --date YYYY-MM-DD``).

Rules recorded in ``Actor.rule``: country, demonym, capital, capital-place, seat,
organisation, fuzzy, officeholder, former-officeholder, future-officeholder, title,
description, context, title+context, article-link, surname-in-office, surname-title,
description-link, pronoun. ``Actor.entry`` names the knowledge-base entry
(``country:CHN``, ``org:Reuters``, ``person:Xi Jinping``) when one was used.

Modules: ``kb`` (data files -> KnowledgeBase), ``matcher`` (one Aho-Corasick automaton over
all aliases), ``codes`` (codes as of a date), ``descriptions`` (role words -> sector),
``resolver`` (one phrase -> drafts), ``linking`` (within-article linking, context, pronouns),
``article`` (the per-article flow, ``resolve_span`` and ``lookup``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from ..config import Settings
from ..types import Actor, Article, Records
from .article import ActorResolver, Lookup
from .kb import KnowledgeBase, load_kb

__all__ = ["ActorResolver", "KnowledgeBase", "Lookup", "build", "load_kb", "lookup", "resolve_span", "resolver_for"]


@lru_cache(maxsize=4)
def _resolver(files: tuple[Path, ...]) -> ActorResolver:
    return ActorResolver(load_kb(files))


def resolver_for(settings: Settings | None = None) -> ActorResolver:
    """The resolver for these settings' actor files (built once per set of files)."""
    return _resolver(tuple((settings or Settings()).actor_files))


def build(settings: Settings):
    resolver = resolver_for(settings)

    def stage(article: Article, doc: Doc, records: Records) -> tuple[Actor, ...]:
        return resolver.resolve(doc, article.published_date, article.id, records.places)

    return stage


def resolve_span(doc: Doc, start_char: int, end_char: int, on_date: date | None,
                 settings: Settings | None = None, known: Sequence[Actor] = ()) -> Actor | None:
    return resolver_for(settings).resolve_span(doc, start_char, end_char, on_date, known)


def lookup(name: str, on: date | None, settings: Settings | None = None) -> Lookup:
    return resolver_for(settings).lookup(name, on)
