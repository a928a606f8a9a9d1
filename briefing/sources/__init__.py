"""Ingestion: files and directories in, one cleaned and dated LangChain ``Document`` per file out.

The only stage that reads input files. ``page_content`` is the cleaned text that every later
offset refers to; ``metadata`` always carries the keys in ``METADATA_KEYS`` (see ``loader``).
"""

from briefing.sources.loader import METADATA_KEYS, SourceLoader, load_sources
from briefing.sources.walk import SUPPORTED_SUFFIXES

__all__ = ["METADATA_KEYS", "SUPPORTED_SUFFIXES", "SourceLoader", "load_sources"]
