"""briefing: turn news documents into a dated briefing whose every statement is grounded in a quote."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
