"""The one exception tree. Exceptions carry context; only the CLI turns them into text and exit codes."""

from __future__ import annotations


class BriefingError(Exception):
    """Base of every error the package raises on purpose."""


class ConfigError(BriefingError):
    """Bad options or configuration (the CLI maps this to exit code 2)."""


class EngineError(BriefingError):
    """An engine failed for a reason that is not specific to one document."""


class EngineUnavailableError(EngineError):
    """The engine cannot run here (no key, missing optional part)."""


class ModelCallError(EngineError):
    """A model call failed for good. ``document_id`` names the document, ``attempts`` how often we tried."""

    def __init__(self, message: str, *, document_id: str | None = None, attempts: int = 1) -> None:
        super().__init__(message)
        self.document_id = document_id
        self.attempts = attempts


class ModelOutputError(EngineError):
    """The model answered, but not with something usable (refusal, truncation, invalid JSON)."""

    def __init__(
        self, message: str, *, document_id: str | None = None, stop_reason: str | None = None
    ) -> None:
        super().__init__(message)
        self.document_id = document_id
        self.stop_reason = stop_reason


class PromptError(BriefingError):
    """A prompt template is missing, has an undefined variable, or is unsafe."""


class OutputExistsError(BriefingError):
    """A briefing for that date already exists and ``--force`` was not given."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


class OutputError(BriefingError):
    """The briefing could not be written (permissions, a full disk, a path that cannot be a folder)."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


class RenderError(BriefingError):
    """A renderer failed (for example typst could not compile the PDF)."""
