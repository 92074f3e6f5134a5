"""The places stage: toponyms in an article, resolved against an offline gazetteer.

``build(settings)`` loads the gazetteer once; the stage returns one :class:`~tidings.types.Place`
per toponym, with ``geo_id`` None where the gazetteer has no entry for the name (streets,
buildings, vague regions): unresolved rather than guessed. A name made of a known place and
a word that locates something inside it ("north-west London", "Manila Cathedral") gets that
place's point with feature "area" or "landmark" and a rule ending in ":within".

``rule`` says how a place was found and resolved: "dateline" for the dateline city (so the
events stage can fall back on it), else ``<source>:<reason>`` with source ner (a spaCy place
entity) or gazetteer (a name spaCy mislabelled or missed), and reason unique, qualifier
("Springfield, Ill."), context (the article's countries and states decided), prominence
(kind of place, then population), within, or unknown (unresolved).

Options (``Settings.extra["places"]``, see :class:`~tidings.places.recognize.Options`):
``skip_metonyms`` (default True) leaves out places that are the subject of a verb of speaking
or thinking ("Washington said"), and with ``metonym_any_verb`` (default True) of any verb but
being and having ("Russia expelled 60 diplomats"); ``skip_modifiers`` (default True) leaves out
place names qualifying a noun for people or institutions ("UK government", "a Toronto man").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..config import Settings
from ..errors import StoreError
from ..types import Article, Place, Records
from .gazetteer import Entry, Gazetteer, load_gazetteer
from .lexicon import lexicon
from .names import normalize
from .recognize import Options, Toponym, find_toponyms
from .resolve import Context, Resolution, build_context, qualifier_keys, resolve_name

Stage = Callable[[Article, Doc, Records], tuple[Place, ...]]


def _qualifiers(
    toponyms: list[Toponym], text: str, gazetteer: Gazetteer
) -> dict[int, frozenset[str]]:
    """For "Springfield, Ill." and "SAN DIEGO, Calif.": index of a toponym -> what qualifies it."""
    out: dict[int, frozenset[str]] = {}
    for i, (first, second) in enumerate(zip(toponyms, toponyms[1:], strict=False)):
        if text[first.end : second.start].strip() == ",":
            keys = qualifier_keys(second.text, gazetteer)
            if keys and not qualifier_keys(first.text, gazetteer) & keys:
                out[i] = keys
    return out


def _keys_of(entry: Entry) -> frozenset[str]:
    """Qualifier keys that agree with an already resolved place: its country and US state."""
    keys = {entry.country} if entry.country else set()
    if entry.country == "USA" and entry.admin1:
        keys.add(f"USA-{entry.admin1}")
    return frozenset(keys)


def _place(article_id: str, toponym: Toponym, resolution: Resolution) -> Place:
    entry = resolution.entry
    rule = "dateline" if toponym.source == "dateline" else f"{toponym.source}:{resolution.reason}"
    if entry is None:
        return Place(article_id, toponym.start, toponym.end, toponym.text, rule=rule)
    return Place(
        article_id=article_id,
        start=toponym.start,
        end=toponym.end,
        text=toponym.text,
        geo_id=entry.geo_id,
        name=entry.name,
        country=entry.country,
        lat=entry.lat,
        lon=entry.lon,
        feature=entry.feature,
        rule=rule,
    )


def extract_places(
    article_id: str, doc: Doc, gazetteer: Gazetteer, options: Options = Options()
) -> tuple[Place, ...]:
    """Every toponym of ``doc`` as a Place, each name resolved once in the article's context."""
    toponyms = find_toponyms(doc, gazetteer, options)
    qualifiers = _qualifiers(toponyms, doc.text, gazetteer)
    dateline_entry: Entry | None = None
    if toponyms and toponyms[0].source == "dateline":
        dateline_entry = resolve_name(
            toponyms[0].text, gazetteer, Context.empty(), qualifiers.get(0, frozenset())
        ).entry
    context = build_context(toponyms, gazetteer, dateline_entry)
    resolved: dict[tuple[str, frozenset[str]], Resolution] = {}
    places: list[Place] = []
    previous: Entry | None = None
    for i, toponym in enumerate(toponyms):
        qualifier = qualifiers.get(i, frozenset())
        if i - 1 in qualifiers and previous is not None:  # "Atlanta, Georgia": the state
            qualifier = _keys_of(previous)
        key = (normalize(toponym.text), qualifier)
        if key not in resolved:
            resolved[key] = resolve_name(toponym.text, gazetteer, context, qualifier)
        previous = resolved[key].entry
        places.append(_place(article_id, toponym, resolved[key]))
    return tuple(places)


def build(settings: Settings) -> Stage:
    """The places stage; loads the gazetteer (cached per process)."""
    gazetteer = load_gazetteer()
    lexicon()  # read the word lists now, not on the first article
    options = Options.from_settings(settings.extra.get("places", {}))

    def stage(article: Article, doc: Doc, records: Records) -> tuple[Place, ...]:
        return extract_places(article.id, doc, gazetteer, options)

    return stage


_ARTICLE_ID = re.compile(r"[0-9a-f]{6,16}")


def _article(text_or_id: str, settings: Settings) -> Article:
    """The stored article if ``text_or_id`` is an id (or unique prefix) in the store, else an
    article made of the text itself."""
    from ..ingest import make_article

    server = settings.db.startswith(("postgres://", "postgresql://"))
    in_store = server or Path(settings.db).is_file()
    if _ARTICLE_ID.fullmatch(text_or_id) and in_store:
        from ..store import open_store
        from ..store.queries import load_article

        try:
            with open_store(settings.db, read_only=True) as store:
                return load_article(store, text_or_id).article
        except StoreError:
            pass  # not an id after all ("decade" is hex too): read it as text
    return make_article(text=text_or_id)


def find_places(
    text_or_id: str, settings: Settings, nlp: Language | None = None
) -> tuple[Article, tuple[Place, ...]]:
    """The places in a text, or in a stored article given its id, for checking by eye.

    >>> article, places = find_places("PYONGYANG (AFP) - Xi arrived.", Settings())
    >>> [(p.text, p.geo_id, p.rule) for p in places][0]
    ('PYONGYANG', 'geonames:1871859', 'dateline')
    """
    from ..nlp import load_nlp

    article = _article(text_or_id, settings)
    doc = (nlp or load_nlp(settings))(article.text)
    return article, build(settings)(article, doc, Records())


__all__ = ["build", "extract_places", "find_places"]
