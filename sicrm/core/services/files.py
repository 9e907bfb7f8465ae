"""Uploaded files: checked, stored, recorded as StoredFile rows."""
from __future__ import annotations

import mimetypes
import unicodedata
from pathlib import PurePath
from typing import BinaryIO

from flask import current_app, send_file
from flask_babel import lazy_gettext as _l

from sicrm.core.downloads import set_download_name
from sicrm.core.errors import ServiceError
from sicrm.core.models import StoredFile
from sicrm.core.storage import get_storage
from sicrm.extensions import db

_OLE = b"\xd0\xcf\x11\xe0"
#: an Office Open XML file is a zip, or an OLE container once password-protected
_OOXML = (b"PK\x03\x04", _OLE)
#: extension → content types its bytes may be (checked by magic numbers below)
ALLOWED = {
    ".pdf": b"%PDF", ".docx": _OOXML, ".xlsx": _OOXML, ".pptx": _OOXML,
    ".doc": b"\xd0\xcf\x11\xe0", ".xls": b"\xd0\xcf\x11\xe0", ".ppt": b"\xd0\xcf\x11\xe0",
    ".txt": None, ".md": None, ".csv": None, ".png": b"\x89PNG", ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff", ".zip": b"PK\x03\x04",
}


def clean_filename(name: str) -> str:
    """Keep the last path part, printable characters only (Chinese kept)."""
    name = unicodedata.normalize("NFC", PurePath((name or "").replace("\\", "/")).name)
    name = "".join(c for c in name if c.isprintable() and c not in '<>:"/\\|?*').strip(" .")
    return name[:200] or "file"


def looks_like_text(head: bytes) -> bool:
    """The start of a text file: UTF-8, or GB18030/GBK as Chinese Windows editors
    save it (a character cut at the end of `head` does not count)."""
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            if error.start >= len(head) - 4:
                return True
    return False


def _check_content(extension: str, head: bytes) -> None:
    magic = ALLOWED.get(extension)
    if magic is None:
        if not looks_like_text(head):
            raise ServiceError(_l("The file's content does not match its type."), "file")
        return
    if not head.startswith(magic):
        raise ServiceError(_l("The file's content does not match its type."), "file")


def check_upload(stream: BinaryIO, filename: str) -> str:
    """Refuse a file by its name, type and first bytes (the size is checked while
    storing); return the cleaned name. The stream is rewound afterwards."""
    filename = clean_filename(filename)
    extension = PurePath(filename).suffix.lower()
    if extension not in ALLOWED:
        raise ServiceError(
            _l("Files of this type are not accepted. Allowed: %(types)s",
               types=", ".join(sorted(ALLOWED))), "file")
    head = stream.read(2048)
    if not head:
        raise ServiceError(_l("The file is empty."), "file")
    _check_content(extension, head)
    stream.seek(0)
    return filename


def store_file(actor, stream: BinaryIO, filename: str) -> StoredFile:
    """Check name, type, size and content; store; return the flushed row."""
    filename = check_upload(stream, filename)
    limit = current_app.config.get("SICRM_MAX_UPLOAD_MB", 50) * 1024 * 1024
    storage = get_storage()
    key, sha256, size = storage.put(stream)
    if size > limit:
        storage.delete(key)  # no row can reference an over-limit file
        raise ServiceError(_l("The file is larger than %(mb)d MB.",
                              mb=limit // (1024 * 1024)), "file")
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    stored = StoredFile(filename=filename, content_type=content_type, size=size,
                        sha256=sha256, storage_key=key,
                        uploaded_by_id=getattr(actor, "id", None))
    db.session.add(stored)
    db.session.flush()
    return stored


def send_stored_file(stored: StoredFile, as_attachment: bool = True):
    """A response that downloads the file under its original name."""
    response = send_file(get_storage().open(stored.storage_key),
                         mimetype=stored.content_type, max_age=0, etag=stored.sha256)
    return set_download_name(response, stored.filename,
                             "attachment" if as_attachment else "inline")
