"""tidings: reads news and writes political event data.

    >>> import tidings
    >>> result = tidings.process(tidings.make_article("Xi met Kim in Pyongyang.", published="2019-06-21"))
    >>> [e.cameo for e in result.records.events]

Public API: :func:`process`, :func:`run`, :class:`Pipeline`, :func:`open_store`,
:class:`Settings`, :func:`make_article`, :func:`read_paths`, and the record types.
"""

__version__ = "0.1.0"

from .config import Settings
from .ingest import make_article, read_paths
from .pipeline import Pipeline, process, run
from .store import open_store
from .types import Actor, Article, Event, Place, Quote, Records, Result, Skip, TimeRef

__all__ = [
    "Actor", "Article", "Event", "Pipeline", "Place", "Quote", "Records", "Result",
    "Settings", "Skip", "TimeRef", "make_article", "open_store", "process", "read_paths",
    "run", "__version__",
]
