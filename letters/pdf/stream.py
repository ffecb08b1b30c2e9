"""A PDF written out page by page as it is drawn, so a long document's memory stays flat.

reportlab keeps every finished page (its drawing operators, then its compressed stream) until the
document is saved, and only then writes the file. A PDF does not need that: its cross-reference
table at the end says where each object starts, in any order. So here each page and its content
stream are written out as soon as the page is finished, and dropped; what only the end can know
(the embedded font subsets, which grow with every page, the page tree, the catalog) follows last.
What stays in memory per page is its small dictionary, for the page tree.

    canvas = Canvas(io.BytesIO(), pagesize=A4)   # the canvas's own file is never written
    stream = PageStream(canvas)
    ... draw, canvas.showPage() ...
    yield stream.take()      # the bytes of the pages finished so far
    yield stream.finish()    # the rest of the file
"""
from __future__ import annotations

from reportlab.pdfbase.pdfdoc import (PDFCrossReferenceTable, PDFIndirectObject, PDFObject, PDFStream,
                                      PDFTrailer, pdfdocEnc)
from reportlab.pdfgen.canvas import Canvas


class _Written(PDFObject):
    """Stands in for an object already in the file: it is never formatted again."""

    def format(self, document) -> bytes:
        raise RuntimeError("an object written out was formatted again")


_WRITTEN = _Written()


class _WrittenPage(_Written):
    """A page already in the file, as the page tree still names it: by its name alone."""

    def __init__(self, name: str) -> None:
        self.__InternalName__ = name  # the attribute reportlab names pages by


class PageStream:
    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.document = canvas._doc
        self.document.encrypt.prepare(self.document)
        self.offset = 0
        self.pages_written = 0
        self.written: set[str] = set()
        self.chunks: list[bytes] = []
        self.is_finished = False

    def _add(self, data: bytes) -> int:
        at = self.offset
        self.chunks.append(data)
        self.offset += len(data)
        return at

    def _write(self, name: str) -> None:
        document = self.document
        data = PDFIndirectObject(name, document.idToObject[name]).format(document)
        document.idToOffset[name] = self._add(data)
        self.written.add(name)

    def _drain(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data

    def take(self) -> bytes:
        """The bytes of every page finished since the last call (the file's header first)."""
        document = self.document
        if self.offset == 0:
            # The same header reportlab writes: the high bytes tell tools the file is binary.
            self._add(pdfdocEnc("%PDF-{}.{}".format(*document._pdfVersion))
                      + b"\n%\223\214\213\236 ReportLab Generated PDF document (opensource)\n")
        pages = document.Pages.pages
        for index in range(self.pages_written, len(pages)):
            page_name = pages[index].__InternalName__
            before = document.objectcounter
            self._write(page_name)
            # Formatting the page registered its content stream: written now, then let go.
            for number in range(before + 1, document.objectcounter + 1):
                name = document.numberToId[number]
                if isinstance(document.idToObject[name], PDFStream):
                    self._write(name)
                    document.idToObject[name] = _WRITTEN
            pages[index] = document.idToObject[page_name] = _WrittenPage(page_name)
        self.pages_written = len(pages)
        return self._drain()

    def finish(self) -> bytes:
        """The rest of the file: the last pages, fonts, page tree, catalog, cross-references."""
        if self.is_finished:
            raise RuntimeError("the document is already finished")
        self.is_finished = True
        canvas, document = self.canvas, self.document
        if len(canvas._code):
            canvas.showPage()
        self.take()
        # What reportlab's GetPDFData does before formatting the file.
        for font in document.delayedFonts:
            font.addObjects(document)
        document.info.invariant = document.invariant
        document.info.digest(document.signature)
        catalog, info = document.Reference(document.Catalog), document.Reference(document.info)
        document.Outlines.prepare(document, canvas)
        if document.Outlines.ready < 0:
            document.Catalog.Outlines = None
        # Every object not yet written, in number order; formatting one may register more.
        number = 1
        while number in document.numberToId:
            name = document.numberToId[number]
            if name not in self.written:
                self._write(name)
            number += 1
        ids = [document.numberToId[n] for n in range(1, number)]
        xref = PDFCrossReferenceTable()
        xref.addsection(0, ids)
        start = self._add(xref.format(document))
        trailer = PDFTrailer(startxref=start, Size=len(ids) + 1, Root=catalog, Info=info, ID=document.ID())
        self._add(trailer.format(document))
        return self._drain()
