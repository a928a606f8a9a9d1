"""Join PDF parts compiled separately into one document and stamp "Page N of M" footers on it.

Used for briefings too long for one typst compile (``briefing.render.pdf_chunks``). Parts are
compiled without footers, since no part knows the final page count; the footers come from one
more compile of the same template holding only blank pages with the footer. Each footer page
becomes a form XObject drawn after the page's own content, which is wrapped in ``q``/``Q`` so
that no graphics state it leaves changes the footer (PDF 32000-1:2008, 8.4.2 and 8.10). Page
content streams are neither parsed nor rewritten, so joining costs little more than copying:
merging the footer into each page's content (pypdf's ``merge_page``) took about 5 s for 800
pages, this about 1 s. Document metadata (title, creation date) and links are taken from the
parts; headings from every part go into the PDF outline. Joining is done with pypdf.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import pypdf
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, IndirectObject, NameObject

from briefing.errors import RenderError

FOOTER = NameObject("/BriefingFooter")


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
    before = _stream(writer, b"q\n")
    after = _stream(writer, b"\nQ\n" + FOOTER.encode() + b" Do\n")
    for page, stamp in zip(writer.pages, stamps, strict=False):
        _overlay(writer, page, stamp, before, after)
    writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _stream(writer: pypdf.PdfWriter, data: bytes) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def _overlay(
    writer: pypdf.PdfWriter,
    page: pypdf.PageObject,
    stamp: pypdf.PageObject,
    before: IndirectObject,
    after: IndirectObject,
) -> None:
    """Draw ``stamp`` (a page of another PDF) over ``page`` as a form XObject named ``FOOTER``."""
    source = stamp["/Contents"].get_object()
    resources = page["/Resources"].get_object()
    if not isinstance(source, pypdf.generic.StreamObject) or not isinstance(resources, DictionaryObject):
        raise RenderError("a footer page without one content stream, or a page without resources")
    form = source.clone(writer, force_duplicate=True)
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(stamp.mediabox)
    form[NameObject("/Resources")] = stamp["/Resources"].clone(writer)
    xobjects = resources.get("/XObject")
    named = xobjects.get_object() if xobjects is not None else None
    if isinstance(named, DictionaryObject):
        named[FOOTER] = writer._add_object(form)
    else:
        resources[NameObject("/XObject")] = DictionaryObject({FOOTER: writer._add_object(form)})
    contents = page.raw_get("/Contents")
    listed = contents.get_object()
    streams = list(listed) if isinstance(listed, ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject([before, *streams, after])
