"""Weekly digests: what changed since the previous edition.

``edition`` reads a previous edition's JSON (leniently: only the keys a comparison needs) and finds
the most recent earlier edition among the names in an output folder; ``compare`` matches rows
across two editions and lists new, updated and dropped agreements. Both are pure functions: the
caller reads the folder and the file, so this package touches no file system and no clock.
"""

from briefing.digest.compare import compare_editions, current_edition
from briefing.digest.edition import Edition, EditionRow, parse_edition, previous_edition_name

__all__ = [
    "Edition",
    "EditionRow",
    "compare_editions",
    "current_edition",
    "parse_edition",
    "previous_edition_name",
]
