"""PDF documents through pypdfium2: page count, first-page size, the first page rendered for thumbnails."""

from __future__ import annotations

import threading

import pypdfium2 as pdfium

from dam.errors import Rejected
from dam.ingest.media import Content, Decoded
from dam.ingest.metadata import Embedded, clean_text, from_xmp

# PDFium is not thread-safe; in a worker process there is one thread, but the app may ingest from several.
_PDFIUM = threading.Lock()


def decode(content: Content, box: int) -> Decoded:
    """Page count and first-page size; the first page drawn to fill a `box` px thumbnail."""
    source = content.data if content.data is not None else str(content.path)
    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(source)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise Rejected("PDF is password-protected") from None
            raise Rejected(f"corrupt or truncated PDF ({exc})") from None
        try:
            page_count = len(pdf)
            if page_count == 0:
                raise Rejected("PDF has no pages")
            page = pdf[0]
            # Sizes are in points (1/72 in), a PDF's own unit; the page is drawn to fill the thumbnail.
            width, height = page.get_size()
            scale = box / max(width, height, 1.0)
            picture = page.render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil()
            info = pdf.get_metadata_dict(skip_empty=True)
        finally:
            pdf.close()
    # The Info dictionary's Title is what "Save as PDF" fills in; XMP, when present, is the more deliberate one.
    embedded = from_xmp(content.xmp_packet()).over(Embedded(title=clean_text(info.get("Title"))))
    return Decoded(
        picture=picture, width=round(width), height=round(height), embedded=embedded, page_count=page_count
    )

