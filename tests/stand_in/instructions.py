"""Instructions in a request's system prompt that the stand-in honours, as a model would.

The stand-in's answers come from the offline engine, which reads no prompt, so without this a
prompt edit could never change what a recording contains and the quality test (tests/quality)
could not show a prompt that makes answers worse. One general instruction is honoured:

- "at most N partnership(s)" (N in digits or a word from one to ten, e.g. "Report at most one
  partnership per document."): only the first N rows, in document order, are sent.

Nothing else in the prompt changes the stand-in's answers; cassettes/README.md says so.
"""

from __future__ import annotations

import re
from typing import Any

from tests.stand_in.request import message_text

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_NUMBERS |= {"nine": 9, "ten": 10}
_LIMIT_RE = re.compile(r"\bat\s+most\s+(\d+|" + "|".join(_NUMBERS) + r")\s+partnerships?\b", re.IGNORECASE)


def system_text(body: dict[str, Any]) -> str:
    """The request's system prompt as one string (a string or a list of text blocks)."""
    return message_text({"content": body.get("system") or ""})


def partnership_limit(body: dict[str, Any]) -> int | None:
    """N when the system prompt says "at most N partnerships", else None."""
    m = _LIMIT_RE.search(system_text(body))
    if m is None:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _NUMBERS[word]
