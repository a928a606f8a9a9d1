"""The command line: the only place that prints, reads the environment and picks exit codes.

Exit codes: 0 ok, 1 failure, 2 usage or configuration error, 3 partial (the briefing was written,
but some inputs were skipped or failed).
"""

from __future__ import annotations

from briefing.cli.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from briefing.cli.main import main

__all__ = ["EXIT_FAILURE", "EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "main"]
