"""Download responses: every route that names a file for the browser goes through
`content_disposition`, so a Chinese file name travels as RFC 6266 / RFC 5987
(`filename*=UTF-8''…`) beside a plain ASCII `filename="…"` for old clients. A header
must be Latin-1 on the wire: a raw Chinese name there is a UnicodeEncodeError in the
WSGI server and a request that never answers."""
from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote

from flask import Response

#: characters RFC 5987 allows unescaped in an ext-value (attr-char)
_ATTR_CHARS = "!#$&+-.^_`|~"
_UNSAFE_ASCII = re.compile(r'[^A-Za-z0-9!#$&+\-.^_`|~ ()\[\]{}@,;=]+')


def ascii_fallback(filename: str, default: str = "download") -> str:
    """A plain ASCII stand-in for `filename` (accents dropped, other characters left
    out), keeping the extension; `default` when nothing of the stem is left."""
    path = PurePath(filename or "")
    stem = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
    stem = _UNSAFE_ASCII.sub("_", stem).strip(" ._-")
    suffix = unicodedata.normalize("NFKD", path.suffix).encode("ascii", "ignore").decode()
    suffix = _UNSAFE_ASCII.sub("", suffix)
    return f"{stem or default}{suffix if len(suffix) > 1 else ''}"


def content_disposition(filename: str, disposition: str = "attachment",
                        fallback: str | None = None) -> str:
    """The Content-Disposition value naming `filename` (any Unicode)."""
    filename = "".join(c for c in filename or "" if c.isprintable()) or "download"
    plain = ascii_fallback(fallback or filename)
    value = f'{disposition}; filename="{plain}"'
    if plain != filename:
        value += f"; filename*=UTF-8''{quote(filename, safe=_ATTR_CHARS)}"
    return value


def set_download_name(response: Response, filename: str, disposition: str = "attachment",
                      fallback: str | None = None) -> Response:
    response.headers["Content-Disposition"] = content_disposition(filename, disposition,
                                                                  fallback)
    return response


def download_response(body, filename: str, content_type: str,
                      disposition: str = "attachment",
                      fallback: str | None = None) -> Response:
    """A response carrying `body` as a file named `filename`."""
    return set_download_name(Response(body, content_type=content_type), filename,
                             disposition, fallback)
