"""Text of an uploaded file, kept on its version for search.

PDF through pypdf, DOCX through python-docx, XLSX through openpyxl, PPTX through
python-pptx (every slide's text, tables and notes), plain text (TXT, Markdown, CSV)
decoded as UTF-8 (with or without a byte-order mark) or else GB18030, the superset of
the GBK that Chinese Windows editors write. A file that cannot be read (malformed,
encrypted) gives a status and an error, never an exception: the upload is kept
either way.

Reading is bounded so that one upload cannot pin a web worker: an Office file's
sizes are checked in the zip's directory before anything is unzipped (a 300 KB DOCX
holding 100 MB of XML is refused at once), the text is cut at MAX_CHARS, and the
readers stop when MAX_SECONDS have passed. Such a file is stored with the status
"too_large" (text not extracted)."""
from __future__ import annotations

import codecs
import logging
import time
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from docx import Document
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

log = logging.getLogger(__name__)

#: more text than this is cut (a search index needs no more)
MAX_CHARS = 1_000_000
#: an Office file whose parts unzip to more than this is not opened (zip bombs)
MAX_UNZIPPED = 200 * 1024 * 1024
#: nor one whose XML parts (all but the pictures and embedded files) unzip to more:
#: they are parsed in memory (a 500-page Word document has a few MB of XML)
MAX_XML_UNZIPPED = 32 * 1024 * 1024
#: parts not parsed for text (pictures, embedded files, fonts)
BINARY_PARTS = ("word/media/", "ppt/media/", "xl/media/", "word/embeddings/",
                "ppt/embeddings/", "xl/embeddings/", "word/fonts/", "docProps/thumbnail")
#: reading a file's text stops after this long
MAX_SECONDS = 10.0
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
TEXT_EXTENSIONS = (".txt", ".md", ".csv")
OOXML_PARTS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml",
               ".pptx": "ppt/presentation.xml"}
#: tried in this order on plain text; GB18030 decodes GBK and GB2312 too
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class Extracted:
    text: str | None
    status: str  # ok, empty, failed, encrypted, unsupported, too_large
    error: str | None = None


class Encrypted(Exception):
    pass


class TooLarge(Exception):
    """Over a size or time limit: the file is kept, its text is not read."""


class Budget:
    """The time one file's reading may take."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise TooLarge(f"reading the text took longer than {self.seconds:g} s")


def _clip(text: str) -> str:
    text = text.replace("\x00", "")
    return text[:MAX_CHARS]


def _pdf(stream: BinaryIO, budget: Budget) -> str:
    reader = PdfReader(stream)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # many PDFs only restrict printing or copying
        except Exception as error:  # noqa: BLE001 - missing crypto backend included
            raise Encrypted(str(error)) from error
        if not opened:
            raise Encrypted("the PDF needs a password")
    parts, size = [], 0
    for page in reader.pages:
        budget.check()
        part = page.extract_text() or ""
        parts.append(part)
        size += len(part)
        if size >= MAX_CHARS:
            break
    return "\n".join(parts)


def _check_zip(stream: BinaryIO, extension: str) -> None:
    with zipfile.ZipFile(stream) as archive:
        infos = archive.infolist()
        if sum(info.file_size for info in infos) > MAX_UNZIPPED:
            raise TooLarge("the file is too large once unzipped")
        xml = sum(info.file_size for info in infos
                  if not info.filename.startswith(BINARY_PARTS))
        if xml > MAX_XML_UNZIPPED:
            raise TooLarge(f"its XML unzips to {xml // (1024 * 1024)} MB "
                           f"(at most {MAX_XML_UNZIPPED // (1024 * 1024)} MB are read)")
        names = {info.filename for info in infos}
        if OOXML_PARTS[extension] not in names:
            raise ValueError(f"not an Office file: {OOXML_PARTS[extension]} is missing")
    stream.seek(0)


def _docx(stream: BinaryIO, budget: Budget) -> str:
    _check_zip(stream, ".docx")
    document = Document(stream)
    budget.check()
    parts, size = [], 0
    for paragraph in document.paragraphs:
        parts.append(paragraph.text)
        size += len(parts[-1])
        if size >= MAX_CHARS:
            return "\n".join(parts)
        if len(parts) % 1000 == 0:
            budget.check()
    for table in document.tables:
        for row in table.rows:
            budget.check()
            parts.append("\t".join(cell.text for cell in row.cells))
            size += len(parts[-1])
            if size >= MAX_CHARS:
                return "\n".join(parts)
    return "\n".join(parts)


def _xlsx(stream: BinaryIO, budget: Budget) -> str:
    _check_zip(stream, ".xlsx")
    workbook = load_workbook(stream, read_only=True, data_only=True)
    parts, size = [], 0
    try:
        for sheet in workbook.worksheets:
            parts.append(sheet.title)
            for number, row in enumerate(sheet.iter_rows(values_only=True)):
                if number % 1000 == 0:
                    budget.check()
                line = "\t".join(str(v) for v in row if v is not None)
                if line:
                    parts.append(line)
                    size += len(line)
                if size >= MAX_CHARS:
                    return "\n".join(parts)
    finally:
        workbook.close()
    return "\n".join(parts)


def _shape_text(shape, parts: list[str]) -> None:
    """A shape's text: its text frame, its table's rows, a group's members."""
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        for member in shape.shapes:
            _shape_text(member, parts)
        return
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        parts.append(shape.text_frame.text)
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))


def _pptx(stream: BinaryIO, budget: Budget) -> str:
    _check_zip(stream, ".pptx")
    presentation = Presentation(stream)
    parts, size = [], 0
    for slide in presentation.slides:
        budget.check()
        before = len(parts)
        for shape in slide.shapes:
            _shape_text(shape, parts)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            parts.append(slide.notes_slide.notes_text_frame.text)
        size += sum(len(part) for part in parts[before:])
        if size >= MAX_CHARS:
            break
    return "\n".join(part for part in parts if part.strip())


def _plain(stream: BinaryIO, budget: Budget) -> str:
    limit = MAX_CHARS * 4
    raw = stream.read(limit)
    cut = len(raw) == limit and stream.read(1) != b""
    for encoding in TEXT_ENCODINGS:
        try:
            # when the read limit cut the file, a character split at the very end is
            # left out instead of failing the whole file
            return codecs.getincrementaldecoder(encoding)().decode(raw, final=not cut)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


READERS = {".pdf": _pdf, ".docx": _docx, ".xlsx": _xlsx, ".pptx": _pptx,
           **{extension: _plain for extension in TEXT_EXTENSIONS}}


def extract_text(stream: BinaryIO, extension: str,
                 seconds: float | None = None) -> Extracted:
    """The file's text and how reading it went; never raises for a bad file.
    Reading stops after `seconds` (MAX_SECONDS)."""
    reader = READERS.get(extension.lower())
    if reader is None:
        return Extracted(None, "unsupported")
    head = stream.read(8)
    stream.seek(0)
    if extension.lower() in OOXML_PARTS and head.startswith(OLE_MAGIC):
        return Extracted(None, "encrypted", "the file is password-protected")
    try:
        text = reader(stream, Budget(MAX_SECONDS if seconds is None else seconds))
    except Encrypted as error:
        return Extracted(None, "encrypted", str(error)[:500] or None)
    except TooLarge as error:
        log.info("text not extracted: %s", error)
        return Extracted(None, "too_large", str(error)[:500])
    except Exception as error:  # noqa: BLE001 - any failure of a parser on bad input
        log.info("text extraction failed: %r", error)
        return Extracted(None, "failed", f"{type(error).__name__}: {error}"[:500])
    text = _clip(text).strip()
    return Extracted(text, "ok") if text else Extracted(None, "empty")
