"""Sources -> Articles (or Skips with a reason), streamed.

``read_paths(paths, settings)`` is the entry point: files and folders in, one Article or
Skip at a time out, exact duplicates skipped. See README.md beside this file for the
formats and the .txt header convention.
"""

from .article import article_id, make_article, normalize_text, parse_published
from .files import dedupe, format_of, read_file, read_paths
from .html import read_html
from .mapping import article_from_mapping
from .textfile import article_from_text, split_header

__all__ = [
    "article_from_mapping",
    "article_from_text",
    "article_id",
    "dedupe",
    "format_of",
    "make_article",
    "normalize_text",
    "parse_published",
    "read_file",
    "read_html",
    "read_paths",
    "split_header",
]
