"""Uploads kept across the steps of a form.

A form that is shown again — a validation error, an over-budget confirmation, a
service's refusal — cannot refill its file inputs: browsers never prefill them. So
the files of that request are *kept*: written to the storage (content-addressed, not
yet a StoredFile row) and named in the re-rendered form by a signed token (a checked
checkbox "receipt.pdf kept", `<field>_kept`), which the next submit turns back into
the file. A new file chosen in a single-file field replaces the kept one; unticking
it drops it. A kept file no row ever refers to is removed by the orphan sweep
(core/tasks.py) after its grace period; its token expires before that.

In a view::

    uploads = KeptUploads(form.receipt)
    if form.validate_on_submit() and uploads.check(form) and commit_service(
            lambda: service(..., files=uploads.files()), form):
        return redirect(...)
    uploads.keep()            # before rendering the form again
    return render_template(...)

The `field` macro shows the kept files under the file input."""
from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from flask import after_this_request, current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.datastructures import FileStorage

from sicrm.core.errors import ServiceError
from sicrm.core.services.files import check_upload
from sicrm.core.storage import get_storage

_SALT = "sicrm.kept-upload"


@dataclass(frozen=True)
class Kept:
    token: str
    filename: str
    key: str
    size: int


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=_SALT)


def max_age() -> int:
    """A kept file's token lasts half the orphan sweep's grace period, so the file
    is still there whenever its token is accepted."""
    return current_app.config["SICRM_ORPHAN_GRACE_HOURS"] * 3600 // 2


class KeptUploads:
    """The files of one file field (FileField or MultipleFileField) of this request:
    the ones chosen now and the ones kept from an earlier step."""

    def __init__(self, field, user=None):
        self.field = field
        self.user_id = getattr(user or current_user, "id", None)
        self.multiple = field.type == "MultipleFileField"
        self.token_name = f"{field.name}_kept"
        chosen = field.data if self.multiple else [field.data]
        self.fresh = [f for f in chosen or () if isinstance(f, FileStorage) and f.filename]
        self.kept: list[Kept] = []
        self.lost: list[str] = []
        if request.method == "POST":
            for token in request.form.getlist(self.token_name):
                self._load(token)
        if self.fresh and not self.multiple:
            self.kept = []  # a new choice replaces the kept file
        field.kept = self.kept

    def _load(self, token: str) -> None:
        try:
            data = _serializer().loads(token, max_age=max_age())
        except SignatureExpired:
            data = _serializer().loads(token)  # signed by us, only too old
            if isinstance(data, dict) and data.get("u") == self.user_id and data.get("n"):
                self.lost.append(str(data["n"]))
            return
        except BadSignature:
            return  # not ours: ignored
        if not isinstance(data, dict) or data.get("u") != self.user_id:
            return
        kept = Kept(token, str(data.get("n") or "file"), str(data.get("k")),
                    int(data.get("s") or 0))
        try:
            get_storage().open(kept.key).close()
        except (OSError, ValueError):
            self.lost.append(kept.filename)
            return
        self.kept.append(kept)

    def check(self, form) -> bool:
        """False (with an error on the field) when a kept file is gone or expired:
        submitting without it would silently lose it."""
        for name in self.lost:
            self.field.errors = [*self.field.errors, _l(
                "“%(name)s” was kept too long and is gone; please choose it again.",
                name=name)]
        return not self.lost

    def files(self) -> list[tuple[str, BinaryIO]]:
        """(filename, stream) of the kept files, then of the ones chosen now."""
        opened = [(k.filename, get_storage().open(k.key)) for k in self.kept]
        if opened:
            @after_this_request
            def _close(response):
                for _name, stream in opened:
                    stream.close()
                return response
        return opened + [(f.filename, f.stream) for f in self.fresh]

    def first(self) -> tuple[BinaryIO, str] | None:
        """(stream, filename) of the file of a single-file field, or None."""
        files = self.files()
        return (files[0][1], files[0][0]) if files else None

    def keep(self) -> list[Kept]:
        """Keep the files chosen in this request for the form shown again (a file
        refused by its own checks is not kept: choosing it again is the way out)."""
        storage = get_storage()
        for upload in self.fresh:
            try:
                upload.stream.seek(0)
                filename = check_upload(upload.stream, upload.filename)
            except (ServiceError, OSError):
                continue
            key, _sha, size = storage.put(upload.stream)
            token = _serializer().dumps({"u": self.user_id, "k": key, "n": filename,
                                         "s": size})
            self.kept.append(Kept(token, filename, key, size))
        self.fresh = []
        self.field.kept = self.kept
        return self.kept
