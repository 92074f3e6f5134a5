"""One exception hierarchy. Messages say what was wrong and what to do about it."""


class TidingsError(Exception):
    """Base class of every error tidings raises on purpose."""


class ConfigError(TidingsError):
    """A setting is missing or invalid."""


class ModelError(TidingsError):
    """The spaCy model cannot be loaded."""


class IngestError(TidingsError):
    """An input cannot be read as an article; the message is the skip reason."""


class DataError(TidingsError):
    """A data file (knowledge base, patterns, codebook) is malformed."""


class StoreError(TidingsError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process holds the store open for writing."""


class SchemaVersionError(StoreError):
    """The store was made by another version of tidings and cannot be used as it is."""


class EvalError(TidingsError):
    """A gold file is malformed."""
