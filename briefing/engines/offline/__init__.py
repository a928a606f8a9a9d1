"""The offline engine: extractive, deterministic, no language model."""

from briefing.engines.offline.engine import OfflineEngine

__all__ = ["OfflineEngine"]
