"""The scheduled sweep of stored files no row refers to (core/tasks.py): a killed
upload's file and temporary file go once older than the grace period; a referenced
file, an upload in flight and a file kept for a form's next step stay."""
from __future__ import annotations

import io
import os
import time

import pytest

from sicrm.core import jobs
from sicrm.core.services.files import store_file
from sicrm.core.storage import get_storage
from sicrm.core.tasks import sweep_orphan_files
from sicrm.extensions import db as _db

DAY = 24 * 3600


@pytest.fixture
def storage(app, db, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "SICRM_STORAGE_DIR", str(tmp_path / "files"))
    return get_storage()


def _age(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_sweep_removes_old_unreferenced_files_only(storage, admin):
    referenced = store_file(admin, io.BytesIO(b"%PDF-1.4 kept"), "合同.pdf")
    _db.session.commit()
    orphan, _sha, _size = storage.put(io.BytesIO(b"killed before its commit"))
    fresh, _sha, _size = storage.put(io.BytesIO(b"an upload in flight"))
    leftover = storage.root / "tmpabc123"
    leftover.write_bytes(b"half an upload")
    for key in (referenced.storage_key, orphan):
        _age(storage._path(key), 2 * DAY)
    _age(leftover, 2 * DAY)

    assert sweep_orphan_files() == 2
    assert storage._path(referenced.storage_key).exists()
    assert storage._path(fresh).exists()
    assert not storage._path(orphan).exists() and not leftover.exists()
    assert sweep_orphan_files() == 0
    # once past the grace period the in-flight file goes too (it never got a row)
    assert sweep_orphan_files(now=time.time() + 2 * DAY) == 1


def test_storing_again_refreshes_an_old_orphan(storage, admin):
    """The same content uploaded again reuses the old file: it is made fresh, so a
    sweep between the upload and its commit cannot remove it."""
    key, _sha, _size = storage.put(io.BytesIO(b"same bytes"))
    _age(storage._path(key), 2 * DAY)
    storage.put(io.BytesIO(b"same bytes"))
    assert sweep_orphan_files() == 0 and storage._path(key).exists()


def test_the_sweep_is_a_registered_job(app):
    job = jobs.REGISTRY["sicrm.orphan_files"]
    assert job.work is sweep_orphan_files
    assert app.config[job.seconds_setting] == 3600
