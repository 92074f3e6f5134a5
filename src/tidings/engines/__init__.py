"""Runners over pipeline.run: the local engine here; distributed engines beside it."""

from .local import RunSummary, run_into_store

__all__ = ["RunSummary", "run_into_store"]
