"""File storage behind a small interface: local folder under instance/ by default
(an S3-compatible backend can implement the same three methods later)."""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from flask import current_app


class Storage(Protocol):
    def put(self, stream: BinaryIO) -> tuple[str, str, int]:
        """Store the bytes; return (storage key, sha256, size)."""

    def open(self, key: str) -> BinaryIO: ...

    def delete(self, key: str) -> None: ...

    def sweep(self, keep: set[str], older_than: float) -> list[str]:
        """Remove what no row refers to (a key not in `keep`, an upload's leftover
        temporary file) last written before the epoch time `older_than`; return
        what was removed."""


#: the temporary files `put` writes before renaming them to their key (tempfile's)
_TMP_PREFIX = "tmp"


class LocalStorage:
    """Content-addressed files in a folder: the key is the sha256, split in two
    levels (ab/cd/abcd…), so the same content is stored once."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if len(key) != 64 or not all(c in "0123456789abcdef" for c in key):
            raise ValueError("bad storage key")
        return self.root / key[:2] / key[2:4] / key

    def put(self, stream: BinaryIO) -> tuple[str, str, int]:
        self.root.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        with tempfile.NamedTemporaryFile(dir=self.root, prefix=_TMP_PREFIX,
                                         delete=False) as tmp:
            for chunk in iter(lambda: stream.read(1 << 16), b""):
                digest.update(chunk)
                size += len(chunk)
                tmp.write(chunk)
        key = digest.hexdigest()
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            os.unlink(tmp.name)
            os.utime(path)  # fresh again: the orphan sweep leaves it alone for its grace
        else:
            os.replace(tmp.name, path)
        return key, key, size

    def open(self, key: str) -> BinaryIO:
        return self._path(key).open("rb")

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def _files(self) -> Iterator[tuple[str | None, Path]]:
        """(key or None, path) of everything under the root that put() writes."""
        if not self.root.is_dir():
            return
        for tmp in self.root.glob(f"{_TMP_PREFIX}*"):
            if tmp.is_file():
                yield None, tmp
        for first in self.root.iterdir():
            if not (first.is_dir() and len(first.name) == 2):
                continue
            for second in first.iterdir():
                if second.is_dir():
                    for path in second.iterdir():
                        if path.name.startswith((first.name + second.name)) \
                                and len(path.name) == 64:
                            yield path.name, path

    def sweep(self, keep: set[str], older_than: float) -> list[str]:
        removed = []
        for key, path in self._files():
            if key in keep:
                continue
            try:  # stat just before unlinking: a put() in between touched it
                if path.stat().st_mtime >= older_than:
                    continue
                path.unlink()
            except FileNotFoundError:
                continue
            removed.append(key or path.name)
        return removed


def get_storage() -> Storage:
    root = current_app.config.get("SICRM_STORAGE_DIR") or Path(
        current_app.config["INSTANCE_DIR"]) / "files"
    return LocalStorage(root)
