"""The HTTP API over the store (FastAPI); `tidings serve` runs it. Shapes: README.md here."""

from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
