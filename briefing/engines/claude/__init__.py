"""The Claude engine: extraction and synthesis through the Messages API (only ``client`` imports anthropic)."""

from briefing.engines.claude.config import (
    DEFAULT_MODEL,
    EXTRACT_SCHEMA,
    SUMMARY_SCHEMA,
    ClaudeConfig,
    load_prompts,
)
from briefing.engines.claude.engine import ClaudeEngine

__all__ = [
    "DEFAULT_MODEL",
    "EXTRACT_SCHEMA",
    "SUMMARY_SCHEMA",
    "ClaudeConfig",
    "ClaudeEngine",
    "load_prompts",
]
