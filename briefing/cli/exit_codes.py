"""Exit codes of the ``briefing`` command: 0 ok, 1 failure, 2 usage or configuration error, 3 partial."""

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
