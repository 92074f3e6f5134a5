"""Named questions over the store: each module answers one, with SQL both backends accept."""

from __future__ import annotations

from .dyads import dyad_series
from .network import actor_network
from ..store.filters import PERIODS, Scope
from .speakers import quotes_by_speaker
from .timeline import event_types_over_time
from .top import top_actors, top_codes, top_events

__all__ = ["PERIODS", "Scope", "actor_network", "dyad_series", "event_types_over_time",
           "quotes_by_speaker", "top_actors", "top_codes", "top_events"]
