"""The `tidings` command: one Typer group; each command calls one library function.

Commands live in modules by theme; importing them registers them on ``app``.
"""

from . import analyse, analytics, inspect, serve  # noqa: F401 - registers the commands
from .common import app


def main() -> None:
    app()


__all__ = ["app", "main"]
