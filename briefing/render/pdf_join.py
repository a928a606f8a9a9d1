"""Join PDF parts compiled separately into one document and stamp "Page N of M" footers on it.

Used for briefings too long for one typst compile (``briefing.render.pdf_chunks``). Parts are
compiled without footers, since no part knows the final page count; the footers come from one
more compile of the same template holding only blank pages with the footer, laid over the joined
pages one by one. Document metadata (title, creation date) and links are taken from the parts;
headings from every part go into the PDF outline. Joining is done with pypdf, page by page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import pypdf

from briefing.errors import RenderError


@dataclass(frozen=True, slots=True)
class Part:
    """One compile's PDF and how many of its first pages belong to the briefing."""

    pdf: bytes
    keep: int


def join_parts(parts: Sequence[Part], footers: bytes) -> bytes:
    """The kept pages of ``parts`` in order, each overlaid with the same page of ``footers``.

    Raises ``RenderError`` if ``footers`` has fewer pages than the parts keep.
    """
    writer = pypdf.PdfWriter()
    metadata: dict[str, str] = {}
    for part in parts:
        reader = pypdf.PdfReader(io.BytesIO(part.pdf))
        if not metadata and reader.metadata is not None:
            metadata = {str(k): str(v) for k, v in reader.metadata.items()}
        writer.append(reader, pages=(0, part.keep))
    stamps = pypdf.PdfReader(io.BytesIO(footers)).pages
    if len(stamps) < len(writer.pages):
        raise RenderError(f"footer pages: {len(stamps)} for {len(writer.pages)} pages")
    for page, stamp in zip(writer.pages, stamps, strict=False):
        page.merge_page(stamp)
        # pypdf writes merged content uncompressed; compress it back to typst's size.
        page.compress_content_streams()
    writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
