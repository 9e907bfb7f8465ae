"""What an import reads: the files of a folder on the server or of a zip archive,
each with its path of folders, in a stable order.

Hidden and system files (.DS_Store, Thumbs.db, desktop.ini, Office lock files ~$…,
__MACOSX/) are left out. A zip is checked before anything is read: the number of
members and their total unzipped size are capped (zip bombs), a member whose path
leaves the archive (../, an absolute path, a drive, a link) is refused, and names
are decoded as UTF-8 when the archive says so, else UTF-8 or GBK (zips made on Chinese
Windows), else CP437 as the zip standard has it."""
from __future__ import annotations

import hashlib
import os
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from flask_babel import lazy_gettext as _l

from sicrm.core.errors import ServiceError

#: a zip with more members than this is refused whole
MAX_MEMBERS = 10_000
#: a zip whose members unzip to more than this is refused whole
MAX_UNZIPPED = 2 * 1024 ** 3
SYSTEM_FILES = {".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"}
SYSTEM_FOLDERS = {"__macosx", "$recycle.bin", "system volume information"}
_READABLE = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


class Unreadable(Exception):
    """A file of the source could not be read (I/O error, damaged zip member)."""


@dataclass(frozen=True)
class Entry:
    """A file of the source. `problem` is a reason code when it must not be read
    (unsafe_path, encrypted_member, unsupported_compression)."""

    path: str
    folders: tuple[str, ...]
    name: str
    problem: str | None = None
    opener: Callable[[], BinaryIO] | None = field(default=None, compare=False)
    #: the size the file says it has (a zip's header, the file system), if known
    size: int | None = None

    def open(self) -> BinaryIO:
        try:
            return self.opener()
        except (OSError, RuntimeError, zipfile.BadZipFile) as error:
            raise Unreadable(str(error)) from error

    def sha256(self) -> str:
        digest = hashlib.sha256()
        try:
            with self.open() as stream:
                for chunk in iter(lambda: stream.read(1 << 16), b""):
                    digest.update(chunk)
        except (OSError, EOFError, RuntimeError, zipfile.BadZipFile, ValueError) as error:
            raise Unreadable(str(error)) from error
        return digest.hexdigest()


def is_system(parts: list[str] | tuple[str, ...]) -> bool:
    """Hidden or operating-system files and folders, which are never imported."""
    *folders, name = parts
    if any(p.startswith(".") or p.lower() in SYSTEM_FOLDERS for p in folders):
        return True
    return name.startswith((".", "~$")) or name.lower() in SYSTEM_FILES


def _from_filesystem(name: str) -> str:
    """A file name as the OS gave it; bytes that are not UTF-8 (a GBK name copied
    from Windows) are read as GB18030."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            return raw.decode("utf-8", errors="replace")
    return name


class FolderSource:
    """The files under a folder of the server, walked in name order; links to
    folders are not followed."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        if not self.root.is_dir():
            raise ServiceError(_l("No folder or zip file at %(path)s.", path=str(root)))
        self.label = str(self.root)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def entries(self) -> Iterator[Entry]:
        for directory, folders, files in os.walk(self.root, followlinks=False):
            folders.sort()
            relative = Path(directory).relative_to(self.root).parts
            shown = tuple(_from_filesystem(p) for p in relative)
            folders[:] = [f for f in folders if not is_system([*shown, _from_filesystem(f), "x"])]
            for name in sorted(files):
                full = Path(directory) / name
                parts = (*shown, _from_filesystem(name))
                if is_system(parts) or not full.is_file():
                    continue
                yield Entry("/".join(parts), shown, parts[-1],
                            opener=lambda full=full: full.open("rb"),
                            size=full.stat().st_size)


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name: UTF-8 when flagged, else UTF-8 or GBK by trial, else CP437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")  # how zipfile decoded the raw bytes
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _unsafe(name: str, parts: list[str], info: zipfile.ZipInfo) -> bool:
    if name.startswith("/") or (parts and len(parts[0]) == 2 and parts[0][1] == ":"):
        return True
    if any(p == ".." for p in parts):
        return True
    return stat.S_ISLNK(info.external_attr >> 16)


class ZipSource:
    """The files of a zip archive (an upload or a file on the server); nothing is
    unpacked to disk, each member is read as a stream."""

    def __init__(self, stream: BinaryIO | str, label: str):
        self.label = label
        try:
            self.archive = zipfile.ZipFile(stream)
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise ServiceError(_l("The file is not a readable zip archive."), "file") from error
        files = [info for info in infos if not info.is_dir()]
        if len(files) > MAX_MEMBERS:
            self.archive.close()
            raise ServiceError(_l("The zip archive holds more than %(count)d files: please "
                                  "split it.", count=MAX_MEMBERS), "file")
        if sum(info.file_size for info in files) > MAX_UNZIPPED:
            self.archive.close()
            raise ServiceError(_l("The zip archive unzips to more than %(gb)d GB: please "
                                  "split it.", gb=MAX_UNZIPPED // 1024 ** 3), "file")
        self.infos = files

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.archive.close()

    def entries(self) -> Iterator[Entry]:
        found = []
        for info in self.infos:
            name = member_name(info).replace("\\", "/")
            parts = [p for p in name.split("/") if p not in ("", ".")]
            if not parts:
                continue
            if _unsafe(name, parts, info):
                found.append(Entry(name, (), parts[-1], "unsafe_path"))
                continue
            if is_system(parts):
                continue
            problem = None
            if info.flag_bits & 0x1:
                problem = "encrypted_member"
            elif info.compress_type not in _READABLE:
                problem = "unsupported_compression"
            found.append(Entry("/".join(parts), tuple(parts[:-1]), parts[-1], problem,
                               opener=lambda info=info: self.archive.open(info),
                               size=info.file_size))
        yield from sorted(found, key=lambda entry: entry.path)


def open_path(path: str | os.PathLike):
    """The source at a path of the server: a folder, or a zip file."""
    path = Path(path)
    if path.is_file() and path.suffix.lower() == ".zip":
        return ZipSource(str(path), str(path))
    return FolderSource(path)
