"""Finishing Chromium's PDFs: reproducible metadata, a repaired text layer, merged decks.

Chromium stamps every PDF with the time it was printed and writes no file
identifier, and its text layer maps some ideographs to radicals (see
:mod:`generator.printing.tounicode`). :func:`finish_pdf` makes a PDF a pure
function of its sources:

1. the dates of Chromium's ``/Info`` are overwritten in place (same length, so
   no offset moves) with the build's ``SOURCE_DATE_EPOCH``;
2. an *incremental update* (PDF 32000-1, 7.5.6) is appended: the repaired
   ToUnicode CMaps, a new ``/Info`` (title, subject, creator, the dates) and a
   trailer whose ``/ID`` is a hash of the document. Readers use the updated
   objects; the original bytes stay as Chromium wrote them.

A PDF of another shape (cross-reference stream, unknown date format) is written
again whole by pypdf instead, slower but just as reproducible.
:func:`merge_pdfs` joins finished decks into one (pypdf), with a bookmark per part.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import IndirectObject, NameObject, StreamObject, TextStringObject

from generator.printing.tounicode import fixed_cmap


class PdfFinishError(ValueError):
    """A PDF could not be read back to be finished (a Chromium or pypdf problem)."""


@dataclass(frozen=True)
class PdfMetadata:
    """What the document information dictionary of a finished PDF says."""

    title: str
    """``/Title``: what the PDF viewer shows as the document name."""
    subject: str
    """``/Subject``: one line on what the document is."""
    creator: str
    """``/Creator``: the program that made the HTML (the generator and its version)."""
    epoch: int
    """``/CreationDate`` and ``/ModDate``, seconds since 1970 (SOURCE_DATE_EPOCH)."""


@dataclass(frozen=True)
class DeckPart:
    """One finished PDF of a merged deck, with the bookmark that leads to it."""

    title: str
    """The bookmark title."""
    pdf: bytes
    """The finished PDF."""


_INFO_DATE = re.compile(rb"/(CreationDate|ModDate) \((D:[0-9]{14}[^)]{0,7})\)")
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def pdf_date(epoch: int) -> str:
    """A PDF date string (``D:YYYYMMDDHHmmSS+00'00'``) for *epoch*, in UTC."""
    moment = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def _hex_text(text: str) -> bytes:
    """A PDF text string as UTF-16BE hex with a byte order mark (any script, no escaping)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _dates_in_place(document: bytes, date: str) -> bytes | None:
    """*document* with the dates of its info dictionary set to *date*, or ``None``.

    ``None`` when a date has another length than *date* (overwriting it would
    move every offset after it).
    """
    replacement = date.encode("ascii")
    if any(len(match.group(2)) != len(replacement) for match in _INFO_DATE.finditer(document)):
        return None
    return _INFO_DATE.sub(lambda match: b"/%s (%s)" % (match.group(1), replacement), document)


def _stream_object(number: int, data: bytes) -> bytes:
    compressed = zlib.compress(data, 6)
    return (
        b"%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n" % (number, len(compressed))
        + compressed
        + b"\nendstream\nendobj\n"
    )


def _info_object(number: int, metadata: PdfMetadata, producer: str | None) -> bytes:
    date = pdf_date(metadata.epoch).encode("ascii")
    entries = [
        b"/Title " + _hex_text(metadata.title),
        b"/Subject " + _hex_text(metadata.subject),
        b"/Creator " + _hex_text(metadata.creator),
    ]
    if producer:
        entries.append(b"/Producer " + _hex_text(producer))
    entries += [b"/CreationDate (" + date + b")", b"/ModDate (" + date + b")"]
    return b"%d 0 obj\n<<%s>>\nendobj\n" % (number, b"\n".join(entries))


def _xref_section(offsets: dict[int, int]) -> bytes:
    """A classic cross-reference section for the objects at *offsets* (by number)."""
    lines = [b"xref\n"]
    numbers = sorted(offsets)
    start = 0
    while start < len(numbers):
        end = start
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        lines.append(b"%d %d\n" % (numbers[start], end - start + 1))
        lines.extend(b"%010d 00000 n \n" % offsets[number] for number in numbers[start : end + 1])
        start = end + 1
    return b"".join(lines)


def _reader(document: bytes) -> PdfReader:
    try:
        return PdfReader(io.BytesIO(document), strict=False)
    except (PyPdfError, ValueError, KeyError) as error:
        raise PdfFinishError(f"cannot read the PDF back: {error}") from None


def finish_pdf(document: bytes, metadata: PdfMetadata, *, repair_text: bool = True) -> bytes:
    """*document* with reproducible metadata and identifier (and a repaired text layer).

    Raises :class:`PdfFinishError` when the bytes are not a readable PDF.
    """
    finished = _updated(document, metadata, repair_text=repair_text)
    if finished is not None:
        return finished
    rewritten = _rewritten(document, metadata, repair_text=repair_text)
    finished = _updated(rewritten, metadata, repair_text=False)
    if finished is None:
        raise PdfFinishError("pypdf wrote a PDF this module cannot update")
    return finished


def _updated(document: bytes, metadata: PdfMetadata, *, repair_text: bool) -> bytes | None:
    """The fast path: dates overwritten in place plus an incremental update; ``None`` if the
    PDF does not have the simple shape (classic cross-reference table, known date format)."""
    dated = _dates_in_place(document, pdf_date(metadata.epoch))
    tail = _STARTXREF.search(document[-64:])
    if dated is None or tail is None:
        return None
    previous = int(tail.group(1))
    if dated[previous : previous + 4] != b"xref":
        return None
    reader = _reader(dated)
    try:
        size = int(reader.trailer["/Size"])  # type: ignore[call-overload]
        root = reader.trailer.raw_get("/Root")
        producer = reader.metadata.producer if reader.metadata else None
    except (PyPdfError, KeyError, ValueError, TypeError) as error:
        raise PdfFinishError(f"cannot read the PDF's trailer: {error}") from None
    if not isinstance(root, IndirectObject):
        return None

    prefix = dated if dated.endswith(b"\n") else dated + b"\n"
    update = bytearray()
    offsets: dict[int, int] = {}
    if repair_text:
        for number in sorted({int(found) for found in _TO_UNICODE.findall(dated)}):
            fixed = _repaired_cmap(reader, number)
            if fixed is not None:
                offsets[number] = len(prefix) + len(update)
                update += _stream_object(number, fixed)
    info_number = size
    offsets[info_number] = len(prefix) + len(update)
    update += _info_object(info_number, metadata, producer)
    identifier = hashlib.md5(dated + metadata.title.encode("utf-8"), usedforsecurity=False)
    digest = identifier.hexdigest().upper().encode("ascii")
    xref_at = len(prefix) + len(update)
    update += _xref_section(offsets)
    update += (
        b"trailer\n<</Size %d /Root %d %d R /Info %d 0 R /Prev %d /ID [<%s> <%s>]>>\n"
        b"startxref\n%d\n%%%%EOF\n"
        % (size + 1, root.idnum, root.generation, info_number, previous, digest, digest, xref_at)
    )
    return prefix + bytes(update)


def _repaired_cmap(reader: PdfReader, number: int) -> bytes | None:
    """The repaired ToUnicode CMap in object *number*, or ``None`` if it needs no repair."""
    try:
        stream = reader.get_object(number)
        data = stream.get_data() if isinstance(stream, StreamObject) else None
    except (PyPdfError, ValueError, zlib.error):
        return None
    return fixed_cmap(data) if isinstance(data, bytes) else None


def _rewritten(document: bytes, metadata: PdfMetadata, *, repair_text: bool) -> bytes:
    """The slow path: pypdf reads the whole PDF and writes it again (classic xref, our dates)."""
    reader = _reader(document)
    writer = PdfWriter(clone_from=reader)
    if repair_text:
        for page in writer.pages:
            resources = page.get("/Resources")
            fonts = resources.get_object().get("/Font") if resources is not None else None
            for reference in (fonts.get_object() if fonts is not None else {}).values():
                cmap = reference.get_object().get("/ToUnicode")
                stream = cmap.get_object() if cmap is not None else None
                if isinstance(stream, StreamObject):
                    fixed = fixed_cmap(stream.get_data())
                    if fixed is not None:
                        stream.set_data(fixed)
    date = pdf_date(metadata.epoch)
    writer.add_metadata({"/CreationDate": date, "/ModDate": date})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def merge_pdfs(parts: Sequence[DeckPart], metadata: PdfMetadata) -> bytes:
    """The finished PDFs of *parts* as one, in order, with one bookmark per part."""
    writer = PdfWriter()
    for part in parts:
        first_page = len(writer.pages)
        try:
            writer.append(io.BytesIO(part.pdf), import_outline=False)
        except (PyPdfError, ValueError, KeyError) as error:
            raise PdfFinishError(f"cannot merge '{part.title}': {error}") from None
        if len(writer.pages) > first_page:
            writer.add_outline_item(title=part.title, page_number=first_page)
    writer.add_metadata({NameObject("/Producer"): TextStringObject("pypdf")})
    output = io.BytesIO()
    writer.write(output)
    return finish_pdf(output.getvalue(), metadata, repair_text=False)
